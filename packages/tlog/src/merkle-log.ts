/**
 * An append-only RFC 9162 Merkle tree over any NodeStore. The log keeps its size and right-edge
 * frontier (one perfect subtree per set bit of the size) in memory, so an append reads nothing
 * and writes each leaf plus the interior nodes it completes — amortised two nodes a leaf — in one
 * putNodes call. Roots and proofs for any past size read O(log n) stored perfect subtrees and
 * rebuild the non-perfect right-edge subtrees from them.
 */
import { emptyRoot, isHash, nodeHash } from './hashing.ts';
import type { NodeKey, NodeStore, StoredNode } from './node-store.ts';
import { TlogError } from './tlog-error.ts';
import { isTreeSize, perfectSubtrees, splitPoint } from './tree-shape.ts';

export interface AppendResult {
  /** Index of the first appended leaf. */
  firstIndex: number;
  /** Tree size after the append. */
  size: number;
}

/** A leaf range [begin, end) that is a node of the RFC tree at some size. */
interface Range {
  begin: number;
  end: number;
}

export class MerkleLog {
  readonly #store: NodeStore;
  #size: number;
  /** frontier[l]: hash of the right-edge perfect subtree of 2^l leaves, set iff bit l of size is. */
  #frontier: (Uint8Array | undefined)[];
  /** Appends run one at a time, in call order. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(store: NodeStore, size: number, frontier: (Uint8Array | undefined)[]) {
    this.#store = store;
    this.#size = size;
    this.#frontier = frontier;
  }

  /** A new, empty log over an empty store. */
  static create(store: NodeStore): MerkleLog {
    return new MerkleLog(store, 0, []);
  }

  /** Reopens a log of `size` leaves whose nodes are in `store` (reads one node per set bit). */
  static async open(store: NodeStore, size: number): Promise<MerkleLog> {
    if (!isTreeSize(size))
      throw new TlogError('TLOG_INVALID_ARGUMENT', 'size must be a non-negative integer');
    const keys = perfectSubtrees(0, size);
    const hashes = await readNodes(store, keys);
    const frontier: (Uint8Array | undefined)[] = [];
    keys.forEach((k, i) => {
      frontier[k.level] = hashes[i];
    });
    return new MerkleLog(store, size, frontier);
  }

  /** Number of leaves appended (and stored) so far. */
  get size(): number {
    return this.#size;
  }

  /**
   * Appends leaf hashes (use leafHash(entry) for each entry) as one store write. Resolves once
   * the store holds every new node; if the store fails, the log is unchanged and the promise
   * rejects with TLOG_STORE_FAILED.
   */
  append(leafHashes: readonly Uint8Array[]): Promise<AppendResult> {
    const run = this.#queue.then(() => this.#appendNow(leafHashes));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #appendNow(leafHashes: readonly Uint8Array[]): Promise<AppendResult> {
    for (const h of leafHashes) {
      if (!isHash(h)) throw new TlogError('TLOG_INVALID_ARGUMENT', 'leaf hashes must be 32 bytes');
    }
    const firstIndex = this.#size;
    if (!isTreeSize(firstIndex + leafHashes.length)) throw new TlogError('TLOG_INVALID_ARGUMENT', 'log full');
    const frontier = this.#frontier.slice();
    const nodes: StoredNode[] = [];
    let size = firstIndex;
    for (const leaf of leafHashes) {
      nodes.push({ level: 0, index: size, hash: leaf });
      let carry = leaf;
      let level = 0;
      let index = size;
      // Each trailing 1-bit of the old size is a left sibling the new leaf now completes.
      while (index % 2 === 1) {
        carry = nodeHash(frontier[level] as Uint8Array, carry);
        frontier[level] = undefined;
        index = (index - 1) / 2;
        level++;
        nodes.push({ level, index, hash: carry });
      }
      frontier[level] = carry;
      size++;
    }
    if (nodes.length > 0) {
      try {
        await this.#store.putNodes(nodes);
      } catch (cause) {
        throw new TlogError('TLOG_STORE_FAILED', undefined, { cause });
      }
    }
    this.#size = size;
    this.#frontier = frontier;
    return { firstIndex, size };
  }

