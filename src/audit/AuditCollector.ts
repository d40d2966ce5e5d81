import type { DataCategory } from '../config/index.js';
import type { AuditEvent, AuditLogRead, CaseTeamChange, ConsentChange, LinkChange, StatisticsAccess } from './AuditEvent.js';
import type { AuditLog } from './AuditLog.js';

interface Touch {
  subject: string;
  agencies: Set<string>;
  /** category → agency ('' for the gateway's own metadata) → field names */
  released: Map<DataCategory, Map<string, FieldSet>>;
  withheld: Map<DataCategory, Map<string, { fields: FieldSet; reason: string }>>;
  onCaseTeam: boolean | undefined;
  /** Touched only because a privacy officer read the audit log about this person. */
  logOnly: boolean;
  /** Members this request added to or removed from the person's case team. */
  caseTeamChanges: CaseTeamChange[];
  /** Consents this request recorded or withdrew for the person. */
  consentChanges: ConsentChange[];
  /** Link decisions this request made for the person. */
  linkChanges: LinkChange[];
}

type EventHead = Omit<AuditEvent, 'subject' | 'agencies' | 'released' | 'withheld' | 'outcome' | 'onCaseTeam' | 'auditLog' | 'statistics' | 'caseTeamChanges' | 'consentChanges' | 'linkChanges'>;

type Released = AuditEvent['released'][number];

/**
 * A sorted set of field names, one object per distinct set in a request: adding a field moves to
 * the next set. The people of a request are answered the same fields, so they end on the same
 * sets, and their events share the same (frozen) arrays, entries and lists, which the encoder
 * then serialises once per request rather than once per person (`canonicalBatchEncoder`).
 */
class FieldSet {
  private readonly next = new Map<string, FieldSet>();

  constructor(readonly fields: readonly string[]) {}

  with(field: string): FieldSet {
    let set = this.next.get(field);
    if (set === undefined) {
      set = this.fields.includes(field) ? this : new FieldSet(Object.freeze(withSorted(this.fields, field)));
      this.next.set(field, set);
    }
    return set;
  }
}

