import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecideFn } from '../../src/policy/index.js';
import { backendCalls, gql, startTestGateway, tokenFor } from '../support/embedded.js';

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let token: string;

const PERSON = `
  id
  names { givenName familyName script agency agencyRef }
  dateOfBirth
  custody { source { agency asOf fetchedAt } establishment status expectedReleaseDate sentence { lengthMonths offences { code } } }
  riskAssessments { source { agency } tool judgement }
  supervision { source { agency } orderType conditions { category } compliance { status } }
  welfare { source { agency } status needs { domain level } services { type } }
  programmes { source { agency } programme provider completion }
  plans { source { agency } status actions { title ownerAgency } }
  referrals { source { agency } fromAgency toAgency domain }
`;

function identifiersOf(values: string[]) {
  return values.map((value) => {
    const person = gw.world.people.find((p) => p.nationalId.value === value)!;
    return { scheme: person.nationalId.scheme, value };
  });
}

// This suite is about the data path: linking, batching, provenance, errors. The policy is the
// demo's own in accessControl.test.ts; here every category is released so every source is read.
const releaseEverything: DecideFn = () => ({ allow: true, basis: 'TEST', trace: [] });

beforeAll(async () => {
  gw = await startTestGateway({ decide: releaseEverything });
  token = await tokenFor(gw.home, 'probation', 'probation_officer');
});

afterAll(async () => {
  await gw?.close();
});

