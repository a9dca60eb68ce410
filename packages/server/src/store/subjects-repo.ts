/** Subjects, enrolment tokens and devices: who may send data, bound to whom. */
import type { SqlExecutor } from './sql-client.ts';
import { bytes, num } from './sql-client.ts';

export interface DeviceRow {
  id: string;
  subjectId: string;
  publicKey: string;
  name: string;
  createdAt: number;
  revokedAt: number | null;
  lastSeq: number;
}

/** Creates the subject if new; a given region is set (capture there needs the region's legal basis). */
export async function ensureSubject(
  db: SqlExecutor,
  subject: string,
  now: number,
  region?: string,
): Promise<void> {
  await db.query('INSERT INTO subjects (id, created_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
    subject,
    now,
  ]);
  if (region !== undefined)
    await db.query('UPDATE subjects SET region = $2 WHERE id = $1', [subject, region]);
}

export async function insertEnrolToken(
  db: SqlExecutor,
  row: { tokenHash: Uint8Array; subject: string; createdBy: string; createdAt: number; expiresAt: number },
): Promise<void> {
  await db.query(
    'INSERT INTO enrol_tokens (token_hash, subject_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [row.tokenHash, row.subject, row.createdBy, row.createdAt, row.expiresAt],
  );
}

/** Marks the token used if it is unused and unexpired; returns its subject, or undefined. */
export async function consumeEnrolToken(
  db: SqlExecutor,
  tokenHash: Uint8Array,
  deviceId: string,
  now: number,
): Promise<string | undefined> {
  const rows = await db.query<{ subject_id: string }>(
    `UPDATE enrol_tokens SET used_at = $2, device_id = $3
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
      RETURNING subject_id`,
    [tokenHash, now, deviceId],
  );
  return rows[0]?.subject_id;
}

export async function insertDevice(
  db: SqlExecutor,
  row: { id: string; subject: string; publicKey: string; name: string; createdAt: number },
): Promise<void> {
  await db.query(
    'INSERT INTO devices (id, subject_id, public_key, name, created_at) VALUES ($1, $2, $3, $4, $5)',
    [row.id, row.subject, row.publicKey, row.name, row.createdAt],
  );
}

function toDevice(r: Record<string, unknown>): DeviceRow {
  return {
    id: String(r.id),
    subjectId: String(r.subject_id),
    publicKey: String(r.public_key),
    name: String(r.name),
    createdAt: num(r.created_at),
    revokedAt: r.revoked_at === null ? null : num(r.revoked_at),
    lastSeq: num(r.last_seq),
  };
}

export async function findDevice(db: SqlExecutor, id: string): Promise<DeviceRow | undefined> {
  const rows = await db.query('SELECT * FROM devices WHERE id = $1', [id]);
  return rows[0] ? toDevice(rows[0]) : undefined;
}

/** A batch id as the schema takes it (any UUID); anything else cannot name a stored batch. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ingest's one lookup per batch (issue 19): the device a batch names and, in the same round
 * trip, what is stored under its batch id (a retry's acknowledgement, or a conflict). Nothing
 * here is trusted yet: the caller checks the device and the signature before using either.
 */
export async function findDeviceAndBatch(
  db: SqlExecutor,
  deviceId: string,
  batchId: unknown,
): Promise<{ device?: DeviceRow; prior?: { contentHash: Uint8Array; ack: string } }> {
  const rows = await db.query(
    `SELECT d.*, b.content_hash AS prior_hash, b.ack AS prior_ack
       FROM devices d LEFT JOIN batches b ON b.batch_id = $2::uuid
      WHERE d.id = $1`,
    [deviceId, typeof batchId === 'string' && UUID.test(batchId) ? batchId : null],
  );
  const r = rows[0];
  if (!r) return {};
  return {
    device: toDevice(r),
    ...(r.prior_hash != null
      ? { prior: { contentHash: bytes(r.prior_hash), ack: String(r.prior_ack) } }
      : {}),
  };
}

export async function listDevices(db: SqlExecutor, subject?: string): Promise<DeviceRow[]> {
  const rows = subject
    ? await db.query('SELECT * FROM devices WHERE subject_id = $1 ORDER BY created_at', [subject])
    : await db.query('SELECT * FROM devices ORDER BY created_at');
  return rows.map(toDevice);
}

/** Revokes a device and every token it minted (issue 15: a read token dies with its device). */
export async function revokeDevice(db: SqlExecutor, id: string, now: number): Promise<boolean> {
  const rows = await db.query(
    'UPDATE devices SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
    [id, now],
  );
  await db.query('UPDATE api_tokens SET revoked_at = $2 WHERE device_id = $1 AND revoked_at IS NULL', [
    id,
    now,
  ]);
  return rows.length > 0;
}

/** Records a one-time device nonce; false if it was seen before. Expired nonces are swept. */
export async function useDeviceNonce(
  db: SqlExecutor,
  deviceId: string,
  nonce: string,
  expiresAt: number,
  now: number,
): Promise<boolean> {
  await db.query('DELETE FROM device_nonces WHERE expires_at < $1', [now]);
  const rows = await db.query(
    'INSERT INTO device_nonces (device_id, nonce, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING nonce',
    [deviceId, nonce, expiresAt],
  );
  return rows.length > 0;
}
