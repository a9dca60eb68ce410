/**
 * The audit log: every authorisation decision and administrative change, appended in order.
 * Each entry is stored with its RFC 9162 leaf hash; the Merkle tree over them gives signed
 * checkpoints and proofs. Appends are serialised; a failed append is a thrown fault, so callers
 * (the guard) fail closed.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@steno/protocol';
import type { SqlClient, SqlExecutor } from '../store/sql-client.ts';
import { num } from '../store/sql-client.ts';

export interface AuditEntry {
  at: number;
  actor: { id: string; role: string; tokenId?: string };
  action: string;
  resource: { type: string; subject?: string; id?: string };
  decision: 'allow' | 'deny';
  reason: string;
  details?: Record<string, unknown>;
}

export interface StoredAuditEntry extends AuditEntry {
  idx: number;
}

export function leafHash(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(Uint8Array.of(0)).update(data).digest());
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<number>;
  /** Entries touching one subject's data, oldest first. */
  listForSubject(subject: string, limit: number): Promise<StoredAuditEntry[]>;
  size(): Promise<number>;
}

export class SqlAuditLog implements AuditLog {
  readonly #db: SqlClient;
  constructor(db: SqlClient) {
    this.#db = db;
  }

  append(entry: AuditEntry): Promise<number> {
    return this.#db.transaction((tx) => appendAuditEntry(tx, entry));
  }

  async listForSubject(subject: string, limit: number): Promise<StoredAuditEntry[]> {
    const rows = await this.#db.query(
      `SELECT idx, entry FROM audit_entries WHERE entry::jsonb -> 'resource' ->> 'subject' = $1 ORDER BY idx LIMIT $2`,
      [subject, limit],
    );
    return rows.map((r) => ({ ...(JSON.parse(String(r.entry)) as AuditEntry), idx: num(r.idx) }));
  }

  async size(): Promise<number> {
    const rows = await this.#db.query('SELECT count(*) AS n FROM audit_entries');
    return num(rows[0]?.n ?? 0);
  }
}

/** Appends inside the caller's transaction; the table lock keeps indexes dense under concurrency. */
export async function appendAuditEntry(tx: SqlExecutor, entry: AuditEntry): Promise<number> {
  await tx.exec('LOCK TABLE audit_entries IN EXCLUSIVE MODE');
  const rows = await tx.query('SELECT coalesce(max(idx) + 1, 0) AS next FROM audit_entries');
  const idx = num(rows[0]?.next ?? 0);
  const text = canonicalJson(entry);
  await tx.query('INSERT INTO audit_entries (idx, at, entry, leaf_hash) VALUES ($1, $2, $3, $4)', [
    idx,
    entry.at,
    text,
    leafHash(new TextEncoder().encode(text)),
  ]);
  return idx;
}
