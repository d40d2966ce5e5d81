import { describe, expect, it } from 'vitest';
import { MerkleFrontier, MerkleTree, leafHash } from '../../../src/audit/index.js';
import { rfcLeafHash, rfcRoot, verifyConsistency, verifyInclusion } from './rfc6962Verifier.js';

// The RFC 6962 test vectors used by Certificate Transparency implementations.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const hex = (hs: Buffer[]) => hs.map((h) => h.toString('hex'));

function treeOf(n: number): { tree: MerkleTree; leaves: Buffer[] } {
  const tree = new MerkleTree();
  const leaves = Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
  for (const l of leaves) tree.append(l);
  return { tree, leaves };
}

describe('the Merkle tree of the audit log', () => {
  it('gives the RFC 6962 test-vector roots for 1 to 8 leaves and SHA-256("") for none', () => {
    const tree = new MerkleTree();
    expect(tree.root().toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (const [i, data] of LEAVES.entries()) {
      tree.append(leafHash(data));
      expect(tree.root().toString('hex')).toBe(ROOTS[i]);
    }
    for (let n = 1; n <= 8; n++) expect(tree.root(n).toString('hex')).toBe(ROOTS[n - 1]);
  });

  it('gives the RFC 6962 test-vector audit paths and consistency proofs', () => {
    const tree = new MerkleTree();
    for (const data of LEAVES) tree.append(leafHash(data));
    expect(hex(tree.inclusionProof(0, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(tree.inclusionProof(5, 8))).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(tree.inclusionProof(0, 1)).toEqual([]);
    expect(hex(tree.consistencyProof(1, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(tree.consistencyProof(6, 8))).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
  });

  it('hashes leaves as SHA-256(0x00 ‖ data), as an independent implementation does', () => {
    for (const data of LEAVES) expect(leafHash(data).equals(rfcLeafHash(data))).toBe(true);
  });

  it('agrees with the recursive definition of MTH for every size up to 70', () => {
    const { tree, leaves } = treeOf(70);
    for (let n = 0; n <= 70; n++) expect(tree.root(n).equals(rfcRoot(leaves.slice(0, n)))).toBe(true);
  });

  it('produces inclusion proofs an independent RFC 9162 verifier accepts, for every leaf of every size up to 40', () => {
    const { tree, leaves } = treeOf(40);
    for (let n = 1; n <= 40; n++) {
      const root = rfcRoot(leaves.slice(0, n));
      for (let m = 0; m < n; m++) expect(verifyInclusion(m, n, leaves[m]!, tree.inclusionProof(m, n), root)).toBe(true);
    }
  });

  it('produces consistency proofs an independent RFC 9162 verifier accepts, for every pair of sizes up to 40', () => {
    const { tree, leaves } = treeOf(40);
    for (let n = 1; n <= 40; n++) {
      for (let m = 1; m <= n; m++) {
        expect(verifyConsistency(m, n, rfcRoot(leaves.slice(0, m)), rfcRoot(leaves.slice(0, n)), tree.consistencyProof(m, n))).toBe(true);
      }
    }
  });

  it('yields proofs that fail once a hash in them, the leaf or the root is changed', () => {
    const { tree, leaves } = treeOf(13);
    const root = tree.root();
    const path = tree.inclusionProof(6);
    const flipped = Buffer.from(path[1]!);
    flipped[0]! ^= 1;
    expect(verifyInclusion(6, 13, leaves[6]!, [path[0]!, flipped, ...path.slice(2)], root)).toBe(false);
    expect(verifyInclusion(6, 13, leaves[7]!, path, root)).toBe(false);
    expect(verifyInclusion(7, 13, leaves[6]!, path, root)).toBe(false);
    const proof = tree.consistencyProof(5, 13);
    expect(verifyConsistency(5, 13, tree.root(5), root, proof.slice(1))).toBe(false);
    expect(verifyConsistency(5, 13, tree.root(6), root, proof)).toBe(false);
  });

  it('refuses proofs for leaves and sizes beyond the tree', () => {
    const { tree } = treeOf(5);
    expect(() => tree.inclusionProof(5, 5)).toThrow('leaf 5 is not in a tree of 5');
    expect(() => tree.root(6)).toThrow('tree size 6 is not in 0..5');
    expect(() => tree.consistencyProof(6, 5)).toThrow('a tree of 6 cannot precede a tree of 5');
  });

  it('computes the same root in O(log n) memory as the full tree, for every size up to 100', () => {
    const { tree, leaves } = treeOf(100);
    const frontier = new MerkleFrontier();
    expect(frontier.root().equals(tree.root(0))).toBe(true);
    for (const [i, l] of leaves.entries()) {
      frontier.append(l);
      expect(frontier.root().equals(tree.root(i + 1))).toBe(true);
    }
  });
});
