import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SERVER_ENV } from './serverEnv.js';

export interface GatewayProcess {
  url: string;
  sample: Array<{ scheme: string; value: string }>;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts bench/support/gatewayProcess.ts and waits for its READY line. */
export async function startGatewayProcess(args: string[], extraNodeArgs: string[] = []): Promise<GatewayProcess> {
  const script = fileURLToPath(new URL('./gatewayProcess.ts', import.meta.url));
  const child = spawn(process.execPath, [...extraNodeArgs, '--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: SERVER_ENV });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`gateway process exited with ${code}`)));
    lines.on('line', (line) => { if (line.startsWith('READY ')) resolve(line); });
  });
  const [, url, json] = ready.match(/^READY (\S+) (.*)$/)!;
  return {
    url: url!,
    sample: JSON.parse(json!),
    child,
    stop: () => new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
