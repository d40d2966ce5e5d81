/**
 * Statistics for dashboard builders, end to end through the embedded demo: every table for an
 * analyst, access refusals, no identifiers under STATISTICS, pseudonymous extracts and the audit
 * events both leave behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PSEUDONYM_KEY } from '../../src/embedded/demoAgencies.js';
import { createPseudonymizer } from '../../src/linkage/index.js';
import { gql, startTestGateway, tokenFor } from '../support/embedded.js';
import { integerRanges } from '../support/integerRanges.js';

const K = 5;
const CELL = '{ count suppressed }';
const TABLE = `{ id title unit categories sources withheldSources rowDimension columnDimension columns
  rows { label cells ${CELL} total ${CELL} } columnTotals ${CELL} total ${CELL} suppressedCells }`;
const ALL_TABLES = `{ statistics { minCellSize asOf
  custodyByEstablishment ${TABLE} releasesExpected ${TABLE} programmeParticipation ${TABLE}
  supervisionCompliance ${TABLE} welfareNeeds ${TABLE}
  admissions: monthlySeries(measure: CUSTODY_ADMISSIONS) ${TABLE}
  releases: monthlySeries(measure: CUSTODY_RELEASES) ${TABLE}
  opened: monthlySeries(measure: WELFARE_CASES_OPENED) ${TABLE} } }`;
const EXTRACT = `query($project: ID!, $dataset: ExtractDataset!) { statisticsExtract(project: $project, dataset: $dataset) {
  project { id } dataset sources withheldSources rows { pseudonym agency yearOfBirth sex municipality establishment custodyStatus
  admissionYear expectedReleaseYear programmeType programme completion orderType complianceStatus welfareStatus needDomains } } }`;

interface Cell { count: number | null; suppressed: boolean }
interface Table { id: string; columns: string[]; rows: Array<{ label: string; cells: Cell[]; total: Cell }>; columnTotals: Cell[] | null; total: Cell | null; sources: string[]; withheldSources: string[]; suppressedCells: number }

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let analyst: string;
let stats: Record<string, any>;
let statsErrors: Array<{ path?: unknown[]; extensions?: Record<string, unknown> }>;

beforeAll(async () => {
  gw = await startTestGateway({ people: 1000 });
  analyst = await tokenFor(gw.home, 'probation', 'analyst');
  const res = await gql(gw.url, ALL_TABLES, { token: analyst, purpose: 'STATISTICS' });
  stats = res.body.data!.statistics;
  statsErrors = res.body.errors ?? [];
});
afterAll(async () => gw?.close());

/** Every published number is ≥ k, every withheld one null, and every published margin adds up when its parts are all published. */
function expectSuppressed(t: Table): void {
  const cells = [...t.rows.flatMap((r) => [...r.cells, r.total]), ...(t.columnTotals ?? []), ...(t.total ? [t.total] : [])];
  for (const c of cells) {
    if (c.suppressed) expect(c.count).toBeNull();
    else expect(c.count).toBeGreaterThanOrEqual(K);
  }
  expect(t.suppressedCells).toBe(cells.filter((c) => c.suppressed).length);
  const adds = (parts: Cell[], total: Cell | null) => {
    if (total && !total.suppressed && parts.every((p) => !p.suppressed)) expect(parts.reduce((s, p) => s + p.count!, 0)).toBe(total.count);
  };
  if (t.columns.length > 0) {
    for (const r of t.rows) adds(r.cells, r.total);
    t.columns.forEach((_, c) => adds(t.rows.map((r) => r.cells[c]!), t.columnTotals![c]!));
  }
  adds(t.rows.map((r) => r.total), t.total);
  // Counts being never negative, no withheld number is pinned below k: small ones are protected
  // and the others are at least k anyway.
  const grid = t.columns.length > 0;
  const ranges = integerRanges({
    layout: grid ? 'grid' : t.total ? 'list' : 'series',
    cells: t.rows.map((r) => (grid ? r.cells.map((c) => c.count) : [r.total.count])),
    rowTotals: grid ? t.rows.map((r) => r.total.count) : null,
    columnTotals: t.columnTotals?.map((c) => c.count) ?? null,
    total: t.total?.count ?? null,
  });
  expect(ranges.filter((e) => e.greatest < K), t.id).toEqual([]);
}

