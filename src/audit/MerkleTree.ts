import { emptyRoot, nodeHash, splitPoint } from './merkleHash.js';

/**
 * An in-memory RFC 6962 Merkle tree over leaf hashes in log order, answering tree heads,
 * inclusion proofs (§2.1.1) and consistency proofs (§2.1.2) for any size up to its own.
 *
 * Every complete, aligned subtree (2^k leaves starting at a multiple of 2^k) is hashed once, when
 * its last leaf is appended, so appending is amortised O(1) and any RFC subtree hash costs
 * O(log n): an RFC subtree is either such a complete subtree or lies on the right edge of the
 * tree, and then splits into O(log n) of them. Memory: about two hashes (64 bytes) per leaf.
 */
export class MerkleTree {
  /** levels[k][i]: hash of the complete subtree of 2^k leaves starting at leaf i·2^k. */
  private readonly levels: Buffer[][] = [[]];

  get size(): number {
    return this.levels[0]!.length;
  }

  append(leaf: Buffer): void {
    let index = this.levels[0]!.push(leaf) - 1;
    for (let k = 0; index % 2 === 1; k++) {
      const level = this.levels[k]!;
      const parent = nodeHash(level[index - 1]!, level[index]!);
      (this.levels[k + 1] ??= []).push(parent);
      index = (index - 1) / 2;
    }
  }

  /** The hash of leaf `index`. */
  leaf(index: number): Buffer {
    const hash = this.levels[0]![index];
    if (!hash) throw new RangeError(`leaf ${index} is not in a tree of ${this.size}`);
    return hash;
  }

  /** MTH(D[0:size]), the tree head of the first `size` leaves. */
  root(size = this.size): Buffer {
    this.checkSize(size);
    return size === 0 ? emptyRoot() : this.subtree(0, size);
  }

  /** PATH(m, D[0:size]): the audit path proving leaf `m` is in the tree of `size` leaves. */
  inclusionProof(m: number, size = this.size): Buffer[] {
    this.checkSize(size);
    if (!Number.isSafeInteger(m) || m < 0 || m >= size) throw new RangeError(`leaf ${m} is not in a tree of ${size}`);
    const proof: Buffer[] = [];
    let start = 0;
    let end = size;
    // Walk down from the root; siblings are collected top-down, the RFC lists them bottom-up.
    while (end - start > 1) {
      const k = splitPoint(end - start);
      if (m < start + k) {
        proof.push(this.subtree(start + k, end));
        end = start + k;
      } else {
        proof.push(this.subtree(start, start + k));
        start += k;
      }
    }
    return proof.reverse();
  }

  /** PROOF(m, D[0:size]): proves the tree of `m` leaves is a prefix of the tree of `size`. */
  consistencyProof(m: number, size = this.size): Buffer[] {
    this.checkSize(size);
    if (!Number.isSafeInteger(m) || m < 0 || m > size) throw new RangeError(`a tree of ${m} cannot precede a tree of ${size}`);
    if (m === 0 || m === size) return [];
    const proof: Buffer[] = [];
    let start = 0;
    let end = size;
    let whole = true; // SUBPROOF's b: the subtree is still the old tree's whole head
    let rel = m;
    while (rel !== end - start) {
      const k = splitPoint(end - start);
      if (rel <= k) {
        proof.push(this.subtree(start + k, end));
        end = start + k;
      } else {
        proof.push(this.subtree(start, start + k));
        start += k;
        rel -= k;
        whole = false;
      }
    }
    if (!whole) proof.push(this.subtree(start, end));
    return proof.reverse();
  }

  /** MTH(D[start:end]) for a subtree of the RFC shape. */
  private subtree(start: number, end: number): Buffer {
    const n = end - start;
    if ((n & (n - 1)) === 0 && start % n === 0) {
      const level = Math.log2(n);
      return this.levels[level]![start / n]!;
    }
    const k = splitPoint(n);
    return nodeHash(this.subtree(start, start + k), this.subtree(start + k, end));
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size) throw new RangeError(`tree size ${size} is not in 0..${this.size}`);
  }
}
