import DataLoader from 'dataloader';
import { isoDay, type Store } from '../store/index.js';

export interface CaseTeamMember {
  agency: string;
  sub: string;
  role: string;
  since: string;
}

export interface CoordinationCaseRow {
  leadAgency: string | null;
  team: CaseTeamMember[];
}

/**
 * Case teams: who works a person's case, from which agency, since when. Access metadata held in
 * the gateway's own store (it decides need to know); keyed by the person's pseudonym. One
 * instance per request: it batches look-ups like the agency loaders do.
 */
export class CaseTeamStore {
  private readonly loader: DataLoader<string, CoordinationCaseRow>;

  constructor(private readonly store: Store) {
    this.loader = new DataLoader(async (subjects) => this.loadMany(subjects));
  }

  load(personId: string): Promise<CoordinationCaseRow> {
    return this.loader.load(personId);
  }

  private async loadMany(subjects: readonly string[]): Promise<CoordinationCaseRow[]> {
    const [cases, members] = await Promise.all([
      this.store.query<{ subject: string; lead_agency: string }>('SELECT subject, lead_agency FROM reintegra.coordination_case WHERE subject = ANY($1)', [subjects]),
      this.store.query<{ subject: string; agency: string; sub: string; role: string; since: string | Date }>(
        'SELECT subject, agency, sub, role, since FROM reintegra.case_team WHERE subject = ANY($1) ORDER BY since, agency, sub',
        [subjects],
      ),
    ]);
    const bySubject = new Map<string, CoordinationCaseRow>(subjects.map((s) => [s, { leadAgency: null, team: [] }]));
    for (const c of cases.rows) bySubject.get(c.subject)!.leadAgency = c.lead_agency;
    for (const m of members.rows) {
      bySubject.get(m.subject)!.team.push({ agency: m.agency, sub: m.sub, role: m.role, since: isoDay(m.since) });
    }
    return subjects.map((s) => bySubject.get(s)!);
  }
}
