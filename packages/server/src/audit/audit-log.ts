/**
 * The audit log: every authorisation decision and administrative change, appended in order to an
 * RFC 9162 Merkle tree whose nodes are written in the same transaction as the entry. Signed
 * checkpoints (C2SP tlog-checkpoint) and inclusion and consistency proofs let anyone holding a
 * checkpoint verify offline. A failed append is a thrown fault, so callers (the guard) fail closed.
 */
import { createHmac } from 'node:crypto';
import { canonicalJson } from '@steno/protocol';
import {
  formatCheckpoint,
  leafHash,
  MerkleLog,
  type RemoteNoteSigner,
  type StoredNode,
  signNoteRemote,
} from '@steno/tlog';
import type { SqlClient, SqlExecutor } from '../store/sql-client.ts';
import { num } from '../store/sql-client.ts';
import { type AuditSelfCheck, tamperedError } from './audit-self-check.ts';
import { SqlNodeStore } from './sql-node-store.ts';

export interface AuditEntry {
  at: number;
  actor: { id: string; role: string; tokenId?: string };
  action: string;
  resource: { type: string; subject?: string; id?: string };
  decision: 'allow' | 'deny';
  reason: string;
  details?: Record<string, unknown>;
  /**
   * Values that must not sit in the log in clear (e-mail addresses, free text): each is stored in
   * `details` as `hmac-sha256:<hex>` under the server's audit HMAC key. Whoever holds the key can
   * check a guess ("was it alice@example.com?"); a reader of the log alone learns nothing.
   */
  sensitive?: Record<string, string>;
}

export interface StoredAuditEntry extends AuditEntry {
  idx: number;
  /** The exact bytes hashed into the tree (canonical JSON), so a reader can check inclusion. */
  text: string;
}

export interface AuditProof {
  index: number;
  size: number;
  proof: string[];
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<number>;
  /** `hmac-sha256:<hex>` of a sensitive value, as `append` stores it. */
  hmac(value: string): string;
  /**
   * Entries touching one subject's data (directly, or a dataset build that read it), oldest first,
   * after index `after` (a cursor; default: from the start).
   */
  listForSubject(subject: string, limit: number, after?: number): Promise<StoredAuditEntry[]>;
  list(from: number, limit: number): Promise<StoredAuditEntry[]>;
  size(): Promise<number>;
  /** A signed checkpoint of the current tree (C2SP signed note). */
  checkpoint(): Promise<string>;
  inclusionProof(index: number, size: number): Promise<AuditProof>;
  consistencyProof(from: number, to: number): Promise<string[]>;
}

const b64 = (h: Uint8Array) => Buffer.from(h).toString('base64');

export class SqlAuditLog implements AuditLog {
  readonly #db: SqlClient;
  readonly #store: SqlNodeStore;
  readonly #signer: RemoteNoteSigner;
  readonly #origin: string;
  #log: MerkleLog | undefined;

  readonly #hmacKey: Uint8Array | undefined;
  /** Called with each append's duration in seconds (metrics). */
  onAppend: ((seconds: number) => void) | undefined;
  /**
   * The self-check that must hold before anything is appended or read: a tampered log refuses
   * with AUDIT_TAMPERED, and a store fault is checked for tampering before it is reported.
   */
  integrity: AuditSelfCheck | undefined;

  constructor(db: SqlClient, signer: RemoteNoteSigner, origin: string, hmacKey?: Uint8Array) {
    this.#db = db;
    this.#hmacKey = hmacKey;
    this.#store = new SqlNodeStore(db);
    this.#signer = signer;
    this.#origin = origin;
  }

