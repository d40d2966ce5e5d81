import type { Store } from '../store/index.js';
import type { AuditEvent } from './AuditEvent.js';
import type { CheckpointKeys } from './CheckpointKeys.js';
import { MerkleFrontier } from './MerkleFrontier.js';
import { canonicalJson } from './canonicalJson.js';
import { bodyLeafHash } from './encodeLeaf.js';
import { emptyRoot, HASH_BYTES } from './merkleHash.js';
import { readCheckpoints } from './readCheckpoints.js';
import { verifyCheckpoint } from './signCheckpoint.js';

export type LogProblemKind =
  | 'ALTERED' | 'MISSING' | 'OUT_OF_ORDER' | 'COLUMN_MISMATCH' | 'OUTSIDE_LOG' | 'EXTRA'
  | 'CHECKPOINT_SIGNATURE' | 'CHECKPOINT_ROOT' | 'HEAD_MISMATCH';

/** One thing wrong with the log; `leafIndex` is the first entry it puts in doubt. */
export interface LogProblem {
  kind: LogProblemKind;
  leafIndex: number | null;
  seq: number | null;
  /** The checkpoint's seq, for checkpoint problems. */
  checkpoint: number | null;
  message: string;
}

export interface LogVerification {
  ok: boolean;
  /** Leaves found (the highest leaf index + 1). */
  treeSize: number;
  /** The Merkle root recomputed from the rows' contents. */
  rootHash: Buffer;
  checkpoints: number;
  /** Rows from before the Merkle log (migration 2), outside the tree. */
  legacyEvents: number;
  /**
   * Leaves no signature vouches for: after the largest checkpoint that matched the log (all of
   * them when none did). A rewrite of those leaves that also recomputed their hashes, or their
   * removal with the head moved back, cannot be detected; checkpoints kept outside the database
   * (`trusted`) narrow what a rewrite of the database alone can hide.
   */
  unsignedLeaves: number;
  /** Which trusted checkpoints (kept outside the database) were checked. */
  trustedCheckpoints: number;
  /** Ordered by the entry they concern; `problems[0]` is the first bad entry. */
  problems: LogProblem[];
}


/**
 * Recomputes the whole log from the rows' contents and checks it against everything recorded
 * about it: each row's leaf hash (which binds its content to its leaf index), contiguous leaf
 * indexes, row sequence following leaf order, the indexed columns against the event, every
 * checkpoint's signature and its root against the tree recomputed at its size, and the head.
 * Detects altered, removed, reordered and inserted rows; names the first entry in doubt.
 * Reads the log once, in pages, holding O(log n) hashes.
 */
