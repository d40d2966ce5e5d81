import type { DataCategory } from '../config/index.js';
import type { AuditEvent, AuditLogRead, StatisticsAccess } from './AuditEvent.js';
import type { AuditLog } from './AuditLog.js';

interface Touch {
  subject: string;
  agencies: Set<string>;
  /** category → agency ('' for the gateway's own metadata) → field names */
  released: Map<DataCategory, Map<string, Set<string>>>;
  withheld: Map<DataCategory, Map<string, { fields: Set<string>; reason: string }>>;
  onCaseTeam: boolean | undefined;
  /** Touched only because a privacy officer read the audit log about this person. */
  logOnly: boolean;
}

type EventHead = Omit<AuditEvent, 'subject' | 'agencies' | 'released' | 'withheld' | 'outcome' | 'onCaseTeam' | 'auditLog' | 'statistics'>;

/** Person keys for audit-log reads cannot collide with person ids (base64url never holds NUL). */
const LOG_KEY = '\u0000audit:';

/**
 * Collects, during one request, what was released and withheld about whom. The single place that
 * turns a request into audit events (`toEvents`); `RequestAccess` feeds it on every decision, and
 * the privacy-officer API records its reads of the log here (`readLog`), so reading the log is
 * itself logged. `log` is the audit log the request reports to (null in unit tests).
 */
export class AuditCollector {
  private readonly touched = new Map<string, Touch>();
  private readonly logReads: AuditLogRead[] = [];
  private readonly statisticsReads: StatisticsAccess[] = [];

  constructor(readonly log: AuditLog | null = null) {}

  /** A person entered the response (by audit pseudonym). */
  touch(person: string, subject: string): void {
    const t = this.touched.get(person);
    if (t) t.logOnly = false;
    else this.touched.set(person, newTouch(subject, false));
  }

  read(person: string, agency: string): void {
    this.touched.get(person)?.agencies.add(agency);
  }

  released(person: string, category: DataCategory, agency: string | null, field: string): void {
    const t = this.touched.get(person);
    if (!t) return;
    let byAgency = t.released.get(category);
    if (!byAgency) t.released.set(category, (byAgency = new Map()));
    let fields = byAgency.get(agency ?? '');
    if (!fields) byAgency.set(agency ?? '', (fields = new Set()));
    fields.add(field);
  }

  withheld(person: string, category: DataCategory, agency: string | null, field: string, reason: string): void {
    const t = this.touched.get(person);
    if (!t) return;
    let byAgency = t.withheld.get(category);
    if (!byAgency) t.withheld.set(category, (byAgency = new Map()));
    let entry = byAgency.get(agency ?? '');
    if (!entry) byAgency.set(agency ?? '', (entry = { fields: new Set(), reason }));
    entry.fields.add(field);
  }

  /** Whether the caller is on this person's case team (whoever establishes it first wins). */
  caseTeam(person: string, onTeam: boolean): void {
    const t = this.touched.get(person);
    if (t && t.onCaseTeam === undefined) t.onCaseTeam = onTeam;
  }

  /**
   * People (by person id) whose data was released while nobody established whether the caller is
   * on their case team; the audit plugin looks those up before writing the events.
   */
  unsettledCaseTeams(): string[] {
    return [...this.touched].filter(([, t]) => !t.logOnly && t.onCaseTeam === undefined && t.released.size > 0).map(([person]) => person);
  }

  /** A read of the audit log; `subject` when it was about one person (their audit pseudonym). */
  readLog(read: AuditLogRead, subject?: string): void {
    this.logReads.push(read);
    if (subject !== undefined && !this.touched.has(LOG_KEY + subject)) this.touched.set(LOG_KEY + subject, newTouch(subject, true));
  }

  /** A statistics table computed or an extract taken (recorded on every event of the request). */
  readStatistics(access: StatisticsAccess): void {
    this.statisticsReads.push(access);
  }

  get size(): number {
    return this.touched.size;
  }

  toEvents(head: EventHead, failed: boolean): AuditEvent[] {
    const auditLog = this.logReads.length > 0 ? [...this.logReads] : undefined;
    const statistics = this.statisticsReads.length > 0 ? [...this.statisticsReads] : undefined;
    if (this.touched.size === 0) {
      return [withReads(eventOf(head, null, [], [], [], failed ? 'ERROR' : 'NONE', undefined), auditLog, statistics)];
    }
    // Built field by field, without spreading: this runs for every person of every request.
    const events: AuditEvent[] = [];
    for (const t of this.touched.values()) {
      const released: AuditEvent['released'] = [];
      for (const [category, byAgency] of t.released) {
        for (const [agency, fields] of byAgency) released.push({ agency: agency || null, category, fields: sorted(fields) });
      }
      const withheld: AuditEvent['withheld'] = [];
      for (const [category, byAgency] of t.withheld) {
        for (const [agency, w] of byAgency) withheld.push({ agency: agency || null, category, fields: sorted(w.fields), reason: w.reason });
      }
      const outcome: AuditEvent['outcome'] = failed
        ? 'ERROR'
        : t.logOnly || (released.length > 0 && withheld.length === 0)
          ? 'RELEASED'
          : released.length > 0 ? 'PARTIAL' : withheld.length > 0 ? 'WITHHELD' : 'NONE';
      events.push(withReads(eventOf(head, t.subject, sorted(t.agencies), released, withheld, outcome, t.onCaseTeam), auditLog, statistics));
    }
    return events;
  }
}

function eventOf(
  head: EventHead,
  subject: string | null,
  agencies: string[],
  released: AuditEvent['released'],
  withheld: AuditEvent['withheld'],
  outcome: AuditEvent['outcome'],
  onCaseTeam: boolean | undefined,
): AuditEvent {
  // Keys in canonical (sorted) order, so the encoder need not sort them; onCaseTeam is left out
  // when it was not established.
  return onCaseTeam === undefined
    ? {
      agencies, at: head.at, breakGlass: head.breakGlass, caller: head.caller, operation: head.operation, outcome,
      purpose: head.purpose, released, requestId: head.requestId, subject, withheld,
    }
    : {
      agencies, at: head.at, breakGlass: head.breakGlass, caller: head.caller, onCaseTeam, operation: head.operation, outcome,
      purpose: head.purpose, released, requestId: head.requestId, subject, withheld,
    };
}

function withReads(event: AuditEvent, auditLog: AuditLogRead[] | undefined, statistics: StatisticsAccess[] | undefined): AuditEvent {
  if (auditLog) event.auditLog = auditLog;
  if (statistics) event.statistics = statistics;
  return event;
}

function sorted(values: Set<string>): string[] {
  return [...values].sort();
}

function newTouch(subject: string, logOnly: boolean): Touch {
  return { subject, agencies: new Set(), released: new Map(), withheld: new Map(), onCaseTeam: undefined, logOnly };
}

