import type { Store } from '../store/index.js';

export interface CaseTeamSeedRow {
  /** The person's pseudonym (`person` domain). */
  subject: string;
  agency: string;
  sub: string;
  role: string;
  since: string;
}

/**
 * Bulk-loads case teams (the demo's, or a migration from an agency's caseload export): one
 * coordination case per person, led by the first agency in `leadOrder` on its team.
 */
export async function seedCaseTeams(store: Store, rows: readonly CaseTeamSeedRow[], leadOrder: readonly string[]): Promise<void> {
  const lead = new Map<string, string>();
  for (const r of rows) {
    const current = lead.get(r.subject);
    if (current === undefined || leadOrder.indexOf(r.agency) < leadOrder.indexOf(current)) lead.set(r.subject, r.agency);
  }
  await store.transaction(async (tx) => {
    const cases = [...lead];
    for (let i = 0; i < cases.length; i += 1000) {
      const chunk = cases.slice(i, i + 1000);
      await tx.query(
        `INSERT INTO reintegra.coordination_case (subject, lead_agency, opened_on)
         SELECT s, l, CURRENT_DATE FROM unnest($1::text[], $2::text[]) AS t(s, l) ON CONFLICT (subject) DO NOTHING`,
        [chunk.map((c) => c[0]), chunk.map((c) => c[1])],
      );
    }
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await tx.query(
        `INSERT INTO reintegra.case_team (subject, agency, sub, role, since)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[]) ON CONFLICT DO NOTHING`,
        [chunk.map((r) => r.subject), chunk.map((r) => r.agency), chunk.map((r) => r.sub), chunk.map((r) => r.role), chunk.map((r) => r.since)],
      );
    }
  });
}
