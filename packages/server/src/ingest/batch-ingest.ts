/**
 * Ingest of one signed batch: checks, then exactly-once storage by batch id. Payloads are split by
 * UTC month, encoded, and sealed under the (subject, month) data key before they reach the store.
 */
import { createHash } from 'node:crypto';
import { rescanEvents } from '@steno/privacy';
import {
  type Batch,
  type BatchAck,
  type FocusEvent,
  PERMISSION_CODES,
  type PermissionCode,
  type StenoEvent,
} from '@steno/protocol';
import type { AuditLog } from '../audit/audit-log.ts';
import type { SecurityLog } from '../audit/security-log.ts';
import { sealEventPayload } from '../crypto/event-envelope.ts';
import type { KeyStore } from '../crypto/key-store.ts';
import { encodeEvents } from '../crypto/payload-codec.ts';
import {
  advanceSequences,
  type ChunkRow,
  ensureMonthPartitions,
  findBatch,
  insertBatches,
  insertBatchWhole,
  insertChunks,
} from '../store/batches-repo.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { bytes, isUniqueViolation } from '../store/sql-client.ts';
import { type DeviceRow, findDeviceAndBatch } from '../store/subjects-repo.ts';
import {
  checkBinding,
  checkDevice,
  checkSchema,
  checkSignature,
  checkTimes,
  peekEnvelope,
  type Rejection,
  signedBytes,
} from './batch-checks.ts';
import { judgeBatch, namesInWindow } from './capture-permission.ts';
import { PermissionFactsReader } from './permission-facts.ts';

export type IngestOutcome =
  | { ok: true; ack: BatchAck; duplicate: boolean }
  | (Rejection & { dropped?: Partial<Record<PermissionCode, number>> });

/** What the HTTP route calls: the embedded store directly, or a JetStream queue in production mode. */
export interface Ingest {
  ingest(body: unknown): Promise<IngestOutcome>;
}

/**
 * A checked batch ready for storage: its events already sealed under their (subject, month) data
 * keys, so it can travel through a queue without a single plaintext byte.
 */
export interface SealedBatch {
  batchId: string;
  deviceId: string;
  subject: string;
  seq: number;
  contentHash: Uint8Array;
  eventCount: number;
  ack: BatchAck;
  chunks: ChunkRow[];
}

export type Prepared =
  | { ok: true; sealed: SealedBatch }
  | { ok: true; ack: BatchAck; duplicate: true }
  | Rejection;

export interface IngestDeps {
  db: SqlClient;
  keys: KeyStore;
  audit: AuditLog;
  now: () => number;
  /**
   * Whether the server re-checks capture permission per event (issue 15). Always on in a server;
   * off only in the ingest benchmark, to measure what the check costs side by side.
   */
  checkPermission?: boolean;
  /** Where refusals that name or forge someone go (security entries in the audit log). */
  security?: SecurityLog;
  /** Told how long each stage of a batch took (metrics, the ingest benchmark's stage table). */
  onStage?: (stage: IngestStage, ms: number) => void;
}

/** The stages of ingest, in order; `store` is the embedded path's (or a writer's) transaction. */
export const INGEST_STAGES = [
  'envelope',
  'device',
  'signature',
  'schema',
  'checks',
  'replay',
  'permission',
  'second_wall',
  'encode',
  'encrypt',
  'store',
] as const;
export type IngestStage = (typeof INGEST_STAGES)[number];

/** Refusals that leave a security entry: forgery, another subject, a revoked device, no permission. */
const SECURITY_CODES = new Set<string>([
  'SUBJECT_MISMATCH',
  'SIGNATURE_INVALID',
  'DEVICE_REVOKED',
  ...PERMISSION_CODES,
]);

/** A batch refused for permission: the rejection, with what was dropped by reason (codes and counts). */
export type PermissionRejection = Rejection & { dropped: Partial<Record<PermissionCode, number>> };

/** "2026-11" for an epoch-ms time, in UTC. */
export function monthOf(t: number): string {
  return new Date(t).toISOString().slice(0, 7);
}

