/**
 * @steno/queue: the durable hand-off between Steno's stateless ingest nodes and its writer workers,
 * on NATS JetStream. Publish is acknowledged only once JetStream holds the batch on disk;
 * deduplicated by batch id; writers pull in batches and acknowledge after their commit. Generic:
 * it knows batch ids and bytes, nothing of Steno's schema.
 */
export { type BatchQueue, connectQueue, type PublishResult } from './batch-queue.ts';
export type { ConsumeOptions, Consumer, QueuedMessage } from './pull-worker.ts';
export { QUEUE_ERROR_CODES, QueueError, type QueueErrorCode } from './queue-error.ts';
export type { QueueLog, QueueLogLevel, QueueOptions, ResolvedQueueOptions } from './queue-options.ts';
