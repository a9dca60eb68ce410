/**
 * Arithmetic on the shape of RFC 9162 trees: split points and the decomposition of a leaf range
 * into perfect subtrees. Plain number arithmetic, not 32-bit bit operators, so sizes stay exact
 * up to 2^53.
 */
import type { NodeKey } from './node-store.ts';

/** A tree size or leaf count: a non-negative safe integer. */
export function isTreeSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** The largest power of two strictly smaller than n (RFC 9162's k), for n ≥ 2. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/**
 * The perfect subtrees covering leaves [begin, end), left to right, each as large as its
 * alignment allows. For a range that is a node of the RFC tree (begin aligned to a power of two
 * ≥ end - begin), these are the subtrees of the binary expansion of end - begin, largest first,
 * and the range's hash is their right fold: h0 ∘ (h1 ∘ (… ∘ hk)).
 */
export function perfectSubtrees(begin: number, end: number): NodeKey[] {
  const out: NodeKey[] = [];
  let at = begin;
  while (at < end) {
    let level = 0;
    let width = 1;
    while (at % (width * 2) === 0 && at + width * 2 <= end) {
      width *= 2;
      level++;
    }
    out.push({ level, index: at / width });
    at += width;
  }
  return out;
}
