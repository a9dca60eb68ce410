/**
 * One writer's pull loop on the shared durable consumer: fetch up to `batchSize` messages, hand
 * them to the handler (which commits them to the database), acknowledge them all only when it
 * resolves, nak them with a growing delay when it throws. A worker that dies mid-handler simply
 * never acknowledges: JetStream redelivers after `ack_wait` to whichever worker pulls next.
 */
import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  ReplayPolicy,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { deadline, nanos } from '@nats-io/transport-node';
import { classifyNatsError, JS_CONSUMER_NOT_FOUND } from './nats-errors.ts';
import { QueueError } from './queue-error.ts';
import { isValidName, type ResolvedQueueOptions } from './queue-options.ts';

export interface QueuedMessage {
  /** The batch id given to `publish` (the JetStream msgID). */
  id: string;
  payload: Uint8Array;
  /** True when JetStream delivered this message before (a worker died, a handler threw, an ack was lost). */
  redelivered: boolean;
  /** Stream sequence. */
  seq: number;
}

export interface ConsumeOptions {
  /** Consumer name shared by every writer worker of the deployment: same name, work split between them. */
  durable: string;
  /** Most messages per handler call, default 100. */
  batchSize?: number;
  /** How long one fetch waits to fill a batch, default 1000 ms (the client's minimum). */
  maxWaitMs?: number;
  /** Redelivery delay for messages a worker took and never acknowledged, default 30 s. */
  ackWaitMs?: number;
  /** Consumer-wide cap on unacknowledged messages, default max(1000, 4 × batchSize); at least batchSize. */
  maxAckPending?: number;
  /** First redelivery delay after a handler threw, doubled per delivery, default 1000 ms. */
  nakDelayMs?: number;
  /** Cap of that delay, default 60 s. */
  maxNakDelayMs?: number;
  /** While a handler runs, tell JetStream it is still working (so a slow commit is not redelivered), default true. */
  extendAckWhileWorking?: boolean;
  handler: (msgs: QueuedMessage[]) => Promise<void>;
}

export interface Consumer {
  /** Stops pulling; waits for the current handler; naks messages fetched but not handled. */
  stop(): Promise<void>;
  /** Messages whose handler resolved and that were acknowledged. */
  readonly processed: number;
  /** Resolves once the durable consumer exists and the first fetch was issued (or when stopped). */
  started(): Promise<void>;
}

interface Resolved {
  durable: string;
  batchSize: number;
  maxWaitMs: number;
  ackWaitMs: number;
  maxAckPending: number;
  nakDelayMs: number;
  maxNakDelayMs: number;
  extendAckWhileWorking: boolean;
}

function resolve(o: ConsumeOptions): Resolved {
  const int = (v: number | undefined, d: number, min: number, what: string) => {
    const x = v ?? d;
    if (!Number.isSafeInteger(x) || x < min) {
      throw new QueueError(
        'QUEUE_CONFIG_INVALID',
        `invalid consume option: ${what} must be an integer >= ${min}`,
      );
    }
    return x;
  };
  if (!isValidName(o.durable)) {
    throw new QueueError(
      'QUEUE_CONFIG_INVALID',
      'invalid consume option: durable must match [A-Za-z0-9_-]{1,64}',
    );
  }
  const batchSize = int(o.batchSize, 100, 1, 'batchSize');
  const maxAckPending = int(o.maxAckPending, Math.max(1000, 4 * batchSize), batchSize, 'maxAckPending');
  return {
    durable: o.durable,
    batchSize,
    maxWaitMs: int(o.maxWaitMs, 1000, 1000, 'maxWaitMs'),
    ackWaitMs: int(o.ackWaitMs, 30_000, 500, 'ackWaitMs'),
    maxAckPending,
    nakDelayMs: int(o.nakDelayMs, 1000, 0, 'nakDelayMs'),
    maxNakDelayMs: int(o.maxNakDelayMs, 60_000, 0, 'maxNakDelayMs'),
    extendAckWhileWorking: o.extendAckWhileWorking ?? true,
  };
}