/** `fields` (sorted as `Array.prototype.sort` sorts strings) with `field` in its place. */
function withSorted(fields: readonly string[], field: string): string[] {
  let i = fields.length;
  while (i > 0 && fields[i - 1]! > field) i--;
  return [...fields.slice(0, i), field, ...fields.slice(i)];
}

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
  /** The empty field set every person's sets start from. */
  private readonly noFields = new FieldSet(Object.freeze([]));
  /** What the events of this request share (see `FieldSet`): released entries, released lists, agency lists. */
  private readonly entries = new Map<FieldSet, Map<string, Released>>();
  private readonly entryIds = new Map<Released, number>();
  private readonly releasedLists = new Map<string, AuditEvent['released']>();
  private readonly agencyLists = new Map<string, string[]>();

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
    const key = agency ?? '';
    byAgency.set(key, (byAgency.get(key) ?? this.noFields).with(field));
  }

  withheld(person: string, category: DataCategory, agency: string | null, field: string, reason: string): void {
    const t = this.touched.get(person);
    if (!t) return;
    let byAgency = t.withheld.get(category);
    if (!byAgency) t.withheld.set(category, (byAgency = new Map()));
    let entry = byAgency.get(agency ?? '');
    if (!entry) byAgency.set(agency ?? '', (entry = { fields: this.noFields, reason }));
    entry.fields = entry.fields.with(field);
  }

  /** A member added to or removed from the person's case team by this request (recorded once made). */
  caseTeamChanged(person: string, change: CaseTeamChange): void {
    this.touched.get(person)?.caseTeamChanges.push(change);
  }

  /** A consent recorded or withdrawn by this request (recorded once made). */
  consentChanged(person: string, change: ConsentChange): void {
    this.touched.get(person)?.consentChanges.push(change);
  }

  /** An agency record confirmed as the person's, or rejected, by this request (recorded once made). */
  linkChanged(person: string, change: LinkChange): void {
    this.touched.get(person)?.linkChanges.push(change);
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
    // Statistics and extracts read whole populations: they get an event of their own, with no
    // subject, whose agencies are the systems read, so that those agencies' privacy officers find
    // it (their scope is the caller's agency or the agencies read).
    const statistics = this.statisticsReads.length > 0 ? this.statisticsEvent(head, failed, this.touched.size === 0 ? auditLog : undefined) : null;
    if (this.touched.size === 0) {
      return [statistics ?? withReads(eventOf(head, null, [], [], [], failed ? 'ERROR' : 'NONE', undefined), auditLog, undefined)];
    }
    // Built field by field, without spreading: this runs for every person of every request.
    const events: AuditEvent[] = [];
    const noneWithheld: AuditEvent['withheld'] = Object.freeze([]) as unknown as AuditEvent['withheld'];
    for (const t of this.touched.values()) {
      const released = this.releasedList(t.released);
      let withheld = noneWithheld;
      if (t.withheld.size > 0) {
        withheld = [];
        for (const [category, byAgency] of t.withheld) {
          for (const [agency, w] of byAgency) withheld.push({ agency: agency || null, category, fields: w.fields.fields as string[], reason: w.reason });
        }
      }
      const outcome: AuditEvent['outcome'] = failed
        ? 'ERROR'
        : t.logOnly || (released.length > 0 && withheld.length === 0)
          ? 'RELEASED'
          : released.length > 0 ? 'PARTIAL' : withheld.length > 0 ? 'WITHHELD' : 'NONE';
      const event = withReads(eventOf(head, t.subject, this.agencyList(t.agencies), released, withheld, outcome, t.onCaseTeam), auditLog, undefined);
      if (t.caseTeamChanges.length > 0) event.caseTeamChanges = [...t.caseTeamChanges];
      if (t.consentChanges.length > 0) event.consentChanges = [...t.consentChanges];
      if (t.linkChanges.length > 0) event.linkChanges = [...t.linkChanges];
      events.push(event);
    }
    if (statistics) events.push(statistics);
    return events;
  }

  /** The request's statistics reads as one event without a subject: RELEASED when any agency's data was used. */
  private statisticsEvent(head: EventHead, failed: boolean, auditLog: AuditLogRead[] | undefined): AuditEvent {
    const agencies = new Set<string>();
    for (const s of this.statisticsReads) for (const a of s.agencies) agencies.add(a);
    const outcome: AuditEvent['outcome'] = failed ? 'ERROR' : agencies.size > 0 ? 'RELEASED' : 'NONE';
    return withReads(eventOf(head, null, this.agencyList(agencies), [], [], outcome, undefined), auditLog, [...this.statisticsReads]);
  }

  /** A person's released entries, in the order first released, as a list shared with everyone released the same. */
  private releasedList(byCategory: Touch['released']): AuditEvent['released'] {
    if (byCategory.size === 0) return [];
    const entries: Released[] = [];
    let key = '';
    for (const [category, byAgency] of byCategory) {
      for (const [agency, set] of byAgency) {
        let bySet = this.entries.get(set);
        if (!bySet) this.entries.set(set, (bySet = new Map()));
        const entryKey = `${category}\u0000${agency}`;
        let entry = bySet.get(entryKey);
        if (!entry) {
          // Keys in canonical order.
          bySet.set(entryKey, (entry = Object.freeze({ agency: agency || null, category, fields: set.fields as string[] })));
          this.entryIds.set(entry, this.entryIds.size);
        }
        entries.push(entry);
        key += `${this.entryIds.get(entry)},`;
      }
    }
    let list = this.releasedLists.get(key);
    if (!list) this.releasedLists.set(key, (list = Object.freeze(entries) as unknown as AuditEvent['released']));
    return list;
  }

  private agencyList(agencies: Set<string>): string[] {
    const list = [...agencies].sort();
    const key = list.join('\u0000');
    let shared = this.agencyLists.get(key);
    if (!shared) this.agencyLists.set(key, (shared = Object.freeze(list) as string[]));
    return shared;
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

function newTouch(subject: string, logOnly: boolean): Touch {
  return { subject, agencies: new Set(), released: new Map(), withheld: new Map(), onCaseTeam: undefined, logOnly, caseTeamChanges: [], consentChanges: [], linkChanges: [] };
}

