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

/** A filter as SQL: the condition on an event, and the one its request row must meet (alias `r`; see eventRows.ts). */
export interface EventConditions {
  events: string;
  requests: string;
}

/**
 * The SQL conditions for `filter` within a privacy officer's scope, appending their parameters to
 * `params`. Scope: an officer of agency A sees the events where the caller was of agency A (what
 * A's staff did) or A's system was read (what was done with A's data). Only events in the Merkle
 * log are searched. A request row is kept when one of its events may match: the person among its
 * subjects, the agency among the agencies its events read.
 */
export function eventWhere(scopeAgency: string, filter: AuditEventFilter, params: unknown[]): EventConditions {
  const p = (value: unknown) => `$${params.push(value)}`;
  const scope = p(scopeAgency);
  // agency_list: the event's agencies between spaces (eventRows.ts); agency ids hold no spaces.
  const events = ['leaf_index IS NOT NULL', `(caller_agency = ${scope} OR position(' ' || ${scope} || ' ' IN agency_list) > 0)`];
  const requests = [`(r.caller_agency = ${scope} OR r.agencies @> ARRAY[${scope}]::text[])`];
  const both = (event: string, request: string) => {
    events.push(event);
    requests.push(request);
  };
  if (filter.subject) {
    const subjects = p([filter.subject, ...(filter.formerSubjects ?? [])]);
    both(`subject = ANY(${subjects}::text[])`, `r.subjects && ${subjects}::text[]`);
  }
  if (filter.callerSub) {
    const sub = p(filter.callerSub);
    both(`caller_sub = ${sub}`, `r.caller_sub = ${sub}`);
  }
  if (filter.callerAgency) {
    const agency = p(filter.callerAgency);
    both(`caller_agency = ${agency}`, `r.caller_agency = ${agency}`);
  }
  if (filter.agency) {
    const agency = p(filter.agency);
    both(`(event -> 'agencies') ? ${agency}`, `r.agencies @> ARRAY[${agency}]::text[]`);
  }
  if (filter.from) {
    const from = p(filter.from);
    both(`at >= ${from}::timestamptz`, `r.at >= ${from}::timestamptz`);
  }
  if (filter.to) {
    const to = p(filter.to);
    both(`at < ${to}::timestamptz`, `r.at < ${to}::timestamptz`);
  }
  if (filter.purpose) {
    const purpose = p(filter.purpose);
    both(`purpose = ${purpose}`, `r.purpose = ${purpose}`);
  }
  if (filter.outcome) {
    const outcome = p(filter.outcome);
    both(`outcome = ${outcome}`, `${outcome} = ANY(r.outcomes)`);
  }
  if (typeof filter.breakGlass === 'boolean') {
    const glass = p(filter.breakGlass);
    both(`break_glass = ${glass}`, `r.break_glass = ${glass}`);
  }
  if (filter.outsideCaseTeam === true) events.push(`on_case_team IS FALSE AND outcome IN ('RELEASED', 'PARTIAL')`);
  if (filter.outsideCaseTeam === false) events.push(`(on_case_team IS NOT FALSE OR outcome NOT IN ('RELEASED', 'PARTIAL'))`);
  if (filter.requestId) {
    const id = p(filter.requestId);
    both(`request_id = ${id}`, `r.request_id = ${id}`);
  }
  return { events: events.join(' AND '), requests: requests.join(' AND ') };
}