function byMonth(events: readonly StenoEvent[]): Map<string, StenoEvent[]> {
  const out = new Map<string, StenoEvent[]>();
  // The month's bounds are computed when an event leaves the current one, not for every event.
  let from = 1;
  let to = 0;
  let list: StenoEvent[] = [];
  for (const e of events) {
    if (e.t < from || e.t >= to) {
      const d = new Date(e.t);
      from = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
      to = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      const m = monthOf(e.t);
      list = out.get(m) ?? [];
      if (!out.has(m)) out.set(m, list);
    }
    list.push(e);
  }
  return out;
}

export class BatchIngest implements Ingest {
  readonly #deps: IngestDeps;
  readonly #facts: PermissionFactsReader;
  constructor(deps: IngestDeps) {
    this.#deps = deps;
    this.#facts = new PermissionFactsReader(deps.db);
  }

  async ingest(body: unknown): Promise<IngestOutcome> {
    const prepared = await this.prepare(body);
    if (!prepared.ok) return prepared;
    if ('ack' in prepared) return prepared;
    try {
      const lap = this.#lap();
      await storeSealedBatch(this.#deps.db, prepared.sealed);
      lap('store');
      return { ok: true, ack: prepared.sealed.ack, duplicate: false };
    } catch (err) {
      // A concurrent copy of the same batch won the race: answer as a retry.
      if (isUniqueViolation(err)) {
        const raced = await this.#replay(prepared.sealed.batchId, prepared.sealed.contentHash);
        if (raced) return raced;
      }
      throw err;
    }
  }

  /**
   * Every check in order, then the second wall and sealing: a batch ready for storage, or the
   * stored acknowledgement of a retry, or a rejection. Stores nothing.
   */
  async prepare(body: unknown): Promise<Prepared> {
    const seen: { device?: DeviceRow | undefined } = {};
    const outcome = await this.#prepare(body, seen);
    const security = this.#deps.security;
    if (!outcome.ok && security && SECURITY_CODES.has(outcome.code)) {
      const known = seen.device;
      const claimed = (body as { batch?: { subject?: unknown; deviceId?: unknown } }).batch;
      // The person aimed at: the subject a device claimed, else the owner of the device named.
      const target =
        outcome.code === 'SUBJECT_MISMATCH' && typeof claimed?.subject === 'string'
          ? claimed.subject
          : known?.subjectId;
      const forged = outcome.code === 'SIGNATURE_INVALID';
      await security.refused({
        actor: forged
          ? { id: 'unauthenticated', role: 'none' }
          : { id: `device:${known?.id ?? 'unknown'}`, role: 'device' },
        action: 'ingest.batch',
        code: outcome.code,
        subject: target,
        id: known?.id,
      });
    }
    return outcome;
  }

  async #prepare(body: unknown, seen: { device?: DeviceRow | undefined }): Promise<Prepared> {
    const { db, now } = this.#deps;
    const lap = this.#lap();
    const peek = peekEnvelope(body);
    lap('envelope');
    if (!peek.ok) return peek;
    const looked = await findDeviceAndBatch(db, peek.value.deviceId, peek.value.rawBatch.batchId);
    const found = looked.device;
    lap('device');
    seen.device = found;
    const device = checkDevice(found);
    if (!device.ok) return device;
    const signed = signedBytes(peek.value);
    const sig = checkSignature(device.value, signed, peek.value.sig);
    lap('signature');
    if (!sig.ok) return sig;
    const schema = checkSchema(body, peek.value);
    lap('schema');
    if (!schema.ok) return schema;
    const batch = schema.value;
    const binding = checkBinding(device.value, batch);
    if (!binding.ok) return binding;
    const times = checkTimes(batch, now());
    if (!times.ok) return times;

    // The bytes the device signed identify the batch: a retry sends the same ones.
    const contentHash = new Uint8Array(createHash('sha256').update(signed).digest());
    lap('checks');
    // What the lookup found stored under this batch id (a retry, or a conflict).
    const prior = looked.prior && replayOutcome(looked.prior, contentHash);
    lap('replay');
    if (prior) return prior.ok ? { ok: true, ack: prior.ack, duplicate: true } : prior;
    const permitted = await this.#permitted(batch);
    lap('permission');
    if (!permitted.ok) return permitted;
    const safe = await this.#secondWall(permitted.batch, permitted.namesInWindow);
    lap('second_wall');
    return { ok: true, sealed: await this.#seal(safe, contentHash, permitted.dropped, lap) };
  }

  /** A stopwatch that reports the time since its last lap to `onStage` (nothing when unset). */
  #lap(): (stage: IngestStage) => void {
    const sink = this.#deps.onStage;
    if (!sink) return () => undefined;
    let last = performance.now();
    return (stage) => {
      const t = performance.now();
      sink(stage, t - last);
      last = t;
    };
  }

