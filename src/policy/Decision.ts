import type { DataCategory, Purpose } from '../config/index.js';
import type { Principal, RequestIntent } from '../auth/index.js';

/** Why a category was withheld. Public: it is returned in `extensions.reason` and the audit log. */
export type DenyReason =
  | 'NO_PURPOSE'
  | 'NO_ROLE'
  | 'NO_AGREEMENT'
  | 'PURPOSE_NOT_ALLOWED'
  | 'NOT_ASSIGNED'
  | 'NO_CONSENT'
  | 'CONSENT_WITHDRAWN'
  | 'AGREEMENT_EXPIRED'
  | 'STATISTICS_NO_IDENTITY'
  | 'AUDIT_NO_RECORDS'
  | 'FACT_UNAVAILABLE';

export type Decision =
  | { allow: true; basis: string; agreement?: string; trace: readonly string[] }
  | { allow: false; reason: DenyReason; agreement?: string; trace: readonly string[] };

/** A consent as the registry holds it (HL7 FHIR Consent provisions: actor, purpose, data class, period). */
export interface ConsentFact {
  id: string;
  /** The agency holding the data (the controller) that the consent lets share. */
  provider: string;
  recipients: readonly string[];
  categories: readonly DataCategory[];
  purposes: readonly Purpose[];
  validFrom: string;
  validUntil: string | null;
  withdrawnAt: string | null;
}

/**
 * What the policy needs to know about the person, fetched before deciding. `null` means the fact
 * could not be fetched: every rule that needs it then denies with FACT_UNAVAILABLE.
 */
export interface PersonFacts {
  /** The caller is on the person's case team or caseload. */
  assigned: boolean | null;
  consents: readonly ConsentFact[] | null;
}

/** One question to the policy: may this caller, for this purpose, see this category of this person held by this agency? */
export interface DecisionInput {
  principal: Principal;
  intent: RequestIntent;
  purpose: Purpose;
  /**
   * The person's pseudonym, to explain a decision; the rules know the person only through `facts`
   * (a request shares one decision between people whose facts are alike and hold no consents).
   */
  person: string;
  category: DataCategory;
  /** The agency whose system holds the data; `null` for the gateway's own access metadata (case teams). */
  provider: string | null;
  facts: PersonFacts;
  /** When the decision is made (agreements and consents have validity periods). */
  at: Date;
}

/** The decision function: pure, explainable, never throws; the person counts only through `facts`. */
export type DecideFn = (input: DecisionInput) => Decision;

/** What one rule says: allow, deny (overrides every allow), or nothing (with the reason it did not allow). */
export type RuleResult =
  | { effect: 'allow'; basis: string; agreement?: string; trace: string }
  | { effect: 'deny'; reason: DenyReason; trace: string }
  | { effect: 'abstain'; reason?: DenyReason; agreement?: string; trace: string; depth?: number };
