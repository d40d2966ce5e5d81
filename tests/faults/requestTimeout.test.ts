import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probationOrderOf, type WorldPerson } from '../../src/demo/index.js';
import { startCustomGateway, type CustomGateway } from '../support/customGateway.js';
import { gql } from '../support/embedded.js';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy.js';

const REQUEST_TIMEOUT_MS = 400;
const QUERY = `query($id: IdentifierInput!) { person(identifier: $id) { id custody { status } supervision { orderType } } }`;

/**
 * `server.requestTimeoutMs` ends a request whose agency outlasts it, even when that agency's own
 * deadline is longer: the answer comes at the request timeout, with the unanswered parts as
 * errors naming their agency.
 */
describe('the request timeout', () => {
  let gw: CustomGateway;
  let proxy: FaultProxy;
  let person: WorldPerson;

  beforeAll(async () => {
    proxy = await startFaultProxy('', true);
    gw = await startCustomGateway({
      server: { requestTimeoutMs: REQUEST_TIMEOUT_MS },
      adapters: {
        probation: (demo, { probationUrl }) => {
          proxy.target = probationUrl;
          return { ...demo, baseUrl: proxy.url, deadlineMs: 10_000, resilience: { retries: 0 } };
        },
      },
    });
    const core = new Set(gw.world.knownToAll);
    person = gw.world.people.find((p) => p.refs.prison && core.has(p.nationalId.value) && probationOrderOf(gw.world, p) !== null)!;
  });
  afterAll(async () => {
    await proxy?.down();
    await gw?.close();
  });

  it('answers within the request timeout when an agency with a longer deadline hangs', async () => {
    const token = await gw.token('probation', 'probation_officer');
    const ask = () => gql(gw.url, QUERY, { token, purpose: 'SUPERVISION', variables: { id: { scheme: person.nationalId.scheme, value: person.nationalId.value } } });
    // A normal answer first; then every call to probation hangs for 8 s.
    proxy.mode = 'pass';
    const warm = await ask();
    expect(warm.body.errors).toBeUndefined();
    proxy.slowMs = 8000;
    proxy.mode = 'slow';
    const started = performance.now();
    const res = await ask();
    const took = performance.now() - started;
    expect(res.status).toBe(200);
    expect(took).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(took).toBeLessThan(4000);
    expect(res.body.errors?.some((e) => (e.extensions as { agency?: string } | undefined)?.agency === 'probation')).toBe(true);
    // The person was linked by the agencies that answered; what was still to be asked when the
    // time ran out is refused too, each part with its agency named.
    expect(typeof res.body.data?.person?.id).toBe('string');
    expect(res.body.data?.person?.supervision).toBeNull();
  });
});
