/** The Merkle tree's node store in SQL, writing through whichever transaction is current. */
import type { NodeKey, NodeStore, StoredNode } from '@steno/tlog';
import type { SqlExecutor } from '../store/sql-client.ts';
import { bytes, num } from '../store/sql-client.ts';

export class SqlNodeStore implements NodeStore {
  #db: SqlExecutor;
  /** While staging, nodes are collected here instead of written (the caller writes them). */
  #staged: StoredNode[] | undefined;
  constructor(db: SqlExecutor) {
    this.#db = db;
  }

  /**
   * Collects the nodes of the next appends instead of writing them, until `unstage` returns them:
   * the audit log writes them in the same statement as their entries (embedded store, issue 19).
   */
  stage(): void {
    this.#staged = [];
  }

  unstage(): StoredNode[] {
    const nodes = this.#staged ?? [];
    this.#staged = undefined;
    return nodes;
  }

  /** Points the store at a transaction for the duration of an append. */
  use(db: SqlExecutor): void {
    this.#db = db;
  }

  async getNodes(keys: readonly NodeKey[]): Promise<Uint8Array[]> {
    if (keys.length === 0) return [];
    const levels = keys.map((k) => k.level);
    const idxs = keys.map((k) => k.index);
    const rows = await this.#db.query(
      'SELECT n.level, n.idx, n.hash FROM audit_nodes n JOIN unnest($1::int[], $2::bigint[]) AS k(level, idx) ON n.level = k.level AND n.idx = k.idx',
      [levels, idxs],
    );
    const found = new Map(rows.map((r) => [`${num(r.level)}:${num(r.idx)}`, bytes(r.hash)]));
    return keys.map((k) => {
      const h = found.get(`${k.level}:${k.index}`);
      if (!h) throw new Error(`audit tree node ${k.level}:${k.index} is missing`);
      return h;
    });
  }

  async putNodes(nodes: readonly StoredNode[]): Promise<void> {
    if (nodes.length === 0) return;
    if (this.#staged) {
      this.#staged.push(...nodes);
      return;
    }
    await this.#db.query(
      `INSERT INTO audit_nodes (level, idx, hash)
       SELECT l, i, decode(h, 'hex') FROM unnest($1::int[], $2::bigint[], $3::text[]) AS t(l, i, h)`,
      [
        nodes.map((n) => n.level),
        nodes.map((n) => n.index),
        nodes.map((n) => Buffer.from(n.hash).toString('hex')),
      ],
    );
  }
}
