import type { Store } from '../store/index.js';
import type { AuditEvent } from './AuditEvent.js';
import { eventWhere } from './AuditEventFilter.js';
import { allEvents } from './eventRows.js';

/** One access to the person's data, as the report shows it. */
export interface SubjectAccess {
  at: string;
  /** The agency whose staff or system asked. */
  agency: string;
  roles: string[];
  /** Staff identity; null in the version for the person. */
  sub: string | null;
  client: string | null;
  requestId: string | null;
  purpose: string | null;
  /** The break-glass justification, when access was an emergency override. */
  breakGlass: string | null;
  /** Whose systems were read. */
  agenciesRead: string[];
  /** Data categories released (special categories are listed like any other). */
  categories: string[];
  outcome: AuditEvent['outcome'];
  /** The access was a privacy officer reading the audit log about the person. */
  auditLogRead: boolean;
  /** Reference into the log (leaf index), for a supervisory authority to check. */
  leafIndex: number;
}

export interface SubjectAccessSummary {
  agency: string;
  accesses: number;
  first: string;
  last: string;
  purposes: string[];
  categories: string[];
  breakGlass: number;
}

export interface SubjectAccessReport {
  subject: string;
  from: string | null;
  to: string | null;
  generatedAt: string;
  withStaffIdentities: boolean;
  total: number;
  /** More accesses than the report lists (it lists the first MAX_REPORT). */
  truncated: boolean;
  byAgency: SubjectAccessSummary[];
  accesses: SubjectAccess[];
}

export const MAX_REPORT = 5000;

/**
 * Who looked at one person's data, when, why and what (Law Enforcement Directive Art. 25; the
 * Estonian Data Tracker's question), within the officer's scope, oldest first. Without staff
 * identities (`withStaffIdentities: false`) it is the version handed to the person: no subject
 * or client ids and no request ids, only agencies, roles, purposes and categories.
 */
export async function subjectAccessReport(
  store: Pick<Store, 'query'>,
  scopeAgency: string,
  subject: string,
  options: { from?: string | null; to?: string | null; withStaffIdentities: boolean; formerSubjects?: readonly string[] },
): Promise<SubjectAccessReport> {
  const params: unknown[] = [];
  const where = eventWhere(scopeAgency, { subject, formerSubjects: options.formerSubjects ?? null, from: options.from ?? null, to: options.to ?? null }, params);
  const [{ rows }, count] = await Promise.all([
    store.query<{ leaf_index: string | number; event: AuditEvent }>(`SELECT leaf_index, event FROM ${allEvents('leaf_index, event', where.events, where.requests)} AS e ORDER BY leaf_index LIMIT ${MAX_REPORT}`, params),
    store.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${allEvents('leaf_index', where.events, where.requests)} AS e`, params),
  ]);
  const staff = options.withStaffIdentities;
  const accesses = rows.map(({ leaf_index, event: e }): SubjectAccess => ({
    at: e.at,
    agency: e.caller.agency,
    roles: e.caller.roles,
    sub: staff ? e.caller.sub : null,
    client: staff ? e.caller.client : null,
    requestId: staff ? e.requestId : null,
    purpose: e.purpose,
    breakGlass: e.breakGlass,
    agenciesRead: e.agencies,
    categories: [...new Set(e.released.map((r) => r.category))].sort(),
    outcome: e.outcome,
    auditLogRead: (e.auditLog?.length ?? 0) > 0,
    leafIndex: Number(leaf_index),
  }));
  const byAgency = new Map<string, SubjectAccessSummary>();
  for (const a of accesses) {
    const s = byAgency.get(a.agency) ?? { agency: a.agency, accesses: 0, first: a.at, last: a.at, purposes: [], categories: [], breakGlass: 0 };
    s.accesses += 1;
    if (a.at < s.first) s.first = a.at;
    if (a.at > s.last) s.last = a.at;
    s.purposes = union(s.purposes, a.purpose ? [a.purpose] : []);
    s.categories = union(s.categories, a.categories);
    if (a.breakGlass) s.breakGlass += 1;
    byAgency.set(a.agency, s);
  }
  const total = Number(count.rows[0]?.n ?? 0);
  return {
    subject,
    from: options.from ?? null,
    to: options.to ?? null,
    generatedAt: new Date().toISOString(),
    withStaffIdentities: staff,
    total,
    truncated: total > accesses.length,
    byAgency: [...byAgency.values()].sort((a, b) => a.agency.localeCompare(b.agency)),
    accesses,
  };
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}
