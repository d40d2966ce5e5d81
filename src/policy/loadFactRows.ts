import { consentFactOf } from '../consent/ConsentStore.js';
import type { Store } from '../store/index.js';
import type { ConsentFact } from './Decision.js';

export interface FactRows {
  /** People (by pseudonym) on whose case team the caller is. */
  onTeam: Set<string>;
  /** Consents naming the caller's agency as recipient, by person. */
  consents: Map<string, ConsentFact[]>;
  /**
   * Agency records that case coordinators confirmed as the person's, by person: read here, in
   * the same round trip, because linking needs them at the same moment as the facts.
   */
  confirmedLinks: Map<string, ConfirmedLink[]>;
}

/** An agency record confirmed as a person's (linkage/IdentityLinkStore holds the full decisions). */
export interface ConfirmedLink {
  agency: string;
  agencyRef: string;
}

/**
 * The policy's stored facts about a batch of people for one caller, in one round trip: the
 * caller's case-team memberships and the consents that name the caller's agency as recipient
 * (withdrawn ones too: they decide between NO_CONSENT and CONSENT_WITHDRAWN), and the confirmed
 * identity links of those people.
 */
export async function loadFactRows(store: Pick<Store, 'query'>, subjects: readonly string[], agency: string, sub: string): Promise<FactRows> {
  const { rows } = await store.query<{
    kind: 'team' | 'consent' | 'link';
    subject: string;
    id: string | null;
    provider: string | null;
    recipients: string[] | null;
    categories: string[] | null;
    purposes: string[] | null;
    valid_from: string | Date | null;
    valid_until: string | Date | null;
    withdrawn_at: string | Date | null;
  }>(
    `SELECT 'team' AS kind, subject, NULL::text AS id, NULL::text AS provider, NULL::text[] AS recipients, NULL::text[] AS categories,
            NULL::text[] AS purposes, NULL::date AS valid_from, NULL::date AS valid_until, NULL::timestamptz AS withdrawn_at
       FROM reintegra.case_team WHERE subject = ANY($1) AND agency = $2 AND sub = $3
     UNION ALL
     SELECT 'consent', subject, id::text, provider, recipients, categories, purposes, valid_from, valid_until, withdrawn_at
       FROM reintegra.consent WHERE subject = ANY($1) AND $2 = ANY(recipients)
     UNION ALL
     SELECT 'link', subject, agency_ref, agency, NULL, NULL, NULL, NULL, NULL, NULL
       FROM reintegra.identity_link WHERE subject = ANY($1) AND state = 'CONFIRMED'`,
    [subjects, agency, sub],
    'reintegra_policy_facts',
  );
  const onTeam = new Set<string>();
  const consents = new Map<string, ConsentFact[]>();
  const confirmedLinks = new Map<string, ConfirmedLink[]>();
  for (const r of rows) {
    if (r.kind === 'team') {
      onTeam.add(r.subject);
      continue;
    }
    if (r.kind === 'link') {
      const list = confirmedLinks.get(r.subject) ?? [];
      list.push({ agency: r.provider!, agencyRef: r.id! });
      confirmedLinks.set(r.subject, list);
      continue;
    }
    const list = consents.get(r.subject) ?? [];
    // Consent rows have every column the consent side of the UNION selects.
    list.push(consentFactOf(r as Parameters<typeof consentFactOf>[0]));
    consents.set(r.subject, list);
  }
  return { onTeam, consents, confirmedLinks };
}

