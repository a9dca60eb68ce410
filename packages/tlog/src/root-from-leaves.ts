/**
 * Full-log verification: the RFC 9162 root of a sequence of leaf hashes, computed in one pass
 * with O(log n) memory, so a verifier can stream an exported log of any length and compare the
 * result with a signed checkpoint.
 */
import { emptyRoot, isHash, nodeHash } from './hashing.ts';
import { TlogError } from './tlog-error.ts';

/** Incremental root computation: push leaf hashes in order, ask for the root at any point. */
export class RootAccumulator {
  /** Perfect subtrees of the prefix so far, largest (leftmost) first, with their levels. */
  readonly #stack: { level: number; hash: Uint8Array }[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  push(leafHash: Uint8Array): void {
    if (!isHash(leafHash)) throw new TlogError('TLOG_INVALID_ARGUMENT', 'leaf hashes must be 32 bytes');
    let node = { level: 0, hash: leafHash };
    let top = this.#stack[this.#stack.length - 1];
    while (top && top.level === node.level) {
      this.#stack.pop();
      node = { level: node.level + 1, hash: nodeHash(top.hash, node.hash) };
      top = this.#stack[this.#stack.length - 1];
    }
    this.#stack.push(node);
    this.#size++;
  }

  /** MTH of the leaves pushed so far. */
  root(): Uint8Array {
    let acc: Uint8Array | undefined;
    for (let i = this.#stack.length - 1; i >= 0; i--) {
      const h = (this.#stack[i] as { hash: Uint8Array }).hash;
      acc = acc ? nodeHash(h, acc) : h;
    }
    return acc ?? emptyRoot();
  }
}

/** MTH(D[n]) of the given leaf hashes (leafHash of each entry, in log order). */
export function rootFromLeaves(leafHashes: Iterable<Uint8Array>): Uint8Array {
  const acc = new RootAccumulator();
  for (const h of leafHashes) acc.push(h);
  return acc.root();
}
