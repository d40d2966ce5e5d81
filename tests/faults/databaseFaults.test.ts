import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probationOrderOf, type WorldPerson } from '../../src/demo/index.js';
import { settlesWithin } from '../support/adapterConformance.js';
import { startCustomGateway, type CustomGateway } from '../support/customGateway.js';
import { gql } from '../support/embedded.js';
import { expectIntact, expectPartialAnswer } from './faultAssertions.js';

const QUERY = `query($id: IdentifierInput!) { person(identifier: $id) { id custody { status } supervision { orderType } welfare { status } } }`;

describe('faults of SQL agencies (databases unreachable from the start)', () => {
  let gw: CustomGateway;
  let token: string;
  let person: WorldPerson;
  const ask = async () =>
    settlesWithin(gql(gw.url, QUERY, { token, purpose: 'SUPERVISION', variables: { id: { scheme: person.nationalId.scheme, value: person.nationalId.value } } }), 5000);

  beforeAll(async () => {
    // Port 1 on loopback refuses: the prison's PostgreSQL and the welfare MariaDB are down.
    gw = await startCustomGateway({
      adapters: {
        prison: (demo) => ({ kind: 'sql', dialect: 'postgres', url: 'postgres://postgres@127.0.0.1:1/prison', schema: demo.schema, mapping: demo.mapping, deadlineMs: 800 }),
        welfare: (demo) => ({ kind: 'sql', dialect: 'mariadb', url: 'mariadb://root@127.0.0.1:1/csr', mapping: demo.mapping, deadlineMs: 800 }),
      },
    });
    token = await gw.token('probation', 'probation_officer');
    person = gw.world.people.find((p) => gw.world.knownToAll.includes(p.nationalId.value) && probationOrderOf(gw.world, p) !== null)!;
  });
  afterAll(() => gw?.close());

  it('answers the REST agency in full and each database agency with its coded error', async () => {
    const res = await ask();
    expect(res.status).toBe(200);
    expectIntact(res, ['supervision']);
    const prison = { ...res, body: { ...res.body, errors: res.body.errors?.filter((e) => e.extensions?.agency === 'prison') } };
    const welfare = { ...res, body: { ...res.body, errors: res.body.errors?.filter((e) => e.extensions?.agency === 'welfare') } };
    expectPartialAnswer(prison, 'prison', 'SOURCE_UNAVAILABLE', 'custody');
    expectPartialAnswer(welfare, 'welfare', 'SOURCE_UNAVAILABLE', 'welfare');
    expect(res.body.errors!.every((e) => e.extensions?.agency === 'prison' || e.extensions?.agency === 'welfare')).toBe(true);
  });

  it('reports both databases not ready, and the gateway itself ready', async () => {
    const res = await fetch(`${gw.url}/readyz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { agencies: Record<string, { ok: boolean; detail?: string }> };
    expect(body.agencies.prison).toMatchObject({ ok: false, detail: expect.stringContaining('ECONNREFUSED') });
    expect(body.agencies.welfare).toMatchObject({ ok: false, detail: expect.stringContaining('ECONNREFUSED') });
    expect(body.agencies.probation).toMatchObject({ ok: true });
  });
});
