import { emptyRoot, nodeHash } from './merkleHash.js';

/**
 * The tree head of a growing log in O(log n) memory: the hashes of the complete subtrees
 * ("peaks") the leaves so far decompose into, largest first. Used by the verifier, which streams
 * the whole log once; a second, independent way to the same RFC 6962 root as `MerkleTree`.
 */
export class MerkleFrontier {
  private readonly peaks: Array<{ hash: Buffer; leaves: number }> = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(leaf: Buffer): void {
    let node = { hash: leaf, leaves: 1 };
    // Two peaks of equal size are siblings: merge them, as the RFC tree does.
    while (this.peaks.length > 0 && this.peaks.at(-1)!.leaves === node.leaves) {
      const left = this.peaks.pop()!;
      node = { hash: nodeHash(left.hash, node.hash), leaves: left.leaves * 2 };
    }
    this.peaks.push(node);
    this.count += 1;
  }

  /** MTH of everything appended so far: the peaks folded from the right. */
  root(): Buffer {
    if (this.peaks.length === 0) return emptyRoot();
    let acc = this.peaks.at(-1)!.hash;
    for (let i = this.peaks.length - 2; i >= 0; i--) acc = nodeHash(this.peaks[i]!.hash, acc);
    return acc;
  }
}
