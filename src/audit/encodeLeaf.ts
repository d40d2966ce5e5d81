import type { AuditEvent } from './AuditEvent.js';
import { canonicalJson } from './canonicalJson.js';
import { leafHash, leafHashOfText } from './merkleHash.js';

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

/** The leaf's text for an event's canonical text `body` at leaf `index`. */
export function leafText(body: string, index: number): string {
  return `{"event":${body},"index":${index}}`;
}

export function leafData(body: string, index: number): Buffer {
  return Buffer.from(leafText(body, index), 'utf8');
}

/** The leaf hash of an event's canonical text at leaf `index` (what the writer stores). */
export function bodyLeafHash(body: string, index: number): Buffer {
  return leafHashOfText(leafText(body, index));
}

export function eventLeafHash(event: AuditEvent, index: number): Buffer {
  return leafHash(leafData(eventBody(event), index));
}
