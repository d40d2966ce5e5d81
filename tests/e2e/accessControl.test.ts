import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseTeamSeed, type WorldPerson } from '../../src/demo/index.js';
import { gql, startTestGateway, tokenFor } from '../support/embedded.js';

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let P: WorldPerson; // known to all four agencies, consents on file
let R: WorldPerson; // known to probation and welfare, no consent on file
let H: WorldPerson; // known to the prison only
let officerOfP: string;
let officerOfR: string;
let caseManagerOfP: string;

const idOf = (p: WorldPerson) => ({ scheme: p.nationalId.scheme, value: p.nationalId.value });
const FIELDS = `id custody { status } supervision { orderType } welfare { status healthNeeds { domain } } programmes { programme source { agency } }`;
const ONE = `query($id: IdentifierInput!) { person(identifier: $id) { ${FIELDS} } }`;

async function ask(agency: string, role: string, sub: string, purpose: string, person: WorldPerson, query = ONE, headers: Record<string, string> = {}) {
  const token = await tokenFor(gw.home, agency, role, sub);
  return gql(gw.url, query, { token, purpose, variables: { id: idOf(person) }, headers });
}

function errorAt(res: Awaited<ReturnType<typeof gql>>, path: string) {
  return res.body.errors?.find((e) => e.path?.join('.') === path);
}

beforeAll(async () => {
  gw = await startTestGateway();
  const people = gw.world.people;
  P = people.find((p) => gw.world.knownToAll.includes(p.nationalId.value) && p.story === 'PAROLE')!;
  const core = new Set(gw.world.knownToAll);
  R = people.find((p) => p.refs.probation && p.refs.welfare && !p.refs.ngo && !core.has(p.nationalId.value) && p.index % 2 === 1)!;
  H = people.find((p) => p.refs.prison && !p.refs.probation && !p.refs.welfare && !p.refs.ngo)!;
  const seed = caseTeamSeed(gw.world);
  officerOfP = seed.find((a) => a.nationalId === P.nationalId.value && a.agency === 'probation')!.sub;
  officerOfR = seed.find((a) => a.nationalId === R.nationalId.value && a.agency === 'probation')!.sub;
  caseManagerOfP = seed.find((a) => a.nationalId === P.nationalId.value && a.role === 'prison_case_manager')!.sub;
});

afterAll(async () => {
  await gw?.close();
});

