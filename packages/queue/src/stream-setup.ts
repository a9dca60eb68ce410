/**
 * Creates or updates the batch stream. The stream is a durable hand-off buffer between ingest
 * nodes and writer workers, not an archive: file storage, WorkQueue retention (a message is
 * removed once a writer acknowledged it after its commit), Discard New (a full stream refuses new
 * batches — the device keeps them and retries — instead of silently dropping accepted ones), and a
 * deduplication window keyed by batch id. README.md argues each choice.
 */
import {
  DiscardPolicy,
  JetStreamApiError,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { classifyNatsError, JS_STREAM_NOT_FOUND } from './nats-errors.ts';
import { QueueError } from './queue-error.ts';
import type { ResolvedQueueOptions } from './queue-options.ts';

export function streamConfig(o: ResolvedQueueOptions): Partial<StreamConfig> & { name: string } {
  return {
    name: o.stream,
    description: 'Steno: verified device batches waiting for a writer (one message per batch id)',
    subjects: [o.subject],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    discard: DiscardPolicy.New,
    num_replicas: o.replicas,
    duplicate_window: nanos(o.duplicateWindowMs),
    max_bytes: o.maxBytes ?? -1,
    max_msgs: -1,
    max_age: 0,
  };
}

/** Creates the stream, or updates the mutable parts of an existing one; refuses a retention/storage change. */
export async function ensureStream(jsm: JetStreamManager, o: ResolvedQueueOptions): Promise<void> {
  const want = streamConfig(o);
  try {
    let info: Awaited<ReturnType<JetStreamManager['streams']['info']>> | undefined;
    try {
      info = await jsm.streams.info(o.stream);
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === JS_STREAM_NOT_FOUND)) throw err;
    }
    if (!info) {
      await jsm.streams.add(want);
      o.log('info', 'queue stream created', { stream: o.stream, replicas: o.replicas });
      return;
    }
    const have = info.config;
    if (have.retention !== want.retention || have.storage !== want.storage) {
      throw new QueueError(
        'QUEUE_CONFIG_INVALID',
        `stream ${o.stream} exists with retention=${have.retention} storage=${have.storage}; ` +
          `expected ${want.retention}/${want.storage} (these cannot change in place)`,
      );
    }
    const same =
      have.subjects.length === 1 &&
      have.subjects[0] === o.subject &&
      have.discard === want.discard &&
      have.num_replicas === want.num_replicas &&
      have.duplicate_window === want.duplicate_window &&
      have.max_bytes === want.max_bytes;
    if (!same) {
      await jsm.streams.update(o.stream, {
        ...have,
        subjects: [o.subject],
        discard: DiscardPolicy.New,
        num_replicas: o.replicas,
        duplicate_window: want.duplicate_window,
        max_bytes: want.max_bytes,
      });
      o.log('info', 'queue stream updated', { stream: o.stream, replicas: o.replicas });
    }
  } catch (err) {
    if (err instanceof QueueError) throw err;
    const kind = classifyNatsError(err);
    if (kind === 'unavailable') {
      throw new QueueError('QUEUE_UNAVAILABLE', `JetStream did not answer for stream ${o.stream}`, {
        cause: err,
      });
    }
    throw new QueueError('QUEUE_CONFIG_INVALID', `JetStream refused stream ${o.stream}`, { cause: err });
  }
}
