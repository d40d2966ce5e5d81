import type { DataCategory } from '../config/index.js';
import type { AuditEvent } from './AuditEvent.js';

interface Touch {
  subject: string;
  agencies: Set<string>;
  /** key: category \0 agency → field names */
  released: Map<string, Set<string>>;
  withheld: Map<string, { fields: Set<string>; reason: string }>;
}

type EventHead = Omit<AuditEvent, 'subject' | 'agencies' | 'released' | 'withheld' | 'outcome'>;

/**
 * Collects, during one request, what was released and withheld about whom. The single place that
 * turns a request into audit events (`toEvents`); `RequestAccess` feeds it on every decision.
 */
export class AuditCollector {
  private readonly touched = new Map<string, Touch>();

  /** A person entered the response (by audit pseudonym). */
  touch(person: string, subject: string): void {
    if (!this.touched.has(person)) {
      this.touched.set(person, { subject, agencies: new Set(), released: new Map(), withheld: new Map() });
    }
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

  get size(): number {
    return this.touched.size;
  }

  toEvents(head: EventHead, failed: boolean): AuditEvent[] {
    if (this.touched.size === 0) {
      return [{ ...head, subject: null, agencies: [], released: [], withheld: [], outcome: failed ? 'ERROR' : 'NONE' }];
    }
    return [...this.touched.values()].map((t) => {
      const released = [...t.released].map(([key, fields]) => ({ ...splitKey(key), fields: [...fields].sort() }));
      const withheld = [...t.withheld].map(([key, w]) => ({ ...splitKey(key), fields: [...w.fields].sort(), reason: w.reason }));
      const outcome: AuditEvent['outcome'] = failed
        ? 'ERROR'
        : released.length === 0
          ? (withheld.length === 0 ? 'NONE' : 'WITHHELD')
          : withheld.length === 0 ? 'RELEASED' : 'PARTIAL';
      return { ...head, subject: t.subject, agencies: [...t.agencies].sort(), released, withheld, outcome };
    });
  }
}

function splitKey(key: string): { category: DataCategory; agency: string | null } {
  const [category, agency] = key.split('\u0000') as [DataCategory, string];
  return { category, agency: agency || null };
}
