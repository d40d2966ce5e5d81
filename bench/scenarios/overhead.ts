import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { mintDemoToken } from '../../src/auth/index.js';
import { freshDatabase, writeBenchConfig } from '../support/benchConfig.js';
import { addUse, measured, noUse, type Use } from '../support/metrics.js';
import { runLoad, type LoadResult } from '../support/runLoad.js';
import { spawnReady } from '../support/spawnReady.js';
import { GATEWAY_NODE_ARGS } from '../support/gatewayNodeArgs.js';

/** The 50-person query every server answers (also the workload of `npm run bench:compare`). */
export const GATEWAY_QUERY = `query($ids: [IdentifierInput!]!) { people(identifiers: $ids) {
  id names { givenName familyName agency }
  supervision { orderType startDate endDate conditions { category } compliance { status } }
  plans { status actions { title dueDate status } } } }`;
const BARE_QUERY = GATEWAY_QUERY;

/** What one server did over its load windows, summed. */
interface Windows extends Use {
  requests: number;
  seconds: number;
  runs: LoadResult[];
}

/**
 * Overhead: the full gateway (JWT, policy with facts, durable audit on PostgreSQL, mapping
 * engine, output checks) against hand-written Apollo Server + DataLoader servers answering the
 * same 50 people from the same probation REST backend, and the backend's own rate for the batch
 * look-up they all make. Two such servers (bench/support/bareServerProcess.ts): the `typical` one,
 * written as such a server usually is (Apollo Server's defaults, the global `fetch`), which is
 * the baseline the issue describes, and the `tuned` one (`bare` in the results, as in earlier
 * rounds), given the gateway's own HTTP client and Apollo settings, so that only what the gateway
 * adds and how it executes differ. A fourth server is the same gateway with its audit writes
 * switched off (the harness-only variant of `auditCost`: events built, none written), so one run
 * shows what the durable audit costs apart from the rest of the gateway. Interleaved (each
 * server in turn, `rounds` times, three by default) so drift shows, with the ratios of each round
 * beside the ratios of the mean rates. Besides throughput and CPU per request, each server's
 * main thread is read from the scheduler: its time on a CPU per request, and the share of the
 * window it was ready to run but waiting for a CPU (on this machine PostgreSQL, the agency and
 * the load generator share the cores with it).
 */
