import { spawn, type ChildProcess } from 'node:child_process';
import { isAbsolute } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SERVER_ENV } from './serverEnv.js';

export interface Spawned {
  fields: string[];
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs a bench/support script with tsx in its own process and waits for its `READY …` line.
 * `script` is a file name in bench/support, or an absolute path (another checkout's script).
 */
export async function spawnReady(script: string, args: string[], nodeArgs: string[] = []): Promise<Spawned> {
  const path = isAbsolute(script) ? script : fileURLToPath(new URL(`./${script}`, import.meta.url));
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: SERVER_ENV });
  const lines = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    lines.on('line', (l) => { if (l.startsWith('READY ')) resolve(l); });
  });
  const fields = line.slice(6).split(' ');
  return {
    fields: [fields[0]!, fields.slice(1).join(' ')],
    child,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
