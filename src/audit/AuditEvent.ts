import type { DataCategory, Purpose } from '../config/index.js';

/**
 * One event per request per person touched (and one for a request that touched nobody).
 * Names the person only by the audit-domain pseudonym, never by national identifier.
 * Stored as canonical JSON inside a Merkle leaf (encodeLeaf.ts): a field added later must be
 * optional, so that events already in the log keep their exact serialisation.
 */
export interface AuditEvent {
  at: string;
  requestId: string;
  caller: { sub: string; agency: string; roles: string[]; client: string | null };
  purpose: Purpose | null;
  breakGlass: string | null;
  /** `persistedId`: the trusted operation's id, when the client ran one from its manifest. */
  operation: { name: string | null; documentHash: string | null; persistedId?: string };
  /** Audit-domain pseudonym of the person; null for an event that touched nobody. */
  subject: string | null;
  /** Agencies whose systems were read for this person. */
  agencies: string[];
  released: Array<{ category: DataCategory; agency: string | null; fields: string[] }>;
  withheld: Array<{ category: DataCategory; agency: string | null; fields: string[]; reason: string }>;
  outcome: 'RELEASED' | 'PARTIAL' | 'WITHHELD' | 'NONE' | 'ERROR';
  /**
   * Whether the caller (agency and sub) was on the person's case team when the request ran;
   * absent when it was not established. Lets privacy officers find access outside the case team.
   */
  onCaseTeam?: boolean;
  /** Privacy-officer reads of the audit log itself in this request: the field and its filter. */
  auditLog?: AuditLogRead[];
  /** Statistics computed and extracts taken in this request (population reads, no one subject). */
  statistics?: StatisticsAccess[];
  /** Changes this request made to the person's case team: who was added or removed (need to know given or taken). */
  caseTeamChanges?: CaseTeamChange[];
  /** Consents this request recorded or withdrew for the person: a legal basis given or taken. */
  consentChanges?: ConsentChange[];
  /** Agency records this request confirmed as the person's, or rejected (identity linkage). */
  linkChanges?: LinkChange[];
}

/**
 * One link decision: the agency and the state, with the candidate's score. The agency's own
 * reference is not in the log (an identifier, kept out like national identifiers): it stays in
 * the gateway's link table, which `identityLinks` shows to the person's coordinators.
 */
export interface LinkChange {
  state: 'CONFIRMED' | 'REJECTED';
  agency: string;
  /** Scaled by 1000 to an integer (the event's canonical JSON holds integers only); null when not scored. */
  scorePerMille: number | null;
}

/** One consent recorded or withdrawn, as the registry holds it after the change (schema `Consent`). */
export interface ConsentChange {
  action: 'RECORD' | 'WITHDRAW';
  consent: {
    id: string;
    provider: string;
    recipients: string[];
    categories: string[];
    purposes: string[];
    validFrom: string;
    validUntil: string | null;
    evidenceRef: string;
    recordedBy: string;
    recordedAt: string;
    withdrawnAt: string | null;
    withdrawnBy: string | null;
  };
}

/** One member added to or removed from a person's case team. */
export interface CaseTeamChange {
  action: 'ADD' | 'REMOVE';
  agency: string;
  sub: string;
  /** The role given, for an addition. */
  role: string | null;
}

/**
 * One statistics table or pseudonymous extract computed from agency data: which, from whose
 * systems, from which categories, and (for extracts) for which approved project and how many rows.
 */
export interface StatisticsAccess {
  /** The table id (e.g. `custodyByEstablishment`) or `extract`. */
  table: string;
  agencies: string[];
  categories: DataCategory[];
  /** Agencies whose data was left out, with why (policy reason or `SOURCE_UNAVAILABLE`). */
  withheld?: Array<{ agency: string; reason: string }>;
  project?: string;
  dataset?: string;
  rows?: number;
  /** Cells withheld by small-cell suppression. */
  suppressedCells?: number;
  /** Why nothing was computed, for a request refused before any agency was read (e.g. `DATASET_NOT_APPROVED`). */
  refused?: string;
}

/** One read of the audit log (a privacy-officer API field) and the filter it used, without identifiers. */
export interface AuditLogRead {
  field: string;
  args: Record<string, string | number | boolean | null>;
}

/** An event as the log holds it: where it sits in the Merkle tree, and the row's own sequence. */
export interface LoggedAuditEvent {
  leafIndex: number;
  seq: number;
  leafHash: Buffer;
  event: AuditEvent;
}
