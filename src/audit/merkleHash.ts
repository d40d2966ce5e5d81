import { createHash, hash } from 'node:crypto';

/**
 * RFC 6962 §2.1 hashing: a leaf is SHA-256(0x00 ‖ data), an interior node SHA-256(0x01 ‖ left ‖
 * right). The distinct prefixes keep a leaf from ever being passed off as a node (second
 * pre-image). The tree of no leaves has the hash of the empty string.
 */
export const HASH_BYTES = 32;

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF).update(data).digest();
}

/** `leafHash` of a text's UTF-8, in one call (no `Hash` object): the writer hashes a leaf per event. */
export function leafHashOfText(text: string): Buffer {
  return hash('sha256', `\u0000${text}`, 'buffer') as unknown as Buffer;
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

export function emptyRoot(): Buffer {
  return createHash('sha256').digest();
}

/** The largest power of two strictly below `n` (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