export async function verifyLog(store: Pick<Store, 'query'>, keys: CheckpointKeys, options: { trusted?: readonly string[] } = {}): Promise<LogVerification> {
  const problems: Array<LogProblem & { position: number }> = [];
  // `position` orders problems: an entry's own position, or for a checkpoint whose range holds a
  // bad entry somewhere, just after the range's last leaf (a precise finding inside it comes first).
  const problem = (kind: LogProblemKind, leafIndex: number | null, seq: number | null, checkpoint: number | null, message: string, position = leafIndex ?? Number.POSITIVE_INFINITY) =>
    problems.push({ kind, leafIndex, seq, checkpoint, message, position });

  const checkpoints = await readCheckpoints(store, { order: 'size' });
  // `name` words the checkpoint in messages; `seq` is its row's, null for a trusted one.
  const signed: Array<{ seq: number | null; name: string; treeSize: number; root: Buffer }> = [];
  for (const c of checkpoints) {
    try {
      if (keys.verifiers.size === 0) throw new Error('no audit key is configured to check it with');
      const p = await verifyCheckpoint(c.jws, keys);
      if (p.treeSize !== c.treeSize || p.rootHash !== c.rootHash.toString('base64') || Date.parse(p.timestamp) !== Date.parse(c.at) || p.kid !== c.keyId) {
        problem('CHECKPOINT_SIGNATURE', null, null, c.seq, `checkpoint ${c.seq}: its row differs from what its signature covers`);
      }
      signed.push({ seq: c.seq, name: `checkpoint ${c.seq}`, treeSize: p.treeSize, root: Buffer.from(p.rootHash, 'base64') });
    } catch (error) {
      problem('CHECKPOINT_SIGNATURE', null, null, c.seq, `checkpoint ${c.seq}: signature does not verify (${(error as Error).message})`);
    }
  }
  // Checkpoints kept outside the database: whoever can rewrite the tables (and their checkpoint
  // rows) cannot change these, so the log must still extend each of them.
  for (const [i, jws] of (options.trusted ?? []).entries()) {
    const name = `trusted checkpoint ${i + 1}`;
    try {
      if (keys.verifiers.size === 0) throw new Error('no audit key is configured to check it with');
      const p = await verifyCheckpoint(jws, keys);
      signed.push({ seq: null, name, treeSize: p.treeSize, root: Buffer.from(p.rootHash, 'base64') });
    } catch (error) {
      problem('CHECKPOINT_SIGNATURE', null, null, null, `${name}: signature does not verify (${(error as Error).message})`);
    }
  }
  signed.sort((a, b) => a.treeSize - b.treeSize);

  const legacy = await store.query<{ seq: string | number }>('SELECT seq FROM reintegra.audit_event_row WHERE leaf_index IS NULL ORDER BY seq');
  const firstLogged = await store.query<{ seq: string | number }>(
    'SELECT least((SELECT min(seq) FROM reintegra.audit_event_row WHERE leaf_index IS NOT NULL), (SELECT min(seq) FROM reintegra.audit_request)) AS seq',
  );
  const firstLoggedSeq = firstLogged.rows[0]?.seq == null ? Number.POSITIVE_INFINITY : Number(firstLogged.rows[0].seq);
  for (const r of legacy.rows) {
    if (Number(r.seq) > firstLoggedSeq) problem('OUTSIDE_LOG', null, Number(r.seq), null, `seq ${r.seq}: an event outside the Merkle log, recorded after the log began`);
  }

  const frontier = new MerkleFrontier();
  let next = 0; // the leaf index expected next
  let prevSeq = Number.NEGATIVE_INFINITY;
  let pending = 0; // signed checkpoints not yet compared
  let lastGood = 0; // largest tree size a checkpoint confirmed
  const compareUpTo = (size: number) => {
    while (pending < signed.length && signed[pending]!.treeSize <= size) {
      const c = signed[pending++]!;
      const root = c.treeSize === 0 ? emptyRoot() : c.treeSize === frontier.size && c.treeSize === next ? frontier.root() : null;
      if (root?.equals(c.root)) lastGood = Math.max(lastGood, c.treeSize);
      else problem('CHECKPOINT_ROOT', lastGood, null, c.seq, `${c.name} (tree size ${c.treeSize}) does not match the log: an entry from leaf ${lastGood} to ${c.treeSize - 1} was altered, removed or reordered after it was signed`, c.treeSize - 0.5);
    }
  };
  compareUpTo(0);
  for await (const entry of logEntries(store)) {
    const { index, seq } = entry;
    if (index < next) {
      // A second entry for a place already taken (or below leaf 0): the readers would show it
      // beside the first, so it is named, and the tree goes on from the first.
      problem('EXTRA', index, seq, null, `leaf ${index} (seq ${seq}): a second entry at a place in the log already taken${index < 0 ? ' (below leaf 0)' : ''}: inserted outside the append path`, Math.max(index, 0));
      continue;
    }
    if (index > next) {
      problem('MISSING', next, null, null, `leaf ${next}${index - next > 1 ? `–${index - 1}` : ''}: missing (the next row, seq ${seq}, has leaf ${index})`);
      compareUpTo(index - 1);
      next = index;
    }
    const recomputed = bodyLeafHash(entry.body, index);
    if (entry.event === null || !recomputed.equals(entry.storedHash)) {
      problem('ALTERED', index, seq, null, `leaf ${index} (seq ${seq}): content does not match its recorded hash: altered, or moved from another position`);
    } else if (entry.columnsDiffer(entry.event)) {
      problem('COLUMN_MISMATCH', index, seq, null, `leaf ${index} (seq ${seq}): its indexed columns (${entry.columns}) differ from the event`);
    }
    if (entry.rowStart && seq <= prevSeq) problem('OUT_OF_ORDER', index, seq, null, `leaf ${index} (seq ${seq}): recorded before the leaf preceding it (seq ${prevSeq}): rows reordered`);
    prevSeq = seq;
    frontier.append(recomputed);
    next = index + 1;
    compareUpTo(next);
  }

  for (const c of signed.slice(pending)) {
    problem('MISSING', next, null, c.seq, `leaf ${next}: missing — ${c.name} covers ${c.treeSize} leaves, the log holds ${next}`);
  }
  const head = await store.query<{ size: string | number }>('SELECT size FROM reintegra.audit_head WHERE id = 1');
  const headSize = Number(head.rows[0]?.size ?? 0);
  if (headSize > next) problem('MISSING', next, null, null, `leaf ${next}: missing — the log head records ${headSize} leaves, the log holds ${next}`);
  if (headSize < next) problem('HEAD_MISMATCH', headSize, null, null, `leaf ${headSize}: beyond the log head (${headSize}): rows added outside the append path`);

  problems.sort((a, b) => (a.position === b.position ? 0 : a.position < b.position ? -1 : 1));
  return {
    ok: problems.length === 0,
    treeSize: next,
    rootHash: frontier.root(),
    checkpoints: checkpoints.length,
    legacyEvents: legacy.rows.length,
    unsignedLeaves: next - lastGood,
    trustedCheckpoints: options.trusted?.length ?? 0,
    problems: problems.map(({ position: _p, ...p }) => p),
  };
}

