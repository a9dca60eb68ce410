/**
 * A writer worker in its own process, for the kill test: pulls from the shared durable consumer,
 * "commits" into an IdempotentFileStore, and reports each commit on stdout as a JSON line. With
 * PAUSE_AFTER_COMMIT_MS it waits between the commit and the return (the ack), so a SIGKILL can land
 * in the window where a batch is stored but not acknowledged. Run: `node --import tsx writer-worker.ts`.
 */
import { connectQueue } from '../index.ts';
import { IdempotentFileStore } from './idempotent-file-store.ts';

const env = (k: string, d?: string): string => {
  const v = process.env[k] ?? d;
  if (v === undefined) throw new Error(`missing ${k}`);
  return v;
};

const store = IdempotentFileStore.open(env('STORE'));
const pause = Number(env('PAUSE_AFTER_COMMIT_MS', '0'));
const queue = await connectQueue({
  servers: env('NATS_URL'),
  stream: env('STREAM'),
  subject: env('SUBJECT'),
  name: 'writer-worker',
  reconnectWaitMs: 100,
});
let total = 0;
const consumer = queue.consume({
  durable: env('DURABLE'),
  batchSize: Number(env('BATCH', '20')),
  ackWaitMs: Number(env('ACK_WAIT_MS', '2000')),
  nakDelayMs: 100,
  handler: async (msgs) => {
    const r = store.commit(msgs);
    total += r.stored;
    const redelivered = msgs.filter((m) => m.redelivered).length;
    process.stdout.write(`${JSON.stringify({ ...r, redelivered, total })}\n`);
    if (pause > 0) await new Promise((res) => setTimeout(res, pause));
  },
});
await consumer.started();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);

process.once('SIGTERM', () => {
  void (async () => {
    await queue.close();
    store.close();
    process.exit(0);
  })();
});