  /**
   * Invariant 1 at the server: only the events the contributor allowed, judged by what was in
   * force when each was captured. The rest are dropped here, before the second wall, sealing,
   * storage or the queue; only their reason codes travel on (in the acknowledgement).
   */
  async #permitted(batch: Batch): Promise<
    | {
        ok: true;
        batch: Batch;
        dropped: Partial<Record<PermissionCode, number>>;
        /** Per window, whether its lease's scope leaves the name detector on (the second wall's filter). */
        namesInWindow?: (focus: FocusEvent) => boolean;
      }
    | PermissionRejection
  > {
    if (this.#deps.checkPermission === false) return { ok: true, batch, dropped: {} };
    const first = batch.events[0] as StenoEvent;
    if (!batch.leases) {
      const dropped = { LEASE_REQUIRED: batch.events.length };
      return { ok: false, code: 'LEASE_REQUIRED', message: 'the batch names no capture lease', dropped };
    }
    const facts = await this.#facts.read({
      deviceId: batch.deviceId,
      subject: batch.subject,
      leaseIds: batch.leases,
      fromT: first.t,
    });
    const judged = judgeBatch(batch, facts);
    if (!judged.ok) return { ok: false, code: judged.code, message: judged.message, dropped: judged.dropped };
    const kept = judged.events.length === batch.events.length ? batch : { ...batch, events: judged.events };
    return { ok: true, batch: kept, dropped: judged.dropped, namesInWindow: namesInWindow(facts) };
  }

  /**
   * The privacy filter again, as a second wall behind the device's: whatever it still finds is
   * redacted before storage, and the batch is flagged in the audit log (without the content). The
   * name detector follows the lease's app rules, as on the device (`names: false`).
   */
  async #secondWall(batch: Batch, names?: (focus: FocusEvent) => boolean): Promise<Batch> {
    const rescan = rescanEvents(batch.events, names ? { namesInWindow: names } : undefined);
    if (rescan.redacted === 0) return batch;
    await this.#deps.audit.append({
      at: this.#deps.now(),
      actor: { id: `device:${batch.deviceId}`, role: 'device' },
      action: 'ingest.rescan_redacted',
      resource: { type: 'subject_events', subject: batch.subject, id: batch.batchId },
      decision: 'allow',
      reason: 'device_filter_missed_entities',
      details: { markers: rescan.redacted },
    });
    return { ...batch, events: rescan.events };
  }

  async #replay(batchId: string, contentHash: Uint8Array): Promise<IngestOutcome | undefined> {
    const existing = await findBatch(this.#deps.db, batchId);
    return existing && replayOutcome(existing, contentHash);
  }

  async #seal(
    batch: Batch,
    contentHash: Uint8Array,
    dropped: Partial<Record<PermissionCode, number>> = {},
    lap: (stage: IngestStage) => void = () => undefined,
  ): Promise<SealedBatch> {
    const { keys, now } = this.#deps;
    const sealed: ChunkRow[] = [];
    for (const [month, events] of byMonth(batch.events)) {
      const { keyId, key } = await keys.getOrCreate(batch.subject, month);
      const ids = { subject: batch.subject, deviceId: batch.deviceId, batchId: batch.batchId, month };
      const encoded = encodeEvents(events);
      lap('encode');
      const payload = sealEventPayload(key, encoded, ids);
      lap('encrypt');
      sealed.push({
        batchId: batch.batchId,
        month,
        subjectId: batch.subject,
        deviceId: batch.deviceId,
        firstT: (events[0] as StenoEvent).t,
        lastT: (events[events.length - 1] as StenoEvent).t,
        eventCount: events.length,
        keyId,
        payload,
      });
    }
    const storedAt = now();
    const ack: BatchAck = {
      v: 1,
      batchId: batch.batchId,
      seq: batch.seq,
      status: 'stored',
      events: batch.events.length,
      storedAt,
      ...(Object.keys(dropped).length > 0 ? { dropped } : {}),
    };
    return {
      batchId: batch.batchId,
      deviceId: batch.deviceId,
      subject: batch.subject,
      seq: batch.seq,
      contentHash,
      eventCount: batch.events.length,
      ack,
      chunks: sealed,
    };
  }
}

