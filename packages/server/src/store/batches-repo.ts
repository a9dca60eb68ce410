/** Batches and their ciphertext chunks: exactly-once storage by batch id. */
import type { SqlClient, SqlExecutor, SqlParam } from './sql-client.ts';
import { bytes, num } from './sql-client.ts';

export interface StoredBatch {
  batchId: string;
  deviceId: string;
  contentHash: Uint8Array;
  ack: string;
}

export interface ChunkRow {
  batchId: string;
  month: string;
  subjectId: string;
  deviceId: string;
  firstT: number;
  lastT: number;
  eventCount: number;
  keyId: string;
  payload: Uint8Array;
}

export async function findBatch(db: SqlExecutor, batchId: string): Promise<StoredBatch | undefined> {
  const rows = await db.query(
    'SELECT batch_id, device_id, content_hash, ack FROM batches WHERE batch_id = $1',
    [batchId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    batchId: String(r.batch_id),
    deviceId: String(r.device_id),
    contentHash: bytes(r.content_hash),
    ack: String(r.ack),
  };
}

/** A row of `batches`: what exactly-once storage and the acknowledgement need. */
export interface BatchRow {
  batchId: string;
  deviceId: string;
  subject: string;
  seq: number;
  contentHash: Uint8Array;
  eventCount: number;
  receivedAt: number;
  ack: string;
}

/** `($1, $2, $3), ($4, $5, $6), ...`: one VALUES list of `rows` rows of `width` parameters. */
function valuesList(rows: number, width: number): string {
  return Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`,
  ).join(', ');
}

/**
 * One batch, its chunks and its device's sequence number in ONE statement (issue 19): a single
 * round trip, atomic without BEGIN/COMMIT. The device row is locked first (concurrent batches of one
 * device queue there), a skipped range becomes a gap, and a batch id already stored fails the whole statement
 * with a unique violation, storing nothing.
 */
export async function insertBatchWhole(
  db: SqlExecutor,
  row: BatchRow,
  chunks: readonly ChunkRow[],
): Promise<void> {
  const params: SqlParam[] = [
    row.batchId,
    row.deviceId,
    row.subject,
    row.seq,
    row.contentHash,
    row.eventCount,
    row.receivedAt,
    row.ack,
  ];
  const chunkValues = chunks.map((c) => {
    const at = params.length;
    params.push(c.month, c.firstT, c.lastT, c.eventCount, c.keyId, c.payload);
    return `($1, $${at + 1}, $3, $2, $${at + 2}::bigint, $${at + 3}::bigint, $${at + 4}::integer, $${at + 5}, $${at + 6}::bytea)`;
  });
  await db.query(
    `WITH prev AS (
       SELECT last_seq FROM devices WHERE id = $2 FOR NO KEY UPDATE
     ), b AS (
       INSERT INTO batches (batch_id, device_id, subject_id, seq, content_hash, event_count, received_at, ack)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ), c AS (
       INSERT INTO event_chunks (batch_id, month, subject_id, device_id, first_t, last_t, event_count, key_id, payload)
       VALUES ${chunkValues.join(', ')}
     ), g AS (
       INSERT INTO sequence_gaps (device_id, from_seq, to_seq, detected_at)
       SELECT $2, last_seq + 1, $4::bigint - 1, $7 FROM prev WHERE $4::bigint > last_seq + 1
       ON CONFLICT DO NOTHING
     )
     UPDATE devices SET last_seq = $4 WHERE id = $2 AND $4::bigint > (SELECT last_seq FROM prev)`,
    params,
  );
}

/** Many batch rows in one statement (a writer's group; issue 19). */
export async function insertBatches(db: SqlExecutor, rows: readonly BatchRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO batches (batch_id, device_id, subject_id, seq, content_hash, event_count, received_at, ack)
     VALUES ${valuesList(rows.length, 8)}`,
    rows.flatMap((r) => [
      r.batchId,
      r.deviceId,
      r.subject,
      r.seq,
      r.contentHash,
      r.eventCount,
      r.receivedAt,
      r.ack,
    ]),
  );
}

