import { compactVerify, importJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorldPerson } from '../../../src/demo/index.js';
import { caseTeamSeed } from '../../../src/demo/index.js';
import { gql, startTestGateway, tokenFor } from '../../support/embedded.js';
import { verifyConsistency, verifyInclusion } from '../../unit/audit/rfc6962Verifier.js';
import { asPrivacyOfficer, EVENT_FIELDS, idOf } from './support/auditApi.js';

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let P: WorldPerson;
let officerOfP: string;
const WHY = 'Person collapsed in custody, paramedics need identity and custody status now.';
const PERSON = `query($id: IdentifierInput!) { person(identifier: $id) { id custody { status } supervision { orderType } welfare { status } } }`;
const EVENTS = `query($f: AuditEventFilter, $first: Int, $after: String) { auditLog { events(filter: $f, first: $first, after: $after) { events { ${EVENT_FIELDS} } endCursor hasMore } } }`;

async function ask(agency: string, role: string, sub: string, purpose: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const token = await tokenFor(gw.home, agency, role, sub);
  return gql(gw.url, query, { token, purpose, variables, headers });
}

beforeAll(async () => {
  gw = await startTestGateway();
  P = gw.world.people.find((p) => gw.world.knownToAll.includes(p.nationalId.value) && p.story === 'PAROLE')!;
  officerOfP = caseTeamSeed(gw.world).find((a) => a.nationalId === P.nationalId.value && a.agency === 'probation')!.sub;
  // The accesses the privacy officers will look into.
  await ask('probation', 'probation_officer', officerOfP, 'RELEASE_PLANNING', PERSON, { id: idOf(P) }, { 'x-request-id': 'po-assigned' });
  await ask('probation', 'probation_officer', 'probation-po-unassigned', 'SUPERVISION', PERSON, { id: idOf(P) }, { 'x-request-id': 'po-unassigned' });
  await ask('prison', 'prison_officer', 'prison-officer-01', 'EMERGENCY', `query($id: IdentifierInput!) { person(identifier: $id) { names { familyName } custody { status } } }`, { id: idOf(P) }, { 'x-break-glass': WHY, 'x-request-id': 'glass-1' });
  await ask('welfare', 'social_worker', 'welfare-sw-99', 'REINTEGRATION_SUPPORT', `query($id: IdentifierInput!) { person(identifier: $id) { welfare { status } } }`, { id: idOf(P) }, { 'x-request-id': 'welfare-only' });
  const many = gw.world.people.filter((p) => p.refs.probation).slice(0, 30).map(idOf);
  await ask('probation', 'probation_officer', 'probation-po-heavy', 'SUPERVISION', `query($ids: [IdentifierInput!]!) { people(identifiers: $ids) { supervision { orderType } } }`, { ids: many }, { 'x-request-id': 'heavy' });
  await gw.gateway.auditLog.checkpoint();
});

afterAll(async () => {
  await gw?.close();
});

