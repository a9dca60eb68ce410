/**
 * Where a Merkle log keeps its hashes. The log stores only perfect subtrees — (level, index)
 * covers leaves [index·2^level, (index+1)·2^level) — so every node, once written, never changes;
 * the store can be an SQL table, a key-value store or memory. Non-perfect right-edge subtrees are
 * recomputed from perfect ones when a root or proof needs them.
 */

export interface NodeKey {
  /** 0 = leaf hashes; level l covers 2^l leaves. */
  readonly level: number;
  /** Position among the nodes of this level, from 0 at the left. */
  readonly index: number;
}

export interface StoredNode extends NodeKey {
  readonly hash: Uint8Array;
}

export interface NodeStore {
  /**
   * The hashes at `keys`, in the same order. Every key asked for was previously written; a store
   * that cannot find one must throw (the log treats that as a fault, never as an empty hash).
   */
  getNodes(keys: readonly NodeKey[]): Promise<Uint8Array[]>;
  /**
   * Writes nodes, all or none (one transaction). Nodes arrive in append order: leaves and the
   * interior nodes they complete. Rewriting an identical node must succeed (retries).
   */
  putNodes(nodes: readonly StoredNode[]): Promise<void>;
}
