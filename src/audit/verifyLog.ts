import type { Store } from '../store/index.js';
import type { AuditEvent } from './AuditEvent.js';
import type { CheckpointKeys } from './CheckpointKeys.js';
import { MerkleFrontier } from './MerkleFrontier.js';
import { canonicalJson } from './canonicalJson.js';
import { leafData } from './encodeLeaf.js';
import { emptyRoot, leafHash } from './merkleHash.js';
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

interface Row { seq: string | number; leaf_index: string | number; at: Date | string; request_id: string; subject: string | null; event: AuditEvent; leaf_hash: Uint8Array }

const PAGE = 2000;

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

  const legacy = await store.query<{ seq: string | number }>('SELECT seq FROM reintegra.audit_event WHERE leaf_index IS NULL ORDER BY seq');
  const firstLogged = await store.query<{ seq: string | number }>('SELECT min(seq) AS seq FROM reintegra.audit_event WHERE leaf_index IS NOT NULL');
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
  for (;;) {
    const { rows } = await store.query<Row>(
      'SELECT seq, leaf_index, at, request_id, subject, event, leaf_hash FROM reintegra.audit_event WHERE leaf_index >= $1 ORDER BY leaf_index LIMIT $2',
      [next, PAGE],
    );
    for (const row of rows) {
      const index = Number(row.leaf_index);
      const seq = Number(row.seq);
      if (index > next) {
        problem('MISSING', next, null, null, `leaf ${next}${index - next > 1 ? `–${index - 1}` : ''}: missing (the next row, seq ${seq}, has leaf ${index})`);
        compareUpTo(index - 1);
        next = index;
      }
      const recomputed = leafHash(leafData(canonicalJson(row.event), index));
      if (!recomputed.equals(Buffer.from(row.leaf_hash))) {
        problem('ALTERED', index, seq, null, `leaf ${index} (seq ${seq}): content does not match its recorded hash: altered, or moved from another position`);
      }
      const e = row.event;
      if (row.request_id !== e.requestId || (row.subject ?? null) !== (e.subject ?? null) || new Date(row.at).getTime() !== Date.parse(e.at)) {
        problem('COLUMN_MISMATCH', index, seq, null, `leaf ${index} (seq ${seq}): its indexed columns (at, request_id, subject) differ from the event`);
      }
      if (seq <= prevSeq) problem('OUT_OF_ORDER', index, seq, null, `leaf ${index} (seq ${seq}): recorded before the leaf preceding it (seq ${prevSeq}): rows reordered`);
      prevSeq = seq;
      frontier.append(recomputed);
      next = index + 1;
      compareUpTo(next);
    }
    if (rows.length < PAGE) break;
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