describe('the gateway over the four demo agency systems', () => {
  it('answers /healthz, /readyz with every agency ready, and /metrics', async () => {
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { store: { ok: boolean }; agencies: Record<string, { ok: boolean }> };
    expect(body.store.ok).toBe(true);
    expect(Object.keys(body.agencies).sort()).toEqual(['ngo', 'prison', 'probation', 'welfare']);
    expect(Object.values(body.agencies).every((a) => a.ok)).toBe(true);
    expect(await (await fetch(`${gw.url}/metrics`)).text()).toContain('reintegra_adapter_batches_total');
  });

  it('returns one person’s custody, supervision, welfare and programmes from four systems in one response', async () => {
    const [id] = identifiersOf(gw.world.knownToAll.slice(0, 1));
    const res = await gql(gw.url, `query One($id: IdentifierInput!) { person(identifier: $id) { ${PERSON} } }`, { token, purpose: 'RELEASE_PLANNING', variables: { id } });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const p = res.body.data!.person;
    expect(p.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(p)).not.toContain(id!.value);
    expect(new Set(p.names.map((n: { agency: string }) => n.agency))).toEqual(new Set(['prison', 'probation', 'welfare', 'ngo']));
    expect(p.custody.length).toBeGreaterThan(0);
    expect(p.custody[0].source.agency).toBe('prison');
    expect(Date.parse(p.custody[0].source.fetchedAt)).not.toBeNaN();
    expect(p.supervision.every((s: { source: { agency: string } }) => s.source.agency === 'probation')).toBe(true);
    expect(p.welfare[0].source.agency).toBe('welfare');
    expect(p.programmes.some((e: { source: { agency: string } }) => e.source.agency === 'ngo')).toBe(true);
  });

  it('links the same person whatever separators the caller types', async () => {
    const [id] = identifiersOf(gw.world.knownToAll.slice(0, 1));
    const spaced = `${id!.value.slice(0, 4)} ${id!.value.slice(4)}`;
    const a = await gql(gw.url, `query($id: IdentifierInput!) { person(identifier: $id) { id } }`, { token, purpose: 'SUPERVISION', variables: { id } });
    const b = await gql(gw.url, `query($id: IdentifierInput!) { person(identifier: $id) { id } }`, { token, purpose: 'SUPERVISION', variables: { id: { ...id, value: spaced } } });
    expect(b.body.data!.person.id).toBe(a.body.data!.person.id);
  });

  it('finds a person by an agency’s own reference and links the others', async () => {
    const person = gw.world.people.find((p) => p.nationalId.value === gw.world.knownToAll[1])!;
    const res = await gql(gw.url, `query($a: ID!, $r: String!) { personByAgencyRef(agency: $a, ref: $r) { names { agency } } }`, { token, purpose: 'SUPERVISION', variables: { a: 'probation', r: person.refs.probation } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.personByAgencyRef.names).toHaveLength(4);
  });

  it('makes the same number of backend calls for 100 people as for 1 (no N+1)', async () => {
    const everyone = gw.world.people.filter((p) => p.refs.prison && p.refs.probation).map((p) => p.nationalId.value);
    const q = `query($ids: [IdentifierInput!]!) { people(identifiers: $ids) { ${PERSON} } }`;
    const before1 = await backendCalls(gw.url);
    const one = await gql(gw.url, q, { token, purpose: 'RELEASE_PLANNING', variables: { ids: identifiersOf(gw.world.knownToAll.slice(0, 1)) } });
    const calls1 = (await backendCalls(gw.url)) - before1;
    const ids100 = identifiersOf([...gw.world.knownToAll, ...everyone].filter((v, i, a) => a.indexOf(v) === i).slice(0, 100));
    const before100 = await backendCalls(gw.url);
    const hundred = await gql(gw.url, q, { token, purpose: 'RELEASE_PLANNING', variables: { ids: ids100 } });
    const calls100 = (await backendCalls(gw.url)) - before100;
    expect(one.body.errors).toBeUndefined();
    expect(hundred.body.errors).toBeUndefined();
    expect(hundred.body.data!.people.filter(Boolean)).toHaveLength(100);
    expect(calls1).toBeGreaterThan(0);
    expect(calls100).toBe(calls1);
  });

  it('returns null for a valid identifier no agency knows', async () => {
    const res = await gql(gw.url, `{ person(identifier: {scheme: KOSOVO_PN, value: "9999999999"}) { id } }`, { token, purpose: 'SUPERVISION' });
    expect(res.body).toEqual({ data: { person: null } });
  });

  it('refuses an invalid identifier before asking any agency', async () => {
    const before = await backendCalls(gw.url);
    const res = await gql(gw.url, `{ person(identifier: {scheme: JMBG, value: "0101990710010' OR '1'='1"}) { id } }`, { token, purpose: 'SUPERVISION' });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toBe('identifiers[0]: JMBG must be 13 digits.');
    expect(await backendCalls(gw.url)).toBe(before);
  });

  it('requires a purpose of use for personal data', async () => {
    const res = await gql(gw.url, `{ person(identifier: {scheme: KOSOVO_PN, value: "9999999999"}) { id } }`, { token });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PURPOSE_REQUIRED');
  });

  it('refuses an unknown purpose with 400', async () => {
    const res = await gql(gw.url, `{ me { sub } }`, { token, purpose: 'CURIOSITY' });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_PURPOSE');
  });

  it('refuses a request without a token with 401 and nothing else', async () => {
    const res = await gql(gw.url, `{ agencies { id } }`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.body).toEqual({ errors: [{ message: 'The bearer token is missing or was not accepted.', extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('echoes a well-formed X-Request-Id and replaces a hostile one', async () => {
    const ok = await gql(gw.url, `{ me { agency roles } }`, { token, headers: { 'x-request-id': 'abc-123' } });
    expect(ok.headers.get('x-request-id')).toBe('abc-123');
    expect(ok.body.data!.me).toEqual({ agency: 'probation', roles: ['probation_officer'] });
    const bad = await gql(gw.url, `{ me { agency } }`, { token, headers: { 'x-request-id': '<script>' + 'x'.repeat(200) } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records one audit event per person touched before answering', async () => {
    const before = await gw.gateway.auditStore.count();
    const ids = identifiersOf(gw.world.knownToAll.slice(0, 3));
    const res = await gql(gw.url, `query($ids: [IdentifierInput!]!) { people(identifiers: $ids) { custody { status } } }`, { token, purpose: 'RELEASE_PLANNING', variables: { ids }, headers: { 'x-request-id': 'audit-check-1' } });
    expect(res.body.errors).toBeUndefined();
    expect((await gw.gateway.auditStore.count()) - before).toBe(3);
    const { rows } = await gw.gateway.store.query<{ event: any }>("SELECT event FROM reintegra.audit_event WHERE request_id = 'audit-check-1'");
    expect(rows).toHaveLength(3);
    for (const { event } of rows) {
      expect(event.caller).toEqual({ sub: 'probation_officer.demo@probation', agency: 'probation', roles: ['probation_officer'], client: null });
      expect(event.purpose).toBe('RELEASE_PLANNING');
      expect(event.released).toEqual([{ category: 'CUSTODY', agency: 'prison', fields: ['Custody.status', 'Person.custody'] }]);
      expect(JSON.stringify(event)).not.toMatch(new RegExp(ids.map((i) => i.value).join('|')));
    }
  });
});
