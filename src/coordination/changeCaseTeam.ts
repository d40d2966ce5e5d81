import type { Store } from '../store/index.js';
import { CaseTeamStore, type CaseTeamMember, type CoordinationCaseRow } from './CaseTeamStore.js';

/** Adds a member (the coordinator's agency leads a case it opens). Idempotent for an existing member. */
export async function addCaseTeamMember(store: Store, personId: string, leadAgency: string, member: CaseTeamMember): Promise<CoordinationCaseRow> {
  await store.transaction(async (tx) => {
    await tx.query('INSERT INTO reintegra.coordination_case (subject, lead_agency, opened_on) VALUES ($1, $2, CURRENT_DATE) ON CONFLICT (subject) DO NOTHING', [personId, leadAgency]);
    await tx.query('INSERT INTO reintegra.case_team (subject, agency, sub, role, since) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (subject, agency, sub) DO UPDATE SET role = EXCLUDED.role', [personId, member.agency, member.sub, member.role, member.since]);
  });
  return readCase(store, personId);
}

/** Removes a member; removing someone who is not on the team changes nothing. */
export async function removeCaseTeamMember(store: Store, personId: string, agency: string, sub: string): Promise<CoordinationCaseRow> {
  await store.query('DELETE FROM reintegra.case_team WHERE subject = $1 AND agency = $2 AND sub = $3', [personId, agency, sub]);
  return readCase(store, personId);
}

/** The case as it now stands, read the same way the `case` field reads it. */
function readCase(store: Store, personId: string): Promise<CoordinationCaseRow> {
  return new CaseTeamStore(store).load(personId);
}
