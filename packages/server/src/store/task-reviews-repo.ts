/** The stored rows of contributors' task reviews (issue 17); the guard alone calls these. */
import type { SqlExecutor } from './sql-client.ts';
import { bytes, num } from './sql-client.ts';

export interface TaskReviewRow {
  taskId: string;
  decision: 'keep' | 'drop';
  /** The sealed description and the data key it is sealed under; null when there is none. */
  sealed: { month: string; keyId: string; ciphertext: Uint8Array } | null;
  reviewedAt: number;
}

export async function listTaskReviews(db: SqlExecutor, subject: string): Promise<TaskReviewRow[]> {
  const rows = await db.query(
    'SELECT task_id, decision, month, key_id, description, reviewed_at FROM task_reviews WHERE subject_id = $1 ORDER BY reviewed_at, task_id',
    [subject],
  );
  return rows.map((r) => ({
    taskId: String(r.task_id),
    decision: String(r.decision) === 'drop' ? 'drop' : 'keep',
    sealed:
      r.description === null
        ? null
        : { month: String(r.month), keyId: String(r.key_id), ciphertext: bytes(r.description) },
    reviewedAt: num(r.reviewed_at),
  }));
}

/** Stores (or replaces) one review: the contributor's latest word on a task is the one that counts. */
export async function putTaskReview(db: SqlExecutor, subject: string, row: TaskReviewRow): Promise<void> {
  await db.query(
    `INSERT INTO task_reviews (subject_id, task_id, decision, month, key_id, description, reviewed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (subject_id, task_id) DO UPDATE
       SET decision = $3, month = $4, key_id = $5, description = $6, reviewed_at = $7`,
    [
      subject,
      row.taskId,
      row.decision,
      row.sealed?.month ?? null,
      row.sealed?.keyId ?? null,
      row.sealed?.ciphertext ?? null,
      row.reviewedAt,
    ],
  );
}

/** Erasure: the rows go with the keys. */
export async function deleteTaskReviews(db: SqlExecutor, subject: string): Promise<void> {
  await db.query('DELETE FROM task_reviews WHERE subject_id = $1', [subject]);
}
