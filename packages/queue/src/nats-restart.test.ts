/**
 * The NATS server is restarted (SIGTERM, and SIGKILL for a crash; then started again on the same
 * port and storage) while
 * batches are being published and consumed. Publishers see success or a QueueError and retry the
 * same id, as a device does; every id whose publish resolved is stored, none twice (issue 9).
 * `ready()` is false while the server is down and true again after it returns.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BatchQueue, connectQueue, QueueError } from './index.ts';
import { IdempotentFileStore } from './test-support/idempotent-file-store.ts';
import { NatsServer, natsSkipReason } from './test-support/nats-server.ts';

const skip = natsSkipReason();
if (skip) console.warn(`[@steno/queue] ${skip}`);

const waitFor = async (cond: () => boolean | Promise<boolean>, ms = 30_000) => {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skip !== undefined)('NATS restarted under load', () => {
  let nats: NatsServer;
  let publisher: BatchQueue;
  let writer: BatchQueue;
  let dir: string;

  beforeAll(async () => {
    nats = await NatsServer.start();
    const common = { servers: nats.url, stream: 'RESTART', subject: 'restart.batches', reconnectWaitMs: 100 };
    publisher = await connectQueue({ ...common, name: 'ingest', publishTimeoutMs: 1000, publishAttempts: 2 });
    writer = await connectQueue({ ...common, name: 'writer' });
    dir = mkdtempSync(join(tmpdir(), 'steno-queue-restart-'));
  });
  afterAll(async () => {
    await publisher?.close();
    await writer?.close();
    await nats?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)(
    '%s: loses no acknowledged batch and stores none twice; ready() follows the server',
    async (signal) => {
      const N = 600;
      const ids = Array.from({ length: N }, (_, i) => `${signal}-${String(i).padStart(4, '0')}`);
      const payload = (id: string) => new TextEncoder().encode(`${id}:${'y'.repeat(4000)}`);
      const storePath = join(dir, `${signal}.log`);
      const store = IdempotentFileStore.open(storePath);
      let skipped = 0;
      const consumer = writer.consume({
        durable: 'writers',
        batchSize: 25,
        ackWaitMs: 2000,
        nakDelayMs: 100,
        handler: async (msgs) => {
          skipped += store.commit(msgs).skipped;
          await sleep(5);
        },
      });
      await consumer.started();

      // 8 publishers, each retrying the same id on QueueError like a device's uploader
      const acked = new Set<string>();
      const errors = new Map<string, number>();
      let duplicates = 0;
      let next = 0;
      const publishOne = async (id: string) => {
        for (;;) {
          try {
            const r = await publisher.publish(id, payload(id));
            if (r.duplicate) duplicates++;
            acked.add(id);
            return;
          } catch (err) {
            if (!(err instanceof QueueError)) throw err;
            errors.set(err.code, (errors.get(err.code) ?? 0) + 1);
            await sleep(100);
          }
        }
      };
      const publishers = Array.from({ length: 8 }, async () => {
        for (let i = next++; i < N; i = next++) {
          const id = ids[i];
          if (id) await publishOne(id);
          await sleep(2);
        }
      });

      await waitFor(() => acked.size >= 150 && store.size >= 50);
      expect(await publisher.ready()).toBe(true);
      const ackedBefore = acked.size;
      await nats.stop(signal);
      await waitFor(async () => !(await publisher.ready()));
      expect(await writer.ready()).toBe(false);
      expect(await writer.lag('writers')).toBeUndefined();
      await sleep(700); // publishers hit the outage
      await nats.restart();
      await waitFor(async () => (await publisher.ready()) && (await writer.ready()));

      await Promise.all(publishers);
      expect(acked.size).toBe(N);
      expect(acked.size).toBeGreaterThan(ackedBefore);
      await waitFor(() => store.size === N, 40_000);
      await waitFor(async () => (await writer.lag('writers')) === 0);
      await consumer.stop();
      store.close();

      const stored = IdempotentFileStore.readIds(storePath);
      expect(new Set(stored).size).toBe(N);
      expect(stored.length).toBe(N); // nothing stored twice
      expect([...acked].every((id) => stored.includes(id))).toBe(true);
      console.info(
        `[@steno/queue restart ${signal}] publish errors ${JSON.stringify(Object.fromEntries(errors))}, ` +
          `duplicate PubAcks ${duplicates}, redeliveries skipped by the writer ${skipped}`,
      );
    },
  );
});