/** Many chunk rows in one statement. */
export async function insertChunks(db: SqlExecutor, chunks: readonly ChunkRow[]): Promise<void> {
  if (chunks.length === 0) return;
  await db.query(
    `INSERT INTO event_chunks (batch_id, month, subject_id, device_id, first_t, last_t, event_count, key_id, payload)
     VALUES ${valuesList(chunks.length, 9)}`,
    chunks.flatMap((c) => [
      c.batchId,
      c.month,
      c.subjectId,
      c.deviceId,
      c.firstT,
      c.lastT,
      c.eventCount,
      c.keyId,
      c.payload,
    ]),
  );
}

/**
 * The device sequence numbers of a group: each device's sequence numbers in the group, taken in order, with
 * one locking read, one gap insert and one update for all devices. Devices are locked in id order,
 * so concurrent writers queue rather than deadlock.
 */
export async function advanceSequences(
  db: SqlExecutor,
  seqs: ReadonlyMap<string, readonly number[]>,
  now: number,
): Promise<void> {
  const ids = [...seqs.keys()].sort();
  if (ids.length === 0) return;
  const rows = await db.query(
    'SELECT id, last_seq FROM devices WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE',
    [ids],
  );
  const lastOf = new Map(rows.map((r) => [String(r.id), num(r.last_seq)]));
  const gaps: (string | number)[] = [];
  const updates: (string | number)[] = [];
  for (const id of ids) {
    const start = lastOf.get(id) ?? -1;
    let last = start;
    for (const seq of [...(seqs.get(id) ?? [])].sort((a, b) => a - b)) {
      if (seq <= last) continue;
      if (seq > last + 1) gaps.push(id, last + 1, seq - 1, now);
      last = seq;
    }
    if (last > start) updates.push(id, last);
  }
  if (gaps.length > 0)
    await db.query(
      `INSERT INTO sequence_gaps (device_id, from_seq, to_seq, detected_at) VALUES ${valuesList(gaps.length / 4, 4)}
       ON CONFLICT DO NOTHING`,
      gaps,
    );
  if (updates.length > 0)
    await db.query(
      `UPDATE devices SET last_seq = v.seq::bigint FROM (VALUES ${valuesList(updates.length / 2, 2)}) AS v(id, seq)
       WHERE devices.id = v.id`,
      updates,
    );
}

/**
 * Chunks in capture order. Ordered by their last event: every batch restates the focus in effect
 * at its start (with that focus's earlier time), so first times tie across a device's batches.
 */
export async function listChunks(
  db: SqlClient,
  subject: string,
  range: { from: number; to: number },
  limit: number,
): Promise<ChunkRow[]> {
  const rows = await withSubjects(db, [subject], (tx) =>
    tx.query(
      `SELECT * FROM event_chunks
      WHERE subject_id = $1 AND last_t >= $2 AND first_t <= $3
      ORDER BY last_t, first_t, batch_id LIMIT $4`,
      [subject, range.from, range.to, limit],
    ),
  );
  return rows.map(toChunk);
}

/** Where a page of a subject's chunks ends: the last chunk's place in (last_t, first_t, batch, month) order. */
export interface ChunkPosition {
  lastT: number;
  firstT: number;
  batchId: string;
  month: string;
}

/**
 * A subject's chunks overlapping the window, in a total order (last_t, first_t, batch id, month),
 * starting at `at` (inclusive) when given: keyset pagination, stable under concurrent reads.
 */
