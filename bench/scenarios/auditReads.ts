import { GroupCommitAuditStore, callerVolume, searchEvents, subjectAccessReport, verifyLog, type AuditEvent, type CheckpointKeys } from '../../src/audit/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { freshDatabase } from '../support/benchConfig.js';

/**
 * Audit reads: what privacy officers wait for on a log of `requests` × 50 events (200,000 by
 * default), written by the gateway's own writer on PostgreSQL: a page of the 50 newest events for
 * each kind of filter the API offers, a subject access report, a day's volume per caller, and
 * verifying the whole log. Each figure is the mean of three runs after one unmeasured run. The
 * synthetic requests come a minute apart from three agencies' twenty officers each, about 20,000
 * people, one request in five reading two other agencies' systems, one in a hundred break-glass.
 */
export async function auditReads(options: { requests?: number } = {}) {
  const requests = options.requests ?? 4000;
  const store = await openStore({ kind: 'postgres', url: await freshDatabase('reintegra_bench_audit_reads'), poolSize: 4 });
  try {
    const writeStarted = performance.now();
    await fill(store, requests);
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    await store.query('VACUUM ANALYZE');
    const person = 'subject-123'.padEnd(43, 'x');
    const day = { from: '2026-11-02T00:00:00Z', to: '2026-11-03T00:00:00Z' };
    const page = (filter: Parameters<typeof searchEvents>[2], scope = 'probation', after?: number) => () => searchEvents(store, scope, filter, { first: 50, after: after ?? null });
    const ms: Record<string, number> = {
      newest: await timed(page({})),
      newestFromTheMiddle: await timed(page({}, 'probation', Math.floor((requests * 50) / 2))),
      person: await timed(page({ subject: person })),
      caller: await timed(page({ callerAgency: 'probation', callerSub: 'probation-officer-4' })),
      agencyRead: await timed(page({ agency: 'welfare' }, 'welfare')),
      breakGlass: await timed(page({ breakGlass: true })),
      outsideCaseTeam: await timed(page({ outsideCaseTeam: true })),
      sixHours: await timed(page({ from: '2026-11-02T00:00:00Z', to: '2026-11-02T06:00:00Z' })),
      requestId: await timed(page({ requestId: 'req-301' })),
      subjectAccessReport: await timed(() => subjectAccessReport(store, 'probation', person, { withStaffIdentities: true })),
      callerVolumeOneDay: await timed(() => callerVolume(store, 'probation', { ...day, factor: 3, minimum: 10 })),
    };
    const noKeys = { verifiers: new Map(), signer: null } as unknown as CheckpointKeys;
    const verifyStarted = performance.now();
    const verification = await verifyLog(store, noKeys);
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    if (!verification.ok || verification.treeSize !== requests * 50) throw new Error(`the log did not verify: ${JSON.stringify(verification.problems.slice(0, 3))}`);
    return { scenario: 'auditReads', events: requests * 50, requests, writeSeconds, pageOf50Ms: ms, verifySeconds };
  } finally {
    await store.close();
  }
}

async function fill(store: Store, requests: number): Promise<void> {
  const writer = new GroupCommitAuditStore(store);
  const agencies = ['prison', 'probation', 'welfare'];
  const start = Date.UTC(2026, 10, 1);
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let pending: Array<Promise<unknown>> = [];
  for (let r = 0; r < requests; r++) {
    const agency = agencies[r % 3]!;
    const at = new Date(start + r * 60_000).toISOString();
    const events: AuditEvent[] = Array.from({ length: 50 }, (_, i) => ({
      agencies: r % 5 === 0 ? ['prison', 'welfare'] : ['probation'],
      at,
      breakGlass: r % 100 === 0 ? 'emergency' : null,
      caller: { agency, client: null, roles: ['officer'], sub: `${agency}-officer-${r % 20}` },
      onCaseTeam: i % 7 !== 0,
      operation: { documentHash: 'f'.repeat(64), name: 'Q' },
      outcome: 'RELEASED',
      purpose: 'SUPERVISION',
      released: [{ agency: 'probation', category: 'IDENTITY', fields: ['names'] }],
      requestId: `req-${r}`,
      subject: `subject-${Math.floor(random() * 20000)}`.padEnd(43, 'x'),
      withheld: [],
    }));
    pending.push(writer.append(events));
    if (pending.length >= 16) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  await run();
  const started = performance.now();
  for (let i = 0; i < 3; i++) await run();
  return (performance.now() - started) / 3;
}
