import { createHash } from 'node:crypto';

/**
 * An independent RFC 6962 / RFC 9162 verifier for the tests, sharing no code with src/audit:
 * the recursive MTH definition (RFC 6962 §2.1) and the proof verification algorithms of RFC 9162
 * §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), written from the RFC text.
 */
const sha = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const H_LEAF = Buffer.from([0]);
const H_NODE = Buffer.from([1]);

export const rfcLeafHash = (data: Uint8Array): Buffer => sha(H_LEAF, data);
const node = (l: Uint8Array, r: Uint8Array): Buffer => sha(H_NODE, l, r);

/** MTH(D[n]) straight from the definition, over leaf hashes. */
export function rfcRoot(leafHashes: readonly Buffer[]): Buffer {
  const n = leafHashes.length;
  if (n === 0) return sha();
  if (n === 1) return leafHashes[0]!;
  let k = 1;
  while (k * 2 < n) k *= 2;
  return node(rfcRoot(leafHashes.slice(0, k)), rfcRoot(leafHashes.slice(k)));
}

export function verifyInclusion(leafIndex: number, treeSize: number, leafHash: Buffer, path: readonly Buffer[], root: Buffer): boolean {
  if (leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = node(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

export function verifyConsistency(first: number, second: number, firstRoot: Buffer, secondRoot: Buffer, proof: readonly Buffer[]): boolean {
  if (first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0; // the empty tree is a prefix of every tree
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = node(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
}
