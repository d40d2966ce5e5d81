/**
 * Runs the embedded demo gateway in its own process for a benchmark, so the load generator does
 * not share its event loop. Prints `READY <url> <json of knownToAll>` on stdout when serving.
 * Harness-only variants (never reachable from a deployment) are chosen by argv.
 */
import { pino } from 'pino';
import type { DecideFn } from '../../src/policy/index.js';
import { seedCaseTeams } from '../../src/coordination/index.js';
import { startEmbeddedGateway } from '../../src/embedded/index.js';
import { BENCH_OFFICER } from './benchOfficer.js';

const people = Number(process.argv[2] ?? 2000);
const variant = process.argv[3] ?? 'full';
// Harness-only variants, to measure what a part costs by its absence. Not reachable from a deployment.
const releaseEverything: DecideFn = () => ({ allow: true, basis: 'BENCHMARK', trace: [] });
const embedded = await startEmbeddedGateway({
  port: 0,
  people,
  logger: pino({ level: 'warn' }),
  // Benchmarks ask for up to 1,000 people in one request, and one caller sends all the load
  // (the per-caller rate limit would otherwise answer 429 once the gateway outpaces it).
  configure: (c) => {
    c.server.limits = { maxPeople: 1000, maxCost: 1_000_000 };
    c.server.rateLimit = { requestsPerMinute: 1_000_000, burst: 100_000 };
  },
  ...(variant === 'enforcement-off' ? { decide: releaseEverything, skipFacts: true } : {}),
  ...(variant === 'audit-off' ? { auditStore: { append: async (events: readonly unknown[]) => ({ first: -1, count: events.length }) } } : {}),
});
const core = embedded.world.people.filter((p) => embedded.world.knownToAll.includes(p.nationalId.value));
const others = embedded.world.people.filter((p) => !embedded.world.knownToAll.includes(p.nationalId.value) && p.refs.prison !== null).slice(0, 1000);
const sample = [...core, ...others].map((p) => ({ scheme: p.nationalId.scheme, value: p.nationalId.value }));
// The benchmark's caller is a probation officer put on these people's case teams, as a
// coordinator would through addCaseTeamMember: the measured request releases what it asks for.
await seedCaseTeams(
  embedded.gateway.store,
  [...core, ...others].map((p) => ({ subject: embedded.gateway.pseudonymize('person', p.nationalId.scheme, p.nationalId.value), agency: 'probation', sub: BENCH_OFFICER, role: 'probation_officer', since: embedded.world.today })),
  ['probation'],
);
process.stdout.write(`READY ${embedded.url} ${JSON.stringify(sample)}\n`);
const stop = async () => {
  await embedded.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
