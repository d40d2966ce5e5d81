import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ngoRowsOf, type WorldPerson } from '../../src/demo/index.js';
import { gql, startTestGateway, tokenFor } from '../support/embedded.js';

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let coordinator: string;
let ngoWorker: string;
let socialWorker: string;
let privacyOfficer: string;
/** Known to the centre for social work by national identifier, and to the NGO without it. */
let person: WorldPerson;
let other: WorldPerson;

const COORDINATOR = 'welfare-coord-01';
const PURPOSE = 'REINTEGRATION_SUPPORT';
const idOf = (p: WorldPerson) => ({ scheme: p.nationalId.scheme, value: p.nationalId.value });

const CANDIDATES = `query Candidates($id: IdentifierInput!) {
  person(identifier: $id) { id linkCandidates { agency agencyRef score nameScore dateOfBirthMatch ambiguous givenName familyName dateOfBirth } }
}`;
const DECIDE = (field: string) => `mutation Decide($id: IdentifierInput!, $agency: ID!, $ref: String!) {
  ${field}(identifier: $id, agency: $agency, agencyRef: $ref) { agency agencyRef state score decidedBy decidedByAgency decidedAt }
}`;
const PROGRAMMES = `query Programmes($id: IdentifierInput!) { person(identifier: $id) { names { agency agencyRef } programmes { source { agency } programme } } }`;

async function joinCaseTeam(p: WorldPerson): Promise<void> {
  const res = await gql(gw.url, `mutation Join($id: IdentifierInput!) { addCaseTeamMember(identifier: $id, member: { agency: "welfare", sub: "${COORDINATOR}", role: "case_coordinator" }) { members { sub } } }`, {
    token: coordinator, purpose: PURPOSE, variables: { id: idOf(p) },
  });
  expect(res.body.errors).toBeUndefined();
}

beforeAll(async () => {
  gw = await startTestGateway();
  const unlinked = gw.world.people.filter((p) => p.refs.ngo && p.refs.welfare && !p.ngoLinked && ngoRowsOf(gw.world, p)!.participant.Born !== '');
  expect(unlinked.length).toBeGreaterThanOrEqual(2);
  [person, other] = unlinked as [WorldPerson, WorldPerson];
  coordinator = await tokenFor(gw.home, 'welfare', 'case_coordinator', COORDINATOR);
  ngoWorker = await tokenFor(gw.home, 'ngo', 'programme_worker', 'ngo-pw-01');
  socialWorker = await tokenFor(gw.home, 'welfare', 'social_worker', 'welfare-sw-01');
  privacyOfficer = await tokenFor(gw.home, 'welfare', 'privacy_officer');
  await joinCaseTeam(person);
  await joinCaseTeam(other);
});

afterAll(async () => {
  await gw?.close();
});

