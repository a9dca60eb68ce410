/**
 * A writer worker is SIGKILLed in the middle of a stream, in the window after its commit and
 * before its ack; another worker takes over. JetStream redelivers what the dead one never
 * acknowledged, the writer's idempotency (skip ids already stored) drops the already-committed
 * ones: every batch ends up stored exactly once (issue 9).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BatchQueue, connectQueue } from './index.ts';
import { IdempotentFileStore } from './test-support/idempotent-file-store.ts';
import { NatsServer, natsSkipReason } from './test-support/nats-server.ts';

const skip = natsSkipReason();
if (skip) console.warn(`[@steno/queue] ${skip}`);

const here = dirname(fileURLToPath(import.meta.url));
const STREAM = 'KILL';
const SUBJECT = 'kill.batches';
const DURABLE = 'writers';

interface Report {
  ready?: boolean;
  stored?: number;
  skipped?: number;
  redelivered?: number;
  total?: number;
}

/** Starts a writer process; `onReport` sees each JSON line it prints. */
function startWriter(env: Record<string, string>, onReport: (r: Report) => void): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', join(here, 'test-support', 'writer-worker.ts')],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{')) onReport(JSON.parse(line) as Report);
    });
  }
  return child;
}

const exited = (c: ChildProcess) =>
  c.exitCode !== null || c.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => c.once('exit', () => r()));

const waitFor = async (cond: () => boolean | Promise<boolean>, ms = 30_000) => {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe.skipIf(skip !== undefined)('a writer killed mid-stream', () => {
  let nats: NatsServer;
  let queue: BatchQueue;
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    nats = await NatsServer.start();
    queue = await connectQueue({ servers: nats.url, stream: STREAM, subject: SUBJECT });
    dir = mkdtempSync(join(tmpdir(), 'steno-queue-kill-'));
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await queue?.close();
    await nats?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing and stores nothing twice', async () => {
    const N = 400;
    const ids = Array.from({ length: N }, (_, i) => `kb-${String(i).padStart(4, '0')}`);
    const payload = (id: string) => new TextEncoder().encode(`${id}:${'x'.repeat(2000)}`);
    const storePath = join(dir, 'store.log');
    const env = {
      NATS_URL: nats.url,
      STREAM,
      SUBJECT,
      DURABLE,
      STORE: storePath,
      BATCH: '20',
      ACK_WAIT_MS: '1500',
    };

    for (const id of ids.slice(0, N / 2)) await queue.publish(id, payload(id));

    // worker A: pauses 200 ms between each commit and its ack; killed right after a commit
    let aTotal = 0;
    let killedAfter = -1;
    const a = startWriter({ ...env, PAUSE_AFTER_COMMIT_MS: '200' }, (r) => {
      if (r.total === undefined) return;
      aTotal = r.total;
      if (aTotal >= 100 && killedAfter < 0) {
        killedAfter = aTotal;
        a.kill('SIGKILL'); // stored, fsynced, not yet acknowledged
      }
    });
    children.push(a);
    // the rest of the stream arrives while A works
    const publishing = (async () => {
      for (const id of ids.slice(N / 2)) await queue.publish(id, payload(id));
    })();
    await exited(a);
    expect(a.signalCode).toBe('SIGKILL');
    expect(killedAfter).toBeGreaterThanOrEqual(100);
    const storedByA = IdempotentFileStore.readIds(storePath).length;
    expect(storedByA).toBe(killedAfter);
    expect(storedByA).toBeLessThan(N);

    // worker B takes over the same durable consumer
    let bStored = 0;
    let bSkipped = 0;
    let bRedelivered = 0;
    const b = startWriter(env, (r) => {
      bStored += r.stored ?? 0;
      bSkipped += r.skipped ?? 0;
      bRedelivered += r.redelivered ?? 0;
    });
    children.push(b);
    await publishing;
    await waitFor(async () => storedByA + bStored === N && (await queue.lag(DURABLE)) === 0);
    b.kill('SIGTERM');
    await exited(b);
    expect(b.exitCode).toBe(0);

    // the batch A committed but never acknowledged came back, and B skipped it
    expect(bRedelivered).toBeGreaterThan(0);
    expect(bSkipped).toBeGreaterThan(0);
    const stored = IdempotentFileStore.readIds(storePath);
    expect(stored.length).toBe(N);
    expect(new Set(stored).size).toBe(N);
    expect([...stored].sort()).toEqual(ids);
  });
});
