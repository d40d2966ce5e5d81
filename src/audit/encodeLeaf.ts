import type { AuditEvent } from './AuditEvent.js';
import { canonicalJson } from './canonicalJson.js';
import { leafHash } from './merkleHash.js';

/**
 * What a leaf of the audit log is. The leaf data of event `e` at leaf index `i` is the UTF-8 of
 *
 *     {"event":<canonicalJson(e)>,"index":<i>}
 *
 * (itself canonical JSON: keys sorted, no spaces). The index is inside the leaf so that a row
 * moved to another position no longer matches its hash. The writer (`GroupCommitAuditStore`)
 * hashes the same bytes for the indexes it expects; `leafData` is the reference the verifier
 * and tests use.
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
