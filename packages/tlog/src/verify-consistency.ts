/**
 * Offline verification of a consistency proof, RFC 9162 §2.1.4.2 step by step: the tree of size2
 * is an append-only extension of the tree of size1. Pure; malformed input is `false`, never a
 * throw.
 */
import { emptyRoot, hashesEqual, isHash, nodeHash } from './hashing.ts';
import { isPowerOfTwo, isTreeSize } from './tree-shape.ts';

/**
 * True iff `proof` shows that the tree with `size1` leaves and root `root1` is a prefix of the
 * tree with `size2` leaves and root `root2`.
 *
 * Beyond the RFC (which defines proofs for 0 < size1 < size2 only): size1 = size2 holds with an
 * empty proof iff the roots are equal; size1 = 0 holds with an empty proof iff root1 is the
 * empty-tree root.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!isTreeSize(size1) || !isTreeSize(size2) || !isHash(root1) || !isHash(root2)) return false;
  if (!Array.isArray(proof) || !proof.every((p) => isHash(p))) return false;
  if (size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && hashesEqual(root1, root2);
  if (size1 === 0) return proof.length === 0 && hashesEqual(root1, emptyRoot());
  // 1.
  if (proof.length === 0) return false;
  // 2. A power-of-two first tree is itself a node of the second; the proof leaves it out.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  // 3.
  let fn = size1 - 1;
  let sn = size2 - 1;
  // 4. Climb to the first tree's largest complete left subtree.
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  // 5.
  let fr = path[0] as Uint8Array;
  let sr = fr;
  // 6.
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    // 6a.
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      // 6b. c is a left sibling: it belongs to both trees.
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      // 6b otherwise: c is a right sibling, only in the second tree.
      sr = nodeHash(sr, c);
    }
    // 6c.
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 7.
  return sn === 0 && hashesEqual(fr, root1) && hashesEqual(sr, root2);
}
