/** The upload unit: a device-signed, ordered run of events with a unique id and sequence number. */
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
