import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { EntityName, PersonRecord } from '../../../adapters/sdk/index.js';
import type { GatewayContext, PersonNode } from '../../../src/context/index.js';
import { createPseudonymizer, decideLink, findLinkCandidates, LinkConflict, rekeySubjects } from '../../../src/linkage/index.js';
import { openStore, type Store } from '../../../src/store/index.js';

let store: Store;

function rec(ref: string, givenName: string, familyName: string, over: Partial<PersonRecord> = {}): PersonRecord {
  return { ref, nationalId: null, givenName, familyName, script: 'LATIN', dateOfBirth: '1990-07-21', sex: 'FEMALE', municipality: null, ...over };
}

/** The person as the centre for social work links them by JMBG (in Cyrillic). */
const node: PersonNode = {
  id: 'person-1',
  subject: 'audit-1',
  links: new Map([['welfare', rec('1044', 'Љубица', 'Његош', { script: 'CYRILLIC' })]]),
  linkErrors: new Map(),
};

/** What the NGO holds born on each day. */
const ngo = new Map<string, PersonRecord[]>([
  ['1990-07-21', [
    rec('NK-000101', 'Ljubica', 'Njegoš'),
    // A twin sister: same family name and date, another given name.
    rec('NK-000102', 'Ljiljana', 'Njegoš'),
    // Somebody else born the same day.
    rec('NK-000103', 'Blerta', 'Çeliku'),
    // The same name with an ID number: links by it or is someone else, never a candidate.
    rec('NK-000104', 'Ljubica', 'Njegoš', { nationalId: { scheme: 'JMBG', value: '2107990715005', country: 'RS' } }),
  ]],
  ['1990-21-07', []],
]);

function ctxWith(records: Map<string, PersonRecord[]>): GatewayContext & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    store,
    notices: [],
    logger: pino({ level: 'silent' }),
    audit: { read: (_: string, agency: string) => reads.push(agency) },
    sources: {
      providersOf: (entity: EntityName) => (entity === 'personByDateOfBirth' ? ['welfare', 'ngo'] : []),
      load: async (agency: string, _entity: EntityName, key: string) => (agency === 'ngo' ? records.get(key) ?? [] : []),
    },
  } as unknown as GatewayContext & { reads: string[] };
}

beforeAll(async () => {
  store = await openStore({ kind: 'pglite' });
});

afterAll(async () => {
  await store.close();
});

beforeEach(async () => {
  await store.query('DELETE FROM reintegra.identity_link');
});

describe('findLinkCandidates', () => {
  it('proposes the Latin record of a Cyrillic-linked person, not her twin sister, someone else born that day or a record with an ID number', async () => {
    const ctx = ctxWith(ngo);
    const found = await findLinkCandidates(ctx, node, ['person', 'linkCandidates']);
    expect(found.map((c) => c.record.ref)).toEqual(['NK-000101']);
    expect(found[0]).toMatchObject({ agency: 'ngo', score: 1, dateOfBirth: 'EXACT' });
    expect(ctx.reads).toEqual(['ngo']);
  });

  it('shows two records with the same name and date (twins or a common name) as two ambiguous candidates', async () => {
    const twins = new Map([['1990-07-21', [rec('NK-000201', 'Ljubica', 'Njegoš'), rec('NK-000202', 'Ljubica', 'Njegos')]]]);
    const found = await findLinkCandidates(ctxWith(twins), node, []);
    expect(found.map((c) => [c.record.ref, c.score, c.ambiguous])).toEqual([['NK-000201', 1, true], ['NK-000202', 1, true]]);
  });

  it('never proposes a rejected record again, nor one confirmed for another person', async () => {
    await decideLink(store, { subject: node.id, agency: 'ngo', agencyRef: 'NK-000101', state: 'REJECTED', score: 1, decidedBy: 'c', decidedByAgency: 'welfare' });
    expect(await findLinkCandidates(ctxWith(ngo), node, [])).toEqual([]);
    await store.query('DELETE FROM reintegra.identity_link');
    await decideLink(store, { subject: 'person-2', agency: 'ngo', agencyRef: 'NK-000101', state: 'CONFIRMED', score: 1, decidedBy: 'c', decidedByAgency: 'welfare' });
    expect(await findLinkCandidates(ctxWith(ngo), node, [])).toEqual([]);
  });

  it('does not ask agencies that already link the person', async () => {
    const linked: PersonNode = { ...node, links: new Map([...node.links, ['ngo', rec('NK-000101', 'Ljubica', 'Njegoš')]]) };
    const ctx = ctxWith(ngo);
    expect(await findLinkCandidates(ctx, linked, [])).toEqual([]);
    expect(ctx.reads).toEqual([]);
  });
});

