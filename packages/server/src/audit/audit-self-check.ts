/**
 * The audit log's self-check (issue 20): the server re-hashes its own entries — the exact bytes
 * in `audit_entries`, never the stored tree hashes — and compares them with the stored leaf
 * hashes, with the Merkle tree's nodes, and with every witnessed checkpoint it knows. A database
 * writer who edits, deletes, swaps or appends a row, or rebuilds the whole tree and re-signs it,
 * leaves one of those comparisons failing. The first failure is kept (fail closed until a restart
 * finds the log intact again): reads are refused with AUDIT_TAMPERED and the index, and the owner
 * is told once (the server opens an incident).
 *
 * Incremental: a tail check hashes only what was appended since the last check, carrying the
 * running root (O(log n) memory); a full check re-hashes everything from entry 0 (on start and
 * on a slow timer), because an old row can be edited at any time.
 */
import { hashesEqual, leafHash, MerkleLog, RootAccumulator } from '@steno/tlog';
import { StenoError } from '../errors.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { bytes, num } from '../store/sql-client.ts';
import { SqlNodeStore } from './sql-node-store.ts';

export interface TamperFinding {
  /**
   * The first entry that is not what the log committed to. Exact for an edited, deleted, swapped,
   * forged or malformed row; for a tree rebuilt to match rewritten entries, the first entry after
   * the last witnessed checkpoint that still matches (everything before it is proven intact).
   */
  firstBadIndex: number;
  reason: string;
  detectedAt: number;
}

/** A checkpoint a witness quorum cosigned: the entries' prefix of this size must hash to this root. */
export interface WitnessedAnchor {
  size: number;
  rootHash: Uint8Array;
}

export interface SelfCheckOptions {
  db: SqlClient;
  now: () => number;
  /** Called once, with the first finding (the server opens an incident). */
  onTampered?: (finding: TamperFinding) => Promise<void> | void;
  /** Rows read per query (default 5,000). */
  pageSize?: number;
}

const utf8 = new TextEncoder();

export class AuditSelfCheck {
  readonly #db: SqlClient;
  readonly #now: () => number;
  readonly #onTampered: SelfCheckOptions['onTampered'];
  readonly #pageSize: number;
  /** Running root of the verified prefix [0, acc.size). */
  #acc = new RootAccumulator();
  #anchors: WitnessedAnchor[] = [];
  #finding: TamperFinding | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #timers: NodeJS.Timeout[] = [];

  constructor(options: SelfCheckOptions) {
    this.#db = options.db;
    this.#now = options.now;
    this.#onTampered = options.onTampered;
    this.#pageSize = options.pageSize ?? 5_000;
  }

  /** The first finding, if the log was found tampered. */
  get finding(): TamperFinding | undefined {
    return this.#finding;
  }

  /** Entries [0, verifiedSize) were re-hashed and agreed with the tree and every known anchor. */
  get verifiedSize(): number {
    return this.#acc.size;
  }

  /** Root of the verified prefix (what the server may sign and submit to witnesses). */
  verifiedRoot(): Uint8Array {
    return this.#acc.root();
  }