/** A stored batch under the id of one being ingested: the same bytes are a retry, others a conflict. */
function replayOutcome(
  stored: { contentHash: Uint8Array; ack: string },
  contentHash: Uint8Array,
): IngestOutcome {
  if (!Buffer.from(stored.contentHash).equals(contentHash))
    return {
      ok: false,
      code: 'BATCH_CONFLICT',
      message: 'a different batch with this id was already stored',
    };
  return { ok: true, ack: JSON.parse(stored.ack) as BatchAck, duplicate: true };
}

/** Stores one sealed batch in one statement (unique batch id: a second copy fails, storing nothing). */
export async function storeSealedBatch(db: SqlClient, b: SealedBatch): Promise<void> {
  await ensureMonthPartitions(
    db,
    b.chunks.map((c) => c.month),
  );
  await insertBatchWhole(db, batchRow(b), b.chunks);
}

function batchRow(b: SealedBatch) {
  return {
    batchId: b.batchId,
    deviceId: b.deviceId,
    subject: b.subject,
    seq: b.seq,
    contentHash: b.contentHash,
    eventCount: b.eventCount,
    receivedAt: b.ack.storedAt,
    ack: JSON.stringify(b.ack),
  };
}

export interface WriteOutcome {
  stored: number;
  /** Already stored with the same bytes (a redelivery): skipped. */
  duplicates: number;
  /** Already stored with other bytes under the same id: never stored (logged, counted). */
  conflicts: string[];
}

/**
 * The writer worker's step: many sealed batches in ONE transaction, skipping those already stored
 * (exactly once by batch id, whatever the queue redelivers). The caller acknowledges the queue
 * only after this resolves, i.e. after commit.
 */
export async function storeSealedBatches(
  db: SqlClient,
  batches: readonly SealedBatch[],
): Promise<WriteOutcome> {
  await ensureMonthPartitions(db, new Set(batches.flatMap((b) => b.chunks.map((c) => c.month))));
  return db.transaction(async (tx) => {
    // Copies of one batch within the group: the same bytes are a duplicate, other bytes a conflict.
    const unique = new Map<string, SealedBatch>();
    let twins = 0;
    const twinConflicts: string[] = [];
    for (const b of batches) {
      const first = unique.get(b.batchId);
      if (!first) unique.set(b.batchId, b);
      else if (Buffer.from(first.contentHash).equals(b.contentHash)) twins++;
      else twinConflicts.push(b.batchId);
    }
    const ids = [...unique.keys()];
    const existing = new Map<string, Uint8Array>();
    if (ids.length > 0)
      for (const r of await tx.query(
        'SELECT batch_id, content_hash FROM batches WHERE batch_id = ANY($1::uuid[])',
        [ids],
      ))
        existing.set(String(r.batch_id), bytes(r.content_hash));
    const out: WriteOutcome = { stored: 0, duplicates: twins, conflicts: twinConflicts };
    const fresh: SealedBatch[] = [];
    for (const b of unique.values()) {
      const prior = existing.get(b.batchId);
      if (!prior) fresh.push(b);
      else if (Buffer.from(prior).equals(b.contentHash)) out.duplicates++;
      else out.conflicts.push(b.batchId);
    }
    // The group in three statements (batches, chunks, sequence numbers), whatever its size.
    await insertBatches(tx, fresh.map(batchRow));
    await insertChunks(
      tx,
      fresh.flatMap((b) => b.chunks),
    );
    const seqs = new Map<string, number[]>();
    for (const b of fresh) seqs.set(b.deviceId, [...(seqs.get(b.deviceId) ?? []), b.seq]);
    await advanceSequences(tx, seqs, Math.max(0, ...fresh.map((b) => b.ack.storedAt)));
    out.stored = fresh.length;
    return out;
  });
}