describe('decideLink', () => {
  it('refuses to confirm one agency record for two people', async () => {
    const d = { agency: 'ngo', agencyRef: 'NK-000101', state: 'CONFIRMED' as const, score: 1, decidedBy: 'c', decidedByAgency: 'welfare' };
    await decideLink(store, { ...d, subject: 'person-1' });
    await expect(decideLink(store, { ...d, subject: 'person-2' })).rejects.toBeInstanceOf(LinkConflict);
  });

  it('refuses a second confirmed record of one person at one agency, and lets a confirmation be undone', async () => {
    const d = { subject: 'person-1', agency: 'ngo', state: 'CONFIRMED' as const, score: 1, decidedBy: 'c', decidedByAgency: 'welfare' };
    await decideLink(store, { ...d, agencyRef: 'NK-000101' });
    await expect(decideLink(store, { ...d, agencyRef: 'NK-000102' })).rejects.toBeInstanceOf(LinkConflict);
    expect(await decideLink(store, { ...d, agencyRef: 'NK-000101', state: 'REJECTED' })).toMatchObject({ state: 'REJECTED' });
    expect(await decideLink(store, { ...d, agencyRef: 'NK-000102' })).toMatchObject({ state: 'CONFIRMED' });
  });
});

describe('rekeySubjects', () => {
  it('moves consents, case teams and links to the current pseudonym; rows already under it stand', async () => {
    const oldKey = createPseudonymizer('o'.repeat(32));
    const rotated = createPseudonymizer('n'.repeat(32), ['o'.repeat(32)]);
    const from = oldKey('person', 'JMBG', '0101990710008');
    const to = rotated('person', 'JMBG', '0101990710008');
    await store.query("INSERT INTO reintegra.coordination_case (subject, lead_agency, opened_on) VALUES ($1, 'welfare', '2026-01-01'), ($2, 'probation', '2026-02-01')", [from, to]);
    await store.query("INSERT INTO reintegra.case_team (subject, agency, sub, role, since) VALUES ($1, 'welfare', 'sw-1', 'social_worker', '2026-01-01'), ($1, 'probation', 'po-1', 'probation_officer', '2026-01-01'), ($2, 'probation', 'po-1', 'probation_officer', '2026-02-01')", [from, to]);
    await store.query("INSERT INTO reintegra.consent (id, subject, provider, recipients, categories, purposes, valid_from, evidence_ref, recorded_by) VALUES ('00000000-0000-4000-8000-000000000001', $1, 'ngo', '{welfare}', '{IDENTITY}', '{SUPERVISION}', '2026-01-01', 'NK/1', 'x')", [from]);
    await decideLink(store, { subject: from, agency: 'ngo', agencyRef: 'NK-000101', state: 'CONFIRMED', score: 1, decidedBy: 'c', decidedByAgency: 'welfare' });

    await rekeySubjects(store, [{ to, from: rotated.previous('person', 'JMBG', '0101990710008') }]);

    const count = async (table: string, subject: string) => Number((await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM reintegra.${table} WHERE subject = $1`, [subject])).rows[0]!.n);
    for (const table of ['coordination_case', 'case_team', 'consent', 'identity_link']) expect(await count(table, from)).toBe(0);
    expect((await store.query('SELECT lead_agency FROM reintegra.coordination_case WHERE subject = $1', [to])).rows).toEqual([{ lead_agency: 'probation' }]);
    expect(await count('case_team', to)).toBe(2);
    expect(await count('consent', to)).toBe(1);
    expect(await count('identity_link', to)).toBe(1);
    // Nothing left under the old key: the next touch costs one probe.
    expect(await rekeySubjects(store, [{ to, from: [from] }])).toBe(0);
  });
});
