import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { mintDemoToken } from '../../src/auth/index.js';
import { freshDatabase, writeBenchConfig } from '../support/benchConfig.js';
import { cpuSeconds } from '../support/metrics.js';
import { runLoad, type LoadResult } from '../support/runLoad.js';
import { spawnReady } from '../support/spawnReady.js';
import { GATEWAY_NODE_ARGS } from '../support/gatewayNodeArgs.js';

/** The 50-person query both servers answer (also the workload of `npm run bench:compare`). */
export const GATEWAY_QUERY = `query($ids: [IdentifierInput!]!) { people(identifiers: $ids) {
  id names { givenName familyName agency }
  supervision { orderType startDate endDate conditions { category } compliance { status } }
  plans { status actions { title dueDate status } } } }`;
const BARE_QUERY = GATEWAY_QUERY;

/**
 * Overhead: the full gateway (JWT, policy with facts, durable audit on PostgreSQL, mapping
 * engine, output checks) against a hand-written Apollo Server + DataLoader serving the same 50
 * people from the same probation REST backend, and the backend's own rate for the batch look-up
 * both make. Interleaved (bare, gateway, bare, gateway) so drift shows.
 */
export async function overhead(options: { seconds: number; concurrency: number; profile?: string }) {
  const backend = await spawnReady('backendProcess.ts', ['2000']);
  const [urlsJson, sampleJson] = backend.fields;
  const backendUrl = (JSON.parse(urlsJson!) as string[])[0]!;
  const ids = (JSON.parse(sampleJson!) as Array<{ scheme: string; value: string }>).slice(0, 50);
  const store = await freshDatabase('reintegra_bench_overhead');
  const configFile = await writeBenchConfig('overhead', store, {
    probation: { kind: 'rest', baseUrl: backendUrl, mapping: fileURLToPath(new URL('../../src/demo/mappings/probation.yaml', import.meta.url)), deadlineMs: 5000 },
  });
  // With --profile both servers are profiled, so their per-request costs can be compared.
  const profileArgs = (name: string) => (options.profile ? ['--cpu-prof', '--cpu-prof-dir', join(options.profile, `overhead-${name}`)] : []);
  const gateway = await spawnReady('configGatewayProcess.ts', [configFile], [...GATEWAY_NODE_ARGS, ...profileArgs('gateway')]);
  const bare = await spawnReady('bareServerProcess.ts', [backendUrl], profileArgs('bare'));
  try {
    const token = await mintDemoToken({ agency: 'probation', roles: ['probation_officer'], sub: 'bench', ttl: '1h' });
    const gwBody = JSON.stringify({ query: GATEWAY_QUERY, variables: { ids } });
    const gwHeaders = { authorization: `Bearer ${token}`, 'x-purpose-of-use': 'SUPERVISION' };
    const bareBody = JSON.stringify({ query: BARE_QUERY, variables: { ids } });
    const backendRate = await rawRate(backendUrl, `/api/v1/clients?nationalIds=${ids.map((i) => i.value).join(',')}`, options);
    const runs: Array<{ bare: LoadResult; gateway: LoadResult }> = [];
    await runLoad(bare.fields[0]!, bareBody, {}, options.concurrency, 2);
    await runLoad(gateway.fields[0]!, gwBody, gwHeaders, options.concurrency, 2);
    // Each server's own CPU time over its load windows, for CPU per request.
    const cpu = { bare: 0, gateway: 0 };
    const measured = async (which: 'bare' | 'gateway', pid: number, load: () => Promise<LoadResult>) => {
      const before = cpuSeconds(pid);
      const result = await load();
      cpu[which] += cpuSeconds(pid) - before;
      return result;
    };
    for (let i = 0; i < 2; i++) {
      runs.push({
        bare: await measured('bare', bare.child.pid!, () => runLoad(bare.fields[0]!, bareBody, {}, options.concurrency, options.seconds)),
        gateway: await measured('gateway', gateway.child.pid!, () => runLoad(gateway.fields[0]!, gwBody, gwHeaders, options.concurrency, options.seconds)),
      });
    }
    const mean = (f: (r: (typeof runs)[number]) => number) => runs.reduce((a, r) => a + f(r), 0) / runs.length;
    const bareRps = mean((r) => r.bare.rps);
    const gatewayRps = mean((r) => r.gateway.rps);
    const cpuMsPerRequest = (which: 'bare' | 'gateway') => (1000 * cpu[which]) / runs.reduce((a, r) => a + r[which].requests, 0);
    return {
      scenario: 'overhead',
      people: 50,
      backendRps: backendRate,
      bareRps,
      gatewayRps,
      gatewayOverBare: gatewayRps / bareRps,
      gatewayCpuMsPerRequest: cpuMsPerRequest('gateway'),
      bareCpuMsPerRequest: cpuMsPerRequest('bare'),
      // The same ratio by CPU per request: bare ÷ gateway, 1.0 when the gateway costs no more.
      gatewayOverBareByCpu: cpuMsPerRequest('bare') / cpuMsPerRequest('gateway'),
      bareOverBackend: bareRps / backendRate,
      gatewayP50ms: mean((r) => r.gateway.p50ms),
      bareP50ms: mean((r) => r.bare.p50ms),
      errors: runs.reduce((a, r) => a + r.bare.errors + r.gateway.errors, 0),
    };
  } finally {
    await Promise.all([gateway.stop(), bare.stop(), backend.stop()]);
  }
}

/** The backend's own request rate for one batch look-up, same client, same concurrency. */
async function rawRate(base: string, path: string, options: { seconds: number; concurrency: number }): Promise<number> {
  const pool = new Pool(new URL(base).origin, { connections: options.concurrency });
  let n = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    while (performance.now() < deadline) {
      const res = await pool.request({ path, method: 'GET' });
      await res.body.text();
      n += 1;
    }
  }));
  const rate = n / ((performance.now() - t0) / 1000);
  await pool.close();
  return rate;
}
