import DataLoader from 'dataloader';
import { isoInstant, type Store } from '../store/index.js';

export type LinkState = 'CONFIRMED' | 'REJECTED';

/** A coordinator's decision about one agency record of a person (access metadata: no names). */
export interface IdentityLink {
  /** The person's pseudonym (`person` domain). */
  subject: string;
  agency: string;
  agencyRef: string;
  state: LinkState;
  /** The candidate's score when decided. */
  score: number | null;
  decidedBy: string;
  decidedByAgency: string;
  decidedAt: string;
}

interface DbRow {
  subject: string;
  agency: string;
  agency_ref: string;
  state: LinkState;
  score: number | null;
  decided_by: string;
  decided_by_agency: string;
  decided_at: string | Date;
}

export const LINK_COLUMNS = 'subject, agency, agency_ref, state, score, decided_by, decided_by_agency, decided_at';

export function toIdentityLink(r: DbRow): IdentityLink {
  return {
    subject: r.subject,
    agency: r.agency,
    agencyRef: r.agency_ref,
    state: r.state,
    score: r.score === null ? null : Number(r.score),
    decidedBy: r.decided_by,
    decidedByAgency: r.decided_by_agency,
    decidedAt: isoInstant(r.decided_at),
  };
}

/**
 * Confirmed and rejected identity links, read from the gateway's store. One instance per
 * request: look-ups of many people in one request are one query (DataLoader).
 */
export class IdentityLinkStore {
  private readonly bySubject: DataLoader<string, IdentityLink[]>;

  constructor(private readonly store: Pick<Store, 'query'>) {
    this.bySubject = new DataLoader(async (subjects) => {
      const { rows } = await store.query<DbRow>(`SELECT ${LINK_COLUMNS} FROM reintegra.identity_link WHERE subject = ANY($1::text[]) ORDER BY decided_at`, [subjects]);
      const out = new Map<string, IdentityLink[]>(subjects.map((s) => [s, []]));
      for (const r of rows) out.get(r.subject)!.push(toIdentityLink(r));
      return subjects.map((s) => out.get(s)!);
    });
  }

  /** Every decision about the person's records, oldest first. */
  forPerson(subject: string): Promise<IdentityLink[]> {
    return this.bySubject.load(subject);
  }

  /** Of `refs` at `agency`, those confirmed as some person's record: ref → that person's pseudonym. */
  async confirmedOwners(agency: string, refs: readonly string[]): Promise<Map<string, string>> {
    if (refs.length === 0) return new Map();
    const { rows } = await this.store.query<{ agency_ref: string; subject: string }>(
      "SELECT agency_ref, subject FROM reintegra.identity_link WHERE agency = $1 AND agency_ref = ANY($2::text[]) AND state = 'CONFIRMED'",
      [agency, refs],
    );
    return new Map(rows.map((r) => [r.agency_ref, r.subject]));
  }
}