describe('the privacy-officer API', () => {
  it('refuses a caller without the privacy_officer role: FORBIDDEN, NO_ROLE, and no log data', async () => {
    const res = await asPrivacyOfficer(gw, 'probation', '{ auditLog { size } }', {}, { role: 'probation_officer' });
    expect(res.body.data).toEqual({ auditLog: null });
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'NO_ROLE' });
    expect(res.body.errors?.[0]?.message).toBe('The audit log is open to privacy officers only.');
  });

  it('refuses a privacy officer who did not declare purpose AUDIT: FORBIDDEN, PURPOSE_NOT_ALLOWED', async () => {
    const res = await asPrivacyOfficer(gw, 'probation', 'mutation { createAuditCheckpoint { seq } }', {}, { purpose: 'CASE_MANAGEMENT' });
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'PURPOSE_NOT_ALLOWED' });
  });

  it('finds a person’s events by national identifier, within the officer’s scope, newest first', async () => {
    const res = await asPrivacyOfficer(gw, 'probation', EVENTS, { f: { person: { identifier: idOf(P) } }, first: 50 });
    expect(res.body.errors).toBeUndefined();
    const events = res.body.data!.auditLog.events.events as Array<Record<string, any>>;
    const ids = events.map((e) => e.requestId);
    // Probation's officer sees what probation staff did and what was read from probation's system…
    expect(ids).toEqual(expect.arrayContaining(['po-assigned', 'po-unassigned', 'glass-1']));
    // …but not a welfare worker reading only the welfare system.
    expect(ids).not.toContain('welfare-only');
    expect(events.map((e) => e.leafIndex)).toEqual([...events.map((e) => e.leafIndex)].sort((a, b) => b - a));
    expect(new Set(events.map((e) => e.subject)).size).toBe(1);
    expect(JSON.stringify(res.body)).not.toContain(P.nationalId.value);
    const welfare = await asPrivacyOfficer(gw, 'welfare', EVENTS, { f: { person: { identifier: idOf(P) }, callerAgency: 'welfare' }, first: 50 });
    expect(welfare.body.data!.auditLog.events.events.map((e: { requestId: string }) => e.requestId)).toEqual(['welfare-only']);
  });

  it('filters by caller, purpose, outcome and time, and pages with a cursor', async () => {
    const byCaller = await asPrivacyOfficer(gw, 'probation', EVENTS, { f: { callerSub: 'probation-po-heavy', purpose: 'SUPERVISION' }, first: 10 });
    const page1 = byCaller.body.data!.auditLog.events;
    expect(page1.events.every((e: { caller: { sub: string }; purpose: string }) => e.caller.sub === 'probation-po-heavy' && e.purpose === 'SUPERVISION')).toBe(true);
    expect(page1.events).toHaveLength(10);
    expect(page1.hasMore).toBe(true);
    const page2 = (await asPrivacyOfficer(gw, 'probation', EVENTS, { f: { callerSub: 'probation-po-heavy' }, first: 50, after: page1.endCursor })).body.data!.auditLog.events;
    expect(page2.events.length).toBeGreaterThan(0);
    expect(Math.max(...page2.events.map((e: { leafIndex: number }) => e.leafIndex))).toBeLessThan(Math.min(...page1.events.map((e: { leafIndex: number }) => e.leafIndex)));
    const released = await asPrivacyOfficer(gw, 'probation', EVENTS, { f: { callerSub: 'probation-po-heavy', outcome: 'RELEASED' }, first: 50 });
    const outcomes = released.body.data!.auditLog.events.events.map((e: { outcome: string }) => e.outcome);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(new Set(outcomes)).toEqual(new Set(['RELEASED']));
    const future = await asPrivacyOfficer(gw, 'probation', EVENTS, { f: { from: new Date(Date.now() + 3_600_000).toISOString() }, first: 10 });
    expect(future.body.data!.auditLog.events.events).toEqual([]);
    const bad = await asPrivacyOfficer(gw, 'probation', EVENTS, { f: { person: { identifier: { scheme: 'JMBG', value: '123' } } }, first: 10 });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('records every read of the log as an audit event naming the person, never the identifier', async () => {
    await asPrivacyOfficer(gw, 'probation', EVENTS, { f: { person: { identifier: idOf(P) } }, first: 5 }, { requestId: 'po-search-1' });
    const res = await asPrivacyOfficer(gw, 'probation', EVENTS, { f: { requestId: 'po-search-1' }, first: 5 });
    const [event] = res.body.data!.auditLog.events.events;
    expect(event).toMatchObject({ purpose: 'AUDIT', outcome: 'RELEASED', caller: { sub: 'privacy-officer@probation', agency: 'probation', roles: ['privacy_officer'] } });
    expect(event.auditLogReads).toEqual([{ field: 'AuditLog.events', args: expect.stringContaining(`"subject":"${event.subject}"`) }]);
    const { rows } = await gw.gateway.store.query<{ event: unknown }>("SELECT event FROM reintegra.audit_event WHERE request_id = 'po-search-1'");
    expect(JSON.stringify(rows)).not.toContain(P.nationalId.value);
    // A refused attempt is on the record too.
    await asPrivacyOfficer(gw, 'probation', '{ auditLog { size } }', {}, { role: 'probation_officer', requestId: 'po-refused-1' });
    const refused = await asPrivacyOfficer(gw, 'probation', EVENTS, { f: { requestId: 'po-refused-1' }, first: 5 });
    expect(refused.body.data!.auditLog.events.events[0].auditLogReads).toEqual([{ field: 'Query.auditLog', args: '{"refused":"NO_ROLE"}' }]);
  });

  it('reports who looked at a person — agencies, when, why, what — and leaves staff identities out of the version for the person', async () => {
    const q = `query($p: AuditPersonInput!, $staff: Boolean) { auditLog { subjectAccessReport(person: $p, withStaffIdentities: $staff) {
      subject total truncated withStaffIdentities byAgency { agency accesses purposes categories breakGlass }
      accesses { at agency roles sub client requestId purpose breakGlass agenciesRead categories outcome auditLogRead leafIndex } } } }`;
    const full = (await asPrivacyOfficer(gw, 'probation', q, { p: { identifier: idOf(P) }, staff: true })).body.data!.auditLog.subjectAccessReport;
    expect(full.accesses.map((a: { sub: string }) => a.sub)).toEqual(expect.arrayContaining([officerOfP, 'probation-po-unassigned', 'prison-officer-01']));
    const prison = full.byAgency.find((s: { agency: string }) => s.agency === 'prison');
    expect(prison).toMatchObject({ breakGlass: 1, purposes: ['EMERGENCY'] });
    expect(prison.categories).toContain('CUSTODY');
    const forPerson = (await asPrivacyOfficer(gw, 'probation', q, { p: { subject: full.subject }, staff: false })).body.data!.auditLog.subjectAccessReport;
    expect(forPerson.withStaffIdentities).toBe(false);
    expect(forPerson.accesses.length).toBeGreaterThanOrEqual(full.accesses.length);
    for (const a of forPerson.accesses) expect([a.sub, a.client, a.requestId]).toEqual([null, null, null]);
    const text = JSON.stringify(forPerson);
    for (const staff of [officerOfP, 'probation-po-unassigned', 'prison-officer-01', 'privacy-officer@probation']) expect(text).not.toContain(staff);
    expect(forPerson.accesses.some((a: { breakGlass: string | null }) => a.breakGlass === WHY)).toBe(true);
    expect(forPerson.accesses.some((a: { auditLogRead: boolean }) => a.auditLogRead)).toBe(true);
  });

  it('shows the anomalies: break-glass uses, data released outside the case team, unusual volume per caller', async () => {
    const res = await asPrivacyOfficer(gw, 'probation', `{ auditLog { anomalies {
      breakGlass { events { requestId breakGlass } }
      outsideCaseTeam(first: 100) { events { requestId caller { sub } onCaseTeam outcome } }
      volume(minimum: 20) { agency sub people unusual } } } }`);
    expect(res.body.errors).toBeUndefined();
    const a = res.body.data!.auditLog.anomalies;
    expect(a.breakGlass.events).toEqual([{ requestId: 'glass-1', breakGlass: WHY }]);
    const outside = a.outsideCaseTeam.events as Array<{ requestId: string; onCaseTeam: boolean }>;
    expect(outside.map((e) => e.requestId)).toContain('po-unassigned');
    expect(outside.map((e) => e.requestId)).not.toContain('po-assigned');
    expect(outside.every((e) => e.onCaseTeam === false)).toBe(true);
    const heavy = a.volume.find((v: { sub: string }) => v.sub === 'probation-po-heavy');
    expect(heavy).toMatchObject({ agency: 'probation', people: 30, unusual: true });
    expect(a.volume.find((v: { sub: string }) => v.sub === officerOfP)).toMatchObject({ unusual: false });
    // A fractional factor is a Float as the schema says: recorded with the read, not refused as 503.
    const fractional = await asPrivacyOfficer(gw, 'probation', '{ auditLog { anomalies { volume(factor: 2.5, minimum: 20) { sub unusual } } } }');
    expect(fractional.status).toBe(200);
    expect(fractional.body.data!.auditLog.anomalies.volume.find((v: { sub: string }) => v.sub === 'probation-po-heavy')).toMatchObject({ unusual: true });
    const huge = await asPrivacyOfficer(gw, 'probation', '{ auditLog { anomalies { volume(factor: 1e308, minimum: 20) { sub } } } }');
    expect(huge.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('gives inclusion and consistency proofs that an independent verifier checks against signed checkpoints', async () => {
    const ev = (await asPrivacyOfficer(gw, 'probation', EVENTS, { f: { requestId: 'glass-1' }, first: 1 })).body.data!.auditLog.events.events[0];
    const q = `query($i: SafeInt!, $first: SafeInt!) { auditLog {
      signingKey
      inclusionProof(leafIndex: $i) { leafIndex treeSize leafHash path rootHash checkpoint { treeSize rootHash jws } checkpointMatches }
      consistencyProof(firstSize: $first) { firstSize secondSize proof firstRoot secondRoot secondCheckpoint { jws } secondCheckpointMatches } } }`;
    await asPrivacyOfficer(gw, 'probation', 'mutation { createAuditCheckpoint { seq } }');
    const res = await asPrivacyOfficer(gw, 'probation', q, { i: ev.leafIndex, first: ev.leafIndex + 1 });
    expect(res.body.errors).toBeUndefined();
    const { signingKey, inclusionProof: inc, consistencyProof: con } = res.body.data!.auditLog;
    const key = await importJWK(JSON.parse(signingKey) as JWK, 'ES256');
    const signed = JSON.parse(new TextDecoder().decode((await compactVerify(inc.checkpoint.jws, key)).payload));
    expect(signed.treeSize).toBe(inc.treeSize);
    expect(inc.checkpoint.rootHash).toBe(inc.rootHash);
    expect([inc.checkpointMatches, con.secondCheckpointMatches]).toEqual([true, true]);
    const b = (s: string) => Buffer.from(s, 'base64');
    expect(inc.leafHash).toBe(ev.leafHash);
    expect(verifyInclusion(inc.leafIndex, inc.treeSize, b(inc.leafHash), inc.path.map(b), b(signed.rootHash))).toBe(true);
    const second = JSON.parse(new TextDecoder().decode((await compactVerify(con.secondCheckpoint.jws, key)).payload));
    expect(verifyConsistency(con.firstSize, con.secondSize, b(con.firstRoot), b(second.rootHash), con.proof.map(b))).toBe(true);
    const beyond = await asPrivacyOfficer(gw, 'probation', q, { i: 10_000_000, first: 1 });
    expect(beyond.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('verifies the whole log, and names the first bad entry once a row has been altered behind the gateway’s back', async () => {
    const q = '{ auditLog { verify { ok treeSize checkpoints firstProblem { kind leafIndex seq message } } } }';
    const before = (await asPrivacyOfficer(gw, 'probation', q)).body.data!.auditLog.verify;
    expect(before).toMatchObject({ ok: true, firstProblem: null });
    expect(before.checkpoints).toBeGreaterThanOrEqual(2);
    await gw.gateway.store.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      // The request's row: its first member text gains a trailing space (still JSON, no longer what was hashed).
      await tx.query(`UPDATE reintegra.audit_request SET members = jsonb_set(members, '{0}', to_jsonb((members ->> 0) || ' ')) WHERE request_id = 'glass-1'`);
    });
    const { rows } = await gw.gateway.store.query<{ leaf_index: number }>("SELECT leaf_index FROM reintegra.audit_event WHERE request_id = 'glass-1' ORDER BY leaf_index");
    const after = (await asPrivacyOfficer(gw, 'probation', q)).body.data!.auditLog.verify;
    expect(after.ok).toBe(false);
    expect(after.firstProblem).toMatchObject({ kind: 'ALTERED', leafIndex: Number(rows[0]!.leaf_index) });
  });

  it('tells a privacy officer whose read meets an entry that is no longer readable that the log was altered, and verify names it', async () => {
    await gw.gateway.store.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      // The break-glass request's first member text loses its last character: no longer JSON.
      await tx.query(`UPDATE reintegra.audit_request SET members = jsonb_set(members, '{0}', to_jsonb(left(members ->> 0, -2))) WHERE request_id = 'glass-1'`);
    });
    const res = await asPrivacyOfficer(gw, 'probation', EVENTS, { f: { person: { identifier: idOf(P) } }, first: 50 });
    expect(res.body.errors?.[0]).toMatchObject({
      message: 'An entry of the audit log could not be read: it may have been altered. auditLog { verify } (or reintegra audit verify) names it.',
      extensions: { code: 'AUDIT_LOG_DAMAGED' },
    });
    const verify = (await asPrivacyOfficer(gw, 'probation', '{ auditLog { verify { ok firstProblem { kind } } } }')).body.data!.auditLog.verify;
    expect(verify).toEqual({ ok: false, firstProblem: { kind: 'ALTERED' } });
  });
});