/**
 * One leaf as stored, with what the verifier checks it against: `body` is the text its hash
 * must cover (an old row's event made canonical; a request row's event rebuilt from its members
 * exactly as the writer hashed it), `event` that text parsed (null when it is not an event), and
 * `columnsDiffer` whether the row's indexed columns say otherwise than the event. `rowStart`:
 * the first leaf of its row, where the row's sequence must have grown.
 */
interface LogEntry {
  index: number;
  seq: number;
  body: string;
  event: AuditEvent | null;
  storedHash: Buffer;
  rowStart: boolean;
  columns: string;
  columnsDiffer(event: AuditEvent): boolean;
}

interface EventRow { seq: string | number; leaf_index: string | number; at: Date | string; request_id: string; subject: string | null; event: AuditEvent; leaf_hash: Uint8Array }

interface RequestRow {
  seq: string | number; first_leaf: string | number; count: number; at: Date | string; request_id: string; caller_agency: string; caller_sub: string;
  purpose: string | null; break_glass: boolean; subjects: Array<string | null>; outcomes: string[]; on_case_team: Array<boolean | null>; event_agencies: string[]; agencies: string[]; members: unknown;
  /** The `specs` column's text, as stored. */
  specs: string;
  leaf_hashes: Uint8Array;
}

const SPEC = /\[([^[\]]*)\]/g;
const SPECS = /^\[(\[[^[\]]*\](,\[[^[\]]*\])*)?\]$/;
const INDEXES = /^(0|[1-9][0-9]*)(,(0|[1-9][0-9]*))*$/;

/**
 * Each event's member indexes, read from the `specs` text as the writer writes it (`[[0,1],[0,2]]`):
 * an event whose indexes are written otherwise (`0.0`, `1e0`, spaces) is `null`, so that it shows
 * as altered. JSON would read `0.0` as 0 here while the database's readers refuse it, and the
 * verifier must see each event as they do.
 */
function memberIndexes(text: string): Array<number[] | null> {
  if (typeof text !== 'string' || !SPECS.test(text)) return [];
  return [...text.matchAll(SPEC)].map((m) => (INDEXES.test(m[1]!) ? m[1]!.split(',').map(Number) : null));
}

const PAGE = 2000;
const REQUEST_PAGE = 200;

