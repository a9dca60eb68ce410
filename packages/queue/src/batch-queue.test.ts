/**
 * @steno/queue against a real JetStream (a private nats-server for this file): delivery once,
 * ack only after the handler resolves, deduplication by batch id, lag, readiness, and the error
 * codes callers act on.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BatchQueue, connectQueue, type QueuedMessage, QueueError } from './index.ts';
import { freePort, NatsServer, natsSkipReason } from './test-support/nats-server.ts';

const skip = natsSkipReason();
if (skip) console.warn(`[@steno/queue] ${skip}`);

const bytes = (id: string, size = 1024) => {
  const b = new Uint8Array(size);
  b.set(new TextEncoder().encode(id));
  return b;
};
const waitFor = async (cond: () => boolean | Promise<boolean>, ms = 15_000) => {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe.skipIf(skip !== undefined)('BatchQueue on JetStream', () => {
  let nats: NatsServer;
  let queue: BatchQueue;

  beforeAll(async () => {
    nats = await NatsServer.start();
    queue = await connectQueue({
      servers: nats.url,
      stream: 'BASIC',
      subject: 'basic.batches',
      name: 'test',
    });
  });
  afterAll(async () => {
    await queue?.close();
    await nats?.dispose();
  });

  it('delivers each published batch once, acks after the handler, deduplicates a re-published id', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `batch-${String(i).padStart(3, '0')}`);
    const seqs = new Map<string, number>();
    for (const id of ids) {
      const r = await queue.publish(id, bytes(id));
      expect(r.duplicate).toBe(false);
      seqs.set(id, r.seq);
    }
    // the client retried (its ack was lost, say): same id inside the window
    const again = await queue.publish('batch-007', bytes('batch-007'));
    expect(again).toEqual({ duplicate: true, seq: seqs.get('batch-007') });
    expect(await queue.lag('basic-writers')).toBe(60);

    const seen: QueuedMessage[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let calls = 0;
    const consumer = queue.consume({
      durable: 'basic-writers',
      batchSize: 25,
      handler: async (msgs) => {
        calls++;
        if (calls === 1) await gate; // hold the first batch: it must stay unacknowledged
        seen.push(...msgs);
      },
    });
    await consumer.started();
    await waitFor(() => calls === 1);
    // while the handler runs nothing is acknowledged: the whole stream is still lag
    expect(await queue.lag('basic-writers')).toBe(60);
    expect(consumer.processed).toBe(0);
    release();
    await waitFor(() => consumer.processed === 60);
    await waitFor(async () => (await queue.lag('basic-writers')) === 0);

    // published after consumption (the WorkQueue already removed it): still a duplicate in the window
    const late = await queue.publish('batch-042', bytes('batch-042'));
    expect(late.duplicate).toBe(true);
    await new Promise((r) => setTimeout(r, 1200)); // one more fetch cycle: nothing redelivered
    await consumer.stop();

    expect(seen.map((m) => m.id).sort()).toEqual(ids);
    expect(seen.every((m) => !m.redelivered)).toBe(true);
    expect(new TextDecoder().decode(seen[0]?.payload.subarray(0, 9))).toBe('batch-000');
    expect(consumer.processed).toBe(60);
    expect(await queue.lag('basic-writers')).toBe(0);
  });

  it('redelivers a batch whose handler threw, marked redelivered, and acks it when it succeeds', async () => {
    await queue.publish('fail-1', bytes('fail-1'));
    await queue.publish('fail-2', bytes('fail-2'));
    const deliveries: { id: string; redelivered: boolean }[] = [];
    let attempts = 0;
    const consumer = queue.consume({
      durable: 'basic-writers',
      nakDelayMs: 50,
      handler: async (msgs) => {
        deliveries.push(...msgs.map((m) => ({ id: m.id, redelivered: m.redelivered })));
        attempts++;
        if (attempts === 1) throw new Error('database unavailable');
      },
    });
    await waitFor(() => consumer.processed === 2);
    await consumer.stop();
    expect(deliveries.filter((d) => !d.redelivered).map((d) => d.id)).toEqual(['fail-1', 'fail-2']);
    expect(deliveries.filter((d) => d.redelivered).map((d) => d.id)).toEqual(['fail-1', 'fail-2']);
    expect(await queue.lag('basic-writers')).toBe(0);
  });

  it('hands a lone batch to the writer as it arrives, not when a pull for a full group expires', async () => {
    const handled: { id: string; at: number }[] = [];
    const consumer = queue.consume({
      durable: 'basic-writers',
      batchSize: 200,
      maxWaitMs: 6_000,
      handler: async (msgs) => {
        handled.push(...msgs.map((m) => ({ id: m.id, at: Date.now() })));
      },
    });
    await consumer.started();
    const sent = Date.now();
    await queue.publish('lone-1', bytes('lone-1'));
    await waitFor(() => handled.length === 1, 15_000);
    await consumer.stop();
    // A pull for 200 held it until 200 came or the pull expired (6 s); this one returned with it.
    expect(handled[0]?.id).toBe('lone-1');
    expect((handled[0]?.at ?? Number.POSITIVE_INFINITY) - sent).toBeLessThan(4_000);
  });

  it('splits the work between workers on the same durable, each batch to one of them', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `split-${i}`);
    await Promise.all(ids.map((id) => queue.publish(id, bytes(id))));
    const got: string[][] = [[], []];
    const workers = [0, 1].map((w) =>
      queue.consume({
        durable: 'basic-writers',
        batchSize: 10,
        handler: async (msgs) => {
          got[w]?.push(...msgs.map((m) => m.id));
          await new Promise((r) => setTimeout(r, 20));
        },
      }),
    );
    await waitFor(() => workers.reduce((a, w) => a + w.processed, 0) === 200);
    await Promise.all(workers.map((w) => w.stop()));
    const all = [...(got[0] ?? []), ...(got[1] ?? [])];
    expect(all.sort()).toEqual([...ids].sort());
    expect(got[0]?.length).toBeGreaterThan(0);
    expect(got[1]?.length).toBeGreaterThan(0);
  });

  it('reports ready; lag of a consumer not yet created is what the stream holds', async () => {
    expect(await queue.ready()).toBe(true);
    expect(await queue.lag('nobody')).toBe(0);
  });

  it('refuses bad ids, a second consumer group on the work queue, and a retention change', async () => {
    await expect(queue.publish('', bytes('x'))).rejects.toMatchObject({ code: 'QUEUE_MESSAGE_INVALID' });
    await expect(queue.publish('a\r\nb', bytes('x'))).rejects.toMatchObject({
      code: 'QUEUE_MESSAGE_INVALID',
    });
    expect(() => queue.consume({ durable: 'bad.name', handler: async () => {} })).toThrow(QueueError);
    expect(() =>
      queue.consume({ durable: 'w', maxAckPending: 10, batchSize: 50, handler: async () => {} }),
    ).toThrow(/maxAckPending/);

    const logs: string[] = [];
    const other = await connectQueue({
      servers: nats.url,
      stream: 'BASIC',
      subject: 'basic.batches',
      log: (level, msg) => logs.push(`${level} ${msg}`),
    });
    const rogue = other.consume({ durable: 'second-group', handler: async () => {} });
    await waitFor(() => logs.some((l) => l === 'error queue consumer refused by JetStream'));
    await rogue.stop();
    await other.close();

    // an existing stream of the same name with Limits retention cannot become a work queue in place
    const nc = await connect({ servers: nats.url });
    await (await jetstreamManager(nc)).streams.add({ name: 'LIMITS', subjects: ['limits.batches'] });
    await nc.close();
    await expect(
      connectQueue({ servers: nats.url, stream: 'LIMITS', subject: 'limits.batches' }),
    ).rejects.toMatchObject({
      code: 'QUEUE_CONFIG_INVALID',
    });
  });

  it('fails with QUEUE_FULL at maxBytes (Discard New), not by dropping accepted batches', async () => {
    const small = await connectQueue({
      servers: nats.url,
      stream: 'SMALL',
      subject: 'small.batches',
      maxBytes: 64 * 1024,
    });
    let accepted = 0;
    const err = await (async () => {
      for (let i = 0; i < 100; i++) {
        try {
          await small.publish(`s-${i}`, bytes(`s-${i}`, 8 * 1024));
          accepted++;
        } catch (e) {
          return e;
        }
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(QueueError);
    expect((err as QueueError).code).toBe('QUEUE_FULL');
    expect(accepted).toBeGreaterThan(3);
    expect(await small.lag('small-writers')).toBe(accepted); // the first ones are all still there
    await small.close();
  });

  it('connectQueue fails with QUEUE_UNAVAILABLE when nothing listens, QUEUE_CONFIG_INVALID for a bad option', async () => {
    const port = await freePort();
    await expect(connectQueue({ servers: `nats://127.0.0.1:${port}` })).rejects.toMatchObject({
      code: 'QUEUE_UNAVAILABLE',
    });
    await expect(connectQueue({ servers: nats.url, stream: 'no spaces' })).rejects.toMatchObject({
      code: 'QUEUE_CONFIG_INVALID',
    });
    await expect(connectQueue({ servers: nats.url, subject: 'steno.*' })).rejects.toMatchObject({
      code: 'QUEUE_CONFIG_INVALID',
    });
  });

  it('re-creates a lost stream on publish, and the consumer re-creates itself', async () => {
    const q = await connectQueue({
      servers: nats.url,
      stream: 'LOST',
      subject: 'lost.batches',
      publishAttempts: 3,
    });
    const got: string[] = [];
    const c = q.consume({
      durable: 'lost-writers',
      handler: async (msgs) => {
        got.push(...msgs.map((m) => m.id));
      },
    });
    await c.started();
    await q.publish('before', bytes('before'));
    await waitFor(() => got.length === 1);
    const nc = await connect({ servers: nats.url });
    await (await jetstreamManager(nc)).streams.delete('LOST'); // e.g. a server restarted on empty storage
    await nc.close();
    expect(await q.ready()).toBe(false);
    const r = await q.publish('after', bytes('after'));
    expect(r.duplicate).toBe(false);
    expect(await q.ready()).toBe(true);
    await waitFor(() => got.includes('after'));
    await c.stop();
    await q.close();
  });

  it('publish after close is QUEUE_CLOSED', async () => {
    const q = await connectQueue({ servers: nats.url, stream: 'BASIC', subject: 'basic.batches' });
    await q.close();
    await expect(q.publish('x', bytes('x'))).rejects.toMatchObject({ code: 'QUEUE_CLOSED' });
    expect(await q.ready()).toBe(false);
  });
});
