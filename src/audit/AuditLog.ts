import type { Store } from '../store/index.js';
import type { AuditEvent } from './AuditEvent.js';
import type { AppendReceipt, AuditStore } from './AuditStore.js';
import type { Checkpoint } from './Checkpoint.js';
import type { CheckpointKeys } from './CheckpointKeys.js';
import { MerkleTree } from './MerkleTree.js';
import { CheckpointKeyMissing, CheckpointRefused } from './auditErrors.js';
import { HASH_BYTES } from './merkleHash.js';
import { readLeafHashes } from './readLeafHashes.js';
import { readCheckpoints, toCheckpoint } from './readCheckpoints.js';
import { signCheckpoint } from './signCheckpoint.js';
import { verifyLog, type LogVerification } from './verifyLog.js';

export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  leafHash: Buffer;
  /** RFC 6962 PATH(leafIndex, D[treeSize]), bottom-up. */
  path: Buffer[];
  rootHash: Buffer;
  /** The signed checkpoint of exactly this tree size, when there is one. */
  checkpoint: Checkpoint | null;
}

export interface ConsistencyProof {
  firstSize: number;
  secondSize: number;
  /** RFC 6962 PROOF(firstSize, D[secondSize]). */
  proof: Buffer[];
  firstRoot: Buffer;
  secondRoot: Buffer;
  firstCheckpoint: Checkpoint | null;
  secondCheckpoint: Checkpoint | null;
}

const SYNC_PAGE = 10_000;

/**
 * The audit log of one gateway process: appends (through the group-committing `AuditStore`),
 * signed checkpoints, proofs and verification. The store is the log; this object keeps an
 * in-memory Merkle tree of the leaf hashes committed so far (every writer's), extended from the
 * store before a checkpoint or proof, so those cost O(new leaves) rather than O(log).
 */
export class AuditLog {
  private readonly tree = new MerkleTree();
  private syncing: Promise<void> | null = null;

  constructor(
    readonly store: Pick<Store, 'query'>,
    readonly writer: AuditStore,
    readonly keys: CheckpointKeys,
  ) {}

  append(events: readonly AuditEvent[]): Promise<AppendReceipt> {
    return this.writer.append(events);
  }

  size(): Promise<number> {
    return this.writer.count();
  }

  /**
   * Signs and stores a checkpoint of the log as committed now. Refused (`CheckpointRefused`) when
   * the stored log does not read as one unbroken sequence of leaves up to its head, or does not
   * extend the latest signed checkpoint (a smaller tree, or another root at its size): a
   * signature must never vouch for a log that lost or changed what an earlier one covered.
   */
  async checkpoint(): Promise<Checkpoint> {
    const signer = this.keys.signer;
    if (!signer) throw new CheckpointKeyMissing('No key to sign audit checkpoints is configured (audit.signingKey).');
    // The head as committed before reading the leaves: every leaf below it is in the tables by then.
    const { rows: heads } = await this.store.query<{ size: string | number }>('SELECT size FROM reintegra.audit_head WHERE id = 1');
    const head = Number(heads[0]?.size ?? 0);
    await this.sync();
    if (this.tree.size < head) throw new CheckpointRefused(`The audit log cannot be read as one sequence up to its head (${head} leaves): it stops at leaf ${this.tree.size}. No checkpoint was signed; run reintegra audit verify.`);
    const latest = (await readCheckpoints(this.store, { order: 'newest', limit: 1 }))[0];
    // Another replica may have signed leaves committed after this one read them: read again first.
    if (latest && latest.treeSize > this.tree.size) await this.sync();
    if (latest && (latest.treeSize > this.tree.size || !this.tree.root(latest.treeSize).equals(latest.rootHash))) {
      throw new CheckpointRefused(`The audit log does not extend checkpoint ${latest.seq} (tree size ${latest.treeSize}). No checkpoint was signed; run reintegra audit verify.`);
    }
    const size = this.tree.size;
    const root = this.tree.root(size);
    const at = new Date().toISOString();
    const jws = await signCheckpoint(size, root, at, signer);
    const { rows } = await this.store.query<Parameters<typeof toCheckpoint>[0]>(
      'INSERT INTO reintegra.audit_checkpoint (tree_size, root_hash, at, key_id, jws) VALUES ($1, $2, $3, $4, $5) RETURNING seq, tree_size, root_hash, at, key_id, jws',
      [size, root, at, signer.kid, jws],
    );
    return toCheckpoint(rows[0]!);
  }