describe('field-level access control over HTTP', () => {
  it('releases custody, supervision, welfare and programmes to the assigned probation officer for release planning', async () => {
    const res = await ask('probation', 'probation_officer', officerOfP, 'RELEASE_PLANNING', P);
    const p = res.body.data!.person;
    expect(p.custody.length).toBeGreaterThan(0);
    expect(p.supervision.length).toBeGreaterThan(0);
    expect(p.welfare.length).toBeGreaterThan(0);
    expect(p.programmes.map((e: { source: { agency: string } }) => e.source.agency)).toContain('ngo');
    // Health needs are HEALTH: the only agreement for them covers supervision, not release planning.
    expect(errorAt(res, 'person.welfare.0.healthNeeds')?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_NOT_ALLOWED', category: 'HEALTH' });
  });

  it('withholds prison data with NOT_ASSIGNED from an officer not on the case, but shows the officer’s own agency data', async () => {
    const res = await ask('probation', 'probation_officer', 'probation-po-unassigned', 'RELEASE_PLANNING', P);
    expect(res.body.data!.person.custody).toBeNull();
    expect(errorAt(res, 'person.custody')?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ASSIGNED', category: 'CUSTODY' });
    expect(res.body.data!.person.supervision.length).toBeGreaterThan(0);
  });

  it('withholds with PURPOSE_NOT_ALLOWED when the purpose is not in the agreement', async () => {
    const res = await ask('probation', 'probation_officer', officerOfP, 'CASE_MANAGEMENT', P);
    expect(errorAt(res, 'person.custody')?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_NOT_ALLOWED' });
  });

  it('returns the released agencies’ records with an error naming what was withheld (AGREEMENT_EXPIRED)', async () => {
    const res = await ask('ngo', 'programme_worker', 'ngo-pw-01', 'REINTEGRATION_SUPPORT', P);
    const programmes = res.body.data!.person.programmes as Array<{ source: { agency: string } }>;
    expect(programmes.length).toBeGreaterThan(0);
    expect(programmes.every((e) => e.source.agency === 'ngo')).toBe(true);
    expect(errorAt(res, 'person.programmes')?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'AGREEMENT_EXPIRED', category: 'INTERVENTION' });
    expect(errorAt(res, 'person.programmes')?.message).toBe('Withheld: INTERVENTION not released (AGREEMENT_EXPIRED).');
    expect(errorAt(res, 'person.supervision')?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_AGREEMENT' });
  });

  it('never releases HEALTH to prison staff', async () => {
    const res = await ask('prison', 'prison_case_manager', caseManagerOfP, 'RELEASE_PLANNING', P);
    expect(res.body.data!.person.welfare.length).toBeGreaterThan(0);
    expect(res.body.data!.person.welfare[0].healthNeeds).toBeNull();
    expect(errorAt(res, 'person.welfare.0.healthNeeds')?.extensions).toMatchObject({ code: 'FORBIDDEN', category: 'HEALTH' });
  });

  it('keeps health data inside other records apart, as HEALTH: welfare services and treatment conditions never reach prison staff', async () => {
    const call = { signal: new AbortController().signal, purpose: 'RELEASE_PLANNING' as const, logger: pino({ level: 'silent' }) };
    // The agency's own records, straight from its adapter (one record, or a list, or nothing).
    const raw = async (agency: string, entity: 'welfareCase' | 'supervision', ref: string): Promise<Array<Record<string, any>>> => {
      const value = (await gw.gateway.registry.get(agency)!.load(entity, [ref], call))[0];
      return value === null || value === undefined || value instanceof Error ? [] : ((Array.isArray(value) ? value : [value]) as Array<Record<string, any>>);
    };
    const manager = 'prison-cm-health';
    const token = await tokenFor(gw.home, 'prison', 'prison_case_manager', manager);
    const QUERY = `query($id: IdentifierInput!) { person(identifier: $id) { welfare { services { domain } healthServices { domain } } supervision { conditions { category } treatmentConditions { category } } } }`;
    const seen = { service: false, condition: false };
    // People the prison holds whose own welfare or probation records hold health services or treatment conditions.
    for (const p of gw.world.people.filter((x) => x.refs.prison && (x.refs.welfare || x.refs.probation))) {
      if (seen.service && seen.condition) break;
      const cases = p.refs.welfare ? await raw('welfare', 'welfareCase', p.refs.welfare) : [];
      const orders = p.refs.probation ? await raw('probation', 'supervision', p.refs.probation) : [];
      const hasService = cases.some((c) => c.services.some((v: { domain: string }) => v.domain === 'HEALTH'));
      const hasCondition = orders.some((o) => o.conditions.some((c: { category: string }) => c.category === 'TREATMENT'));
      if (!hasService && !hasCondition) continue;
      // The prison holds the person, so its case manager may join the team and read for release planning.
      await gql(gw.url, `mutation($id: IdentifierInput!, $m: TeamMemberInput!) { addCaseTeamMember(identifier: $id, member: $m) { leadAgency } }`, {
        token, purpose: 'RELEASE_PLANNING', variables: { id: idOf(p), m: { agency: 'prison', sub: manager, role: 'prison_case_manager' } },
      });
      const res = await gql(gw.url, QUERY, { token, purpose: 'RELEASE_PLANNING', variables: { id: idOf(p) } });
      const person = res.body.data?.person;
      const welfare = (person?.welfare ?? []) as Array<{ services: Array<{ domain: string }> | null; healthServices: unknown }>;
      const supervision = (person?.supervision ?? []) as Array<{ conditions: Array<{ category: string }> | null; treatmentConditions: unknown }>;
      if (hasService && welfare.some((c) => c.services !== null)) {
        seen.service = true;
        expect(welfare.flatMap((c) => c.services ?? []).map((v) => v.domain)).not.toContain('HEALTH');
        expect(welfare.every((c) => c.healthServices === null)).toBe(true);
      }
      if (hasCondition && supervision.some((o) => o.conditions !== null)) {
        seen.condition = true;
        expect(supervision.flatMap((o) => o.conditions ?? []).map((c) => c.category)).not.toContain('TREATMENT');
        expect(supervision.every((o) => o.treatmentConditions === null)).toBe(true);
      }
      expect(res.body.errors?.filter((e) => /healthServices|treatmentConditions/.test(e.path?.join('.') ?? '')).every((e) => e.extensions?.category === 'HEALTH')).toBe(true);
    }
    // The demo world has both, released to the prison otherwise: the assertions above ran.
    expect(seen).toEqual({ service: true, condition: true });
  });

  it('withholds welfare data without consent, releases it once recorded, and withholds it again on the next request after withdrawal', async () => {
    const before = await ask('probation', 'probation_officer', officerOfR, 'SUPERVISION', R);
    expect(errorAt(before, 'person.welfare')?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_CONSENT' });
    const worker = await tokenFor(gw.home, 'welfare', 'social_worker', 'welfare-sw-01');
    const recorded = await gql(gw.url, `mutation($c: ConsentInput!) { recordConsent(consent: $c) { id provider recipients withdrawnAt } }`, {
      token: worker,
      purpose: 'REINTEGRATION_SUPPORT',
      variables: { c: { identifier: idOf(R), recipients: ['probation'], categories: ['IDENTITY', 'WELFARE'], purposes: ['SUPERVISION'], validFrom: '2025-01-01', evidenceRef: 'CSR/SAGL/2026/118' } },
    });
    expect(recorded.body.errors).toBeUndefined();
    expect(recorded.body.data!.recordConsent).toMatchObject({ provider: 'welfare', recipients: ['probation'], withdrawnAt: null });
    const during = await ask('probation', 'probation_officer', officerOfR, 'SUPERVISION', R);
    expect(errorAt(during, 'person.welfare')).toBeUndefined();
    expect(during.body.data!.person.welfare.length).toBeGreaterThan(0);
    const wrongPerson = await gql(gw.url, `mutation($id: ID!, $p: IdentifierInput!) { withdrawConsent(id: $id, identifier: $p) { withdrawnAt } }`, { token: worker, purpose: 'REINTEGRATION_SUPPORT', variables: { id: recorded.body.data!.recordConsent.id, p: idOf(P) } });
    expect(wrongPerson.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const withdrawn = await gql(gw.url, `mutation($id: ID!, $p: IdentifierInput!) { withdrawConsent(id: $id, identifier: $p) { withdrawnAt withdrawnBy } }`, { token: worker, purpose: 'REINTEGRATION_SUPPORT', variables: { id: recorded.body.data!.recordConsent.id, p: idOf(R) } });
    expect(withdrawn.body.data!.withdrawConsent.withdrawnBy).toBe('welfare-sw-01');
    const after = await ask('probation', 'probation_officer', officerOfR, 'SUPERVISION', R);
    expect(errorAt(after, 'person.welfare')?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_WITHDRAWN' });
  });

  it('refuses consent recording to a role not listed as recorder', async () => {
    const officer = await tokenFor(gw.home, 'probation', 'probation_officer', officerOfR);
    const res = await gql(gw.url, `mutation($c: ConsentInput!) { recordConsent(consent: $c) { id } }`, {
      token: officer,
      purpose: 'SUPERVISION',
      variables: { c: { identifier: idOf(R), recipients: ['probation'], categories: ['WELFARE'], purposes: ['SUPERVISION'], validFrom: '2025-01-01', evidenceRef: 'x' } },
    });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });

  it('refuses a consent for a person the recorder’s agency does not hold and the recorder is not assigned to, with nothing recorded', async () => {
    // H is known to the prison only: a welfare social worker has no case with them.
    const worker = await tokenFor(gw.home, 'welfare', 'social_worker', 'welfare-sw-09');
    const res = await gql(gw.url, `mutation($c: ConsentInput!) { recordConsent(consent: $c) { id } }`, {
      token: worker, purpose: 'REINTEGRATION_SUPPORT',
      variables: { c: { identifier: idOf(H), recipients: ['probation'], categories: ['WELFARE', 'HEALTH'], purposes: ['SUPERVISION'], validFrom: '2026-01-01', evidenceRef: 'CSR/2026/901' } },
    });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ASSIGNED' });
    const { rows } = await gw.gateway.store.query<{ n: number }>("SELECT count(*)::int AS n FROM reintegra.consent WHERE evidence_ref = 'CSR/2026/901'");
    expect(rows[0]!.n).toBe(0);
  });

  it('refuses consents for purposes other than case work, shared with the provider itself, or with no evidence to find', async () => {
    const worker = await tokenFor(gw.home, 'welfare', 'social_worker', 'welfare-sw-01');
    const record = (c: Record<string, unknown>) => gql(gw.url, `mutation($c: ConsentInput!) { recordConsent(consent: $c) { id } }`, {
      token: worker, purpose: 'REINTEGRATION_SUPPORT',
      variables: { c: { identifier: idOf(R), recipients: ['probation'], categories: ['WELFARE'], purposes: ['SUPERVISION'], validFrom: '2026-01-01', evidenceRef: 'CSR/2026/902', ...c } },
    });
    for (const [c, message] of [
      [{ purposes: ['SUPERVISION', 'AUDIT'] }, 'purposes: consent is a basis for case work only'],
      [{ purposes: ['EMERGENCY'] }, 'not EMERGENCY'],
      [{ recipients: ['probation', 'welfare'] }, 'recipients must not include welfare'],
      [{ evidenceRef: '-' }, 'evidenceRef must be'],
      [{ validFrom: '2026-02-30' }, 'got invalid value "2026-02-30" at "c.validFrom"; Date must be YYYY-MM-DD, a day that exists'],
    ] as const) {
      const res = await record(c);
      expect(res.body.errors?.[0]?.extensions?.code, JSON.stringify(c)).toBe('BAD_USER_INPUT');
      expect(res.body.errors?.[0]?.message).toContain(message);
    }
    const { rows } = await gw.gateway.store.query<{ n: number }>("SELECT count(*)::int AS n FROM reintegra.consent WHERE evidence_ref = 'CSR/2026/902'");
    expect(rows[0]!.n).toBe(0);
  });

  it('lists the consents the recorder’s agency holds for a person and records what each change gave or took in the audit event', async () => {
    const worker = await tokenFor(gw.home, 'welfare', 'social_worker', 'welfare-sw-01');
    const consent = { identifier: idOf(R), recipients: ['probation'], categories: ['WELFARE'], purposes: ['SUPERVISION'], validFrom: '2026-01-01', validUntil: '2027-12-31', evidenceRef: 'CSR/2026/903' };
    const recorded = await gql(gw.url, `mutation($c: ConsentInput!) { recordConsent(consent: $c) { id } }`, { token: worker, purpose: 'REINTEGRATION_SUPPORT', variables: { c: consent }, headers: { 'x-request-id': 'consent-record-1' } });
    const id = recorded.body.data!.recordConsent.id as string;
    const listed = await gql(gw.url, `query($p: IdentifierInput!) { consents(identifier: $p) { id provider evidenceRef withdrawnAt } }`, { token: worker, purpose: 'REINTEGRATION_SUPPORT', variables: { p: idOf(R) } });
    expect(listed.body.data!.consents).toContainEqual({ id, provider: 'welfare', evidenceRef: 'CSR/2026/903', withdrawnAt: null });
    // Another agency's recorder sees none of welfare's consents.
    const ngo = await tokenFor(gw.home, 'ngo', 'programme_worker', 'ngo-pw-02');
    const other = await gql(gw.url, `query($p: IdentifierInput!) { consents(identifier: $p) { id } }`, { token: ngo, purpose: 'REINTEGRATION_SUPPORT', variables: { p: idOf(R) } });
    expect(other.body.data?.consents ?? []).not.toContainEqual({ id });
    await gql(gw.url, `mutation($id: ID!, $p: IdentifierInput!) { withdrawConsent(id: $id, identifier: $p) { withdrawnAt } }`, { token: worker, purpose: 'REINTEGRATION_SUPPORT', variables: { id, p: idOf(R) }, headers: { 'x-request-id': 'consent-withdraw-1' } });
    const { rows } = await gw.gateway.store.query<{ request_id: string; event: { consentChanges?: unknown } }>("SELECT request_id, event FROM reintegra.audit_event WHERE request_id IN ('consent-record-1', 'consent-withdraw-1') ORDER BY leaf_index");
    const consentAs = { id, provider: 'welfare', recipients: ['probation'], categories: ['WELFARE'], purposes: ['SUPERVISION'], validFrom: '2026-01-01', validUntil: '2027-12-31', evidenceRef: 'CSR/2026/903', recordedBy: 'welfare-sw-01', recordedAt: expect.any(String) };
    expect(rows.map((r) => r.event.consentChanges)).toEqual([
      [{ action: 'RECORD', consent: { ...consentAs, withdrawnAt: null, withdrawnBy: null } }],
      [{ action: 'WITHDRAW', consent: { ...consentAs, withdrawnAt: expect.any(String), withdrawnBy: 'welfare-sw-01' } }],
    ]);
    // As the welfare privacy officer reads it.
    const officer = await tokenFor(gw.home, 'welfare', 'privacy_officer');
    const read = await gql(gw.url, `query($f: AuditEventFilter!) { auditLog { events(filter: $f, first: 5) { events { consentChanges { action consent { id evidenceRef recordedBy withdrawnBy } } } } } }`, { token: officer, purpose: 'AUDIT', variables: { f: { requestId: 'consent-withdraw-1' } } });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data!.auditLog.events.events.flatMap((e: { consentChanges: unknown[] }) => e.consentChanges)).toEqual([
      { action: 'WITHDRAW', consent: { id, evidenceRef: 'CSR/2026/903', recordedBy: 'welfare-sw-01', withdrawnBy: 'welfare-sw-01' } },
    ]);
  });

  it('lets a case coordinator put an officer on the case, which releases prison data to them, and take them off again', async () => {
    const officer = 'probation-po-newcomer';
    const coordinator = await tokenFor(gw.home, 'welfare', 'case_coordinator', 'welfare-coord-01');
    const add = await gql(gw.url, `mutation($id: IdentifierInput!, $m: TeamMemberInput!) { addCaseTeamMember(identifier: $id, member: $m) { members { agency sub role } } }`, {
      token: coordinator,
      purpose: 'REINTEGRATION_SUPPORT',
      variables: { id: idOf(P), m: { agency: 'probation', sub: officer, role: 'probation_officer' } },
      headers: { 'x-request-id': 'team-add-1' },
    });
    expect(add.body.data!.addCaseTeamMember.members).toContainEqual({ agency: 'probation', sub: officer, role: 'probation_officer' });
    // The audit event says who was given need to know, not only that the team changed.
    const { rows } = await gw.gateway.store.query<{ event: { caseTeamChanges?: unknown; agencies: string[] } }>("SELECT event FROM reintegra.audit_event WHERE request_id = 'team-add-1'");
    expect(rows.map((r) => r.event.caseTeamChanges)).toEqual([[{ action: 'ADD', agency: 'probation', sub: officer, role: 'probation_officer' }]]);
    // The prison's data is what the new member gains: the prison's privacy officer sees who granted it.
    expect(rows[0]!.event.agencies).toContain('prison');
    const prisonOfficer = await tokenFor(gw.home, 'prison', 'privacy_officer');
    const seen = await gql(gw.url, `query($f: AuditEventFilter!) { auditLog { events(filter: $f, first: 5) { events { caller { sub } caseTeamChanges { action sub } } } } }`, { token: prisonOfficer, purpose: 'AUDIT', variables: { f: { requestId: 'team-add-1' } } });
    expect(seen.body.data!.auditLog.events.events).toEqual([{ caller: { sub: 'welfare-coord-01' }, caseTeamChanges: [{ action: 'ADD', sub: officer }] }]);
    expect((await gw.gateway.auditLog.verify()).ok).toBe(true);
    expect((await ask('probation', 'probation_officer', officer, 'RELEASE_PLANNING', P)).body.data!.person.custody.length).toBeGreaterThan(0);
    await gql(gw.url, `mutation($id: IdentifierInput!) { removeCaseTeamMember(identifier: $id, agency: "probation", sub: "${officer}") { members { sub } } }`, { token: coordinator, purpose: 'REINTEGRATION_SUPPORT', variables: { id: idOf(P) } });
    const after = await ask('probation', 'probation_officer', officer, 'RELEASE_PLANNING', P);
    expect(errorAt(after, 'person.custody')?.extensions).toMatchObject({ reason: 'NOT_ASSIGNED' });
  });

  it('lets no coordinator onto the case team of a person their agency does not hold, nor say who is on it', async () => {
    const ADD = `mutation($id: IdentifierInput!, $m: TeamMemberInput!) { addCaseTeamMember(identifier: $id, member: $m) { leadAgency members { agency sub role } } }`;
    const REMOVE = `mutation($id: IdentifierInput!) { removeCaseTeamMember(identifier: $id, agency: "probation", sub: "nobody") { leadAgency members { sub } } }`;
    const outsider = await tokenFor(gw.home, 'welfare', 'case_coordinator', 'welfare-coord-07');
    const self = { agency: 'welfare', sub: 'welfare-coord-07', role: 'case_coordinator' };
    // H is known to the prison only: the welfare coordinator is neither on H's team nor at an agency that holds H.
    const add = await gql(gw.url, ADD, { token: outsider, purpose: 'REINTEGRATION_SUPPORT', variables: { id: idOf(H), m: self } });
    expect(add.body.data).toBeNull();
    expect(add.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ASSIGNED' });
    const remove = await gql(gw.url, REMOVE, { token: outsider, purpose: 'REINTEGRATION_SUPPORT', variables: { id: idOf(H) } });
    expect(remove.body.data).toBeNull();
    expect(JSON.stringify(remove.body)).not.toMatch(/prison-/);
    expect((await ask('welfare', 'case_coordinator', 'welfare-coord-07', 'REINTEGRATION_SUPPORT', H)).body.data!.person).toBeNull();
    // The prison's case manager, whose agency holds H, may put the welfare coordinator on the team (the control case).
    const manager = await tokenFor(gw.home, 'prison', 'prison_case_manager', 'prison-cm-77');
    const opened = await gql(gw.url, ADD, { token: manager, purpose: 'RELEASE_PLANNING', variables: { id: idOf(H), m: self } });
    expect(opened.body.data!.addCaseTeamMember.members).toContainEqual(self);
    // Once on the team, the coordinator may change it.
    const byMember = await gql(gw.url, REMOVE, { token: outsider, purpose: 'REINTEGRATION_SUPPORT', variables: { id: idOf(H) } });
    expect(byMember.body.errors).toBeUndefined();
  });

  it('changes case teams and consents only for the purposes of case work', async () => {
    const coordinator = await tokenFor(gw.home, 'welfare', 'case_coordinator', 'welfare-coord-01');
    for (const purpose of ['AUDIT', 'STATISTICS']) {
      const res = await gql(gw.url, `mutation($id: IdentifierInput!, $m: TeamMemberInput!) { addCaseTeamMember(identifier: $id, member: $m) { members { sub } } }`, {
        token: coordinator,
        purpose,
        variables: { id: idOf(P), m: { agency: 'probation', sub: 'probation-po-30', role: 'probation_officer' } },
      });
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_NOT_ALLOWED' });
    }
    const worker = await tokenFor(gw.home, 'welfare', 'social_worker', 'welfare-sw-09');
    const consent = await gql(gw.url, `mutation($c: ConsentInput!) { recordConsent(consent: $c) { id } }`, {
      token: worker,
      purpose: 'AUDIT',
      variables: { c: { identifier: idOf(R), recipients: ['probation'], categories: ['WELFARE'], purposes: ['SUPERVISION'], validFrom: '2025-01-01', evidenceRef: 'form 7' } },
    });
    expect(consent.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_NOT_ALLOWED' });
    expect((await ask('probation', 'probation_officer', 'probation-po-30', 'RELEASE_PLANNING', P)).body.errors?.some((e) => e.extensions?.reason === 'NOT_ASSIGNED')).toBe(true);
  });

  it('breaks the glass for an emergency role with a justification, for that request only, and flags it in the audit log', async () => {
    const why = 'Person absconded from prison leave; police ask for custody status and location.';
    const res = await ask('probation', 'probation_officer', 'probation-po-duty', 'EMERGENCY', P, ONE, { 'x-break-glass': why, 'x-request-id': 'break-glass-1' });
    expect(res.body.data!.person.custody.length).toBeGreaterThan(0);
    expect(errorAt(res, 'person.welfare')?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const { rows } = await gw.gateway.store.query<{ event: { breakGlass: string } }>("SELECT event FROM reintegra.audit_event WHERE request_id = 'break-glass-1'");
    expect(rows[0]!.event.breakGlass).toBe(why);
    const next = await ask('probation', 'probation_officer', 'probation-po-duty', 'RELEASE_PLANNING', P);
    expect(errorAt(next, 'person.custody')?.extensions).toMatchObject({ reason: 'NOT_ASSIGNED' });
  });

  it('answers a person asked for twice, and a field asked for twice, alike each time', async () => {
    // Records are marked with their owner (person, agency) in place; a second person node for the
    // same records, and a second field over them, must each get what they are allowed.
    const twice = `query($id: IdentifierInput!) { people(identifiers: [$id, $id]) { id a: supervision { orderType } b: supervision { orderType } custody { status } } }`;
    const assigned = await ask('probation', 'probation_officer', officerOfP, 'RELEASE_PLANNING', P, twice);
    expect(assigned.body.errors).toBeUndefined();
    const [first, second] = assigned.body.data!.people;
    expect(first.supervision).toBeUndefined();
    expect(first.a.length).toBeGreaterThan(0);
    expect(first.custody.length).toBeGreaterThan(0);
    expect(first.b).toEqual(first.a);
    expect(second).toEqual(first);
    const unassigned = await ask('probation', 'probation_officer', 'probation-po-unassigned', 'RELEASE_PLANNING', P, twice);
    expect(unassigned.body.data!.people.map((p: { custody: unknown }) => p.custody)).toEqual([null, null]);
    expect(unassigned.body.data!.people[1].a).toEqual(first.a);
    expect(unassigned.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.reason])).toEqual([
      ['people.0.custody', 'NOT_ASSIGNED'],
      ['people.1.custody', 'NOT_ASSIGNED'],
    ]);
  });

  it('gives no person at all under STATISTICS', async () => {
    const res = await ask('probation', 'probation_officer', officerOfP, 'STATISTICS', P);
    expect(res.body).toEqual({ data: { person: null } });
  });

  it('cannot be probed: a hidden person and a nonexistent one give byte-identical answers', async () => {
    const token = await tokenFor(gw.home, 'ngo', 'programme_worker', 'ngo-pw-01');
    const send = async (value: string, scheme: string) => {
      const res = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose-of-use': 'REINTEGRATION_SUPPORT' },
        body: JSON.stringify({ query: ONE, variables: { id: { scheme, value } } }),
      });
      return { status: res.status, body: await res.text() };
    };
    const hidden = await send(H.nationalId.value, H.nationalId.scheme);
    const unknownJmbg = H.nationalId.scheme === 'JMBG' ? '0101990710024' : H.nationalId.scheme === 'KOSOVO_PN' ? '9999999999' : 'Z10101999Z';
    const nobody = await send(unknownJmbg, H.nationalId.scheme);
    expect(hidden).toEqual(nobody);
    expect(hidden.body).toBe('{"data":{"person":null}}\n');
  });
});
