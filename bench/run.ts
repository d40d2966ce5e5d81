/**
 * `npm run bench`: runs the benchmark scenarios and writes bench/results/<date>.json.
 * Options: --seconds N (per measurement, default 10), --concurrency N (default 8).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { crossAgency50 } from './scenarios/crossAgency50.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, concurrency: { type: 'string', default: '8' }, profile: { type: 'boolean', default: false } } });
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) };

// --profile writes a CPU profile of the gateway process (node --cpu-prof) to bench/results/.
const nodeArgs = values.profile ? ['--cpu-prof', '--cpu-prof-dir', new URL('./results/', import.meta.url).pathname] : [];
const results = [await crossAgency50({ seconds, concurrency, nodeArgs })];
const report = { date: new Date().toISOString(), machine, command: `npm run bench -- --seconds ${seconds} --concurrency ${concurrency}`, results };
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`./results/${report.date.slice(0, 10)}.json`, import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
console.table(results.map((r) => ({ scenario: r.scenario, 'req/s': r.rps.toFixed(1), 'p50 ms': r.p50ms.toFixed(1), 'p99 ms': r.p99ms.toFixed(1), 'backend calls/req': r.backendCallsPerRequest.toFixed(2), errors: r.errors })));
