import { ReintegraError } from '../errors/index.js';
import type { Store } from '../store/index.js';
import { LINK_COLUMNS, toIdentityLink, type IdentityLink, type LinkState } from './IdentityLinkStore.js';

/** A decision as a coordinator makes it; the store adds when. */
export type LinkDecision = Omit<IdentityLink, 'decidedAt'>;

/**
 * A confirmation that would join two people: the record is confirmed for another person, or the
 * person already has another confirmed record at that agency. Public code BAD_USER_INPUT.
 */
export class LinkConflict extends ReintegraError {
  override readonly code = 'ERR_LINKAGE_CONFLICT';
  override readonly publicCode = 'BAD_USER_INPUT';
  override readonly status = 400;
}

/**
 * Records a coordinator's decision, replacing an earlier one about the same record (a rejection
 * can be confirmed later, a confirmation undone by rejecting). The store's unique indexes refuse
 * a confirmation that would join two people, even when two coordinators race.
 * @throws LinkConflict
 */
export async function decideLink(store: Pick<Store, 'query'>, d: LinkDecision): Promise<IdentityLink> {
  try {
    const { rows } = await store.query<Parameters<typeof toIdentityLink>[0]>(
      `INSERT INTO reintegra.identity_link (subject, agency, agency_ref, state, score, decided_by, decided_by_agency, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (subject, agency, agency_ref) DO UPDATE SET state = EXCLUDED.state, score = EXCLUDED.score,
         decided_by = EXCLUDED.decided_by, decided_by_agency = EXCLUDED.decided_by_agency, decided_at = EXCLUDED.decided_at
       RETURNING ${LINK_COLUMNS}`,
      [d.subject, d.agency, d.agencyRef, d.state, d.score, d.decidedBy, d.decidedByAgency],
    );
    return toIdentityLink(rows[0]!);
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') {
      throw new LinkConflict('This record is confirmed for another person, or the person already has a confirmed record at this agency.', { cause: error });
    }
    throw error;
  }
}