  /** A checkpoint when the log grew since the latest one (by any process); else null. */
  async checkpointIfGrown(): Promise<Checkpoint | null> {
    if (!this.keys.signer) return null;
    const { rows } = await this.store.query<{ size: string | number; signed: string | number | null }>(
      'SELECT (SELECT size FROM reintegra.audit_head WHERE id = 1) AS size, (SELECT max(tree_size) FROM reintegra.audit_checkpoint) AS signed',
    );
    const size = Number(rows[0]?.size ?? 0);
    const signed = rows[0]?.signed == null ? -1 : Number(rows[0].signed);
    return size > 0 && size > signed ? this.checkpoint() : null;
  }

  checkpoints(limit: number): Promise<Checkpoint[]> {
    return readCheckpoints(this.store, { order: 'newest', limit });
  }

  /**
   * Proves leaf `leafIndex` is in the tree of `treeSize` leaves — by default the latest
   * checkpoint that covers it, so the root can be checked against a signature.
   * @throws RangeError when the leaf or size is beyond the log.
   */
  async inclusionProof(leafIndex: number, treeSize?: number): Promise<InclusionProof> {
    await this.sync();
    const size = treeSize ?? (await this.signedSizeAbove(leafIndex)) ?? this.tree.size;
    const path = this.tree.inclusionProof(leafIndex, size);
    return { leafIndex, treeSize: size, leafHash: this.tree.leaf(leafIndex), path, rootHash: this.tree.root(size), checkpoint: await this.checkpointOfSize(size) };
  }

  /** Proves the tree of `firstSize` is a prefix of the tree of `secondSize` (default: the latest checkpoint's size, or the log's). */
  async consistencyProof(firstSize: number, secondSize?: number): Promise<ConsistencyProof> {
    await this.sync();
    const second = secondSize ?? Math.max(firstSize, (await this.signedSizeAbove(-1)) ?? this.tree.size);
    const proof = this.tree.consistencyProof(firstSize, second);
    return {
      firstSize,
      secondSize: second,
      proof,
      firstRoot: this.tree.root(firstSize),
      secondRoot: this.tree.root(second),
      firstCheckpoint: await this.checkpointOfSize(firstSize),
      secondCheckpoint: await this.checkpointOfSize(second),
    };
  }

  /** Recomputes and checks the whole log (verifyLog.ts). */
  verify(): Promise<LogVerification> {
    return verifyLog(this.store, this.keys);
  }

  private async signedSizeAbove(leafIndex: number): Promise<number | null> {
    const { rows } = await this.store.query<{ size: string | number | null }>('SELECT max(tree_size) AS size FROM reintegra.audit_checkpoint WHERE tree_size > $1 AND tree_size <= $2', [leafIndex, this.tree.size]);
    return rows[0]?.size == null ? null : Number(rows[0].size);
  }

  private async checkpointOfSize(size: number): Promise<Checkpoint | null> {
    const { rows } = await this.store.query<Parameters<typeof toCheckpoint>[0]>(
      'SELECT seq, tree_size, root_hash, at, key_id, jws FROM reintegra.audit_checkpoint WHERE tree_size = $1 ORDER BY seq DESC LIMIT 1',
      [size],
    );
    return rows[0] ? toCheckpoint(rows[0]) : null;
  }

  /** Extends the in-memory tree with the leaves committed since (concurrent callers share one pass). */
  private sync(): Promise<void> {
    this.syncing ??= (async () => {
      try {
        for (;;) {
          const leaves = await readLeafHashes(this.store, this.tree.size, SYNC_PAGE);
          for (const leaf of leaves) {
            // Committed indexes are contiguous; a gap means rows were removed, and proofs stop before it.
            if (leaf.leafIndex !== this.tree.size || leaf.hash.length !== HASH_BYTES) return;
            this.tree.append(leaf.hash);
          }
          if (leaves.length < SYNC_PAGE) return;
        }
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }
}
