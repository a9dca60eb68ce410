/**
 * Production-mode ingest (issue 9): stateless ingest nodes check and seal each batch exactly as the
 * embedded path does, then publish it to NATS JetStream; the device's acknowledgement means
 * JetStream holds the batch durably. Writer workers pull sealed batches in groups, store each group
 * in one PostgreSQL transaction (skipping batch ids already stored), and acknowledge the queue only
 * after commit: exactly-once storage by batch id, whatever is redelivered. Only ciphertext travels
 * through the queue.
 */
import { Packr } from 'msgpackr';
import { StenoError } from '../errors.ts';
import type { StenoMetrics } from '../ops/metrics.ts';
import type { SqlClient } from '../store/sql-client.ts';
import {
  type BatchIngest,
  type Ingest,
  type IngestOutcome,
  type SealedBatch,
  storeSealedBatches,
  type WriteOutcome,
} from './batch-ingest.ts';

/** The part of @steno/queue's BatchQueue this module uses. */
export interface BatchQueueLike {
  publish(id: string, payload: Uint8Array): Promise<{ duplicate: boolean; seq: number }>;
  consume(opts: {
    durable: string;
    batchSize?: number;
    maxWaitMs?: number;
    ackWaitMs?: number;
    handler: (msgs: { id: string; payload: Uint8Array; redelivered: boolean }[]) => Promise<void>;
  }): { stop(): Promise<void> };
  lag(durable: string): Promise<number | undefined>;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export const WRITER_DURABLE = 'steno-writers';

const packr = new Packr({ useRecords: false });
const FORMAT = 1;

export function encodeSealed(b: SealedBatch): Uint8Array {
  return packr.pack([FORMAT, b]);
}

export function decodeSealed(bytes: Uint8Array): SealedBatch {
  const [format, b] = packr.unpack(bytes) as [number, SealedBatch];
  if (format !== FORMAT) throw new StenoError('INTERNAL', `unknown sealed-batch format ${format}`);
  // msgpackr gives Buffers for binary; the store takes any Uint8Array.
  return b;
}

export class QueuedIngest implements Ingest {
  readonly #prepare: BatchIngest;
  readonly #queue: BatchQueueLike;
  constructor(prepare: BatchIngest, queue: BatchQueueLike) {
    this.#prepare = prepare;
    this.#queue = queue;
  }

  async ingest(body: unknown): Promise<IngestOutcome> {
    const prepared = await this.#prepare.prepare(body);
    if (!prepared.ok) return prepared;
    if ('ack' in prepared) return prepared;
    try {
      // msgID = batch id: a retry within JetStream's duplicate window is stored once; after it,
      // the writer's check by batch id keeps it once.
      const out = await this.#queue.publish(prepared.sealed.batchId, encodeSealed(prepared.sealed));
      return { ok: true, ack: prepared.sealed.ack, duplicate: out.duplicate };
    } catch (cause) {
      throw new StenoError('STORE_UNAVAILABLE', 'the ingest queue did not confirm the batch; retry', {
        cause,
      });
    }
  }
}

/** A writer worker: pulls sealed batches and stores them, acknowledging after commit. */
export function startBatchWriter(deps: {
  db: SqlClient;
  queue: BatchQueueLike;
  metrics?: StenoMetrics;
  batchSize?: number;
  log?: (msg: string, fields: Record<string, unknown>) => void;
  onWrite?: (out: WriteOutcome) => void;
}): { stop(): Promise<void> } {
  return deps.queue.consume({
    durable: WRITER_DURABLE,
    batchSize: deps.batchSize ?? 200,
    maxWaitMs: 1_000,
    ackWaitMs: 30_000,
    handler: async (msgs) => {
      const batches = msgs.map((m) => decodeSealed(m.payload));
      const out = await storeSealedBatches(deps.db, batches);
      for (const id of out.conflicts)
        deps.log?.('batch conflict: another batch with this id is stored; this copy is dropped', {
          code: 'BATCH_CONFLICT',
          batchId: id,
        });
      deps.onWrite?.(out);
    },
  });
}