describe('identity linkage through the gateway', () => {
  it('lists the NGO record of a person the NGO holds without an ID number as a candidate for their coordinator', async () => {
    const res = await gql(gw.url, CANDIDATES, { token: coordinator, purpose: PURPOSE, variables: { id: idOf(person) } });
    const candidates = res.body.data!.person.linkCandidates as Array<Record<string, unknown>>;
    const mine = candidates.find((c) => c.agency === 'ngo' && c.agencyRef === person.refs.ngo);
    expect(mine).toMatchObject({ dateOfBirthMatch: 'EXACT', ambiguous: false });
    expect(mine!.score).toBeGreaterThanOrEqual(0.95);
    // The NGO shares identity only with the person's consent: the candidate's name stays withheld.
    expect(mine!.givenName).toBeNull();
    expect(res.body.errors?.some((e) => e.extensions?.code === 'FORBIDDEN' && e.extensions?.reason === 'NO_CONSENT')).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain(person.nationalId.value);
  });

  it('refuses the NGO’s consent for a person it cannot find by ID number until its worker is on the case team', async () => {
    const ask = () => gql(gw.url, `mutation C($id: IdentifierInput!) { recordConsent(consent: { identifier: $id, recipients: ["welfare"], categories: [IDENTITY], purposes: [REINTEGRATION_SUPPORT], validFrom: "2026-01-01", evidenceRef: "NK/2026/76" }) { id } }`, {
      token: ngoWorker, purpose: PURPOSE, variables: { id: idOf(person) },
    });
    expect((await ask()).body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ASSIGNED' });
    const add = await gql(gw.url, `mutation W($id: IdentifierInput!) { addCaseTeamMember(identifier: $id, member: { agency: "ngo", sub: "ngo-pw-01", role: "programme_worker" }) { members { sub } } }`, {
      token: coordinator, purpose: PURPOSE, variables: { id: idOf(person) },
    });
    expect(add.body.errors).toBeUndefined();
  });

  it('shows the candidate’s name once the NGO has recorded the person’s consent', async () => {
    const consent = await gql(gw.url, `mutation C($id: IdentifierInput!) { recordConsent(consent: { identifier: $id, recipients: ["welfare"], categories: [IDENTITY, INTERVENTION], purposes: [REINTEGRATION_SUPPORT], validFrom: "2026-01-01", evidenceRef: "NK/2026/77" }) { id } }`, {
      token: ngoWorker, purpose: PURPOSE, variables: { id: idOf(person) },
    });
    expect(consent.body.errors).toBeUndefined();
    const res = await gql(gw.url, CANDIDATES, { token: coordinator, purpose: PURPOSE, variables: { id: idOf(person) } });
    const mine = (res.body.data!.person.linkCandidates as Array<Record<string, unknown>>).find((c) => c.agencyRef === person.refs.ngo);
    expect(mine).toMatchObject({ givenName: person.givenName, familyName: person.familyName, dateOfBirth: person.dateOfBirth });
  });

  it('never uses a candidate before confirmation: the NGO’s data is not part of the person', async () => {
    const res = await gql(gw.url, PROGRAMMES, { token: coordinator, purpose: PURPOSE, variables: { id: idOf(person) } });
    expect(res.body.data!.person.names.map((n: { agency: string }) => n.agency)).not.toContain('ngo');
    expect(res.body.data!.person.programmes ?? []).toEqual([]);
    const own = await gql(gw.url, PROGRAMMES, { token: ngoWorker, purpose: PURPOSE, variables: { id: idOf(person) } });
    expect(own.body.data!.person).toBeNull();
  });

  it('refuses candidates and decisions to a role that does not coordinate case teams, with a coded error', async () => {
    const list = await gql(gw.url, CANDIDATES, { token: socialWorker, purpose: PURPOSE, variables: { id: idOf(person) } });
    expect(list.body.data!.person.linkCandidates).toBeNull();
    expect(list.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const confirm = await gql(gw.url, DECIDE('confirmLink'), { token: socialWorker, purpose: PURPOSE, variables: { id: idOf(person), agency: 'ngo', ref: person.refs.ngo } });
    expect(confirm.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });

  it('refuses to confirm a record that is not a candidate for the person', async () => {
    const res = await gql(gw.url, DECIDE('confirmLink'), { token: coordinator, purpose: PURPOSE, variables: { id: idOf(person), agency: 'ngo', ref: other.refs.ngo } });
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_A_CANDIDATE' });
  });

  it('answers a reference the agency does not hold as it answers a record that is not a candidate: no probing of another agency', async () => {
    for (const field of ['confirmLink', 'rejectLink']) {
      const ask = (ref: string) => gql(gw.url, DECIDE(field), { token: coordinator, purpose: PURPOSE, variables: { id: idOf(person), agency: 'ngo', ref } });
      const [missing, notCandidate] = await Promise.all([ask('NK-999999'), ask(other.refs.ngo!)]);
      expect(missing.body.errors, field).toEqual(notCandidate.body.errors);
      expect(missing.body.errors![0]!.extensions).toMatchObject({ reason: 'NOT_A_CANDIDATE' });
    }
    const { rows } = await gw.gateway.store.query<{ n: number }>('SELECT count(*)::int AS n FROM reintegra.identity_link WHERE agency_ref = $1', [other.refs.ngo]);
    expect(rows[0]!.n).toBe(0);
  });

  it('confirms a candidate, after which the NGO’s record and programmes belong to the person on the next request', async () => {
    const res = await gql(gw.url, DECIDE('confirmLink'), { token: coordinator, purpose: PURPOSE, variables: { id: idOf(person), agency: 'ngo', ref: person.refs.ngo } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.confirmLink).toMatchObject({ agency: 'ngo', agencyRef: person.refs.ngo, state: 'CONFIRMED', decidedBy: COORDINATOR, decidedByAgency: 'welfare' });
    const after = await gql(gw.url, PROGRAMMES, { token: coordinator, purpose: PURPOSE, variables: { id: idOf(person) } });
    expect(after.body.data!.person.names).toContainEqual({ agency: 'ngo', agencyRef: person.refs.ngo });
    expect(after.body.data!.person.programmes.length).toBeGreaterThan(0);
    expect(after.body.data!.person.programmes.every((p: { source: { agency: string } }) => p.source.agency === 'ngo')).toBe(true);
    // The NGO now reaches its own record through the person's identifier.
    const own = await gql(gw.url, PROGRAMMES, { token: ngoWorker, purpose: PURPOSE, variables: { id: idOf(person) } });
    expect(own.body.data!.person.names).toContainEqual({ agency: 'ngo', agencyRef: person.refs.ngo });
    // And it is no longer a candidate.
    const list = await gql(gw.url, CANDIDATES, { token: coordinator, purpose: PURPOSE, variables: { id: idOf(person) } });
    expect(list.body.data!.person.linkCandidates.map((c: { agency: string }) => c.agency)).not.toContain('ngo');
  });

  it('rejects a candidate, which is then never proposed again for that person', async () => {
    const before = await gql(gw.url, CANDIDATES, { token: coordinator, purpose: PURPOSE, variables: { id: idOf(other) } });
    expect(before.body.data!.person.linkCandidates.map((c: { agencyRef: string }) => c.agencyRef)).toContain(other.refs.ngo);
    const res = await gql(gw.url, DECIDE('rejectLink'), { token: coordinator, purpose: PURPOSE, variables: { id: idOf(other), agency: 'ngo', ref: other.refs.ngo } });
    expect(res.body.data!.rejectLink).toMatchObject({ state: 'REJECTED', agencyRef: other.refs.ngo });
    const after = await gql(gw.url, CANDIDATES, { token: coordinator, purpose: PURPOSE, variables: { id: idOf(other) } });
    expect(after.body.data!.person.linkCandidates.map((c: { agencyRef: string }) => c.agencyRef)).not.toContain(other.refs.ngo);
    const data = await gql(gw.url, PROGRAMMES, { token: coordinator, purpose: PURPOSE, variables: { id: idOf(other) } });
    expect(data.body.data!.person.names.map((n: { agency: string }) => n.agency)).not.toContain('ngo');
    const decisions = await gql(gw.url, `query D($id: IdentifierInput!) { person(identifier: $id) { identityLinks { agency agencyRef state decidedBy } } }`, { token: coordinator, purpose: PURPOSE, variables: { id: idOf(other) } });
    expect(decisions.body.data!.person.identityLinks).toEqual([{ agency: 'ngo', agencyRef: other.refs.ngo, state: 'REJECTED', decidedBy: COORDINATOR }]);
  });

  it('accepts a JMBG whose check digit computes to 10 and is written 0, with a warning in extensions', async () => {
    const res = await gql(gw.url, `{ person(identifier: { scheme: JMBG, value: "0101990710300" }) { id } }`, { token: coordinator, purpose: PURPOSE });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ person: null });
    expect((res.body as { extensions?: { warnings?: unknown[] } }).extensions?.warnings).toEqual([
      { code: 'NATIONAL_ID_NONSTANDARD', message: expect.stringMatching(/^identifiers\[0\]: JMBG check digit computes to 10/) },
    ]);
  });

  it('records both decisions in the audit log against the person', async () => {
    for (const [p, field, state] of [[person, 'Mutation.confirmLink', 'CONFIRMED'], [other, 'Mutation.rejectLink', 'REJECTED']] as const) {
      const res = await gql(gw.url, `query Log($id: IdentifierInput!) { auditLog { events(filter: { person: { identifier: $id } }, first: 100) { events { caller { sub } agencies released { category fields } linkChanges { state agency score } } } } }`, {
        token: privacyOfficer, purpose: 'AUDIT', variables: { id: idOf(p) },
      });
      expect(res.body.errors).toBeUndefined();
      const events = res.body.data!.auditLog.events.events as Array<{ caller: { sub: string }; agencies: string[]; released: Array<{ category: string; fields: string[] }>; linkChanges: Array<{ state: string; agency: string; score: number | null }> }>;
      const decision = events.find((e) => e.released.some((r) => r.fields.includes(field)));
      expect(decision).toBeDefined();
      expect(decision!.caller.sub).toBe(COORDINATOR);
      expect(decision!.agencies).toContain('ngo');
      // What was decided is in the log, the NGO's reference is not.
      expect(decision!.linkChanges).toEqual([{ state, agency: 'ngo', score: expect.any(Number) }]);
      expect(JSON.stringify(events)).not.toContain(p.refs.ngo!);
    }
  });
});
