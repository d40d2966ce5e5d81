import type { Store } from '../store/index.js';
import type { AuditEvent, LoggedAuditEvent } from './AuditEvent.js';
import { eventWhere, type AuditEventFilter } from './AuditEventFilter.js';

export interface EventPage {
  events: LoggedAuditEvent[];
  /** Pass as `after` for the next page; null when there is none. */
  endCursor: string | null;
  hasMore: boolean;
}

export const MAX_PAGE = 500;

interface Row { seq: string | number; leaf_index: string | number; leaf_hash: Uint8Array; event: AuditEvent }

/**
 * Events matching `filter` in the officer's scope, newest first (by leaf index, i.e. log
 * order). The cursor is the last leaf index returned. `first` must be 1–500 (checked by the caller).
 */
export async function searchEvents(store: Pick<Store, 'query'>, scopeAgency: string, filter: AuditEventFilter, page: { first: number; after?: number | null }): Promise<EventPage> {
  const params: unknown[] = [];
  let where = eventWhere(scopeAgency, filter, params);
  if (page.after !== undefined && page.after !== null) {
    const after = `$${params.push(page.after)}`;
    where += ` AND first_leaf < ${after} AND leaf_index < ${after}`;
  }
  const { rows } = await store.query<Row>(
    // By the request's first leaf, then the event's: the same order as by leaf index alone, which
    // the request table's primary key gives without expanding every request in scope first.
    `SELECT seq, leaf_index, leaf_hash, event FROM reintegra.audit_event WHERE ${where} ORDER BY first_leaf DESC, leaf_index DESC LIMIT $${params.push(page.first + 1)}`,
    params,
  );
  const hasMore = rows.length > page.first;
  const events = rows.slice(0, page.first).map(toLogged);
  return { events, hasMore, endCursor: hasMore ? String(events.at(-1)!.leafIndex) : null };
}

export function toLogged(r: Row): LoggedAuditEvent {
  return { leafIndex: Number(r.leaf_index), seq: Number(r.seq), leafHash: Buffer.from(r.leaf_hash), event: r.event };
}
