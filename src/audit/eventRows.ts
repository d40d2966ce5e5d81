/**
 * The log's events as rows, for the gateway's own queries. Events are stored in two tables: a row
 * each in `audit_event_row` (written before migration 300) and a row per request in
 * `audit_request` (store/migrate.ts). Both give the same columns here, under the old table's
 * names, so one condition (`AuditEventFilter.ts`) reads both.
 *
 * `requests` is a condition on a request row (alias `r`): it is applied before the row is
 * expanded into its events, so it decides which index serves the query and how many rows are
 * expanded. Each row's member texts are taken out of their `jsonb` once per row; an event is
 * rebuilt (`audit_request_event`) only where a condition or the output asks for it, after the
 * conditions on the cheap columns (subject, outcome, case team, the request's own) held.
 */
export function requestEvents(requests: string, options: { events?: boolean } = {}): string {
  // Without events (a count by the cheap columns), the member texts are not taken out at all.
  const withEvents = options.events ?? true;
  // The per-event arrays are unnested together, each read once per row (a subscript per event
  // would take a compressed array out of storage again for every event).
  return `(SELECT r.seq, r.first_leaf + e.ord - 1 AS leaf_index, r.at, r.request_id, e.subject,
      ${withEvents ? 'reintegra.audit_request_event(r.member_texts, e.spec)' : 'NULL::jsonb'} AS event, substring(r.leaf_hashes FROM (e.ord::integer - 1) * 32 + 1 FOR 32) AS leaf_hash,
      r.caller_agency, r.caller_sub, r.purpose, e.outcome, r.break_glass, e.on_case_team, e.agency_list
    FROM (SELECT r.*${withEvents ? ', ARRAY(SELECT jsonb_array_elements_text(r.members)) AS member_texts' : ''} FROM reintegra.audit_request r WHERE ${requests} OFFSET 0) r
    CROSS JOIN LATERAL ROWS FROM (unnest(r.subjects), unnest(r.outcomes), unnest(r.on_case_team), unnest(r.event_agencies)${withEvents ? ', json_array_elements(r.specs)' : ''})
      WITH ORDINALITY AS e(subject, outcome, on_case_team, agency_list, ${withEvents ? 'spec, ' : ''}ord)) AS ev`;
}

/**
 * The rows of one event each, with the agencies read as request rows list them (`agency_list`:
 * agency ids between spaces), computed only where a condition asks for it.
 */
export const LEGACY_EVENTS = `(SELECT t.*, ' ' || array_to_string(ARRAY(SELECT jsonb_array_elements_text(t.event -> 'agencies')), ' ') || ' ' AS agency_list
    FROM reintegra.audit_event_row t) AS ev`;

/**
 * `columns` of the events of both tables that meet `events` (and, for request rows, `requests`).
 * `events: false` when neither the columns nor the condition read `event`.
 */
export function allEvents(columns: string, events: string, requests: string, options: { events?: boolean } = {}): string {
  return `(SELECT ${columns} FROM ${LEGACY_EVENTS} WHERE ${events}
    UNION ALL
    SELECT ${columns} FROM ${requestEvents(requests, options)} WHERE ${events})`;
}