  /** MTH of the first `size` leaves (default: the current size). */
  async root(size: number = this.#size): Promise<Uint8Array> {
    this.#checkSize(size);
    if (size === 0) return emptyRoot();
    if (size === this.#size) {
      // The frontier is exactly the perfect-subtree decomposition of [0, size).
      let acc: Uint8Array | undefined;
      for (const h of this.#frontier) {
        if (h) acc = acc ? nodeHash(h, acc) : h;
      }
      return acc as Uint8Array;
    }
    const [hash] = await this.#hashRanges([{ begin: 0, end: size }]);
    return hash as Uint8Array;
  }

  /** RFC 9162 §2.1.3.1 PATH(index, D[size]): sibling hashes from the leaf up to the root. */
  async inclusionProof(index: number, size: number = this.#size): Promise<Uint8Array[]> {
    this.#checkSize(size);
    if (!isTreeSize(index) || index >= size) {
      throw new TlogError('TLOG_INVALID_ARGUMENT', 'index must be below the tree size');
    }
    const ranges: Range[] = [];
    let offset = 0;
    let n = size;
    let m = index;
    while (n > 1) {
      const k = splitPoint(n);
      if (m < k) {
        ranges.push({ begin: offset + k, end: offset + n });
        n = k;
      } else {
        ranges.push({ begin: offset, end: offset + k });
        offset += k;
        m -= k;
        n -= k;
      }
    }
    return (await this.#hashRanges(ranges)).reverse();
  }

  /**
   * RFC 9162 §2.1.4.1 PROOF(size1, D[size2]). Empty when size1 is 0 or equals size2, where the
   * RFC defines no proof (verifyConsistency accepts exactly those cases with an empty proof).
   */
  async consistencyProof(size1: number, size2: number = this.#size): Promise<Uint8Array[]> {
    this.#checkSize(size2);
    if (!isTreeSize(size1) || size1 > size2) {
      throw new TlogError('TLOG_INVALID_ARGUMENT', 'size1 must not exceed size2');
    }
    if (size1 === 0 || size1 === size2) return [];
    const ranges: Range[] = [];
    let offset = 0;
    let n = size2;
    let m = size1;
    let known = true; // RFC's b: MTH(D[0:m]) is the caller's first root, so it is left out.
    while (m !== n) {
      const k = splitPoint(n);
      if (m <= k) {
        ranges.push({ begin: offset + k, end: offset + n });
        n = k;
      } else {
        ranges.push({ begin: offset, end: offset + k });
        offset += k;
        m -= k;
        n -= k;
        known = false;
      }
    }
    if (!known) ranges.push({ begin: offset, end: offset + n });
    return (await this.#hashRanges(ranges)).reverse();
  }

  #checkSize(size: number): void {
    if (!isTreeSize(size) || size > this.#size) {
      throw new TlogError('TLOG_INVALID_ARGUMENT', 'size must be between 0 and the log size');
    }
  }

  /** Hashes of RFC-tree ranges, read from the store in one call. */
  async #hashRanges(ranges: readonly Range[]): Promise<Uint8Array[]> {
    const parts = ranges.map((r) => perfectSubtrees(r.begin, r.end));
    const hashes = await readNodes(this.#store, parts.flat());
    let at = 0;
    return parts.map((p) => {
      const mine = hashes.slice(at, at + p.length);
      at += p.length;
      let acc = mine[mine.length - 1] as Uint8Array;
      for (let i = mine.length - 2; i >= 0; i--) acc = nodeHash(mine[i] as Uint8Array, acc);
      return acc;
    });
  }
}

async function readNodes(store: NodeStore, keys: readonly NodeKey[]): Promise<Uint8Array[]> {
  if (keys.length === 0) return [];
  let hashes: Uint8Array[];
  try {
    hashes = await store.getNodes(keys);
  } catch (cause) {
    if (cause instanceof TlogError) throw cause;
    throw new TlogError('TLOG_STORE_FAILED', undefined, { cause });
  }
  if (hashes.length !== keys.length || !hashes.every(isHash)) {
    throw new TlogError('TLOG_STORE_FAILED', 'the node store returned malformed hashes');
  }
  return hashes;
}
