import { mintDemoToken } from '../../src/auth/index.js';
import { backendCallsTotal } from '../support/metrics.js';
import { runLoad } from '../support/runLoad.js';
import { startGatewayProcess } from '../support/startGatewayProcess.js';
import { BENCH_OFFICER } from '../support/benchOfficer.js';
import { GATEWAY_NODE_ARGS } from '../support/gatewayNodeArgs.js';

export const QUERY = `query Fifty($ids: [IdentifierInput!]!) { people(identifiers: $ids) {
  id names { givenName familyName agency } dateOfBirth
  custody { source { agency } establishment status expectedReleaseDate sentence { lengthMonths offences { code } } }
  riskAssessments { tool judgement nextReviewOn }
  supervision { orderType conditions { category } compliance { status } }
  welfare { status needs { domain level } services { type status } }
  programmes { programme provider completion }
  plans { status actions { title dueDate status } }
} }`;

/**
 * The cross-agency query for 50 people (all known to the four demo agencies) against the
 * embedded demo world in a separate process: requests/s, p50/p99, backend calls per request.
 */
export async function crossAgency50(options: { seconds: number; concurrency: number; nodeArgs?: string[] }) {
  const gw = await startGatewayProcess(['2000'], [...GATEWAY_NODE_ARGS, ...(options.nodeArgs ?? [])]);
  try {
    const token = await mintDemoToken({ agency: 'probation', roles: ['probation_officer'], sub: BENCH_OFFICER, ttl: '1h' });
    const body = JSON.stringify({ query: QUERY, variables: { ids: gw.sample.slice(0, 50) } });
    const headers = { authorization: `Bearer ${token}`, 'x-purpose-of-use': 'RELEASE_PLANNING' };
    await runLoad(gw.url, body, headers, options.concurrency, Math.min(3, options.seconds)); // warm-up
    const callsBefore = await backendCallsTotal(gw.url);
    const result = await runLoad(gw.url, body, headers, options.concurrency, options.seconds);
    const calls = (await backendCallsTotal(gw.url)) - callsBefore;
    return { scenario: 'crossAgency50', people: 50, concurrency: options.concurrency, ...result, backendCallsPerRequest: calls / result.requests };
  } finally {
    await gw.stop();
  }
}

/**
 * Enforcement on against off (harness variant: a decision that releases everything and no policy
 * facts fetched), measured side by side in one run: the full gateway, then off, then full again,
 * so drift on a shared machine shows as the difference between the two "on" runs.
 */
export async function enforcementCost(options: { seconds: number; concurrency: number }) {
  const run = async (variant: string) => {
    const gw = await startGatewayProcess(['2000', variant], [...GATEWAY_NODE_ARGS]);
    try {
      const token = await mintDemoToken({ agency: 'probation', roles: ['probation_officer'], sub: BENCH_OFFICER, ttl: '1h' });
      const body = JSON.stringify({ query: QUERY, variables: { ids: gw.sample.slice(0, 50) } });
      const headers = { authorization: `Bearer ${token}`, 'x-purpose-of-use': 'RELEASE_PLANNING' };
      await runLoad(gw.url, body, headers, options.concurrency, Math.min(3, options.seconds));
      return await runLoad(gw.url, body, headers, options.concurrency, options.seconds);
    } finally {
      await gw.stop();
    }
  };
  const on1 = await run('full');
  const off = await run('enforcement-off');
  const on2 = await run('full');
  const on = (on1.rps + on2.rps) / 2;
  return { scenario: 'enforcementCost', onRps: on, onRuns: [on1.rps, on2.rps], offRps: off.rps, ratio: on / off.rps, errors: on1.errors + on2.errors + off.errors };
}

/**
 * Batching: backend calls for one request about 1, 10, 100 and 1,000 people (the cross-agency
 * query over the four demo systems). The goal is a constant: one call per agency and entity
 * (two for SQL entities with a child list), whatever the number of people.
 */
export async function batching() {
  const gw = await startGatewayProcess(['2000'], [...GATEWAY_NODE_ARGS]);
  try {
    const token = await mintDemoToken({ agency: 'probation', roles: ['probation_officer'], sub: BENCH_OFFICER, ttl: '1h' });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose-of-use': 'RELEASE_PLANNING' };
    const rows: Array<{ people: number; backendCalls: number; ms: number; withheldFields: number }> = [];
    for (const n of [1, 10, 100, 1000]) {
      const before = await backendCallsTotal(gw.url);
      const t0 = performance.now();
      const res = await fetch(`${gw.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: QUERY, variables: { ids: gw.sample.slice(0, n) } }) });
      const body = (await res.json()) as { errors?: unknown[] };
      const ms = performance.now() - t0;
      // Field errors here are policy outcomes (FORBIDDEN where no consent is on file), not failures.
      rows.push({ people: n, backendCalls: (await backendCallsTotal(gw.url)) - before, ms, withheldFields: body.errors?.length ?? 0 });
    }
    return { scenario: 'batching', rows };
  } finally {
    await gw.stop();
  }
}