  /** The form a sensitive value takes in the log (to look an entry up by a known value). */
  hmac(value: string): string {
    if (!this.#hmacKey) throw new Error('this audit log has no HMAC key');
    return `hmac-sha256:${createHmac('sha256', this.#hmacKey).update(value, 'utf8').digest('hex')}`;
  }

  append(input: AuditEntry): Promise<number> {
    const { sensitive, ...rest } = input;
    const entry: AuditEntry =
      sensitive === undefined
        ? rest
        : {
            ...rest,
            details: {
              ...rest.details,
              ...Object.fromEntries(Object.entries(sensitive).map(([k, v]) => [k, this.hmac(v)])),
            },
          };
    const started = performance.now();
    try {
      this.integrity?.assertIntact();
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<number>((resolve, reject) => {
      this.#pending.push({ entry, resolve, reject });
      if (!this.#flushing) void this.#flush();
    }).then((idx) => {
      this.onAppend?.((performance.now() - started) / 1000);
      return idx;
    });
  }

  /**
   * Group commit: an append that finds the log idle commits in the next turn of the event loop,
   * with the appends of the same turn; appends arriving while a transaction runs wait for the next
   * one and commit together (one lock, one multi-row insert, one write of the tree's nodes; on
   * the embedded store, once warm, one statement). Each caller's promise settles only after its entry's commit —
   * or rejects with it, so a read never goes ahead unaudited.
   */
  readonly #pending: { entry: AuditEntry; resolve: (idx: number) => void; reject: (err: unknown) => void }[] =
    [];
  #flushing = false;

  async #flush(): Promise<void> {
    this.#flushing = true;
    try {
      while (this.#pending.length > 0) {
        // Each transaction starts on a fresh turn of the event loop, with every append that arrived
        // by then. On the embedded store a query resolves without returning to the event loop, so a
        // stream of appends would otherwise starve sockets — the witness's answer among them — for
        // as long as it lasts (bench/audit-store saw 4-10 s checkpoint-to-cosignature stalls).
        await new Promise((resolve) => setImmediate(resolve));
        const group = this.#pending.splice(0, 1_000);
        try {
          const first = await this.#appendEntries(group.map((g) => g.entry));
          this.#ownSize = first + group.length;
          group.forEach((g, i) => {
            g.resolve(first + i);
          });
        } catch (err) {
          const reported = await this.#explain(err);
          for (const g of group) g.reject(reported);
        }
      }
    } finally {
      this.#flushing = false;
    }
  }

  /** The log's size after this process's last commit (embedded store: it is the only writer). */
  #ownSize: number | undefined;

  /** Groups committed and the entries in them since start (group commit at work: issue 19). */
  readonly commits = { groups: 0, entries: 0 };

  async #appendEntries(entries: readonly AuditEntry[]): Promise<number> {
    const first = await this.#appendOnce(entries);
    this.commits.groups++;
    this.commits.entries += entries.length;
    return first;
  }

  #appendOnce(entries: readonly AuditEntry[]): Promise<number> {
    // The embedded store has one connection in one process: once this server has committed, it
    // knows the log's size and tree, and a group is one statement (below). Otherwise, and on
    // PostgreSQL (other processes append too), a transaction under the table lock.
    const log = this.#log;
    if (this.#db.kind === 'pglite' && log && this.#ownSize !== undefined && log.size === this.#ownSize)
      return this.#appendStatement(entries, log, this.#ownSize);
    return this.#appendInTransaction(entries);
  }

  /**
   * A group as one statement, which PostgreSQL runs as one transaction: the entries and the tree
   * nodes they complete are inserted only if the log still holds exactly `size` entries — the
   * same foreign-write check as the transaction's, in one round trip instead of six (BEGIN, LOCK,
   * size, entries, nodes, COMMIT). The caller's promise settles after the statement, i.e. after
   * the commit.
   */
  async #appendStatement(entries: readonly AuditEntry[], log: MerkleLog, size: number): Promise<number> {
    const texts = entries.map((e) => canonicalJson(e));
    const leaves = texts.map((t) => leafHash(new TextEncoder().encode(t)));
    let nodes: StoredNode[];
    this.#store.stage();
    try {
      await log.append(leaves);
    } finally {
      nodes = this.#store.unstage();
    }
    // The in-memory tree is now ahead of the store until the statement commits: forget it on
    // any failure, so the next append reopens it from what was committed.
    this.#log = undefined;
    const rows = await this.#db.query(
      `WITH size AS (SELECT coalesce(max(idx) + 1, 0) AS n FROM audit_entries),
       entries AS (
         INSERT INTO audit_entries (idx, at, entry, leaf_hash)
         SELECT $1::bigint + x.n - 1, x.at, x.entry, decode(x.h, 'hex')
           FROM unnest($2::bigint[], $3::text[], $4::text[]) WITH ORDINALITY AS x(at, entry, h, n)
          WHERE (SELECT n FROM size) = $1::bigint
         RETURNING 1),
       nodes AS (
         INSERT INTO audit_nodes (level, idx, hash)
         SELECT t.l, t.i, decode(t.h, 'hex') FROM unnest($5::int[], $6::bigint[], $7::text[]) AS t(l, i, h)
          WHERE (SELECT n FROM size) = $1::bigint
         RETURNING 1)
       SELECT (SELECT n FROM size) AS size, (SELECT count(*) FROM entries) AS written`,
      [
        size,
        entries.map((e) => e.at),
        texts,
        leaves.map((l) => Buffer.from(l).toString('hex')),
        nodes.map((n) => n.level),
        nodes.map((n) => n.index),
        nodes.map((n) => Buffer.from(n.hash).toString('hex')),
      ],
    );
    const found = num(rows[0]?.size ?? -1);
    if (found !== size) {
      if (this.integrity)
        throw new ForeignWrite(
          Math.min(found, size),
          `the log holds ${found} entries but this server last committed ${size}: written outside the server`,
        );
      return this.#appendInTransaction(entries);
    }
    if (num(rows[0]?.written ?? 0) !== entries.length)
      throw new Error('the audit statement did not write every entry of its group');
    this.#log = log;
    return size;
  }

  #appendInTransaction(entries: readonly AuditEntry[]): Promise<number> {
    return this.#db.transaction(async (tx) => {
      // One writer at a time across every process sharing the database.
      await tx.exec('LOCK TABLE audit_entries IN EXCLUSIVE MODE');
      const size = await committedSize(tx);
      // The embedded store has one process: a log that grew or shrank since this process's last
      // commit was written by someone else, however well-formed the rows and their tree nodes.
      // (Reported after the transaction: the report opens an incident, which needs the store.)
      if (
        this.#db.kind === 'pglite' &&
        this.integrity &&
        this.#ownSize !== undefined &&
        size !== this.#ownSize
      )
        throw new ForeignWrite(
          Math.min(size, this.#ownSize),
          `the log holds ${size} entries but this server last committed ${this.#ownSize}: written outside the server`,
        );
      this.#store.use(tx);
      try {
        if (!this.#log || this.#log.size !== size) this.#log = await openOrRebuild(tx, this.#store, size);
        const texts = entries.map((e) => canonicalJson(e));
        const leaves = texts.map((t) => leafHash(new TextEncoder().encode(t)));
        await tx.query(
          `INSERT INTO audit_entries (idx, at, entry, leaf_hash)
           SELECT $1::bigint + n - 1, at, entry, decode(h, 'hex')
             FROM unnest($2::bigint[], $3::text[], $4::text[]) WITH ORDINALITY AS x(at, entry, h, n)`,
          [size, entries.map((e) => e.at), texts, leaves.map((l) => Buffer.from(l).toString('hex'))],
        );
        await this.#log.append(leaves);
        return size;
      } catch (err) {
        // The transaction rolls back: forget the in-memory tree so the next append reopens it.
        this.#log = undefined;
        throw err;
      } finally {
        this.#store.use(this.#db);
      }
    });
  }

  /** A store fault may be a tampered log (a forged row has no tree nodes): say which it is. */
  async #explain(err: unknown): Promise<unknown> {
    if (!this.integrity) return err;
    if (err instanceof ForeignWrite) return tamperedError(await this.integrity.report(err.index, err.reason));
    try {
      const finding = await this.integrity.check('tail');
      return finding ? tamperedError(finding) : err;
    } catch {
      return err;
    }
  }

  async listForSubject(subject: string, limit: number, after = -1): Promise<StoredAuditEntry[]> {
    this.integrity?.assertIntact();
    const rows = await this.#db.query(
      `SELECT idx, entry FROM audit_entries
        WHERE idx > $3
          AND (entry::jsonb -> 'resource' ->> 'subject' = $1 OR entry::jsonb -> 'details' -> 'subjects' ? $1)
        ORDER BY idx LIMIT $2`,
      [subject, limit, after],
    );
    return rows.map(toStored);
  }

  async list(from: number, limit: number): Promise<StoredAuditEntry[]> {
    this.integrity?.assertIntact();
    const rows = await this.#db.query(
      'SELECT idx, entry FROM audit_entries WHERE idx >= $1 ORDER BY idx LIMIT $2',
      [from, limit],
    );
    return rows.map(toStored);
  }

  size(): Promise<number> {
    return committedSize(this.#db);
  }

  async #readLog(size: number): Promise<MerkleLog> {
    return MerkleLog.open(new SqlNodeStore(this.#db), size);
  }

  /** Runs `read` over the tree unless the log is known tampered; a fault is checked for tampering. */
  async #guarded<T>(read: () => Promise<T>): Promise<T> {
    this.integrity?.assertIntact();
    try {
      return await read();
    } catch (err) {
      throw await this.#explain(err);
    }
  }

  checkpoint(): Promise<string> {
    return this.#guarded(async () => {
      const size = await this.size();
      const log = await this.#readLog(size);
      return this.sign(size, await log.root(size));
    });
  }

  /** A checkpoint note for (size, root), signed by the audit key (file or KMS). */
  sign(size: number, rootHash: Uint8Array): Promise<string> {
    return signNoteRemote(formatCheckpoint({ origin: this.#origin, size, rootHash }), this.#signer);
  }

  inclusionProof(index: number, size: number): Promise<AuditProof> {
    return this.#guarded(async () => {
      const log = await this.#readLog(size);
      return { index, size, proof: (await log.inclusionProof(index, size)).map(b64) };
    });
  }

  consistencyProof(from: number, to: number): Promise<string[]> {
    return this.#guarded(async () => {
      const log = await this.#readLog(to);
      return (await log.consistencyProof(from, to)).map(b64);
    });
  }
}

