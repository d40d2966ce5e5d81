import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { GroupCommitAuditStore, type AuditEvent } from '../../src/audit/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { measured } from '../support/metrics.js';
import { percentile } from '../support/runLoad.js';

export interface AuditThroughputResult {
  scenario: 'auditThroughput';
  store: 'postgres' | 'pglite';
  /** `group`: the gateway's group commit; `per-request`: one commit per request (the baseline). */
  commit: 'group' | 'per-request';
  concurrency: number;
  eventsPerRequest: number;
  seconds: number;
  events: number;
  eventsPerSecond: number;
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  /** Events per database commit (one round trip each). */
  eventsPerCommit: number;
  /** This process's CPU per request, in ms: building and encoding the events and the driver (with PGlite, the database too, which runs in this process). */
  writerCpuMsPerRequest: number;
  /**
   * PostgreSQL's own CPU per request (all its processes, read from /proc), in ms: what storing a
   * request's events costs the database. Null for PGlite, which runs inside this process.
   */
  postgresCpuMsPerRequest: number | null;
}

const PG_URL = process.env.REINTEGRA_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Durable audit appends per second, as the gateway makes them: `concurrency` requests in a closed
 * loop, each appending `eventsPerRequest` events (50: the 50-person query) and waiting for the
 * commit. Measured with group commit and with one commit per request (the baseline it replaces),
 * on PostgreSQL (a fresh database, dropped afterwards; skipped when unreachable) and on PGlite.
 */
export async function auditThroughput(options: { seconds: number; concurrency: number; eventsPerRequest?: number }): Promise<AuditThroughputResult[]> {
  const eventsPerRequest = options.eventsPerRequest ?? 50;
  const results: AuditThroughputResult[] = [];
  for (const kind of ['postgres', 'pglite'] as const) {
    for (const commit of ['group', 'per-request'] as const) {
      const target = await openTarget(kind);
      if (!target) break;
      try {
        // Per request: a group holds exactly one request's events.
        const writer = new GroupCommitAuditStore(target.store, commit === 'group' ? {} : { maxGroupEvents: eventsPerRequest });
        await run(writer, options.concurrency, eventsPerRequest, Math.min(2, options.seconds)); // warm-up
        const before = { ...writer.stats };
        const { result: r, use } = await measured(process.pid, () => run(writer, options.concurrency, eventsPerRequest, options.seconds));
        const groups = writer.stats.groups - before.groups;
        results.push({
          scenario: 'auditThroughput',
          store: kind,
          commit,
          concurrency: options.concurrency,
          eventsPerRequest,
          seconds: r.seconds,
          events: r.requests * eventsPerRequest,
          eventsPerSecond: (r.requests * eventsPerRequest) / r.seconds,
          requestsPerSecond: r.requests / r.seconds,
          p50ms: r.p50ms,
          p99ms: r.p99ms,
          eventsPerCommit: groups === 0 ? 0 : (writer.stats.events - before.events) / groups,
          writerCpuMsPerRequest: (use.cpuSeconds * 1000) / r.requests,
          postgresCpuMsPerRequest: kind === 'postgres' ? (use.postgresCpuSeconds * 1000) / r.requests : null,
        });
      } finally {
        await target.close();
      }
    }
  }
  return results;
}

async function run(writer: GroupCommitAuditStore, concurrency: number, eventsPerRequest: number, seconds: number) {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const id = `bench-${n++}`;
        // One time for the request's events, as the gateway writes them (AuditCollector).
        const at = new Date().toISOString();
        const events = Array.from({ length: eventsPerRequest }, (_, i) => eventOf(id, i, at));
        const t0 = performance.now();
        await writer.append(events);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, seconds: elapsed, p50ms: percentile(latencies, 0.5), p99ms: percentile(latencies, 0.99) };
}

/** An event the size of a 50-person query's: one person, four agencies read, several categories. */
function eventOf(requestId: string, i: number, at: string): AuditEvent {
  return {
    at,
    requestId,
    caller: { sub: 'probation_officer.demo@probation', agency: 'probation', roles: ['probation_officer'], client: null },
    purpose: 'RELEASE_PLANNING',
    breakGlass: null,
    operation: { name: 'Fifty', documentHash: 'f'.repeat(64) },
    subject: `subject-${requestId}-${i}`.padEnd(43, 'x'),
    agencies: ['ngo', 'prison', 'probation', 'welfare'],
    released: ['CUSTODY', 'IDENTITY', 'INTERVENTION', 'PLAN', 'RISK', 'SUPERVISION', 'WELFARE'].map((category) => ({ category: category as never, agency: 'prison', fields: [`Person.${category.toLowerCase()}`, 'X.status'] })),
    withheld: [{ category: 'HEALTH', agency: 'welfare', fields: ['WelfareCase.healthNeeds'], reason: 'NO_AGREEMENT' }],
    outcome: 'PARTIAL',
    onCaseTeam: true,
  };
}

async function openTarget(kind: 'postgres' | 'pglite'): Promise<{ store: Store; close(): Promise<void> } | null> {
  if (kind === 'pglite') {
    const db = await PGlite.create();
    const store = await openStore({ kind: 'pglite' }, db);
    return { store, close: () => db.close() };
  }
  const name = `reintegra_bench_audit_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    console.warn(`auditThroughput: PostgreSQL at ${PG_URL.replace(/\/\/[^@/]*@/, '//')} not usable (${(error as Error).message}); measuring PGlite only`);
    await admin.end().catch(() => undefined);
    return null;
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const store = await openStore({ kind: 'postgres', url: url.toString(), poolSize: 8 });
  return {
    store,
    async close() {
      await store.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
