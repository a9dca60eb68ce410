/**
 * The checks a batch passes before anything is stored, cheapest and most decisive first:
 * version → envelope shape → device → signature → schema → subject binding → limits and clocks.
 * Each failure is a value carrying a stable code; nothing here writes.
 */
import {
  type Batch,
  type ErrorCode,
  importPublicKey,
  isSupportedVersion,
  LIMITS,
  SignedBatch,
  verifyCanonical,
} from '@steno/protocol';
import type { DeviceRow } from '../store/subjects-repo.ts';

export type Rejection = { ok: false; code: ErrorCode; message: string };
export type Checked<T> = { ok: true; value: T } | Rejection;

const reject = (code: ErrorCode, message: string): Rejection => ({ ok: false, code, message });

/** Shape-only first look: enough to find the device, without trusting anything. */
export function peekEnvelope(body: unknown): Checked<{ deviceId: string; rawBatch: unknown; sig: string }> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return reject('SCHEMA_INVALID', 'body must be an object');
  const env = body as Record<string, unknown>;
  if (!isSupportedVersion(env.v)) return reject('UNSUPPORTED_VERSION', 'envelope version not supported');
  const batch = env.batch as Record<string, unknown> | undefined;
  if (typeof batch !== 'object' || batch === null || Array.isArray(batch))
    return reject('SCHEMA_INVALID', 'batch must be an object');
  if (!isSupportedVersion(batch.v)) return reject('UNSUPPORTED_VERSION', 'batch version not supported');
  if (typeof batch.deviceId !== 'string' || typeof env.sig !== 'string') {
    return reject('SCHEMA_INVALID', 'deviceId and sig are required strings');
  }
  if (Array.isArray(batch.events) && batch.events.length > LIMITS.maxEventsPerBatch) {
    return reject('TOO_MANY_EVENTS', `at most ${LIMITS.maxEventsPerBatch} events per batch`);
  }
  return { ok: true, value: { deviceId: batch.deviceId, rawBatch: batch, sig: env.sig } };
}

export function checkDevice(device: DeviceRow | undefined): Checked<DeviceRow> {
  if (!device) return reject('DEVICE_UNKNOWN', 'no enrolled device has this id');
  if (device.revokedAt !== null) return reject('DEVICE_REVOKED', 'the device was revoked');
  return { ok: true, value: device };
}

export function checkSignature(device: DeviceRow, rawBatch: unknown, sig: string): Checked<true> {
  const ok = verifyCanonical('steno-batch-v1', rawBatch, sig, importPublicKey(device.publicKey));
  return ok ? { ok: true, value: true } : reject('SIGNATURE_INVALID', 'the device signature does not verify');
}

/** Schema errors name paths and kinds, never values. */
export function checkSchema(body: unknown): Checked<Batch> {
  const parsed = SignedBatch.safeParse(body);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`)
      .join('; ');
    return reject('SCHEMA_INVALID', `batch does not match the schema (${where})`);
  }
  return { ok: true, value: parsed.data.batch };
}

export function checkBinding(device: DeviceRow, batch: Batch): Checked<true> {
  if (batch.subject !== device.subjectId)
    return reject('SUBJECT_MISMATCH', 'the device is bound to another subject');
  return { ok: true, value: true };
}

export function checkTimes(batch: Batch, now: number): Checked<true> {
  const newest = now + LIMITS.maxClockSkewMs;
  const oldest = now - LIMITS.maxEventAgeMs;
  if (batch.createdAt > newest) return reject('CLOCK_SKEW', 'batch createdAt is in the future');
  let prev = -1;
  for (const e of batch.events) {
    if (e.t < prev) return reject('EVENTS_OUT_OF_ORDER', 'events must be in time order');
    prev = e.t;
    if (e.t > newest || e.t < oldest)
      return reject('CLOCK_SKEW', 'an event time is outside the accepted window');
  }
  return { ok: true, value: true };
}