/** Every leaf of the log in leaf order: the rows of one event each (before migration 300), then the request rows. */
async function* logEntries(store: Pick<Store, 'query'>): AsyncGenerator<LogEntry> {
  // Every row the readers read (a leaf index at all), below 0 too: those are named as extra.
  for (let from = Number.MIN_SAFE_INTEGER; ;) {
    const { rows } = await store.query<EventRow>(
      'SELECT seq, leaf_index, at, request_id, subject, event, leaf_hash FROM reintegra.audit_event_row WHERE leaf_index >= $1 ORDER BY leaf_index LIMIT $2',
      [from, PAGE],
    );
    for (const row of rows) {
      const e = row.event;
      yield {
        index: Number(row.leaf_index),
        seq: Number(row.seq),
        body: canonicalJson(e),
        event: e,
        storedHash: Buffer.from(row.leaf_hash ?? []),
        rowStart: true,
        columns: 'at, request_id, subject',
        columnsDiffer: () => row.request_id !== e.requestId || (row.subject ?? null) !== (e.subject ?? null) || new Date(row.at).getTime() !== Date.parse(e.at),
      };
    }
    if (rows.length < PAGE) break;
    from = Number(rows.at(-1)!.leaf_index) + 1; // leaf indexes are unique in this table
  }
  for (let from = Number.MIN_SAFE_INTEGER; ;) {
    const { rows } = await store.query<RequestRow>(
      `SELECT seq, first_leaf, count, at, request_id, caller_agency, caller_sub, purpose, break_glass, subjects, outcomes, on_case_team, event_agencies, agencies, members, specs::text AS specs, leaf_hashes
         FROM reintegra.audit_request WHERE first_leaf >= $1 ORDER BY first_leaf LIMIT $2`,
      [from, REQUEST_PAGE],
    );
    for (const row of rows) yield* requestEntries(row);
    if (rows.length < REQUEST_PAGE) break;
    from = Number(rows.at(-1)!.first_leaf) + 1;
  }
}

/**
 * The leaves of one request row. Each event's text is rebuilt from the row's members as the
 * writer built it; a row whose parts disagree in length (events, subjects, hashes) yields its
 * count of leaves all the same, the missing parts as empty, so that they show as altered.
 */
function* requestEntries(row: RequestRow): Generator<LogEntry> {
  const first = Number(row.first_leaf);
  const seq = Number(row.seq);
  const members = Array.isArray(row.members) ? (row.members as unknown[]) : [];
  const specs = memberIndexes(row.specs);
  const hashes = Buffer.from(row.leaf_hashes ?? []);
  const coherent = specs.length === row.count && row.subjects.length === row.count && row.outcomes.length === row.count && row.on_case_team.length === row.count && row.event_agencies.length === row.count && hashes.length === row.count * HASH_BYTES;
  const agencies = new Set<string>();
  const events: Array<AuditEvent | null> = [];
  const bodies: string[] = [];
  for (let i = 0; i < row.count; i++) {
    const spec = specs[i];
    const parts = spec ? spec.map((k) => members[k]) : null;
    const body = parts && parts.every((m) => typeof m === 'string') ? `{${parts.join(',')}}` : '';
    let event: AuditEvent | null = null;
    try {
      event = coherent && body !== '' ? (JSON.parse(body) as AuditEvent) : null;
    } catch {
      event = null;
    }
    for (const a of Array.isArray(event?.agencies) ? event.agencies : []) agencies.add(a);
    events.push(event);
    bodies.push(body);
  }
  // The request's columns: the row's agencies are every event's, no more, no fewer.
  const rowAgencies = [...row.agencies].sort().join('\u0000');
  const eventAgencies = [...agencies].sort().join('\u0000');
  for (let i = 0; i < row.count; i++) {
    yield {
      index: first + i,
      seq,
      body: bodies[i]!,
      event: events[i]!,
      storedHash: hashes.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES),
      rowStart: i === 0,
      columns: 'at, request_id, caller, purpose, break_glass, subjects, outcomes, on_case_team, event_agencies, agencies',
      columnsDiffer: (e) =>
        row.request_id !== e.requestId || (row.subjects[i] ?? null) !== (e.subject ?? null) || new Date(row.at).getTime() !== Date.parse(e.at) ||
        row.outcomes[i] !== e.outcome || (row.on_case_team[i] ?? null) !== (e.onCaseTeam ?? null) ||
        row.event_agencies[i] !== ` ${Array.isArray(e.agencies) ? e.agencies.join(' ') : ''} ` ||
        row.caller_agency !== e.caller?.agency || row.caller_sub !== e.caller?.sub || (row.purpose ?? null) !== (e.purpose ?? null) ||
        row.break_glass !== (e.breakGlass !== null && e.breakGlass !== undefined) || rowAgencies !== eventAgencies,
    };
  }
}