/** Rows this process did not write (thrown inside the append transaction, reported after it). */
class ForeignWrite extends Error {
  constructor(
    readonly index: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

async function committedSize(db: SqlExecutor): Promise<number> {
  // Indexes are dense from 0, so the size is the highest index plus one (an index lookup, not a scan).
  const rows = await db.query('SELECT coalesce(max(idx) + 1, 0) AS n FROM audit_entries');
  return num(rows[0]?.n ?? 0);
}

function toStored(r: Record<string, unknown>): StoredAuditEntry {
  const text = String(r.entry);
  return { ...(JSON.parse(text) as AuditEntry), idx: num(r.idx), text };
}

/**
 * Opens the tree over the committed entries. Only a log without any tree (written before the tree
 * existed) is rebuilt from its entries; entries and nodes are written in one transaction, so nodes
 * missing beside others mean a row was written outside the log (a forged append): that is refused,
 * never papered over by a rebuild, and the self-check names the row.
 */
async function openOrRebuild(tx: SqlExecutor, store: SqlNodeStore, size: number): Promise<MerkleLog> {
  try {
    return await MerkleLog.open(store, size);
  } catch (err) {
    const any = await tx.query('SELECT 1 FROM audit_nodes LIMIT 1');
    if (any.length > 0) throw err;
    const log = MerkleLog.create(store);
    for (let from = 0; from < size; from += 1_000) {
      const rows = await tx.query('SELECT entry FROM audit_entries WHERE idx >= $1 ORDER BY idx LIMIT 1000', [
        from,
      ]);
      await log.append(rows.map((r) => leafHash(new TextEncoder().encode(String(r.entry)))));
    }
    return log;
  }
}
