/** The upload unit: a device-signed, ordered run of events with a unique id and sequence number. */
import { type KeyObject, sign } from 'node:crypto';
import { z } from 'zod';
import { StenoEvent } from './events.ts';
import { Base64Url, BatchId, DeviceId, EpochMs, LeaseId, SubjectId } from './ids.ts';
import { LIMITS } from './limits.ts';

export const Batch = z
  .object({
    v: z.literal(1),
    batchId: BatchId,
    deviceId: DeviceId,
    subject: SubjectId,
    /** Per-device sequence number, starting at 0, one more for every batch. */
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    createdAt: EpochMs,
    events: z.array(StenoEvent).min(1).max(LIMITS.maxEventsPerBatch),
    /**
     * The capture leases the device held while these events were captured (issue 15): the server
     * stores only events that one of them covers, and refuses a batch that names none. Optional in
     * the schema only so that a batch without it gets the clear LEASE_REQUIRED, not SCHEMA_INVALID.
     */
    leases: z.array(LeaseId).min(1).max(LIMITS.maxLeasesPerBatch).optional(),
  })
  .strict();
export type Batch = z.infer<typeof Batch>;

/** What travels: the batch and the device's Ed25519 signature over its canonical bytes. */
export const SignedBatch = z
  .object({
    v: z.literal(1),
    batch: Batch,
    sig: Base64Url.min(86).max(86),
  })
  .strict();
export type SignedBatch = z.infer<typeof SignedBatch>;

/**
 * Envelope v2 (issue 19): the batch travels as its JSON text, and the device's Ed25519 signature
 * covers exactly those bytes (after the domain line `steno-batch-v2`), so the server verifies what
 * it received without re-canonicalising 500 events; the text must parse to a `Batch`. Agents send
 * v2; the server still takes v1 (`SignedBatch`) from agents that predate it.
 */
export const SignedBatchV2 = z
  .object({
    v: z.literal(2),
    batch: z.string().min(2).max(LIMITS.maxBatchBytes),
    sig: Base64Url.min(86).max(86),
  })
  .strict();
export type SignedBatchV2 = z.infer<typeof SignedBatchV2>;

export const BATCH_V2_DOMAIN = 'steno-batch-v2';

/** The bytes a v2 signature covers: the domain line, then the batch text as UTF-8. */
export function batchV2SigningBytes(batchText: string): Buffer {
  return Buffer.concat([Buffer.from(`${BATCH_V2_DOMAIN}\n`), Buffer.from(batchText, 'utf8')]);
}

/** A v2 envelope for `batch`, signed by the device, as the JSON text an agent uploads. */
export function signBatchV2(batch: Batch, privateKey: KeyObject): { envelope: SignedBatchV2; body: string } {
  const text = JSON.stringify(batch);
  const sig = sign(null, batchV2SigningBytes(text), privateKey).toString('base64url');
  const envelope: SignedBatchV2 = { v: 2, batch: text, sig };
  return { envelope, body: JSON.stringify(envelope) };
}

/** The server's acknowledgement: a retry of the same batch gets the same one. */
export const BatchAck = z
  .object({
    v: z.literal(1),
    batchId: BatchId,
    seq: z.number().int().min(0),
    status: z.literal('stored'),
    events: z.number().int().min(0),
    storedAt: EpochMs,
    /**
     * Events the server did not store because the contributor had not allowed their capture, by
     * reason code (LEASE_REQUIRED, CONSENT_MISSING, LEGAL_BASIS_MISSING, CAPTURED_WHILE_PAUSED,
     * OUT_OF_SCOPE, LEVEL_EXCEEDED). Absent when every event was stored.
     */
    dropped: z.record(z.string(), z.number().int().min(1)).optional(),
  })
  .strict();
export type BatchAck = z.infer<typeof BatchAck>;
