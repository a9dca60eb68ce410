/**
 * Queue micro-benchmark (issue 9): acknowledged JetStream publish and pull-consume of ~20 KiB
 * messages (one Steno batch of ~100 events each) through @steno/queue, against the anchor of raw
 * core-NATS publish of the same bytes in the same run. Starts its own nats-server on a free port
 * with a temporary store (removed afterwards) unless `--nats URL` is given (then it uses a stream
 * of its own and deletes it). Prints a table; writes nothing else. Run:
 * `node --conditions=development --import tsx packages/queue/bench/queue.ts [--messages 4000] [--repeat 5] [--size 20480]
 * [--window 64] [--batch 100] [--nats URL]`.
 */
import { cpus } from 'node:os';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { connectQueue } from '../src/index.ts';
import { NatsServer } from '../src/test-support/nats-server.ts';

export interface Figure {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export interface QueueBenchFigures {
  messages: number;
  payloadBytes: number;
  window: number;
  batch: number;
  /** msgs/s */
  corePublish: Figure;
  ackedPublishSerial: Figure;
  ackedPublishWindowed: Figure;
  /** the bare client's js.publish with msgID, same window: what the wrapper costs */
  bareJsPublishWindowed: Figure;
  consume: Figure;
  machine: Record<string, unknown>;
}

function arg(args: string[], name: string, d: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : d;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

function figure(runs: number[]): Figure {
  const s = [...runs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
  return { median, min: s[0] ?? 0, max: s[s.length - 1] ?? 0, runs };
}

export async function measureQueue(args: string[]): Promise<QueueBenchFigures> {
  const messages = arg(args, 'messages', 4000);
  const repeat = arg(args, 'repeat', 5);
  const size = arg(args, 'size', 20 * 1024);
  const window = arg(args, 'window', 64);
  const batch = arg(args, 'batch', 100);
  const natsIdx = args.indexOf('--nats');
  const external = natsIdx >= 0 ? args[natsIdx + 1] : undefined;
  const server = external ? undefined : await NatsServer.start();
  const url = external ?? server?.url ?? '';
  const stream = `STENO_BENCH_${process.pid}`;
  const subject = `steno.bench.${process.pid}`;

  const payload = new Uint8Array(size);
  for (let i = 0; i < size; i++) payload[i] = (i * 31) & 0xff;

  const nc = await connect({ servers: url, name: 'queue-bench-core' });
  const queue = await connectQueue({ servers: url, stream, subject, name: 'queue-bench' });
  let seq = 0;
  const nextId = () => `bench-${process.pid}-${seq++}`;

  // anchor: core NATS publish of the same bytes, no subscriber, no persistence; flush = server has read them
  const core = async () => {
    const t0 = performance.now();
    for (let i = 0; i < messages; i++) nc.publish('steno.bench.core', payload);
    await nc.flush();
    return messages / ((performance.now() - t0) / 1000);
  };
  // acknowledged publish, one at a time (an ingest request's latency path)
  const serial = async () => {
    const n = Math.max(200, Math.floor(messages / 10));
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await queue.publish(nextId(), payload);
    return n / ((performance.now() - t0) / 1000);
  };
  // acknowledged publish with `window` in flight (many concurrent ingest requests)
  const windowed = async () => {
    const t0 = performance.now();
    let issued = 0;
    await Promise.all(
      Array.from({ length: window }, async () => {
        while (issued < messages) {
          issued++;
          await queue.publish(nextId(), payload);
        }
      }),
    );
    return messages / ((performance.now() - t0) / 1000);
  };
  // the same through the bare client, for the wrapper's cost
  const js = jetstream(nc);
  const bare = async () => {
    const t0 = performance.now();
    let issued = 0;
    await Promise.all(
      Array.from({ length: window }, async () => {
        while (issued < messages) {
          issued++;
          await js.publish(subject, payload, { msgID: nextId() });
        }
      }),
    );
    return messages / ((performance.now() - t0) / 1000);
  };
  // pull-consume what the publishes left in the stream: fetch `batch`, no-op handler, ack, flush
  const drain = async () => {
    const lag = (await queue.lag('bench-writers')) ?? 0;
    let done = 0;
    const t0 = performance.now();
    const c = queue.consume({
      durable: 'bench-writers',
      batchSize: batch,
      handler: async (msgs) => {
        done += msgs.length;
      },
    });
    while (done < lag) await new Promise((r) => setTimeout(r, 1));
    const s = (performance.now() - t0) / 1000;
    await c.stop();
    return lag / s;
  };

  const runs = {
    core: [] as number[],
    serial: [] as number[],
    windowed: [] as number[],
    bare: [] as number[],
    consume: [] as number[],
  };
  try {
    await core(); // warm-up
    await windowed();
    await drain();
    for (let r = 0; r < repeat; r++) {
      runs.core.push(await core());
      runs.serial.push(await serial());
      await drain();
      runs.bare.push(await bare());
      await drain();
      runs.windowed.push(await windowed());
      runs.consume.push(await drain());
    }
  } finally {
    await queue.close();
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.delete(stream);
    } catch {
      // the server may already be gone
    }
    await nc.close();
    await server?.dispose();
  }
  return {
    messages,
    payloadBytes: size,
    window,
    batch,
    corePublish: figure(runs.core),
    ackedPublishSerial: figure(runs.serial),
    ackedPublishWindowed: figure(runs.windowed),
    bareJsPublishWindowed: figure(runs.bare),
    consume: figure(runs.consume),
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' },
  };
}

export async function main(args: string[]): Promise<QueueBenchFigures> {
  const f = await measureQueue(args);
  const mib = (msgs: number) => ((msgs * f.payloadBytes) / 2 ** 20).toFixed(0);
  const rows: [string, Figure][] = [
    ['core NATS publish (anchor)', f.corePublish],
    ['acked publish, 1 in flight', f.ackedPublishSerial],
    [`acked publish, ${f.window} in flight`, f.ackedPublishWindowed],
    [`  same, bare js.publish (no wrapper)`, f.bareJsPublishWindowed],
    [`pull consume, fetch ${f.batch}, ack`, f.consume],
  ];
  console.log(
    `\n@steno/queue: ${f.messages} messages of ${f.payloadBytes} B per run, median of ${f.corePublish.runs.length}`,
  );
  const head = ['what', 'msgs/s', 'MiB/s', 'min–max msgs/s', 'vs anchor'];
  const body = rows.map(([name, x]) => [
    name,
    x.median.toFixed(0),
    mib(x.median),
    `${x.min.toFixed(0)}–${x.max.toFixed(0)}`,
    `${((100 * x.median) / f.corePublish.median).toFixed(1)} %`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) console.log(line(r));
  if (f.payloadBytes === 20 * 1024) {
    // a Steno batch of ~100 events is ~20 KiB on the wire
    console.log(
      `\nat ~100 events per message: acked publish ≈ ${(f.ackedPublishWindowed.median / 10).toFixed(0)}k events/s, ` +
        `consume ≈ ${(f.consume.median / 10).toFixed(0)}k events/s`,
    );
  }
  return f;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(process.argv.slice(2));
}
