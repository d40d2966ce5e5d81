import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadCheckpointKeys, verifyLog } from '../../../src/audit/index.js';
import { mintDemoToken } from '../../../src/auth/index.js';
import { DEMO_AUDIT_SIGNING_KEY } from '../../../src/embedded/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { createTestDatabase } from '../../integration/audit/auditFixtures.js';
import { describeWithPostgres } from '../../support/servers.js';

const CHILD = fileURLToPath(new URL('./support/gatewayChild.ts', import.meta.url));
const QUERY = `query($ids: [IdentifierInput!]!) { people(identifiers: $ids) { id supervision { orderType } } }`;

describeWithPostgres('a gateway killed with SIGKILL under load', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let home: string;
  let child: ChildProcess;
  let store: Store | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('reintegra_audit_crash');
    home = await mkdtemp(join(tmpdir(), 'reintegra-crash-'));
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await store?.close();
    await db?.drop();
    await rm(home, { recursive: true, force: true });
  });

  it('leaves an event for every response a client received, and a log that verifies', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', CHILD, db.url], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, REINTEGRA_HOME: home } });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const ready = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`gateway process exited with ${code}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => { if (line.startsWith('READY ')) resolve(line); });
    });
    const [, url, json] = ready.match(/^READY (\S+) (.*)$/)!;
    const sample = JSON.parse(json!) as Array<{ scheme: string; value: string }>;
    const token = await mintDemoToken({ agency: 'probation', roles: ['probation_officer'], ttl: '10m' }, home);

    const answered: string[] = [];
    let cutOff = 0;
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const id = `crash-${next++}`;
        const ids = [sample[next % sample.length]!, sample[(next + 1) % sample.length]!];
        try {
          const res = await fetch(`${url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose-of-use': 'SUPERVISION', 'x-request-id': id },
            body: JSON.stringify({ query: QUERY, variables: { ids } }),
          });
          const body = (await res.json()) as { errors?: unknown };
          if (res.status === 200 && !body.errors) answered.push(id);
        } catch {
          cutOff += 1; // in flight when the process died
          return;
        }
      }
    };
    const load = Array.from({ length: 6 }, worker);
    // Long enough for the gateway's one-second checkpoints to sign part of the log before the kill.
    const started = Date.now();
    while ((answered.length < 60 || Date.now() - started < 2500) && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    killed = true;
    child.kill('SIGKILL');
    await Promise.all(load);
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    expect(answered.length).toBeGreaterThanOrEqual(20);

    store = await openStore({ kind: 'postgres', url: db.url, poolSize: 2 });
    const result = await verifyLog(store, await loadCheckpointKeys({ signingKey: DEMO_AUDIT_SIGNING_KEY }, '.'));
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.checkpoints).toBeGreaterThan(0);
    const { rows } = await store.query<{ request_id: string; n: string }>("SELECT request_id, count(*) AS n FROM reintegra.audit_event WHERE request_id LIKE 'crash-%' GROUP BY request_id");
    const logged = new Map(rows.map((r) => [r.request_id, Number(r.n)]));
    const missing = answered.filter((id) => logged.get(id) !== 2);
    expect(missing).toEqual([]);
    console.log(`crash test: ${answered.length} answered, ${cutOff} cut off by SIGKILL, ${logged.size} requests logged, ${result.treeSize} events verified`);
  });
});
