import { fileURLToPath } from 'node:url';
import { mintDemoToken } from '../../src/auth/index.js';
import { freshDatabase, writeBenchConfig } from '../support/benchConfig.js';
import { runLoad } from '../support/runLoad.js';
import { spawnReady } from '../support/spawnReady.js';
import { GATEWAY_NODE_ARGS } from '../support/gatewayNodeArgs.js';

/**
 * Fan-out: four agencies, each answering 20 ms after it is asked (four copies of the probation
 * REST API behind delaying proxies). One person's names from all four need one round trip to
 * each, in parallel: the goal is p50 under 25 ms, the slowest agency rather than the sum.
 * A record group (e.g. supervision) needs a second round trip after linking, so it is reported too.
 * The caller is a probation officer under the demo agreements: the other three agencies withhold
 * much of what is asked (FORBIDDEN in the answers), which is counted, not treated as failure.
 */
export async function fanOut(options: { seconds: number }) {
  const backend = await spawnReady('backendProcess.ts', ['2000', '20', '4']);
  const urls = JSON.parse(backend.fields[0]!) as string[];
  const [id] = JSON.parse(backend.fields[1]!) as unknown[];
  const mapping = fileURLToPath(new URL('../../src/demo/mappings/probation.yaml', import.meta.url));
  const ids = ['prison', 'probation', 'welfare', 'ngo'];
  const store = await freshDatabase('reintegra_bench_fanout');
  const config = await writeBenchConfig('fanout', store, Object.fromEntries(ids.map((agency, i) => [agency, { kind: 'rest', baseUrl: urls[i], mapping, deadlineMs: 2000 }])));
  const gw = await spawnReady('configGatewayProcess.ts', [config], [...GATEWAY_NODE_ARGS]);
  try {
    const token = await mintDemoToken({ agency: 'probation', roles: ['probation_officer'], sub: 'bench', ttl: '1h' });
    const headers = { authorization: `Bearer ${token}`, 'x-purpose-of-use': 'SUPERVISION' };
    const names = JSON.stringify({ query: 'query($id: IdentifierInput!) { person(identifier: $id) { names { agency } } }', variables: { id } });
    const records = JSON.stringify({ query: 'query($id: IdentifierInput!) { person(identifier: $id) { supervision { source { agency } orderType } } }', variables: { id } });
    await runLoad(gw.fields[0]!, names, headers, 1, 2);
    const link = await runLoad(gw.fields[0]!, names, headers, 1, options.seconds);
    const withRecords = await runLoad(gw.fields[0]!, records, headers, 1, options.seconds);
    return { scenario: 'fanOut', agencies: 4, agencyDelayMs: 20, namesP50ms: link.p50ms, namesP99ms: link.p99ms, recordsP50ms: withRecords.p50ms, recordsP99ms: withRecords.p99ms, requestsWithPolicyErrors: link.errors + withRecords.errors };
  } finally {
    await Promise.all([gw.stop(), backend.stop()]);
  }
}