  /** Remembers a witnessed checkpoint; later checks hold the entries to it. */
  addAnchor(anchor: WitnessedAnchor): void {
    if (this.#anchors.some((a) => a.size === anchor.size)) return;
    this.#anchors.push(anchor);
    this.#anchors.sort((a, b) => a.size - b.size);
    // Keep the list short: every anchor below the verified prefix but the largest is redundant
    // for the tail check; the full check uses all that are kept.
    if (this.#anchors.length > 256) this.#anchors.splice(0, this.#anchors.length - 256);
  }

  /** A finding from outside the entries (a witness refusing the log as inconsistent). */
  async report(firstBadIndex: number, reason: string): Promise<TamperFinding> {
    return this.#finding ?? this.#found(firstBadIndex, reason);
  }

  /** Throws AUDIT_TAMPERED if the log was found tampered. */
  assertIntact(): void {
    const f = this.#finding;
    if (f) throw tamperedError(f);
  }

  /** Re-hashes entries appended since the last check (or all of them, with `full`). Serialised. */
  check(mode: 'tail' | 'full' = 'tail'): Promise<TamperFinding | undefined> {
    const run = this.#queue.then(() => this.#checkNow(mode));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Background checks: the tail every `tailMs`, everything every `fullMs`. */
  start(tailMs: number, fullMs: number, onError: (err: unknown) => void): void {
    const every = (ms: number, mode: 'tail' | 'full') => {
      const t = setInterval(() => {
        if (this.#finding) return;
        this.check(mode).catch(onError);
      }, ms);
      t.unref();
      this.#timers.push(t);
    };
    every(tailMs, 'tail');
    every(fullMs, 'full');
  }

  stop(): void {
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
  }

  async #checkNow(mode: 'tail' | 'full'): Promise<TamperFinding | undefined> {
    if (this.#finding) return this.#finding;
    const acc = mode === 'full' ? new RootAccumulator() : this.#acc;
    const started = acc.size;
    const size = num(
      (await this.#db.query('SELECT coalesce(max(idx) + 1, 0) AS n FROM audit_entries'))[0]?.n,
    );
    const bad = (firstBadIndex: number, reason: string) => this.#found(firstBadIndex, reason);
    // A witnessed checkpoint larger than the log: entries were deleted from the end.
    const largest = this.#anchors[this.#anchors.length - 1];
    if (largest && largest.size > size)
      return bad(size, `the log holds ${size} entries but a witnessed checkpoint has ${largest.size}`);
    let lastGood = this.#lastAnchorAtOrBelow(started)?.size ?? 0;
    const anchors = this.#anchors.filter((a) => a.size > started);
    let next = anchors.shift();
    for (let from = started; from < size; ) {
      const rows = await this.#db.query(
        'SELECT idx, entry, leaf_hash FROM audit_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx LIMIT $3',
        [from, size, this.#pageSize],
      );
      if (rows.length === 0) return bad(from, `entry ${from} is missing`);
      for (const r of rows) {
        const idx = num(r.idx);
        if (idx !== acc.size) return bad(acc.size, `entry ${acc.size} is missing`);
        if (typeof r.entry !== 'string') return bad(idx, `entry ${idx} is malformed`);
        const leaf = leafHash(utf8.encode(r.entry));
        let stored: Uint8Array | undefined;
        try {
          stored = bytes(r.leaf_hash);
        } catch {
          stored = undefined;
        }
        if (!stored || !hashesEqual(leaf, stored))
          return bad(idx, `entry ${idx} does not hash to its stored leaf hash (edited or forged)`);
        acc.push(leaf);
        if (next && acc.size === next.size) {
          if (!hashesEqual(acc.root(), next.rootHash))
            return bad(
              lastGood,
              `the entries no longer hash to the witnessed checkpoint of size ${next.size} (rewritten after it was cosigned)`,
            );
          lastGood = next.size;
          next = anchors.shift();
        }
      }
      from = acc.size;
    }
    // The tree's nodes must commit to exactly these entries (a proof is built from them).
    const treeBad = await this.#compareTree(size, acc.root(), started);
    if (treeBad) return bad(treeBad.index, treeBad.reason);
    if (mode === 'full') this.#acc = acc;
    return undefined;
  }

  #lastAnchorAtOrBelow(size: number): WitnessedAnchor | undefined {
    let found: WitnessedAnchor | undefined;
    for (const a of this.#anchors) if (a.size <= size) found = a;
    return found;
  }

  async #compareTree(
    size: number,
    root: Uint8Array,
    from: number,
  ): Promise<{ index: number; reason: string } | undefined> {
    if (size === 0) return undefined;
    let treeRoot: Uint8Array | undefined;
    try {
      treeRoot = await (await MerkleLog.open(new SqlNodeStore(this.#db), size)).root(size);
    } catch {
      treeRoot = undefined;
    }
    if (treeRoot && hashesEqual(treeRoot, root)) return undefined;
    // Where do the leaves of the tree and the entries first part ways?
    const missing = await this.#db.query(
      `SELECT min(e.idx) AS i FROM audit_entries e
         LEFT JOIN audit_nodes n ON n.level = 0 AND n.idx = e.idx
        WHERE e.idx < $1 AND (n.hash IS NULL OR n.hash <> e.leaf_hash)`,
      [size],
    );
    const at = missing[0]?.i;
    if (at !== null && at !== undefined)
      return {
        index: num(at),
        reason: `entry ${num(at)} has no matching leaf in the Merkle tree (appended or edited outside the log)`,
      };
    return {
      index: from,
      reason: 'the Merkle tree does not commit to the entries (interior nodes rewritten)',
    };
  }

  async #found(firstBadIndex: number, reason: string): Promise<TamperFinding> {
    const finding = { firstBadIndex, reason, detectedAt: this.#now() };
    this.#finding = finding;
    await this.#onTampered?.(finding);
    return finding;
  }
}

export function tamperedError(f: TamperFinding): StenoError {
  return new StenoError(
    'AUDIT_TAMPERED',
    `the audit log was tampered with at entry ${f.firstBadIndex}: ${f.reason}`,
    {
      details: { firstBadIndex: f.firstBadIndex },
    },
  );
}
