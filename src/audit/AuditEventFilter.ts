import type { Purpose } from '../config/index.js';
import type { AuditEvent } from './AuditEvent.js';

/** What privacy officers search the log by. Every member is optional; all given must hold. */
export interface AuditEventFilter {
  /** The person, by audit pseudonym (the API computes it from a national identifier). */
  subject?: string | null;
  /** The same person's audit pseudonyms under earlier pseudonym keys (after a rotation): searched with `subject`. */
  formerSubjects?: readonly string[] | null;
  callerSub?: string | null;
  callerAgency?: string | null;
  /** An agency whose system was read. */
  agency?: string | null;
  /** Inclusive lower and exclusive upper bound on the event time (ISO 8601). */
  from?: string | null;
  to?: string | null;
  purpose?: Purpose | null;
  outcome?: AuditEvent['outcome'] | null;
  breakGlass?: boolean | null;
  /** Data released to a caller who was not on the person's case team. */
  outsideCaseTeam?: boolean | null;
  requestId?: string | null;
}

/**
 * The SQL condition for `filter` within a privacy officer's scope, appending its parameters to
 * `params`, over the `reintegra.audit_event` view. Scope: an officer of agency A sees the events
 * where the caller was of agency A (what A's staff did) or A's system was read (what was done
 * with A's data). Only events in the Merkle log are searched. A condition on what differs from
 * event to event of a request (the person, the agencies read) comes twice: on the event, and on
 * its request's `subjects` or `agencies`, which is what reaches the request table's indexes.
 */
export function eventWhere(scopeAgency: string, filter: AuditEventFilter, params: unknown[]): string {
  const p = (value: unknown) => `$${params.push(value)}`;
  const scope = p(scopeAgency);
  const parts = ['leaf_index IS NOT NULL', `(caller_agency = ${scope} OR agencies @> ARRAY[${scope}]::text[])`, `(caller_agency = ${scope} OR (event -> 'agencies') ? ${scope})`];
  if (filter.subject) {
    const subjects = p([filter.subject, ...(filter.formerSubjects ?? [])]);
    parts.push(`subjects && ${subjects}::text[]`, `subject = ANY(${subjects}::text[])`);
  }
  if (filter.callerSub) parts.push(`caller_sub = ${p(filter.callerSub)}`);
  if (filter.callerAgency) parts.push(`caller_agency = ${p(filter.callerAgency)}`);
  if (filter.agency) {
    const agency = p(filter.agency);
    parts.push(`agencies @> ARRAY[${agency}]::text[]`, `(event -> 'agencies') ? ${agency}`);
  }
  if (filter.from) parts.push(`at >= ${p(filter.from)}::timestamptz`);
  if (filter.to) parts.push(`at < ${p(filter.to)}::timestamptz`);
  if (filter.purpose) parts.push(`purpose = ${p(filter.purpose)}`);
  if (filter.outcome) parts.push(`outcome = ${p(filter.outcome)}`);
  if (typeof filter.breakGlass === 'boolean') parts.push(`break_glass = ${p(filter.breakGlass)}`);
  if (filter.outsideCaseTeam === true) parts.push(`on_case_team IS FALSE AND outcome IN ('RELEASED', 'PARTIAL')`);
  if (filter.outsideCaseTeam === false) parts.push(`(on_case_team IS NOT FALSE OR outcome NOT IN ('RELEASED', 'PARTIAL'))`);
  if (filter.requestId) parts.push(`request_id = ${p(filter.requestId)}`);
  return parts.join(' AND ');
}