export async function listChunksFrom(
  db: SqlClient,
  subject: string,
  range: { from: number; to: number },
  at: ChunkPosition | undefined,
  limit: number,
): Promise<ChunkRow[]> {
  const rows = await withSubjects(db, [subject], (tx) =>
    at
      ? tx.query(
          `SELECT * FROM event_chunks
            WHERE subject_id = $1 AND last_t >= $2 AND first_t <= $3
              AND (last_t, first_t, batch_id, month) >= ($4::bigint, $5::bigint, $6::uuid, $7::text)
            ORDER BY last_t, first_t, batch_id, month LIMIT $8`,
          [subject, range.from, range.to, at.lastT, at.firstT, at.batchId, at.month, limit],
        )
      : tx.query(
          `SELECT * FROM event_chunks
            WHERE subject_id = $1 AND last_t >= $2 AND first_t <= $3
            ORDER BY last_t, first_t, batch_id, month LIMIT $4`,
          [subject, range.from, range.to, limit],
        ),
  );
  return rows.map(toChunk);
}

function toChunk(r: Record<string, unknown>): ChunkRow {
  return {
    batchId: String(r.batch_id),
    month: String(r.month),
    subjectId: String(r.subject_id),
    deviceId: String(r.device_id),
    firstT: num(r.first_t),
    lastT: num(r.last_t),
    eventCount: num(r.event_count),
    keyId: String(r.key_id),
    payload: bytes(r.payload),
  };
}

/**
 * Runs `fn` in a transaction that may see the chunks of `subjects` only: PostgreSQL's row-level
 * security (migration 011) checks every chunk row against `steno.subjects`, a second wall behind
 * the guard that decided which subject may be read.
 */
export function withSubjects<T>(
  db: SqlClient,
  subjects: readonly string[],
  fn: (tx: SqlExecutor) => Promise<T>,
): Promise<T> {
  // The embedded store's single user is a superuser, whom row-level security does not bind: no
  // transaction to pay for there (the guard is the wall).
  if (db.kind === 'pglite') return fn(db);
  return db.transaction(async (tx) => {
    await tx.query("SELECT set_config('steno.subjects', $1, true)", [subjects.join(',')]);
    return fn(tx);
  });
}

const ensuredMonths = new WeakMap<SqlClient, Set<string>>();

/** Makes sure the monthly partitions exist (once per month per client). */
export async function ensureMonthPartitions(db: SqlClient, months: Iterable<string>): Promise<void> {
  let done = ensuredMonths.get(db);
  if (!done) {
    done = new Set();
    ensuredMonths.set(db, done);
  }
  for (const m of months) {
    if (done.has(m)) continue;
    await db.query('SELECT steno_month_partition($1)', [m]);
    done.add(m);
  }
}

/** The (batch, month) keys of a subject's chunks in a window, in time order (no payloads). */
export async function listChunkIds(
  db: SqlClient,
  subject: string,
  range: { from: number; to: number },
): Promise<{ batchId: string; month: string }[]> {
  const rows = await withSubjects(db, [subject], (tx) =>
    tx.query(
      `SELECT batch_id, month FROM event_chunks
      WHERE subject_id = $1 AND last_t >= $2 AND first_t <= $3
      ORDER BY first_t, last_t, batch_id`,
      [subject, range.from, range.to],
    ),
  );
  return rows.map((r) => ({ batchId: String(r.batch_id), month: String(r.month) }));
}

/** Chunks by key, in the order given. */
export async function chunksByIds(
  db: SqlClient,
  subject: string,
  ids: readonly { batchId: string; month: string }[],
): Promise<ChunkRow[]> {
  if (ids.length === 0) return [];
  const rows = await withSubjects(db, [subject], (tx) =>
    tx.query(
      `SELECT c.* FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS k(batch_id, month, n)
       JOIN event_chunks c ON c.batch_id = k.batch_id AND c.month = k.month ORDER BY k.n`,
      [ids.map((i) => i.batchId), ids.map((i) => i.month)],
    ),
  );
  return rows.map(toChunk);
}

export async function listSequenceGaps(
  db: SqlExecutor,
  deviceId: string,
): Promise<{ from: number; to: number }[]> {
  const rows = await db.query(
    'SELECT from_seq, to_seq FROM sequence_gaps WHERE device_id = $1 ORDER BY from_seq',
    [deviceId],
  );
  return rows.map((r) => ({ from: num(r.from_seq), to: num(r.to_seq) }));
}
