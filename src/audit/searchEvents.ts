import type { Store } from '../store/index.js';
import type { AuditEvent, LoggedAuditEvent } from './AuditEvent.js';
import { eventWhere, type AuditEventFilter } from './AuditEventFilter.js';
import { LEGACY_EVENTS, requestEvents } from './eventRows.js';

export interface EventPage {
  events: LoggedAuditEvent[];
  /** Pass as `after` for the next page; null when there is none. */
  endCursor: string | null;
  hasMore: boolean;
}

export const MAX_PAGE = 500;

interface Row { seq: string | number; leaf_index: string | number; leaf_hash: Uint8Array; event: AuditEvent }

/** Request rows expanded in a search's first step, and at most in one step (it doubles while the page is not full). */
const FIRST_BATCH = 4;
const MAX_BATCH = 256;

/**
 * Events matching `filter` in the officer's scope, newest first (by leaf index, i.e. log
 * order). The cursor is the last leaf index returned. `first` must be 1–500 (checked by the caller).
 * Request rows that meet the filter's request condition are read newest first (by the primary
 * key, or the index the condition reaches) in batches that double from `FIRST_BATCH`, until the
 * page is full; then the rows of one event each, which all come before them in the log.
 */
export async function searchEvents(store: Pick<Store, 'query'>, scopeAgency: string, filter: AuditEventFilter, page: { first: number; after?: number | null }): Promise<EventPage> {
  const params: unknown[] = [];
  const where = eventWhere(scopeAgency, filter, params);
  const after = page.after ?? null;
  const wanted = page.first + 1;
  const rows: Row[] = [];
  let below = after;
  for (let batch = FIRST_BATCH; ; batch = Math.min(MAX_BATCH, batch * 2)) {
    const p = [...params];
    const upper = below === null ? '' : ` AND r.first_leaf < $${p.push(below)}`;
    const bound = await store.query<{ first_leaf: string | number }>(
      `SELECT r.first_leaf FROM reintegra.audit_request r WHERE ${where.requests}${upper} ORDER BY r.first_leaf DESC OFFSET ${batch - 1} LIMIT 1`,
      p,
    );
    const low = bound.rows[0] ? Number(bound.rows[0].first_leaf) : null;
    const lower = low === null ? '' : ` AND r.first_leaf >= $${p.push(low)}`;
    const cursor = after === null ? '' : ` AND leaf_index < $${p.push(after)}`;
    const found = await store.query<Row>(
      `SELECT seq, leaf_index, leaf_hash, event FROM ${requestEvents(`${where.requests}${upper}${lower}`)} WHERE ${where.events}${cursor}
        ORDER BY leaf_index DESC LIMIT $${p.push(wanted - rows.length)}`,
      p,
    );
    rows.push(...found.rows);
    if (rows.length >= wanted || low === null) break;
    below = low;
  }
  if (rows.length < wanted) {
    const p = [...params];
    const cursor = after === null ? '' : ` AND leaf_index < $${p.push(after)}`;
    const found = await store.query<Row>(
      `SELECT seq, leaf_index, leaf_hash, event FROM ${LEGACY_EVENTS} WHERE ${where.events}${cursor} ORDER BY leaf_index DESC LIMIT $${p.push(wanted - rows.length)}`,
      p,
    );
    rows.push(...found.rows);
  }
  const hasMore = rows.length > page.first;
  const events = rows.slice(0, page.first).map(toLogged);
  return { events, hasMore, endCursor: hasMore ? String(events.at(-1)!.leafIndex) : null };
}

export function toLogged(r: Row): LoggedAuditEvent {
  return { leafIndex: Number(r.leaf_index), seq: Number(r.seq), leafHash: Buffer.from(r.leaf_hash), event: r.event };
}