export async function overhead(options: { seconds: number; concurrency: number; rounds?: number; profile?: string }) {
  const rounds = options.rounds ?? 3;
  const backend = await spawnReady('backendProcess.ts', ['2000']);
  const [urlsJson, sampleJson] = backend.fields;
  const backendUrl = (JSON.parse(urlsJson!) as string[])[0]!;
  const ids = (JSON.parse(sampleJson!) as Array<{ scheme: string; value: string }>).slice(0, 50);
  const adapters = {
    probation: { kind: 'rest', baseUrl: backendUrl, mapping: fileURLToPath(new URL('../../src/demo/mappings/probation.yaml', import.meta.url)), deadlineMs: 5000 },
  };
  const configFile = await writeBenchConfig('overhead', await freshDatabase('reintegra_bench_overhead'), adapters);
  const offConfigFile = await writeBenchConfig('overhead-audit-off', await freshDatabase('reintegra_bench_overhead_off'), adapters);
  // With --profile the gateway and the tuned server are profiled, so their per-request costs can be compared.
  const profileArgs = (name: string) => (options.profile ? ['--cpu-prof', '--cpu-prof-dir', join(options.profile, `overhead-${name}`)] : []);
  const gateway = await spawnReady('configGatewayProcess.ts', [configFile], [...GATEWAY_NODE_ARGS, ...profileArgs('gateway')]);
  const bare = await spawnReady('bareServerProcess.ts', [backendUrl, 'tuned'], profileArgs('bare'));
  const typical = await spawnReady('bareServerProcess.ts', [backendUrl, 'typical']);
  const auditOff = await spawnReady('configGatewayProcess.ts', [offConfigFile, 'audit-off'], [...GATEWAY_NODE_ARGS]);
  try {
    const token = await mintDemoToken({ agency: 'probation', roles: ['probation_officer'], sub: 'bench', ttl: '1h' });
    const gwBody = JSON.stringify({ query: GATEWAY_QUERY, variables: { ids } });
    const gwHeaders = { authorization: `Bearer ${token}`, 'x-purpose-of-use': 'SUPERVISION' };
    const bareBody = JSON.stringify({ query: BARE_QUERY, variables: { ids } });
    const backendRate = await rawRate(backendUrl, `/api/v1/clients?nationalIds=${ids.map((i) => i.value).join(',')}`, options);
    const servers = {
      bare: { url: bare.fields[0]!, pid: bare.child.pid!, body: bareBody, headers: {} },
      typical: { url: typical.fields[0]!, pid: typical.child.pid!, body: bareBody, headers: {} },
      gateway: { url: gateway.fields[0]!, pid: gateway.child.pid!, body: gwBody, headers: gwHeaders },
      auditWritesOff: { url: auditOff.fields[0]!, pid: auditOff.child.pid!, body: gwBody, headers: gwHeaders },
    };
    type Name = keyof typeof servers;
    const names = Object.keys(servers) as Name[];
    for (const name of names) await runLoad(servers[name].url, servers[name].body, servers[name].headers, options.concurrency, 2);
    const windows = Object.fromEntries(names.map((n) => [n, { requests: 0, seconds: 0, ...noUse(), runs: [] }])) as unknown as Record<Name, Windows>;
    for (let i = 0; i < rounds; i++) {
      for (const name of names) {
        const { url, pid, body, headers } = servers[name];
        const { result, use } = await measured(pid, () => runLoad(url, body, headers, options.concurrency, options.seconds));
        const w = windows[name];
        w.runs.push(result);
        w.requests += result.requests;
        w.seconds += result.seconds;
        addUse(w, use);
      }
    }
    // One ratio per round, from windows run minutes apart at most: how far the machine's drift
    // moved the ratio within this run.
    const byRound = (a: Name, b: Name) => windows[a].runs.map((r, i) => r.rps / windows[b].runs[i]!.rps);
    const rps = (n: Name) => windows[n].runs.reduce((a, r) => a + r.rps, 0) / windows[n].runs.length;
    const p50 = (n: Name) => windows[n].runs.reduce((a, r) => a + r.p50ms, 0) / windows[n].runs.length;
    const cpuMsPerRequest = (n: Name) => (1000 * windows[n].cpuSeconds) / windows[n].requests;
    const mainThread = (n: Name) => ({
      onCpuMsPerRequest: windows[n].mainOnCpuMs / windows[n].requests,
      onCpuShare: windows[n].mainOnCpuMs / (1000 * windows[n].seconds),
      waitingForCpuShare: windows[n].mainWaitingMs / (1000 * windows[n].seconds),
    });
    return {
      scenario: 'overhead',
      people: 50,
      backendRps: backendRate,
      bareRps: rps('bare'),
      gatewayRps: rps('gateway'),
      gatewayOverBare: rps('gateway') / rps('bare'),
      gatewayOverBareByRound: byRound('gateway', 'bare'),
      gatewayCpuMsPerRequest: cpuMsPerRequest('gateway'),
      bareCpuMsPerRequest: cpuMsPerRequest('bare'),
      // The same ratio by CPU per request: bare ÷ gateway, 1.0 when the gateway costs no more.
      gatewayOverBareByCpu: cpuMsPerRequest('bare') / cpuMsPerRequest('gateway'),
      // Against the typical hand-written server (the baseline), by throughput and by CPU.
      typicalRps: rps('typical'),
      gatewayOverTypical: rps('gateway') / rps('typical'),
      gatewayOverTypicalByRound: byRound('gateway', 'typical'),
      typicalCpuMsPerRequest: cpuMsPerRequest('typical'),
      gatewayOverTypicalByCpu: cpuMsPerRequest('typical') / cpuMsPerRequest('gateway'),
      // The gateway with its audit writes off, against the tuned server and against the full gateway.
      auditWritesOffRps: rps('auditWritesOff'),
      auditWritesOffOverBare: rps('auditWritesOff') / rps('bare'),
      auditWritesOffCpuMsPerRequest: cpuMsPerRequest('auditWritesOff'),
      gatewayOverAuditWritesOff: rps('gateway') / rps('auditWritesOff'),
      mainThread: Object.fromEntries(names.map((n) => [n, mainThread(n)])),
      // PostgreSQL's own CPU per gateway request (its processes on this machine): what the policy's
      // facts and the audit log's durable writes cost the database, on the same two cores.
      postgresCpuMsPerRequest: Object.fromEntries((['gateway', 'auditWritesOff'] as const).map((n) => [n, (1000 * windows[n].postgresCpuSeconds) / windows[n].requests])),
      // Busy cores of the whole machine during each server's windows (every process).
      machineBusyCores: Object.fromEntries(names.map((n) => [n, windows[n].machineBusySeconds / windows[n].seconds])),
      bareOverBackend: rps('bare') / backendRate,
      gatewayP50ms: p50('gateway'),
      bareP50ms: p50('bare'),
      typicalP50ms: p50('typical'),
      auditWritesOffP50ms: p50('auditWritesOff'),
      errors: names.reduce((a, n) => a + windows[n].runs.reduce((b, r) => b + r.errors, 0), 0),
    };
  } finally {
    await Promise.all([gateway.stop(), bare.stop(), typical.stop(), auditOff.stop(), backend.stop()]);
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
