/**
 * Offline verification of an inclusion proof, RFC 9162 §2.1.3.2 step by step. Pure: what the CLI
 * and the browser portal run against a tree head they hold. Any malformed input is a `false`,
 * never a throw.
 */
import { hashesEqual, isHash, nodeHash } from './hashing.ts';
import { isTreeSize } from './tree-shape.ts';

/**
 * True iff `proof` shows the leaf with hash `leafHash` at `index` in the tree of `size` leaves
 * whose root is `root`. The size itself is bound by the signed checkpoint that carries the root.
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isHash(leafHash) || !isHash(root) || !isTreeSize(index) || !isTreeSize(size)) return false;
  if (!Array.isArray(proof) || !proof.every((p) => isHash(p))) return false;
  // 1. The index must lie inside the tree.
  if (index >= size) return false;
  // 2–3.
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  // 4.
  for (const p of proof) {
    // 4a. A proof longer than the path from the leaf to the root.
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      // 4b. p is a left sibling.
      r = nodeHash(p, r);
      // Skip the levels where this node is the right edge's lone child (no sibling there).
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      // 4b otherwise: p is a right sibling.
      r = nodeHash(r, p);
    }
    // 4c.
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 5. The whole path was used, and it leads to the root.
  return sn === 0 && hashesEqual(r, root);
}