describe('statistics for an analyst with purpose STATISTICS', () => {
  it('counts people in custody by establishment and municipality as the prison database holds them', async () => {
    const t: Table = stats.custodyByEstablishment;
    expectSuppressed(t);
    expect(t.sources).toEqual(['prison']);
    const { rows } = await gw.gateway.store.query<{ n: number }>(`SELECT count(DISTINCT "INM_NO")::int AS n FROM zatvor."INM_SENTENCE" WHERE "STATUS_CD" IN ('PR', 'IZ')`);
    expect(t.total).toEqual({ count: rows[0]!.n, suppressed: false });
    expect(t.columns.at(-1)).toBe('OTHER');
  });

  it('counts expected releases in fixed disjoint windows by establishment', () => {
    const t: Table = stats.releasesExpected;
    expectSuppressed(t);
    expect(t.columns).toEqual(['DAYS_0_30', 'DAYS_31_90', 'DAYS_91_180', 'DAYS_181_365', 'LATER_OR_UNKNOWN']);
    expect(t.total!.count).toBeGreaterThan(0);
  });

  it('counts everyone in custody in the releases table, so its row totals equal the custody table’s and subtracting the two reveals no new count', () => {
    const custody: Table = stats.custodyByEstablishment;
    const releases: Table = stats.releasesExpected;
    expect(releases.rows.map((r) => r.label)).toEqual(custody.rows.map((r) => r.label));
    expect(releases.rows.map((r) => r.total)).toEqual(custody.rows.map((r) => r.total));
    expect(releases.total).toEqual(custody.total);
  });

  it('counts programme participation from the prison and leaves out the NGO whose agreement needs consent', () => {
    const t: Table = stats.programmeParticipation;
    expectSuppressed(t);
    expect(t.sources).toEqual(['prison']);
    expect(t.withheldSources).toEqual(['ngo']);
    expect(t.columns).toEqual(['NOT_STARTED', 'ONGOING', 'COMPLETED', 'DROPPED_OUT']);
    expect(statsErrors).toContainEqual(expect.objectContaining({ path: ['statistics', 'programmeParticipation'], extensions: expect.objectContaining({ code: 'FORBIDDEN', reason: 'NO_CONSENT', agency: 'ngo' }) }));
  });

  it('counts supervision compliance by order type from the probation REST API', () => {
    const t: Table = stats.supervisionCompliance;
    expectSuppressed(t);
    expect(t.sources).toEqual(['probation']);
    expect(t.rows.map((r) => r.label)).toEqual(['PAROLE', 'PROBATION', 'SUSPENDED_SENTENCE', 'COMMUNITY_SERVICE', 'SECURITY_MEASURE']);
    expect(t.total!.count).toBeGreaterThan(0);
  });

  it('counts welfare needs by domain without the health domain no agreement allows', () => {
    const t: Table = stats.welfareNeeds;
    expectSuppressed(t);
    expect(t.rows.map((r) => r.label)).not.toContain('HEALTH');
    expect(t.columns).toEqual(['LOW', 'MEDIUM', 'HIGH']);
  });

  it('gives monthly series of twelve complete months with no total', () => {
    for (const t of [stats.admissions, stats.releases, stats.opened] as Table[]) {
      expectSuppressed(t);
      expect(t.rows).toHaveLength(12);
      expect(t.total).toBeNull();
      expect(t.columnTotals).toBeNull();
      expect(t.rows.at(-1)!.label < stats.asOf.slice(0, 7)).toBe(true);
    }
  });

  it('counts date-relative tables as of the first day of the current month, not of today', () => {
    expect(stats.asOf).toBe(`${new Date().toISOString().slice(0, 7)}-01`);
  });

  it('answers no more errors than the NGO left out of the programme table', () => {
    expect(statsErrors).toHaveLength(1);
  });
});

