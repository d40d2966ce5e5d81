/**
 * `npm run bench`: the benchmark scenarios, one file each under bench/scenarios, results written
 * to bench/results/<date>.json and printed as a table.
 * Options: --seconds N (per measurement, default 10), --concurrency N (default 8),
 * --only a,b (scenario names), --profile (CPU profile of the gateway process in bench/results/),
 * --rounds N (overhead: how many times each server takes its turn, default 3).
 * Scenarios that need the local PostgreSQL (overhead) are skipped with a message when it is down.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { BENCH_PG } from './support/benchConfig.js';
import { batching, crossAgency50, enforcementCost } from './scenarios/crossAgency50.js';
import { overhead } from './scenarios/overhead.js';
import { fanOut } from './scenarios/fanOut.js';
import { auditThroughput } from './scenarios/auditThroughput.js';
import { auditCost } from './scenarios/auditCost.js';
import { auditReads } from './scenarios/auditReads.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const only = values.only ? new Set(values.only.split(',')) : null;
const resultsDir = new URL('./results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
const nodeArgs = values.profile ? ['--cpu-prof', '--cpu-prof-dir', resultsDir.pathname] : [];
const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) };

async function postgresUp(): Promise<boolean> {
  const c = new pg.Client({ connectionString: `${BENCH_PG}/postgres`, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

const scenarios: Record<string, () => Promise<Record<string, unknown>>> = {
  crossAgency50: () => crossAgency50({ seconds, concurrency, nodeArgs }),
  enforcementCost: () => enforcementCost({ seconds, concurrency }),
  batching: () => batching(),
  auditThroughput: async () => ({ scenario: 'auditThroughput', runs: await auditThroughput({ seconds, concurrency }) }),
  auditCost: async () => ((await postgresUp()) ? auditCost({ seconds, concurrency }) : { scenario: 'auditCost', skipped: 'PostgreSQL at 127.0.0.1:5432 is not reachable' }),
  auditReads: async () => ((await postgresUp()) ? auditReads() : { scenario: 'auditReads', skipped: 'PostgreSQL at 127.0.0.1:5432 is not reachable' }),
  fanOut: async () => ((await postgresUp()) ? fanOut({ seconds }) : { scenario: 'fanOut', skipped: 'PostgreSQL at 127.0.0.1:5432 is not reachable' }),
  scale: async () => ((await postgresUp()) ? (await import('./scenarios/scale.js')).scale({ seconds, concurrency }) : { scenario: 'scale', skipped: 'PostgreSQL at 127.0.0.1:5432 is not reachable' }),
  overhead: async () => ((await postgresUp()) ? overhead({ seconds, concurrency, rounds: Number(values.rounds), ...(values.profile ? { profile: resultsDir.pathname } : {}) }) : { scenario: 'overhead', skipped: 'PostgreSQL at 127.0.0.1:5432 is not reachable' }),
};

const results: Array<Record<string, unknown>> = [];
for (const [name, run] of Object.entries(scenarios)) {
  if (only && !only.has(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  results.push(await run());
}
const report = { date: new Date().toISOString(), machine, command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(), results };
writeFileSync(new URL(`./${report.date.slice(0, 19).replace(/:/g, '')}.json`, resultsDir), `${JSON.stringify(report, null, 2)}\n`);
for (const r of results) console.log(JSON.stringify(r, (_, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v)));
// A figure measured over failed requests (a 429, an error in the answer) is not a figure: say so.
for (const r of results) {
  const errors = typeof r.errors === 'number' ? r.errors : 0;
  if (errors > 0) process.stderr.write(`bench: WARNING ${String(r.scenario)} counted ${errors} failed requests; its figures do not measure the query\n`);
}