const MSG_ID = 'Nats-Msg-Id';

export class PullWorker implements Consumer {
  #processed = 0;
  #stopping = false;
  readonly #done: Promise<void>;
  #wake: (() => void) | undefined;
  #startedResolve: (() => void) | undefined;
  readonly #started: Promise<void>;
  readonly #cfg: Resolved;

  constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly q: ResolvedQueueOptions,
    private readonly opts: ConsumeOptions,
  ) {
    this.#cfg = resolve(opts);
    this.#started = new Promise((r) => {
      this.#startedResolve = r;
    });
    this.#done = this.#run().catch((err: unknown) => {
      this.q.log('error', 'queue consumer loop ended unexpectedly', {
        durable: this.#cfg.durable,
        err: errName(err),
      });
    });
  }

  get processed(): number {
    return this.#processed;
  }

  started(): Promise<void> {
    return this.#started;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#done;
    this.#startedResolve?.();
  }

  async #run(): Promise<void> {
    const cfg = this.#cfg;
    let failures = 0;
    let consumer: Awaited<ReturnType<JetStreamClient['consumers']['get']>> | undefined;
    while (!this.#stopping) {
      try {
        if (!consumer) {
          await this.#ensureConsumer();
          consumer = await this.js.consumers.get(this.q.stream, cfg.durable);
          // What was already waiting when this worker (re)started: its first group.
          this.#pending = (await consumer.info(true)).num_pending;
          this.#startedResolve?.();
        }
        const msgs = await this.#fetch(consumer);
        failures = 0;
        if (msgs.length === 0) continue;
        if (this.#stopping) {
          for (const m of msgs) m.nak();
          await this.#flush();
          break;
        }
        await this.#handle(msgs);
      } catch (err) {
        failures++;
        if (err instanceof QueueError && err.code === 'QUEUE_CONFIG_INVALID') {
          this.q.log('error', 'queue consumer refused by JetStream', {
            durable: cfg.durable,
            err: errName(err),
          });
        } else {
          this.q.log('warn', 'queue fetch failed; retrying', {
            durable: cfg.durable,
            kind: classifyNatsError(err),
            err: errName(err),
          });
        }
        // the consumer (or its stream) may be gone — deleted, or lost with a server's storage:
        // look it up again, re-creating it if needed, before the next fetch
        consumer = undefined;
        await this.#sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  /** Creates the durable consumer or brings its mutable settings in line with this worker's. */
  async #ensureConsumer(): Promise<void> {
    const cfg = this.#cfg;
    const want = {
      durable_name: cfg.durable,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(cfg.ackWaitMs),
      max_ack_pending: cfg.maxAckPending,
      deliver_policy: DeliverPolicy.All,
      replay_policy: ReplayPolicy.Instant,
      filter_subject: this.q.subject,
      max_deliver: -1,
    };
    try {
      let info: Awaited<ReturnType<JetStreamManager['consumers']['info']>> | undefined;
      try {
        info = await this.jsm.consumers.info(this.q.stream, cfg.durable);
      } catch (err) {
        if (!isConsumerNotFound(err)) throw err;
      }
      if (!info) {
        await this.jsm.consumers.add(this.q.stream, want);
        this.q.log('info', 'queue consumer created', { durable: cfg.durable });
      } else if (
        info.config.ack_wait !== want.ack_wait ||
        info.config.max_ack_pending !== want.max_ack_pending
      ) {
        await this.jsm.consumers.update(this.q.stream, cfg.durable, {
          ack_wait: want.ack_wait,
          max_ack_pending: want.max_ack_pending,
        });
        this.q.log('info', 'queue consumer updated', { durable: cfg.durable });
      }
    } catch (err) {
      if (classifyNatsError(err) === 'rejected') {
        throw new QueueError('QUEUE_CONFIG_INVALID', `JetStream refused consumer ${cfg.durable}`, {
          cause: err,
        });
      }
      throw err;
    }
  }

  /** Messages JetStream said were waiting after the last fetch (its last message's `pending`). */
  #pending = 0;

  /** One pull request; returns what it delivered, even when it ends early on an error. */
  async #fetch(
    consumer: NonNullable<Awaited<ReturnType<JetStreamClient['consumers']['get']>>>,
  ): Promise<JsMsg[]> {
    const out: JsMsg[] = [];
    try {
      // Ask for what is known to be waiting (returned at once), or, when nothing is, for the next
      // message (returned as soon as it arrives): a pull request for more than is waiting holds
      // what came until it is full or expires, up to `maxWaitMs` of latency for nothing. Under
      // load the groups grow to what arrived while the last one was handled, up to `batchSize`.
      const max = Math.max(1, Math.min(this.#cfg.batchSize, this.#pending));
      const iter = await consumer.fetch({ max_messages: max, expires: this.#cfg.maxWaitMs });
      for await (const m of iter) out.push(m);
      const last = out.at(-1);
      this.#pending = last ? last.info.pending : 0;
    } catch (err) {
      if (out.length === 0) throw err;
      this.q.log('warn', 'queue fetch ended early', {
        durable: this.#cfg.durable,
        got: out.length,
        err: errName(err),
      });
    }
    return out;
  }

  async #handle(msgs: JsMsg[]): Promise<void> {
    const cfg = this.#cfg;
    const batch: QueuedMessage[] = [];
    const taken: JsMsg[] = [];
    for (const m of msgs) {
      const id = m.headers?.get(MSG_ID);
      if (!id) {
        // not published through BatchQueue.publish: no batch id, so no idempotent store is possible
        m.term('no Nats-Msg-Id');
        this.q.log('error', 'queue message without batch id terminated', {
          durable: cfg.durable,
          seq: m.seq,
        });
        continue;
      }
      batch.push({ id, payload: m.data, redelivered: m.redelivered, seq: m.seq });
      taken.push(m);
    }
    if (batch.length === 0) return;
    const keepAlive = cfg.extendAckWhileWorking
      ? setInterval(
          () => {
            for (const m of taken) m.working();
          },
          Math.max(250, Math.floor(cfg.ackWaitMs / 3)),
        )
      : undefined;
    let failed: unknown;
    try {
      await this.opts.handler(batch);
    } catch (err) {
      failed = err ?? new Error('handler threw');
    } finally {
      clearInterval(keepAlive);
    }
    if (failed === undefined) {
      for (const m of taken) m.ack();
      this.#processed += taken.length;
      await this.#flush();
      return;
    }
    for (const m of taken) m.nak(this.#nakDelay(m.info.deliveryCount));
    this.q.log('warn', 'queue handler failed; messages will be redelivered', {
      durable: cfg.durable,
      count: taken.length,
      err: errName(failed),
    });
    await this.#flush();
  }

  #nakDelay(deliveryCount: number): number {
    const { nakDelayMs, maxNakDelayMs } = this.#cfg;
    return Math.min(maxNakDelayMs, nakDelayMs * 2 ** Math.min(Math.max(0, deliveryCount - 1), 20));
  }

  /** Pushes acks/naks to the server; if it cannot, redelivery plus writer idempotency cover it. */
  async #flush(): Promise<void> {
    try {
      await deadline(this.nc.flush(), this.q.apiTimeoutMs);
    } catch (err) {
      this.q.log('warn', 'queue acknowledgements not confirmed; unconfirmed ones will be redelivered', {
        durable: this.#cfg.durable,
        err: errName(err),
      });
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((r) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        r();
      }
      this.#wake = done;
    });
  }
}

function isConsumerNotFound(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    'code' in err &&
    (err as { code: unknown }).code === JS_CONSUMER_NOT_FOUND
  );
}

/** Error class/code only: never the message, which may carry subjects or server detail. */
export function errName(err: unknown): string {
  if (err instanceof QueueError) return err.code;
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return code === undefined ? err.name : `${err.name}:${String(code)}`;
  }
  return typeof err;
}
