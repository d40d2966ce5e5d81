/**
 * `reintegra serve --config` as deployed: stopped with SIGTERM it finishes its requests, signs a
 * last checkpoint of what it logged and exits 0; an on-disk PGlite store named by a relative
 * `dataDir` lies beside the config, wherever the command was started, so `reintegra audit
 * verify` finds the same log.
 */
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AUDIENCE, demoIssuerOf, loadDemoKeys, mintDemoToken, publicJwksOf } from '../../../src/auth/index.js';
import { createTempDir, type TempDir } from '../../support/tempDir.js';
import { newSigningKey } from '../../integration/audit/auditFixtures.js';

const BIN = fileURLToPath(new URL('../../../bin/reintegra.js', import.meta.url));
const NGO_MAPPING = fileURLToPath(new URL('../../../src/demo/mappings/ngo.yaml', import.meta.url));

describe('reintegra serve stopped with SIGTERM', () => {
  let dir: TempDir;
  let config: string;
  let elsewhere: string;
  let home: string;

  beforeAll(async () => {
    dir = await createTempDir('reintegra-shutdown-');
    home = join(dir.path, 'home');
    elsewhere = join(dir.path, 'elsewhere');
    await mkdir(join(dir.path, 'drop'));
    await mkdir(elsewhere);
    const keys = await loadDemoKeys(['ngo'], home);
    await dir.write('jwks.json', JSON.stringify(publicJwksOf(keys.ngo!)));
    config = await dir.write(
      'gateway.yaml',
      `server: { port: 0, host: 127.0.0.1 }
store: { kind: pglite, dataDir: ./data }
pseudonyms: { key: "test-only-pseudonym-key-with-32-characters" }
audit: { signingKey: '${await newSigningKey()}', checkpointIntervalSeconds: 3600 }
agencies:
  - id: ngo
    name: NGO
    type: CSO
    issuer: { iss: "${demoIssuerOf('ngo')}", audience: ${DEMO_AUDIENCE}, jwks: "file:jwks.json" }
    adapter: { kind: csv, path: ./drop, mapping: ${NGO_MAPPING} }
    roles: [programme_worker]
`,
    );
  });
  afterAll(() => dir?.remove());

  it('signs a checkpoint of the events it logged, exits 0, and leaves the log where `audit verify` looks', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--config', config], { cwd: elsewhere, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '', NODE_ENV: 'production' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'gateway ready') resolve(entry.url!);
      });
    });
    const token = await mintDemoToken({ agency: 'ngo', roles: ['programme_worker'], sub: 'ngo-worker-1' }, home);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ me { sub } }' }) });
      expect(await res.json()).toEqual({ data: { me: { sub: 'ngo-worker-1' } } });
    }
    // A request in flight when the signal comes (its body still arriving) is answered and logged.
    const late = request(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
    const answered = new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
      late.on('response', (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      });
      late.on('error', reject);
    });
    late.write('{"query":"{ me');
    await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    late.end(' { sub } }"}');
    expect(await answered).toEqual({ status: 200, body: JSON.stringify({ data: { me: { sub: 'ngo-worker-1' } } }) + '\n' });
    expect(await exited).toBe(0);
    expect(child.signalCode).toBeNull();

    const verify = spawn(process.execPath, [BIN, 'audit', 'verify', '--config', config], { cwd: elsewhere, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    verify.stdout.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => verify.once('exit', resolve));
    expect(out).toContain('audit log verified: 4 events, 1 checkpoints');
    expect(code).toBe(0);
  });
});
