/**
 * `npm run bench:compare -- <tree A> <tree B>`: the `overhead` workload (50 people, one REST
 * agency, full gateway) against two checkouts of this repository side by side, to tell whether a
 * change made the gateway cheaper. On a shared machine a ratio from two separate runs moves more
 * than most changes do; here both gateways run at once against the same backend and take turns
 * under load, in alternating order, and the medians of their windows are compared.
 * Options: --windows N (per gateway, default 6), --seconds N (per window, default 6),
 * --concurrency N (default 8). A tree is a directory holding a checkout with its dependencies
 * installed (`git worktree add ../before HEAD~1 && (cd ../before && npm ci)`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mintDemoToken } from '../src/auth/index.js';
import { GATEWAY_QUERY } from './scenarios/overhead.js';
import { freshDatabase, writeBenchConfig } from './support/benchConfig.js';
import { GATEWAY_NODE_ARGS } from './support/gatewayNodeArgs.js';
import { measured } from './support/metrics.js';
import { runLoad } from './support/runLoad.js';
import { spawnReady, type Spawned } from './support/spawnReady.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { windows: { type: 'string', default: '6' }, seconds: { type: 'string', default: '6' }, concurrency: { type: 'string', default: '8' } },
});
if (positionals.length !== 2) {
  process.stderr.write('usage: npm run bench:compare -- <tree A> <tree B> [--windows N] [--seconds N] [--concurrency N]\n');
  process.exit(2);
}
const trees = positionals.map((t) => resolve(t));
for (const tree of trees) {
  if (!existsSync(`${tree}/bench/support/configGatewayProcess.ts`)) {
    process.stderr.write(`${tree}: not a checkout of this repository\n`);
    process.exit(2);
  }
}
const windows = Number(values.windows);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const backend = await spawnReady('backendProcess.ts', ['2000']);
const gateways: Array<{ name: string } & Spawned> = [];
try {
  const backendUrl = (JSON.parse(backend.fields[0]!) as string[])[0]!;
  const ids = (JSON.parse(backend.fields[1]!) as unknown[]).slice(0, 50);
  const mapping = fileURLToPath(new URL('../src/demo/mappings/probation.yaml', import.meta.url));
  for (const [i, tree] of trees.entries()) {
    const name = i === 0 ? 'A' : 'B';
    const store = await freshDatabase(`reintegra_bench_compare_${name.toLowerCase()}`);
    const config = await writeBenchConfig(`compare-${name}`, store, { probation: { kind: 'rest', baseUrl: backendUrl, mapping, deadlineMs: 5000 } });
    // The tree's own gateway script, so each side runs its own code.
    gateways.push({ name, ...(await spawnReady(`${tree}/bench/support/configGatewayProcess.ts`, [config], [...GATEWAY_NODE_ARGS])) });
  }
  const token = await mintDemoToken({ agency: 'probation', roles: ['probation_officer'], sub: 'bench', ttl: '1h' });
  const body = JSON.stringify({ query: GATEWAY_QUERY, variables: { ids } });
  const headers = { authorization: `Bearer ${token}`, 'x-purpose-of-use': 'SUPERVISION' };
  for (const g of gateways) await runLoad(g.fields[0]!, body, headers, concurrency, 3);
  const results = new Map<string, Array<{ rps: number; cpuMs: number; mainMs: number; postgresMs: number }>>(gateways.map((g) => [g.name, []]));
  for (let w = 0; w < windows; w++) {
    for (const g of w % 2 === 0 ? gateways : [...gateways].reverse()) {
      const { result: r, use } = await measured(g.child.pid!, () => runLoad(g.fields[0]!, body, headers, concurrency, seconds));
      const cpuMs = (1000 * use.cpuSeconds) / r.requests;
      // The main thread's own time on a CPU: what JavaScript cost, without other threads (garbage
      // collector helpers) and without the time the thread waited for a CPU.
      const mainMs = use.mainOnCpuMs / r.requests;
      // PostgreSQL's CPU per request in the window (its processes on this machine): the side of a
      // change to the audit log's storage that the gateway's own figures do not show.
      const postgresMs = (1000 * use.postgresCpuSeconds) / r.requests;
      if (r.errors > 0) process.stderr.write(`warning: ${g.name} answered ${r.errors} requests with errors\n`);
      results.get(g.name)!.push({ rps: r.rps, cpuMs, mainMs, postgresMs });
      process.stderr.write(`${g.name} window ${w + 1}: ${r.rps.toFixed(1)} req/s, ${cpuMs.toFixed(2)} ms CPU per request (main thread ${mainMs.toFixed(2)}, PostgreSQL ${postgresMs.toFixed(2)})\n`);
    }
  }
  const [a, b] = ['A', 'B'].map((n) => ({
    rps: median(results.get(n)!.map((r) => r.rps)),
    cpuMs: median(results.get(n)!.map((r) => r.cpuMs)),
    mainMs: median(results.get(n)!.map((r) => r.mainMs)),
    postgresMs: median(results.get(n)!.map((r) => r.postgresMs)),
  }));
  process.stdout.write(`${JSON.stringify({
    comparison: 'overhead workload, side by side', windows, seconds, concurrency,
    A: { tree: trees[0], medianRps: a!.rps, medianCpuMsPerRequest: a!.cpuMs, medianMainThreadMsPerRequest: a!.mainMs, medianPostgresMsPerRequest: a!.postgresMs },
    B: { tree: trees[1], medianRps: b!.rps, medianCpuMsPerRequest: b!.cpuMs, medianMainThreadMsPerRequest: b!.mainMs, medianPostgresMsPerRequest: b!.postgresMs },
    bOverAByRps: b!.rps / a!.rps,
    bOverAByCpu: a!.cpuMs / b!.cpuMs,
    bOverAByMainThread: a!.mainMs / b!.mainMs,
    bOverAByPostgres: a!.postgresMs / b!.postgresMs,
  })}\n`);
} finally {
  await Promise.all([...gateways.map((g) => g.stop()), backend.stop()]);
}