describe('statistics access', () => {
  it('refuses statistics under another purpose', async () => {
    const res = await gql(gw.url, '{ statistics { minCellSize } }', { token: analyst, purpose: 'CASE_MANAGEMENT' });
    expect(res.body.data?.statistics).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_NOT_ALLOWED' });
  });

  it('refuses statistics to a role no agreement names for them', async () => {
    const officer = await tokenFor(gw.home, 'probation', 'probation_officer', 'probation-po-07');
    const res = await gql(gw.url, '{ statistics { minCellSize } }', { token: officer, purpose: 'STATISTICS' });
    expect(res.body.data?.statistics).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_AGREEMENT' });
  });

  it('releases nothing identifying about a person to an analyst under STATISTICS', async () => {
    const person = gw.world.people.find((p) => p.refs.prison !== null && p.refs.probation !== null)!;
    const res = await gql(gw.url, `{ person(identifier: {scheme: ${person.nationalId.scheme}, value: "${person.nationalId.value}"}) {
      id identifiers { value } names { givenName familyName agencyRef } dateOfBirth municipality custody { establishment } } }`, { token: analyst, purpose: 'STATISTICS' });
    expect(res.body.data?.person).toBeNull();
    const text = JSON.stringify(res.body);
    for (const secret of [person.nationalId.value, person.familyName, person.refs.prison!, person.refs.probation!]) expect(text).not.toContain(secret);
  });

  it('releases no person to a probation officer under STATISTICS, by identifier or by agency reference', async () => {
    const officer = await tokenFor(gw.home, 'probation', 'probation_officer', 'probation-po-07');
    const person = gw.world.people.find((p) => p.refs.probation !== null)!;
    const res = await gql(gw.url, `{ people(identifiers: [{scheme: ${person.nationalId.scheme}, value: "${person.nationalId.value}"}]) { id names { familyName } }
      personByAgencyRef(agency: "probation", ref: "${person.refs.probation}") { id names { familyName } supervision { orderType } } }`, { token: officer, purpose: 'STATISTICS' });
    expect(res.body.data).toEqual({ people: [null], personByAgencyRef: null });
    expect(JSON.stringify(res.body)).not.toContain(person.familyName);
  });

  it('puts no identifier, name or agency reference of anyone in the statistics', () => {
    const text = JSON.stringify(stats);
    for (const p of gw.world.people.slice(0, 300)) {
      expect(text).not.toContain(p.nationalId.value);
      for (const ref of Object.values(p.refs)) if (ref !== null) expect(text).not.toContain(`"${ref}"`);
    }
  });
});

describe('pseudonymous extracts', () => {
  const extract = (token: string, project: string, dataset: string, purpose = 'STATISTICS') =>
    gql(gw.url, EXTRACT, { token, purpose, variables: { project, dataset } });

  it('lists the projects the caller receives extracts for', async () => {
    const res = await gql(gw.url, '{ statisticsProjects { id datasets validFrom validUntil } }', { token: analyst, purpose: 'STATISTICS' });
    expect(res.body.data!.statisticsProjects.map((p: { id: string }) => p.id)).toEqual(['recidivism-2026', 'housing-needs-2026']);
  });

  it('gives rows keyed by project pseudonyms that differ between projects and from person ids', async () => {
    const a = (await extract(analyst, 'recidivism-2026', 'CUSTODY')).body.data!.statisticsExtract;
    const b = (await extract(analyst, 'housing-needs-2026', 'CUSTODY')).body.data!.statisticsExtract;
    expect(a.sources).toEqual(['prison']);
    expect(a.rows.length).toBeGreaterThan(100);
    expect(b.rows).toHaveLength(a.rows.length);
    const pa = new Set(a.rows.map((r: { pseudonym: string }) => r.pseudonym));
    const pb = new Set(b.rows.map((r: { pseudonym: string }) => r.pseudonym));
    expect([...pa].filter((p) => pb.has(p))).toEqual([]);
    const pseudonymize = createPseudonymizer(DEMO_PSEUDONYM_KEY);
    const personIds = new Set(gw.world.people.map((p) => pseudonymize('person', p.nationalId.scheme, p.nationalId.value)));
    expect([...pa].filter((p) => personIds.has(p as string))).toEqual([]);
    // Stable within a project: the same person joins across datasets of one project.
    const programmes = (await extract(analyst, 'recidivism-2026', 'PROGRAMMES')).body.data!.statisticsExtract;
    expect(programmes.rows.some((r: { pseudonym: string }) => pa.has(r.pseudonym))).toBe(true);
  });

  it('copies no name, national identifier or agency reference into an extract', async () => {
    const res = await extract(analyst, 'recidivism-2026', 'CUSTODY');
    const text = JSON.stringify(res.body);
    for (const p of gw.world.people.slice(0, 300)) {
      expect(text).not.toContain(p.nationalId.value);
      expect(text).not.toContain(`"${p.familyName}"`);
      for (const ref of Object.values(p.refs)) if (ref !== null) expect(text).not.toContain(`"${ref}"`);
    }
    const row = res.body.data!.statisticsExtract.rows[0];
    expect(row.establishment).toEqual(expect.any(String));
    expect(row.programme).toBeNull();
  });

  it('refuses an extract to a caller who is not a recipient of the project', async () => {
    const welfare = await tokenFor(gw.home, 'welfare', 'analyst');
    const res = await extract(welfare, 'recidivism-2026', 'CUSTODY');
    expect(res.body.data?.statisticsExtract).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_PROJECT_RECIPIENT' });
  });

  it('refuses a dataset the project is not approved for, an unknown project and another purpose', async () => {
    expect((await extract(analyst, 'recidivism-2026', 'WELFARE')).body.errors?.[0]?.extensions).toMatchObject({ reason: 'DATASET_NOT_APPROVED' });
    expect((await extract(analyst, 'no-such-project', 'CUSTODY')).body.errors?.[0]?.extensions).toMatchObject({ reason: 'PROJECT_NOT_FOUND' });
    expect((await extract(analyst, 'recidivism-2026', 'CUSTODY', 'SUPERVISION')).body.errors?.[0]?.extensions).toMatchObject({ reason: 'PURPOSE_NOT_ALLOWED' });
  });
});

