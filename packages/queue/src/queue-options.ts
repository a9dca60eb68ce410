/**
 * Options of the queue layer, validated once at connect time and frozen. Defaults are chosen for
 * Steno's message shape: one message is one signed device batch (~100 events, ~20 KiB).
 */
import { QueueError } from './queue-error.ts';

export type QueueLogLevel = 'info' | 'warn' | 'error';
export type QueueLog = (level: QueueLogLevel, msg: string, fields?: Record<string, unknown>) => void;

export interface QueueOptions {
  /** e.g. 'nats://127.0.0.1:4222'; several for a cluster. */
  servers: string | string[];
  /** Stream name, default 'STENO_BATCHES'. */
  stream?: string;
  /** The one subject the stream captures, default 'steno.batches'. */
  subject?: string;
  /** Stream replicas (1, or 3 in a three-node cluster), default 1. */
  replicas?: number;
  /** JetStream deduplication window by msgID, default 2 minutes. */
  duplicateWindowMs?: number;
  /** Stream size limit in bytes; when reached, publishes fail with QUEUE_FULL (Discard New). */
  maxBytes?: number;
  /** Connection name (shows in the server's connz and in logs). */
  name?: string;
  log?: QueueLog;
  /** Time to wait for one PubAck, default 5 s. */
  publishTimeoutMs?: number;
  /** Attempts of one publish on timeout or no responders before QUEUE_UNAVAILABLE, default 3. */
  publishAttempts?: number;
  /** Time to wait for a JetStream API answer (stream/consumer info, ready, lag), default 2 s. */
  apiTimeoutMs?: number;
  /** Delay between reconnect attempts, default 500 ms (jittered by the client). */
  reconnectWaitMs?: number;
}

export interface ResolvedQueueOptions {
  readonly servers: readonly string[];
  readonly stream: string;
  readonly subject: string;
  readonly replicas: number;
  readonly duplicateWindowMs: number;
  readonly maxBytes: number | undefined;
  readonly name: string;
  readonly log: QueueLog;
  readonly publishTimeoutMs: number;
  readonly publishAttempts: number;
  readonly apiTimeoutMs: number;
  readonly reconnectWaitMs: number;
}

/** JetStream names: no whitespace, no `.`, `*`, `>`, path separators. */
const NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** A literal subject (no wildcards): tokens of safe characters separated by dots. */
const SUBJECT = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

const noLog: QueueLog = () => {};

function invalid(what: string): never {
  throw new QueueError('QUEUE_CONFIG_INVALID', `invalid queue option: ${what}`);
}

function positiveInt(value: number | undefined, fallback: number, what: string, min = 1): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < min) invalid(`${what} must be an integer >= ${min}`);
  return v;
}

export function isValidName(name: string): boolean {
  return NAME.test(name);
}

export function resolveQueueOptions(opts: QueueOptions): ResolvedQueueOptions {
  const servers = typeof opts.servers === 'string' ? [opts.servers] : [...opts.servers];
  if (servers.length === 0 || servers.some((s) => typeof s !== 'string' || s.length === 0)) {
    invalid('servers must name at least one server');
  }
  const stream = opts.stream ?? 'STENO_BATCHES';
  if (!isValidName(stream)) invalid('stream must match [A-Za-z0-9_-]{1,64}');
  const subject = opts.subject ?? 'steno.batches';
  if (!SUBJECT.test(subject)) invalid('subject must be a literal subject without wildcards');
  const replicas = positiveInt(opts.replicas, 1, 'replicas');
  if (replicas > 5) invalid('replicas must be at most 5');
  if (opts.maxBytes !== undefined) positiveInt(opts.maxBytes, 0, 'maxBytes');
  return Object.freeze({
    servers: Object.freeze(servers),
    stream,
    subject,
    replicas,
    duplicateWindowMs: positiveInt(opts.duplicateWindowMs, 120_000, 'duplicateWindowMs', 100),
    maxBytes: opts.maxBytes,
    name: opts.name ?? 'steno-queue',
    log: opts.log ?? noLog,
    publishTimeoutMs: positiveInt(opts.publishTimeoutMs, 5_000, 'publishTimeoutMs', 10),
    publishAttempts: positiveInt(opts.publishAttempts, 3, 'publishAttempts'),
    apiTimeoutMs: positiveInt(opts.apiTimeoutMs, 2_000, 'apiTimeoutMs', 10),
    reconnectWaitMs: positiveInt(opts.reconnectWaitMs, 500, 'reconnectWaitMs', 10),
  });
}
