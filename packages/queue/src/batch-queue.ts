/**
 * The queue between stateless ingest nodes and writer workers, on NATS JetStream. `publish`
 * resolves only once JetStream holds the batch durably (its PubAck); the batch id is the msgID, so
 * a retried publish inside the duplicate window is stored once. The connection reconnects forever
 * on its own; calls made while it is down fail with QUEUE_UNAVAILABLE after bounded retries.
 */
import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, deadline, delay, type NatsConnection } from '@nats-io/transport-node';
import { classifyNatsError, JS_CONSUMER_NOT_FOUND } from './nats-errors.ts';
import { type ConsumeOptions, type Consumer, errName, PullWorker } from './pull-worker.ts';
import { QueueError } from './queue-error.ts';
import { type QueueOptions, type ResolvedQueueOptions, resolveQueueOptions } from './queue-options.ts';
import { ensureStream } from './stream-setup.ts';

export interface PublishResult {
  /** True when JetStream already held a message with this id inside the duplicate window. */
  duplicate: boolean;
  /** Stream sequence (of the original message when `duplicate`). */
  seq: number;
}

export interface BatchQueue {
  /**
   * Resolves only when JetStream has the message durably (PubAck); msgID = id. Throws
   * QueueError: QUEUE_UNAVAILABLE (timeout / no responders after bounded retries — retry the same
   * id later), QUEUE_FULL (stream at maxBytes), QUEUE_MESSAGE_TOO_LARGE, QUEUE_MESSAGE_INVALID
   * (bad id), QUEUE_CLOSED, QUEUE_REJECTED.
   */
  publish(id: string, payload: Uint8Array): Promise<PublishResult>;
  /** Starts a worker on the shared durable pull consumer (see ConsumeOptions). */
  consume(opts: ConsumeOptions): Consumer;
  /** Messages not yet acknowledged by that consumer (pending + in flight); undefined if unknown. */
  lag(durable: string): Promise<number | undefined>;
  /** A round trip to the server succeeded and the stream exists. */
  ready(): Promise<boolean>;
  /** Stops every consumer started here (waiting for their handlers), then closes the connection. */
  close(): Promise<void>;
  /** The resolved, frozen options. */
  readonly options: ResolvedQueueOptions;
}

/** Header values cannot hold CR/LF; ids are short printable tokens (Steno uses UUIDs). */
const ID = /^[\x21-\x7e]{1,256}$/;

/** Connects, creates or updates the stream, and returns the queue. */
export async function connectQueue(opts: QueueOptions): Promise<BatchQueue> {
  const o = resolveQueueOptions(opts);
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: [...o.servers],
      name: o.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: o.reconnectWaitMs,
      reconnectJitter: Math.ceil(o.reconnectWaitMs / 2),
      timeout: o.apiTimeoutMs,
      pingInterval: 10_000,
      maxPingOut: 3,
    });
  } catch (err) {
    throw new QueueError('QUEUE_UNAVAILABLE', 'cannot connect to NATS', { cause: err });
  }
  try {
    const jsm = await jetstreamManager(nc, { timeout: o.apiTimeoutMs });
    await ensureStream(jsm, o);
    return new JetStreamBatchQueue(nc, jetstream(nc, { timeout: o.publishTimeoutMs }), jsm, o);
  } catch (err) {
    await nc.close().catch(() => {});
    if (err instanceof QueueError) throw err;
    throw new QueueError(
      classifyNatsError(err) === 'unavailable' ? 'QUEUE_UNAVAILABLE' : 'QUEUE_CONFIG_INVALID',
      'JetStream is not usable on this connection',
      { cause: err },
    );
  }
}

class JetStreamBatchQueue implements BatchQueue {
  #connected = true;
  #closed = false;
  #lastEnsure = 0;
  readonly #workers = new Set<PullWorker>();
  readonly #statusLoop: Promise<void>;

  constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    readonly options: ResolvedQueueOptions,
  ) {
    this.#statusLoop = this.#watch();
  }

  async #watch(): Promise<void> {
    const log = this.options.log;
    try {
      for await (const s of this.nc.status()) {
        if (s.type === 'disconnect') {
          this.#connected = false;
          log('warn', 'queue disconnected from NATS; reconnecting', { name: this.options.name });
        } else if (s.type === 'reconnect') {
          this.#connected = true;
          log('info', 'queue reconnected to NATS', { name: this.options.name });
        }
      }
    } catch {
      // the status iterator ends with the connection
    }
  }

  async publish(id: string, payload: Uint8Array): Promise<PublishResult> {
    const o = this.options;
    if (this.#closed) throw new QueueError('QUEUE_CLOSED', 'queue is closed');
    if (typeof id !== 'string' || !ID.test(id)) {
      throw new QueueError('QUEUE_MESSAGE_INVALID', 'batch id must be 1-256 printable ASCII characters');
    }
    const max = this.nc.info?.max_payload;
    if (max !== undefined && payload.byteLength > max - 1024) {
      throw new QueueError(
        'QUEUE_MESSAGE_TOO_LARGE',
        `message of ${payload.byteLength} bytes exceeds max_payload`,
      );
    }
    let last: unknown;
    for (let attempt = 0; attempt < o.publishAttempts; attempt++) {
      if (attempt > 0) await delay(Math.min(2000, 200 * 2 ** (attempt - 1)));
      if (this.#closed) throw new QueueError('QUEUE_CLOSED', 'queue is closed');
      try {
        const ack = await this.js.publish(o.subject, payload, { msgID: id, timeout: o.publishTimeoutMs });
        return { duplicate: ack.duplicate, seq: ack.seq };
      } catch (err) {
        last = err;
        const kind = classifyNatsError(err);
        if (kind === 'full') throw new QueueError('QUEUE_FULL', `stream ${o.stream} is full`, { cause: err });
        if (kind === 'too-large') {
          throw new QueueError('QUEUE_MESSAGE_TOO_LARGE', 'message refused as too large', { cause: err });
        }
        if (kind === 'closed') throw new QueueError('QUEUE_CLOSED', 'queue is closed', { cause: err });
        if (kind === 'rejected') {
          throw new QueueError('QUEUE_REJECTED', `JetStream refused the message (${errName(err)})`, {
            cause: err,
          });
        }
        await this.#maybeRecreateStream(err);
      }
    }
    throw new QueueError(
      'QUEUE_UNAVAILABLE',
      `no PubAck from JetStream after ${o.publishAttempts} attempts`,
      {
        cause: last,
      },
    );
  }

  /**
   * "No responders" while connected means no stream listens on the subject: JetStream is still
   * recovering, or the stream was lost (a server restarted on empty storage). Re-assert it, at most
   * once a second, so ingest resumes on its own.
   */
  async #maybeRecreateStream(err: unknown): Promise<void> {
    if (!this.#connected || !(err instanceof Error) || err.name !== 'JetStreamNotEnabled') return;
    const now = Date.now();
    if (now - this.#lastEnsure < 1000) return;
    this.#lastEnsure = now;
    try {
      await ensureStream(this.jsm, this.options);
    } catch (e) {
      this.options.log('warn', 'queue stream check failed', { stream: this.options.stream, err: errName(e) });
    }
  }

  consume(opts: ConsumeOptions): Consumer {
    if (this.#closed) throw new QueueError('QUEUE_CLOSED', 'queue is closed');
    const w = new PullWorker(this.nc, this.js, this.jsm, this.options, opts);
    this.#workers.add(w);
    const stop = w.stop.bind(w);
    return {
      stop: async () => {
        await stop();
        this.#workers.delete(w);
      },
      get processed() {
        return w.processed;
      },
      started: () => w.started(),
    };
  }

  async lag(durable: string): Promise<number | undefined> {
    if (this.#closed || !this.#connected) return undefined;
    try {
      const info = await this.jsm.consumers.info(this.options.stream, durable);
      return info.num_pending + info.num_ack_pending;
    } catch (err) {
      if ((err as { code?: unknown }).code === JS_CONSUMER_NOT_FOUND) {
        // no consumer yet: everything in the stream is waiting
        try {
          return (await this.jsm.streams.info(this.options.stream)).state.messages;
        } catch {
          return undefined;
        }
      }
      return undefined;
    }
  }

  async ready(): Promise<boolean> {
    if (this.#closed || !this.#connected) return false;
    try {
      await deadline(this.jsm.streams.info(this.options.stream), this.options.apiTimeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#workers].map((w) => w.stop()));
    this.#workers.clear();
    try {
      await deadline(this.nc.flush(), this.options.apiTimeoutMs);
    } catch {
      // best effort: unflushed acks are redelivered and deduplicated by the writer
    }
    await this.nc.close();
    await this.#statusLoop;
  }
}
