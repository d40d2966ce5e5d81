/**
 * GraphQL over HTTP conformance, checked by the graphql-http project's own audit suite (the
 * reference implementation of the specification's MUSTs, SHOULDs and MAYs) against the running
 * gateway. The audits speak for an authenticated agency system: every request carries a token.
 */
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, tokenFor } from '../support/embedded.js';

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let token: string;

beforeAll(async () => {
  gw = await startTestGateway();
  token = await tokenFor(gw.home, 'probation', 'probation_officer');
});

afterAll(async () => {
  await gw?.close();
});

const authenticatedFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

describe('GraphQL over HTTP', () => {
  it('passes every MUST and SHOULD of the specification’s audit suite', async () => {
    const results = await Promise.all(serverAudits({ url: () => `${gw.url}/graphql`, fetchFn: authenticatedFetch }).map(async (audit) => ({ name: audit.name, result: await audit.fn() })));
    const failed = results.filter((r) => r.result.status !== 'ok' && !r.name.startsWith('MAY')).map((r) => `${r.name}: ${r.result.status === 'ok' ? '' : r.result.reason}`);
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThan(30);
  });
});
