/**
 * Prometheus metrics of one server process: ingest rate, rejected batches by code, queue lag,
 * guard and policy decisions by outcome, audit append latency. Aggregates only — no label ever
 * carries a subject, a device, a person or a token (invariant 6: no per-person metrics).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export class StenoMetrics {
  readonly registry = new Registry();
  readonly batchesAccepted: Counter;
  readonly eventsAccepted: Counter;
  readonly batchesRejected: Counter<'code'>;
  readonly batchesReplayed: Counter;
  readonly eventsDropped: Counter<'code'>;
  readonly decisions: Counter<'action' | 'outcome'>;
  readonly auditAppendSeconds: Histogram;
  readonly ingestStageSeconds: Histogram;
  readonly queueLag: Gauge;
  /** Set by the server when a queue is configured. */
  lagSource: (() => Promise<number | undefined>) | undefined;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'steno_' });
    this.batchesAccepted = new Counter({
      name: 'steno_batches_accepted_total',
      help: 'Batches accepted the first time (stored, or queued durably in production mode); retries are counted apart.',
      registers,
    });
    this.eventsAccepted = new Counter({
      name: 'steno_events_accepted_total',
      help: 'Events stored from accepted batches (retries not counted again).',
      registers,
    });
    this.batchesRejected = new Counter({
      name: 'steno_batches_rejected_total',
      help: 'Batches refused, by stable error code.',
      labelNames: ['code'],
      registers,
    });
    this.batchesReplayed = new Counter({
      name: 'steno_batches_replayed_total',
      help: 'Retries of batches already accepted: answered with the stored acknowledgement, stored nothing.',
      registers,
    });
    this.eventsDropped = new Counter({
      name: 'steno_events_dropped_total',
      help: 'Events of accepted or refused batches not stored because capture was not permitted, by reason code.',
      labelNames: ['code'],
      registers,
    });
    this.decisions = new Counter({
      name: 'steno_policy_decisions_total',
      help: 'Authorisation decisions (guard and routes), by action and outcome.',
      labelNames: ['action', 'outcome'],
      registers,
    });
    this.auditAppendSeconds = new Histogram({
      name: 'steno_audit_append_seconds',
      help: 'Latency of appending one entry to the audit log.',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5],
      registers,
    });
    this.ingestStageSeconds = new Histogram({
      name: 'steno_ingest_stage_seconds',
      help: 'Time one batch spends in each stage of ingest (envelope, device, signature, schema, checks, replay, permission, second_wall, encode, encrypt, store).',
      labelNames: ['stage'],
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
      registers,
    });
    const self = this;
    this.queueLag = new Gauge({
      name: 'steno_queue_lag_messages',
      help: 'Batches queued in JetStream and not yet written (production mode).',
      registers,
      async collect() {
        const lag = await self.lagSource?.().catch(() => undefined);
        if (lag !== undefined) this.set(lag);
      },
    });
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }
}
