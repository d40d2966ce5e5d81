import type { Store } from '../store/index.js';
import type { AuditEvent } from './AuditEvent.js';

/**
 * Appends audit events durably: the promise resolves only after the store committed them.
 * One multi-row INSERT per request.
 */
export class AuditStore {
  constructor(private readonly store: Store) {}

  async append(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const params: unknown[] = [];
    const rows = events.map((e, i) => {
      params.push(e.at, e.requestId, e.subject, JSON.stringify(e));
      const b = i * 4;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}::jsonb)`;
    });
    await this.store.query(`INSERT INTO reintegra.audit_event (at, request_id, subject, event) VALUES ${rows.join(', ')}`, params);
  }

  async count(): Promise<number> {
    const { rows } = await this.store.query<{ n: string | number }>('SELECT count(*) AS n FROM reintegra.audit_event');
    return Number(rows[0]?.n ?? 0);
  }
}
