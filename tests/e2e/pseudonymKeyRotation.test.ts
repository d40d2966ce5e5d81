import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ngoRowsOf, type WorldPerson } from '../../src/demo/index.js';
import { DEMO_PSEUDONYM_KEY } from '../../src/embedded/index.js';
import { gql, startTestGateway, tokenFor } from '../support/embedded.js';
import { describeWithPostgres, POSTGRES_URL } from '../support/servers.js';

/**
 * A pseudonym key rotation on a store that outlives the gateway (a fresh PostgreSQL database, as
 * a deployment's store): consents, case teams and identity links written under the old key still
 * apply under the new one (re-keyed on touch), and the privacy officer still finds the audit
 * events written under the old key.
 */
const NEW_KEY = 'rotated-test-pseudonym-key-0123456789abcdef';
const COORDINATOR = 'welfare-coord-02';
const PURPOSE = 'REINTEGRATION_SUPPORT';
const DATABASE = `reintegra_rotation_${process.pid}`;

let person: WorldPerson;
let oldId: string;
let oldAccesses: number;

const idOf = (p: WorldPerson) => ({ scheme: p.nationalId.scheme, value: p.nationalId.value });
const PERSON = `query P($id: IdentifierInput!) { person(identifier: $id) { id names { agency agencyRef } programmes { source { agency } } case { team { sub } } linkCandidates { agency } } }`;
const REPORT = `query R($id: IdentifierInput!) { auditLog { subjectAccessReport(person: { identifier: $id }) { total } } }`;

function storeUrl(): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function withGateway<T>(pseudonyms: { key: string; previousKeys?: string[] }, work: (gw: Awaited<ReturnType<typeof startTestGateway>>) => Promise<T>): Promise<T> {
  const gw = await startTestGateway({
    configure: (raw) => {
      raw.pseudonyms = pseudonyms;
      raw.store = { kind: 'postgres', url: storeUrl(), poolSize: 2 };
    },
  });
  try {
    return await work(gw);
  } finally {
    await gw.close();
  }
}

describeWithPostgres('rotating the pseudonym key', () => {
  beforeAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin(`CREATE DATABASE ${DATABASE}`);
    await withGateway({ key: DEMO_PSEUDONYM_KEY }, async (gw) => {
      person = gw.world.people.find((p) => p.refs.ngo && p.refs.welfare && !p.ngoLinked && ngoRowsOf(gw.world, p)!.participant.Born !== '')!;
      const coordinator = await tokenFor(gw.home, 'welfare', 'case_coordinator', COORDINATOR);
      const ngoWorker = await tokenFor(gw.home, 'ngo', 'programme_worker', 'ngo-pw-01');
      const variables = { id: idOf(person) };
      const steps: Array<[string, string, Record<string, unknown>]> = [
        [coordinator, `mutation J($id: IdentifierInput!) { addCaseTeamMember(identifier: $id, member: { agency: "welfare", sub: "${COORDINATOR}", role: "case_coordinator" }) { leadAgency } }`, variables],
        // The NGO holds the person without an ID number: its worker records consent as a member of the case team.
        [coordinator, `mutation W($id: IdentifierInput!) { addCaseTeamMember(identifier: $id, member: { agency: "ngo", sub: "ngo-pw-01", role: "programme_worker" }) { leadAgency } }`, variables],
        [ngoWorker, `mutation C($id: IdentifierInput!) { recordConsent(consent: { identifier: $id, recipients: ["welfare"], categories: [IDENTITY, INTERVENTION], purposes: [REINTEGRATION_SUPPORT], validFrom: "2026-01-01", evidenceRef: "NK/2026/81" }) { id } }`, variables],
        [coordinator, `mutation L($id: IdentifierInput!, $ref: String!) { confirmLink(identifier: $id, agency: "ngo", agencyRef: $ref) { state } }`, { ...variables, ref: person.refs.ngo }],
      ];
      for (const [token, query, vars] of steps) expect((await gql(gw.url, query, { token, purpose: PURPOSE, variables: vars })).body.errors).toBeUndefined();
      const read = await gql(gw.url, PERSON, { token: coordinator, purpose: PURPOSE, variables });
      oldId = read.body.data!.person.id;
      expect(read.body.data!.person.names).toContainEqual({ agency: 'ngo', agencyRef: person.refs.ngo });
      const report = await gql(gw.url, REPORT, { token: await tokenFor(gw.home, 'welfare', 'privacy_officer'), purpose: 'AUDIT', variables });
      oldAccesses = report.body.data!.auditLog.subjectAccessReport.total;
      expect(oldAccesses).toBeGreaterThanOrEqual(3);
    });
  }, 60_000);

  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${DATABASE}`);
  });

  it('without the old key under previousKeys, the new key alone finds none of it (the control)', async () => {
    await withGateway({ key: NEW_KEY }, async (gw) => {
      const variables = { id: idOf(person) };
      const report = await gql(gw.url, REPORT, { token: await tokenFor(gw.home, 'welfare', 'privacy_officer'), purpose: 'AUDIT', variables });
      expect(report.body.data!.auditLog.subjectAccessReport.total).toBe(0);
      const coordinator = await tokenFor(gw.home, 'welfare', 'case_coordinator', COORDINATOR);
      const res = await gql(gw.url, PERSON, { token: coordinator, purpose: PURPOSE, variables });
      expect(res.body.data!.person.names.map((n: { agency: string }) => n.agency)).not.toContain('ngo');
    });
  }, 60_000);

  it('loses nothing when the old key is kept under previousKeys: consent, case team and link still apply, old audit events are found', async () => {
    await withGateway({ key: NEW_KEY, previousKeys: [DEMO_PSEUDONYM_KEY] }, async (gw) => {
      const variables = { id: idOf(person) };
      // The privacy officer asks first, before anything touched the person under the new key.
      const report = await gql(gw.url, REPORT, { token: await tokenFor(gw.home, 'welfare', 'privacy_officer'), purpose: 'AUDIT', variables });
      expect(report.body.data!.auditLog.subjectAccessReport.total).toBeGreaterThanOrEqual(oldAccesses);
      const coordinator = await tokenFor(gw.home, 'welfare', 'case_coordinator', COORDINATOR);
      const res = await gql(gw.url, PERSON, { token: coordinator, purpose: PURPOSE, variables });
      const p = res.body.data!.person;
      expect(p.id).not.toBe(oldId);
      expect(p.names).toContainEqual({ agency: 'ngo', agencyRef: person.refs.ngo });
      expect(p.case.team.map((m: { sub: string }) => m.sub)).toContain(COORDINATOR);
      expect(p.linkCandidates).not.toBeNull();
      // The NGO's programmes reach the coordinator only through the consent recorded under the old key.
      expect(p.programmes.length).toBeGreaterThan(0);
      expect(p.programmes.every((g: { source: { agency: string } }) => g.source.agency === 'ngo')).toBe(true);
    });
  }, 60_000);

  it('finds the rows under the new key alone once they were touched, so the old key can then be retired for them', async () => {
    await withGateway({ key: NEW_KEY }, async (gw) => {
      const coordinator = await tokenFor(gw.home, 'welfare', 'case_coordinator', COORDINATOR);
      const res = await gql(gw.url, PERSON, { token: coordinator, purpose: PURPOSE, variables: { id: idOf(person) } });
      expect(res.body.data!.person.names).toContainEqual({ agency: 'ngo', agencyRef: person.refs.ngo });
      expect(res.body.data!.person.case.team.map((m: { sub: string }) => m.sub)).toContain(COORDINATOR);
    });
  }, 60_000);
});
