/**
 * A signed checkpoint (a "signed tree head" in RFC 6962 terms): the log's size and Merkle root at
 * a moment, signed by the gateway as a compact JWS whose payload is `CheckpointPayload` in
 * canonical JSON. Anyone holding the gateway's public key can check it; inclusion and consistency
 * proofs are checked against its root.
 */
export interface Checkpoint {
  /** The checkpoint row's sequence number. */
  seq: number;
  treeSize: number;
  rootHash: Buffer;
  at: string;
  keyId: string;
  jws: string;
}

/** What the JWS signs. `log` names the format, so a signature cannot be replayed as another kind of statement. */
export interface CheckpointPayload {
  log: typeof CHECKPOINT_LOG;
  treeSize: number;
  /** Base64 (RFC 4648 §4) of the 32-byte root. */
  rootHash: string;
  timestamp: string;
}

export const CHECKPOINT_LOG = 'reintegra-audit-v1';
/** The JWS `typ` header of checkpoints. */
export const CHECKPOINT_TYP = 'reintegra-checkpoint+jws';
