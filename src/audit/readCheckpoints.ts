import type { Store } from '../store/index.js';
import type { Checkpoint } from './Checkpoint.js';

interface Row { seq: string | number; tree_size: string | number; root_hash: Uint8Array; at: Date | string; key_id: string; jws: string }

/**
 * Checkpoints as stored: `newest` first (the API), or by tree size (`size`, the verifier).
 * `atMost`: only those of at most this tree size.
 */
export async function readCheckpoints(store: Pick<Store, 'query'>, options: { order: 'newest' | 'size'; limit?: number; atMost?: number }): Promise<Checkpoint[]> {
  const order = options.order === 'newest' ? 'seq DESC' : 'tree_size, seq';
  const params: unknown[] = [options.atMost ?? null];
  const limit = options.limit === undefined ? '' : ` LIMIT $${params.push(options.limit)}`;
  const { rows } = await store.query<Row>(
    `SELECT seq, tree_size, root_hash, at, key_id, jws FROM reintegra.audit_checkpoint WHERE ($1::bigint IS NULL OR tree_size <= $1::bigint) ORDER BY ${order}${limit}`,
    params,
  );
  return rows.map(toCheckpoint);
}

export function toCheckpoint(r: Row): Checkpoint {
  return {
    seq: Number(r.seq),
    treeSize: Number(r.tree_size),
    rootHash: Buffer.from(r.root_hash),
    at: new Date(r.at).toISOString(),
    keyId: r.key_id,
    jws: r.jws,
  };
}
