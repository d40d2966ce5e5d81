import { fileURLToPath } from 'node:url';
import { mintDemoToken } from '../../src/auth/index.js';
import { freshDatabase, writeBenchConfig } from '../support/benchConfig.js';
import { runLoad } from '../support/runLoad.js';
import { spawnReady } from '../support/spawnReady.js';
import { GATEWAY_NODE_ARGS } from '../support/gatewayNodeArgs.js';

const QUERY = `query($ids: [IdentifierInput!]!) { people(identifiers: $ids) {
  id names { givenName familyName agency } supervision { orderType conditions { category } compliance { status } } plans { status actions { title } } } }`;

/**
 * What durable auditing costs: the 50-person query through the gateway with its audit store on
 * PostgreSQL (group commit, synchronous commit) against the harness-only variant that builds the
 * events but writes none. Side by side in one run: on, off, on.
 */
export async function auditCost(options: { seconds: number; concurrency: number }) {
  const backend = await spawnReady('backendProcess.ts', ['2000']);
  const backendUrl = (JSON.parse(backend.fields[0]!) as string[])[0]!;
  const ids = (JSON.parse(backend.fields[1]!) as unknown[]).slice(0, 50);
  const token = await mintDemoToken({ agency: 'probation', roles: ['probation_officer'], sub: 'bench', ttl: '1h' });
  const body = JSON.stringify({ query: QUERY, variables: { ids } });
  const headers = { authorization: `Bearer ${token}`, 'x-purpose-of-use': 'SUPERVISION' };
  const run = async (variant: string) => {
    const store = await freshDatabase('reintegra_bench_audit');
    const config = await writeBenchConfig('audit', store, {
      probation: { kind: 'rest', baseUrl: backendUrl, mapping: fileURLToPath(new URL('../../src/demo/mappings/probation.yaml', import.meta.url)), deadlineMs: 5000 },
    });
    const gw = await spawnReady('configGatewayProcess.ts', [config, variant], [...GATEWAY_NODE_ARGS]);
    try {
      await runLoad(gw.fields[0]!, body, headers, options.concurrency, 2);
      return await runLoad(gw.fields[0]!, body, headers, options.concurrency, options.seconds);
    } finally {
      await gw.stop();
    }
  };
  try {
    const on1 = await run('full');
    const off = await run('audit-off');
    const on2 = await run('full');
    const on = (on1.rps + on2.rps) / 2;
    return { scenario: 'auditCost', onRps: on, onRuns: [on1.rps, on2.rps], offRps: off.rps, ratio: on / off.rps, onP50ms: (on1.p50ms + on2.p50ms) / 2, offP50ms: off.p50ms, errors: on1.errors + on2.errors + off.errors };
  } finally {
    await backend.stop();
  }
}
