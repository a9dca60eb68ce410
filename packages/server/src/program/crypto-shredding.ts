/**
 * Deletion that is real: erasure and retention destroy data keys first (crypto-shredding), then
 * delete the ciphertext. Whatever copies of the ciphertext remain — replicas, database backups,
 * dumps — can no longer be decrypted. Derived datasets are rebuilt without the subject (datasets).
 */
import { LIMITS } from '@steno/protocol';
import type { KeyStore } from '../crypto/key-store.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { num } from '../store/sql-client.ts';
import { deleteTaskReviews } from '../store/task-reviews-repo.ts';

export interface ShredReport {
  keysDestroyed: number;
  chunksDeleted: number;
}

/** "2026-11" → the epoch ms at which that month ends (UTC). */
function monthEnd(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Date.UTC(y, m, 1);
}

export class Shredder {
  readonly #db: SqlClient;
  readonly #keys: KeyStore;
  constructor(db: SqlClient, keys: KeyStore) {
    this.#db = db;
    this.#keys = keys;
  }

  /** Erases a subject: every data key, every ciphertext chunk and batch, their devices and tokens. */
  async eraseSubject(subject: string, now: number): Promise<ShredReport> {
    const keysDestroyed = (await this.#keys.months(subject)).length;
    await this.#keys.destroySubject(subject);
    const chunksDeleted = await this.#db.transaction(async (tx) => {
      // Chunks and batches go through the owner's function: the application role cannot delete them.
      const deleted = await tx.query('SELECT steno_shred_subject($1) AS n', [subject]);
      // Their task reviews (issue 17): the descriptions are already noise without the keys.
      await deleteTaskReviews(tx, subject);
      await tx.query('UPDATE devices SET revoked_at = $2 WHERE subject_id = $1 AND revoked_at IS NULL', [
        subject,
        now,
      ]);
      await tx.query('UPDATE api_tokens SET revoked_at = $2 WHERE subject_id = $1 AND revoked_at IS NULL', [
        subject,
        now,
      ]);
      // No new device for an erased subject until a privacy officer invites them again.
      await tx.query('UPDATE subjects SET erased_at = $2 WHERE id = $1', [subject, now]);
      return num(deleted[0]?.n ?? 0);
    });
    return { keysDestroyed, chunksDeleted };
  }

  /**
   * Retention: ciphertext older than `retentionMs` is deleted, and the data key of every month
   * that ended before the cutoff is destroyed. Batch records are kept as long as a retry could
   * still arrive (the ingest clock window), then deleted with their chunks.
   */
  async applyRetention(retentionMs: number, now: number): Promise<ShredReport> {
    const cutoff = now - retentionMs;
    let keysDestroyed = 0;
    const subjects = await this.#db.query<{ id: string }>('SELECT id FROM subjects');
    for (const { id } of subjects) {
      for (const month of await this.#keys.months(id)) {
        if (monthEnd(month) <= cutoff) {
          await this.#keys.destroyMonth(id, month);
          keysDestroyed++;
        }
      }
    }
    const chunksDeleted = await this.#db.transaction(async (tx) => {
      const deleted = await tx.query('SELECT steno_shred_before($1) AS n', [cutoff]);
      return num(deleted[0]?.n ?? 0);
    });
    // Leases and pauses only judge events ingest can still accept (LIMITS.maxEventAgeMs back):
    // older ones have nothing left to judge (issue 15).
    const judgeable = now - LIMITS.maxEventAgeMs - LIMITS.maxClockSkewMs;
    await this.#db.query('DELETE FROM capture_leases WHERE expires_at < $1', [judgeable]);
    await this.#db.query('DELETE FROM capture_pause_log WHERE ended_at < $1', [judgeable]);
    return { keysDestroyed, chunksDeleted };
  }
}
