/**
 * The checks a batch passes before anything is stored, cheapest and most decisive first:
 * version → envelope shape → device → signature → schema → subject binding → limits and clocks.
 * Each failure is a value carrying a stable code; nothing here writes.
 */
import { type KeyObject, verify } from 'node:crypto';
import {
  type Batch,
  batchV2SigningBytes,
  canonicalBytes,
  type ErrorCode,
  importPublicKey,
  isSupportedVersion,
  LIMITS,
  SignedBatch,
  SignedBatchV2,
} from '@steno/protocol';
import { z } from 'zod';
import type { DeviceRow } from '../store/subjects-repo.ts';
import { validateBatch } from './batch-schema.ts';

export type Rejection = { ok: false; code: ErrorCode; message: string };
export type Checked<T> = { ok: true; value: T } | Rejection;

const reject = (code: ErrorCode, message: string): Rejection => ({ ok: false, code, message });

/** What the first look found: enough to find the device, nothing trusted yet. */
export interface Envelope {
  /** 1: the batch as a JSON object, signed over its canonical form; 2: its text, signed as sent. */
  version: 1 | 2;
  deviceId: string;
  rawBatch: Record<string, unknown>;
  /** v2: the batch text exactly as received (what the signature covers). */
  text?: string;
  sig: string;
}

/** Shape-only first look: enough to find the device, without trusting anything. */
export function peekEnvelope(body: unknown): Checked<Envelope> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return reject('SCHEMA_INVALID', 'body must be an object');
  const env = body as Record<string, unknown>;
  if (env.v !== 2 && !isSupportedVersion(env.v))
    return reject('UNSUPPORTED_VERSION', 'envelope version not supported');
  let batch = env.batch as Record<string, unknown> | undefined;
  let text: string | undefined;
  if (env.v === 2) {
    if (typeof env.batch !== 'string')
      return reject('SCHEMA_INVALID', 'batch must be the JSON text of a batch');
    text = env.batch;
    try {
      batch = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return reject('SCHEMA_INVALID', 'batch is not valid JSON text');
    }
  }
  if (typeof batch !== 'object' || batch === null || Array.isArray(batch))
    return reject('SCHEMA_INVALID', 'batch must be an object');
  if (!isSupportedVersion(batch.v)) return reject('UNSUPPORTED_VERSION', 'batch version not supported');
  if (typeof batch.deviceId !== 'string' || typeof env.sig !== 'string') {
    return reject('SCHEMA_INVALID', 'deviceId and sig are required strings');
  }
  if (Array.isArray(batch.events) && batch.events.length > LIMITS.maxEventsPerBatch) {
    return reject('TOO_MANY_EVENTS', `at most ${LIMITS.maxEventsPerBatch} events per batch`);
  }
  return {
    ok: true,
    value: {
      version: env.v === 2 ? 2 : 1,
      deviceId: batch.deviceId,
      rawBatch: batch,
      ...(text !== undefined ? { text } : {}),
      sig: env.sig,
    },
  };
}

/**
 * The bytes the device signed: v2, the received text behind its domain line (no re-encoding);
 * v1, the batch's canonical JSON. Computed once per batch: the signature and the content hash
 * (exactly-once storage) both use them.
 */
export function signedBytes(env: Envelope): Uint8Array {
  return env.version === 2
    ? batchV2SigningBytes(env.text as string)
    : canonicalBytes('steno-batch-v1', env.rawBatch);
}

export function checkDevice(device: DeviceRow | undefined): Checked<DeviceRow> {
  if (!device) return reject('DEVICE_UNKNOWN', 'no enrolled device has this id');
  if (device.revokedAt !== null) return reject('DEVICE_REVOKED', 'the device was revoked');
  return { ok: true, value: device };
}

/** Device public keys as key objects (importing one from its JWK form costs more than verifying). */
const keyObjects = new Map<string, KeyObject>();

function publicKeyOf(device: DeviceRow): KeyObject {
  let key = keyObjects.get(device.publicKey);
  if (!key) {
    key = importPublicKey(device.publicKey);
    if (keyObjects.size >= 10_000) keyObjects.delete(keyObjects.keys().next().value as string);
    keyObjects.set(device.publicKey, key);
  }
  return key;
}

export function checkSignature(device: DeviceRow, signed: Uint8Array, sig: string): Checked<true> {
  let ok = false;
  try {
    const sigBytes = Buffer.from(sig, 'base64url');
    ok = sigBytes.length === 64 && verify(null, signed, publicKeyOf(device), sigBytes);
  } catch {
    ok = false;
  }
  return ok ? { ok: true, value: true } : reject('SIGNATURE_INVALID', 'the device signature does not verify');
}

/** The envelope around the batch, for either version (the batch itself is checked apart). */
const EnvelopeV1 = SignedBatch.omit({ batch: true }).extend({ batch: z.unknown() });
const EnvelopeV2 = SignedBatchV2.omit({ batch: true }).extend({ batch: z.unknown() });

/** Schema errors name paths and kinds, never values. */
export function checkSchema(body: unknown, env: Envelope): Checked<Batch> {
  const outer = (env.version === 2 ? EnvelopeV2 : EnvelopeV1).safeParse(body);
  if (!outer.success) {
    const where = outer.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`)
      .join('; ');
    return reject('SCHEMA_INVALID', `batch does not match the schema (${where})`);
  }
  const inner = validateBatch(env.rawBatch);
  if (!inner.ok) return reject('SCHEMA_INVALID', `batch does not match the schema (${inner.where})`);
  return { ok: true, value: inner.batch };
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
