import type { AuditEvent } from './AuditEvent.js';
import { canonicalJson } from './canonicalJson.js';
import { leafHash } from './merkleHash.js';

/**
 * What a leaf of the audit log is. The leaf data of event `e` at leaf index `i` is the UTF-8 of
 *
 *     {"event":<canonicalJson(e)>,"index":<i>}
 *
 * (itself canonical JSON: keys sorted, no spaces). The index is inside the leaf so that a row
 * moved to another position no longer matches its hash. The append statement builds the same
 * bytes in SQL from the body text (see `GroupCommitAuditStore`), because the index is only known
 * inside the database transaction; `leafData` is the reference the verifier and tests use.
 */
export function eventBody(event: AuditEvent): string {
  return canonicalJson(event);
}

export function leafData(body: string, index: number): Buffer {
  return Buffer.from(`{"event":${body},"index":${index}}`, 'utf8');
}

export function eventLeafHash(event: AuditEvent, index: number): Buffer {
  return leafHash(leafData(eventBody(event), index));
}

/** The SQL expression computing the leaf hash from `body` (text) and `idx` (bigint) columns. */
export const LEAF_HASH_SQL = `sha256('\\x00'::bytea || convert_to('{"event":' || body || ',"index":' || idx::text || '}', 'UTF8'))`;
