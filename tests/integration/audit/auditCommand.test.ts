import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuditLog, GroupCommitAuditStore, loadCheckpointKeys } from '../../../src/audit/index.js';
import { auditCommand } from '../../../src/cli/auditCommand.js';
import { DEMO_PSEUDONYM_KEY } from '../../../src/embedded/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { createTempDir, type TempDir } from '../../support/tempDir.js';
import { describeWithPostgres } from '../../support/servers.js';
import { createTestDatabase, newSigningKey, sampleEvent, tamper } from './auditFixtures.js';

const BIN = fileURLToPath(new URL('../../../bin/reintegra.js', import.meta.url));

function reintegra(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function configYaml(store: string, signingKey: string): string {
  return `store: ${store}
pseudonyms: { key: "test-only-pseudonym-key-with-32-characters" }
audit: { signingKey: '${signingKey}' }
agencies:
  - id: prison
    name: Prison
    type: PRISON
    issuer: { iss: "urn:test", jwks: "file:unused.json" }
    adapter: { kind: csv }
    roles: [prison_officer]
`;
}

/** Twelve events in six requests and a checkpoint, written the way the gateway writes them. */
async function fillLog(store: Store, signingKey: string): Promise<void> {
  const log = new AuditLog(store, new GroupCommitAuditStore(store), await loadCheckpointKeys({ signingKey }, '.'));
  for (let r = 0; r < 6; r++) await log.append([sampleEvent(`r${r}`, `a${r}`), sampleEvent(`r${r}`, `b${r}`)]);
  await log.checkpoint();
}

describe('reintegra audit verify on an on-disk PGlite store', () => {
  let dir: TempDir;
  let config: string;
  let signingKey: string;
  beforeAll(async () => {
    dir = await createTempDir('reintegra-audit-cli-');
    signingKey = await newSigningKey();
    config = await dir.write('gateway.yaml', configYaml(`{ kind: pglite, dataDir: ./data }`, signingKey));
    const store = await openStore({ kind: 'pglite', dataDir: `${dir.path}/data` });
    await fillLog(store, signingKey);
    await store.close();
  });
  afterAll(() => dir?.remove());

  it('refuses a second holder of the data directory while one has it open: one process at a time', async () => {
    const open = await openStore({ kind: 'pglite', dataDir: `${dir.path}/data` });
    try {
      const run = await reintegra(['audit', 'verify', '--config', config]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`reintegra: the store's data directory ${dir.path}/data is in use by process ${process.pid}: one gateway or command at a time; stop it first (if no such process of yours runs, delete ${dir.path}/data/reintegra.lock)\n`);
      await expect(openStore({ kind: 'pglite', dataDir: `${dir.path}/data` })).rejects.toThrow(`in use by process ${process.pid} (this one)`);
    } finally {
      await open.close();
    }
    // Released on close: the next holder opens it.
    const again = await openStore({ kind: 'pglite', dataDir: `${dir.path}/data` });
    await again.close();
  });

  it('refuses an empty --checkpoints file rather than verifying against nothing', async () => {
    const empty = await dir.write('empty-checkpoints.jsonl', '\n');
    const run = await reintegra(['audit', 'verify', '--config', config, '--checkpoints', empty]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`reintegra: --checkpoints: ${empty} holds no checkpoint\n`);
  });

  it('reports a data directory that holds no store, rather than verifying an empty log there', async () => {
    const typo = await dir.write('typo.yaml', configYaml(`{ kind: pglite, dataDir: ./dta }`, signingKey));
    const run = await reintegra(['audit', 'verify', '--config', typo]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`reintegra: no store at ${dir.path}/dta (store.dataDir): check the path\n`);
    const memory = await dir.write('memory.yaml', configYaml(`{ kind: pglite }`, signingKey));
    expect((await reintegra(['audit', 'count', '--config', memory])).stderr).toContain('the store is in memory');
  });

  it('refuses to serve with the embedded demo’s pseudonym key, which is public', async () => {
    const demoKey = await dir.write('demo-key.yaml', configYaml(`{ kind: pglite, dataDir: ./data }`, signingKey).replace('test-only-pseudonym-key-with-32-characters', DEMO_PSEUDONYM_KEY));
    const run = await reintegra(['serve', '--config', demoKey, '--port', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("pseudonyms.key is the demo's public key: set a secret of your own");
  });

  it('exits 0 when the whole log and its checkpoints verify', async () => {
    const run = await reintegra(['audit', 'verify', '--config', config]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^audit log verified: 12 events, 1 checkpoints, root [A-Za-z0-9+/]{43}=\n$/);
    expect(run.code).toBe(0);
  });

  it('checks checkpoints kept outside the database, as audit checkpoint --json printed them, and refuses a file of anything else', async () => {
    const signed = await reintegra(['audit', 'checkpoint', '--config', config, '--json']);
    expect(signed.code).toBe(0);
    const kept = await dir.write('kept-checkpoints.jsonl', signed.stdout);
    const run = await reintegra(['audit', 'verify', '--config', config, '--checkpoints', kept]);
    expect(run.stdout).toMatch(/^audit log verified: 12 events, 2 checkpoints \(and 1 kept outside the database\), root /);
    expect(run.code).toBe(0);
    const junk = await dir.write('junk.txt', 'not a checkpoint\n');
    const refused = await reintegra(['audit', 'verify', '--config', config, '--checkpoints', junk]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--checkpoints: line 1 of .*junk\.txt is neither a compact JWS nor a JSON line with one/);
  });

  it('warns that no signature covers the log when it has no checkpoint', async () => {
    const bare = await createTempDir('reintegra-audit-cli-');
    try {
      const signingKey = await newSigningKey();
      const bareConfig = await bare.write('gateway.yaml', configYaml(`{ kind: pglite, dataDir: ./data }`, signingKey));
      const store = await openStore({ kind: 'pglite', dataDir: `${bare.path}/data` });
      const log = new AuditLog(store, new GroupCommitAuditStore(store), await loadCheckpointKeys({ signingKey }, '.'));
      await log.append([sampleEvent('r0', 'a0'), sampleEvent('r0', 'b0')]);
      await store.close();
      const run = await reintegra(['audit', 'verify', '--config', bareConfig]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/\nwarning: no signed checkpoint covers any of the 2 events: a rewrite of the database that also recomputed the hashes would go unnoticed\n$/);
    } finally {
      await bare.remove();
    }
  });

  it('exits 1 naming the first bad entry once a row was altered', async () => {
    const store = await openStore({ kind: 'pglite', dataDir: `${dir.path}/data` });
    // The third request's row (leaves 4 and 5, seq 3): its caller rewritten.
    await tamper(store, `UPDATE reintegra.audit_request SET members = replace(members::text, 'officer-1', 'someone-else')::jsonb WHERE first_leaf = 4`);
    await store.close();
    const run = await reintegra(['audit', 'verify', '--config', config, '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; problems: Array<{ kind: string; leafIndex: number; seq: number }> };
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ kind: 'ALTERED', leafIndex: 4, seq: 3 });
  });
});

describeWithPostgres('reintegra audit verify on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: TempDir;
  let config: string;
  let store: Store;
  beforeAll(async () => {
    db = await createTestDatabase('reintegra_audit_cli');
    dir = await createTempDir('reintegra-audit-cli-');
    const signingKey = await newSigningKey();
    config = await dir.write('gateway.yaml', configYaml(`{ kind: postgres, url: "${db.url}" }`, signingKey));
    store = await openStore({ kind: 'postgres', url: db.url, poolSize: 2 });
    await fillLog(store, signingKey);
  });
  afterAll(async () => {
    await store?.close();
    await dir?.remove();
    await db?.drop();
  });

  it('exits 0 on an intact log and 1 naming the missing entry once a row was deleted', async () => {
    expect((await reintegra(['audit', 'verify', '--config', config])).code).toBe(0);
    await tamper(store, 'DELETE FROM reintegra.audit_request WHERE first_leaf = 6');
    const run = await reintegra(['audit', 'verify', '--config', config]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^audit log FAILED verification: first bad entry: leaf 6–7: missing \(the next row, seq 5, has leaf 8\)\n/);
  });
});

describe('reintegra audit without a store to read', () => {
  it('refuses to verify without --config, pointing to the API for the in-memory demo (exit 2)', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await auditCommand(['verify'])).toBe(2);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/--config is required: the embedded demo keeps its audit log in memory/);
    } finally {
      stderr.mockRestore();
    }
  });

  it('prints a new private ES256 key for audit.signingKey', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await auditCommand(['keygen'])).toBe(0);
      const jwk = JSON.parse(String(stdout.mock.calls[0]?.[0])) as Record<string, string>;
      expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
      expect(jwk.d).toBeTruthy();
    } finally {
      stdout.mockRestore();
    }
  });
});
