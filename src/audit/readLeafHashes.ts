import type { Store } from '../store/index.js';
import { HASH_BYTES } from './merkleHash.js';

/** One leaf of the log: its index and its hash as stored. */
export interface StoredLeaf {
  leafIndex: number;
  hash: Buffer;
}

/**
 * The stored leaf hashes of leaves `from` … `from + max - 1`, in leaf order, from both of the
 * log's tables: the rows written a row per event (`audit_event_row`, before migration 300) and
 * the request rows, whose `leaf_hashes` hold 32 bytes per event. Reads the rows' hashes only, not
 * the events. A gap in the indexes is returned as it is: the caller decides what it means.
 */
export async function readLeafHashes(store: Pick<Store, 'query'>, from: number, max: number): Promise<StoredLeaf[]> {
  const { rows } = await store.query<{ first_leaf: string | number; count: number; leaf_hashes: Uint8Array | null }>(
    `SELECT leaf_index AS first_leaf, 1 AS count, leaf_hash AS leaf_hashes FROM reintegra.audit_event_row WHERE leaf_index >= $1 AND leaf_index < $1 + $2
     UNION ALL
     SELECT first_leaf, count, leaf_hashes FROM reintegra.audit_request
      WHERE first_leaf >= coalesce((SELECT max(first_leaf) FROM reintegra.audit_request WHERE first_leaf <= $1), $1) AND first_leaf < $1 + $2
     ORDER BY first_leaf`,
    [from, max],
  );
  const leaves: StoredLeaf[] = [];
  const end = from + max;
  for (const r of rows) {
    const first = Number(r.first_leaf);
    const bytes = Buffer.from(r.leaf_hashes ?? []);
    for (let i = 0; i < r.count; i++) {
      const index = first + i;
      if (index < from || index >= end) continue;
      leaves.push({ leafIndex: index, hash: bytes.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES) });
    }
  }
  return leaves;
}
