import type { DataCategory } from '../config/index.js';
import type { AuditEvent, AuditLogRead, StatisticsAccess } from './AuditEvent.js';
import type { AuditLog } from './AuditLog.js';

interface Touch {
  subject: string;
  agencies: Set<string>;
  /** key: category \0 agency → field names */
  released: Map<string, Set<string>>;
  withheld: Map<string, { fields: Set<string>; reason: string }>;
  onCaseTeam: boolean | undefined;
  /** Touched only because a privacy officer read the audit log about this person. */
  logOnly: boolean;
}

type EventHead = Omit<AuditEvent, 'subject' | 'agencies' | 'released' | 'withheld' | 'outcome' | 'onCaseTeam' | 'auditLog'>;

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
    const key = `${category}\u0000${agency ?? ''}`;
    let fields = t.released.get(key);
    if (!fields) t.released.set(key, (fields = new Set()));
    fields.add(field);
  }

  withheld(person: string, category: DataCategory, agency: string | null, field: string, reason: string): void {
    const t = this.touched.get(person);
    if (!t) return;
    const key = `${category}\u0000${agency ?? ''}`;
    let entry = t.withheld.get(key);
    if (!entry) t.withheld.set(key, (entry = { fields: new Set(), reason }));
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
    const auditLog = {
      ...(this.logReads.length > 0 ? { auditLog: [...this.logReads] } : {}),
      ...(this.statisticsReads.length > 0 ? { statistics: [...this.statisticsReads] } : {}),
    };
    if (this.touched.size === 0) {
      return [{ ...head, subject: null, agencies: [], released: [], withheld: [], outcome: failed ? 'ERROR' : 'NONE', ...auditLog }];
    }
    return [...this.touched.values()].map((t) => {
      const released = [...t.released].map(([key, fields]) => ({ ...splitKey(key), fields: [...fields].sort() }));
      const withheld = [...t.withheld].map(([key, w]) => ({ ...splitKey(key), fields: [...w.fields].sort(), reason: w.reason }));
      const outcome: AuditEvent['outcome'] = failed
        ? 'ERROR'
        : t.logOnly || (released.length > 0 && withheld.length === 0)
          ? 'RELEASED'
          : released.length > 0 ? 'PARTIAL' : withheld.length > 0 ? 'WITHHELD' : 'NONE';
      return {
        ...head,
        subject: t.subject,
        agencies: [...t.agencies].sort(),
        released,
        withheld,
        outcome,
        ...(t.onCaseTeam === undefined ? {} : { onCaseTeam: t.onCaseTeam }),
        ...auditLog,
      };
    });
  }
}

function newTouch(subject: string, logOnly: boolean): Touch {
  return { subject, agencies: new Set(), released: new Map(), withheld: new Map(), onCaseTeam: undefined, logOnly };
}

function splitKey(key: string): { category: DataCategory; agency: string | null } {
  const [category, agency] = key.split('\u0000') as [DataCategory, string];
  return { category, agency: agency || null };
}
