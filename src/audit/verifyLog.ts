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
  | 'ALTERED' | 'MISSING' | 'OUT_OF_ORDER' | 'COLUMN_MISMATCH' | 'OUTSIDE_LOG'
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
export async function verifyLog(store: Pick<Store, 'query'>, keys: CheckpointKeys): Promise<LogVerification> {
  const problems: Array<LogProblem & { position: number }> = [];
  // `position` orders problems: an entry's own position, or for a checkpoint whose range holds a
  // bad entry somewhere, just after the range's last leaf (a precise finding inside it comes first).
  const problem = (kind: LogProblemKind, leafIndex: number | null, seq: number | null, checkpoint: number | null, message: string, position = leafIndex ?? Number.POSITIVE_INFINITY) =>
    problems.push({ kind, leafIndex, seq, checkpoint, message, position });

  const checkpoints = await readCheckpoints(store, { order: 'size' });
  const signed: Array<{ seq: number; treeSize: number; root: Buffer }> = [];
  for (const c of checkpoints) {
    try {
      if (keys.verifiers.size === 0) throw new Error('no audit key is configured to check it with');
      const p = await verifyCheckpoint(c.jws, keys);
      if (p.treeSize !== c.treeSize || p.rootHash !== c.rootHash.toString('base64') || Date.parse(p.timestamp) !== Date.parse(c.at) || p.kid !== c.keyId) {
        problem('CHECKPOINT_SIGNATURE', null, null, c.seq, `checkpoint ${c.seq}: its row differs from what its signature covers`);
      }
      signed.push({ seq: c.seq, treeSize: p.treeSize, root: Buffer.from(p.rootHash, 'base64') });
    } catch (error) {
      problem('CHECKPOINT_SIGNATURE', null, null, c.seq, `checkpoint ${c.seq}: signature does not verify (${(error as Error).message})`);
    }
  }

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
      else problem('CHECKPOINT_ROOT', lastGood, null, c.seq, `checkpoint ${c.seq} (tree size ${c.treeSize}) does not match the log: an entry from leaf ${lastGood} to ${c.treeSize - 1} was altered, removed or reordered after it was signed`, c.treeSize - 0.5);
    }
  };
  compareUpTo(0);
  for await (const entry of logEntries(store)) {
    const { index, seq } = entry;
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
    problem('MISSING', next, null, c.seq, `leaf ${next}: missing — checkpoint ${c.seq} covers ${c.treeSize} leaves, the log holds ${next}`);
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
  purpose: string | null; break_glass: boolean; subjects: Array<string | null>; outcomes: string[]; on_case_team: Array<boolean | null>; event_agencies: string[]; agencies: string[]; members: unknown; specs: unknown; leaf_hashes: Uint8Array;
}

const PAGE = 2000;
const REQUEST_PAGE = 200;

/** Every leaf of the log in leaf order: the rows of one event each (before migration 300), then the request rows. */
async function* logEntries(store: Pick<Store, 'query'>): AsyncGenerator<LogEntry> {
  for (let from = 0; ;) {
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
      from = Number(row.leaf_index) + 1;
    }
    if (rows.length < PAGE) break;
  }
  for (let from = 0; ;) {
    const { rows } = await store.query<RequestRow>(
      `SELECT seq, first_leaf, count, at, request_id, caller_agency, caller_sub, purpose, break_glass, subjects, outcomes, on_case_team, event_agencies, agencies, members, specs, leaf_hashes
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
  const specs = Array.isArray(row.specs) ? (row.specs as unknown[]) : [];
  const hashes = Buffer.from(row.leaf_hashes ?? []);
  const coherent = specs.length === row.count && row.subjects.length === row.count && row.outcomes.length === row.count && row.on_case_team.length === row.count && row.event_agencies.length === row.count && hashes.length === row.count * HASH_BYTES;
  const agencies = new Set<string>();
  const events: Array<AuditEvent | null> = [];
  const bodies: string[] = [];
  for (let i = 0; i < row.count; i++) {
    const spec = specs[i];
    const parts = Array.isArray(spec) ? spec.map((k) => members[k as number]) : null;
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