describe('audit of statistics and extracts', () => {
  const events = async (requestId: string, agency = 'probation') => {
    const officer = await tokenFor(gw.home, agency, 'privacy_officer');
    const res = await gql(gw.url, `{ auditLog { events(filter: {requestId: "${requestId}"}) { events { subject purpose outcome agencies
      statistics { table agencies categories withheld { agency reason } project dataset rows suppressedCells refused } } } } }`, { token: officer, purpose: 'AUDIT' });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.auditLog.events.events;
  };

  it('records one event per statistics request naming each table, its agencies and what was left out', async () => {
    await gql(gw.url, '{ statistics { programmeParticipation { id } supervisionCompliance { id } } }', { token: analyst, purpose: 'STATISTICS', headers: { 'x-request-id': 'stats-audit-1' } });
    const logged = await events('stats-audit-1');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ subject: null, purpose: 'STATISTICS' });
    expect(logged[0].statistics).toEqual([
      expect.objectContaining({ table: 'programmeParticipation', agencies: ['prison'], categories: ['INTERVENTION'], withheld: [{ agency: 'ngo', reason: 'NO_CONSENT' }], project: null }),
      expect.objectContaining({ table: 'supervisionCompliance', agencies: ['probation'], categories: ['SUPERVISION'], withheld: [] }),
    ]);
  });

  it('records an extract with its project, dataset and number of rows', async () => {
    const res = await gql(gw.url, EXTRACT, { token: analyst, purpose: 'STATISTICS', variables: { project: 'recidivism-2026', dataset: 'SUPERVISION' }, headers: { 'x-request-id': 'extract-audit-1' } });
    const rows = res.body.data!.statisticsExtract.rows.length;
    const logged = await events('extract-audit-1');
    expect(logged).toHaveLength(1);
    expect(logged[0].statistics).toEqual([expect.objectContaining({ table: 'extract', project: 'recidivism-2026', dataset: 'SUPERVISION', agencies: ['probation'], rows })]);
  });

  it('shows a statistics read to the privacy officers of the agencies whose systems were read, not only the caller’s', async () => {
    // A probation analyst's custody extract reads the prison's system.
    const res = await gql(gw.url, EXTRACT, { token: analyst, purpose: 'STATISTICS', variables: { project: 'recidivism-2026', dataset: 'CUSTODY' }, headers: { 'x-request-id': 'extract-audit-2' } });
    expect(res.body.errors).toBeUndefined();
    const seenByPrison = await events('extract-audit-2', 'prison');
    expect(seenByPrison).toHaveLength(1);
    expect(seenByPrison[0]).toMatchObject({ subject: null, outcome: 'RELEASED', agencies: ['prison'] });
    expect(seenByPrison[0].statistics).toEqual([expect.objectContaining({ table: 'extract', dataset: 'CUSTODY', agencies: ['prison'] })]);
  });

  it('records a refused extract with the project and dataset asked for, and why', async () => {
    const res = await gql(gw.url, EXTRACT, { token: analyst, purpose: 'STATISTICS', variables: { project: 'recidivism-2026', dataset: 'WELFARE' }, headers: { 'x-request-id': 'extract-audit-3' } });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ reason: 'DATASET_NOT_APPROVED' });
    const logged = await events('extract-audit-3');
    expect(logged[0].statistics).toEqual([expect.objectContaining({ table: 'extract', project: 'recidivism-2026', dataset: 'WELFARE', agencies: [], refused: 'DATASET_NOT_APPROVED' })]);
  });

  it('keeps statistics in an event of their own when the same request also touched a person', async () => {
    const query = `query($id: IdentifierInput!) { statistics { supervisionCompliance { id } } person(identifier: $id) { id } }`;
    const someone = gw.world.people[0]!;
    await gql(gw.url, query, { token: analyst, purpose: 'STATISTICS', variables: { id: { scheme: someone.nationalId.scheme, value: someone.nationalId.value } }, headers: { 'x-request-id': 'stats-audit-2' } });
    const logged = await events('stats-audit-2');
    const withStatistics = logged.filter((e: { statistics: unknown[] }) => e.statistics.length > 0);
    expect(withStatistics).toHaveLength(1);
    expect(withStatistics[0]).toMatchObject({ subject: null, agencies: ['probation'] });
  });
});
