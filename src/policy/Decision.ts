import type { DataCategory, Purpose } from '../config/index.js';
import type { Principal, RequestIntent } from '../auth/index.js';

/** Why a category was withheld. Public: it is returned in `extensions.reason`. */
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
  | 'FACT_UNAVAILABLE';

export type Decision =
  | { allow: true; basis: string; trace: readonly string[] }
  | { allow: false; reason: DenyReason; trace: readonly string[] };

/** One question to the policy: may this caller, for this purpose, see this category of this person held by this agency? */
export interface DecisionInput {
  principal: Principal;
  intent: RequestIntent;
  purpose: Purpose;
  /** The person's pseudonym. */
  person: string;
  category: DataCategory;
  /** The agency whose system holds the data; `null` for the gateway's own access metadata (case teams). */
  provider: string | null;
  /** When the decision is made (agreements and consents have validity periods). */
  at: Date;
}

/** The decision function: pure, explainable, never throws. */
export type DecideFn = (input: DecisionInput) => Decision;
