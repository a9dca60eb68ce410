/**
 * Issue 9, end to end on real engines: two ingest nodes publish to NATS JetStream, writer workers
 * (real `steno server --role writer` processes) store into PostgreSQL. A writer is SIGKILLed in the
 * middle of the stream and another started; the NATS server is restarted while devices keep
 * uploading (retrying, as agents do, on a 5xx). Every acknowledged batch is stored, none twice,
 * and the contributor reads all of it back through the guard.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsServer, natsSkipReason } from '../packages/queue/src/test-support/nats-server.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { createStenoServer, type StenoServer } from '../packages/server/src/steno-server.ts';
import { enrolTestDevice, sampleEvents, type TestDevice } from './support/test-device.ts';
import {
  createPgDatabase,
  PG_URL,
  type PgDatabase,
  removeDir,
  requirePgInCi,
  tempDir,
} from './support/test-stores.ts';

const BIN = join(import.meta.dirname, '../packages/cli/bin/steno.js');
requirePgInCi();
const skip = !PG_URL ? 'STENO_PG_URL not set' : natsSkipReason();

describe.skipIf(skip !== undefined)(
  'scale-out: ingest nodes → JetStream → writer workers → PostgreSQL',
  () => {
    let nats: NatsServer;
    let pg: PgDatabase;
    let dataDir: string;
    const kek = randomBytes(32).toString('base64');
    const nodes: StenoServer[] = [];
    const writers: ChildProcess[] = [];

    const startWriter = () =>
      new Promise<ChildProcess>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            BIN,
            'server',
            '--role',
            'writer',
            '--pg',
            pg.url,
            '--nats',
            nats.url,
            '--data',
            dataDir,
            '--port',
            '0',
            '--log-level',
            'warn',
          ],
          { env: { ...process.env, STENO_KEK: kek }, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        writers.push(child);
        let out = '';
        const timer = setTimeout(() => reject(new Error(`writer did not start: ${out}`)), 60_000);
        child.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          if (/listening on/.test(out)) {
            clearTimeout(timer);
            resolve(child);
          }
        });
        child.stderr?.on('data', (d: Buffer) => {
          out += d.toString();
        });
        child.once('exit', (code) => {
          if (!/listening on/.test(out)) reject(new Error(`writer exited ${code}: ${out}`));
        });
      });

    beforeAll(async () => {
      nats = await NatsServer.start();
      pg = await createPgDatabase();
      dataDir = tempDir('steno-scale-');
      for (let i = 0; i < 2; i++) {
        const config = loadConfig(
          {
            dataDir,
            port: 0,
            host: '127.0.0.1',
            logLevel: 'silent',
            kek,
            pgUrl: pg.url,
            natsUrl: nats.url,
            role: 'ingest',
          },
          {},
        );
        nodes.push(await createStenoServer(config));
      }
    }, 120_000);

    afterAll(async () => {
      for (const w of writers) if (w.exitCode === null) w.kill('SIGTERM');
      for (const n of nodes) await n.close().catch(() => undefined);
      await nats?.dispose();
      await pg?.drop().catch(() => undefined);
      if (dataDir) removeDir(dataDir);
    });

    it('no batch lost, none stored twice, through a killed writer and a NATS restart', async () => {
      const [a, b] = nodes as [StenoServer, StenoServer];
      const devices: TestDevice[] = [];
      for (const s of ['sc-ann', 'sc-bob', 'sc-cat']) devices.push(await enrolTestDevice(a, s));
      // Two writer workers share the durable consumer; one is killed mid-stream and replaced.
      let writer = await startWriter();
      const second = await startWriter();
      const PER_DEVICE = 40;
      const acked = new Set<string>();
      let retries = 0;
      let firstDeviceEvents = 0;
      let natsDown = false;
      const t0 = Date.now() - 600_000;
      for (let i = 0; i < PER_DEVICE; i++) {
        if (i === 12) writer.kill('SIGKILL'); // mid-stream: its unacknowledged batches come back
        if (i === 18) writer = await startWriter();
        if (i === 25) {
          await nats.stop('SIGTERM');
          natsDown = true;
        }
        for (const [d, dev] of devices.entries()) {
          const batch = dev.batch(sampleEvents(t0 + i * 1_000 + d * 100, `text${i}`));
          if (d === 0) firstDeviceEvents += batch.batch.events.length;
          const node = (i + d) % 2 === 0 ? a : b; // two ingest nodes share the work
          for (let attempt = 0; ; attempt++) {
            const res = await node.app.inject({ method: 'POST', url: '/v1/batches', payload: batch });
            if (res.statusCode === 200) {
              acked.add(batch.batch.batchId);
              break;
            }
            expect(res.statusCode, res.body).toBeGreaterThanOrEqual(500);
            expect(attempt, 'NATS did not come back').toBeLessThan(200);
            retries++;
            // The outage lasts a few refused uploads, then NATS comes back on the same storage.
            if (natsDown) {
              await nats.restart();
              natsDown = false;
            }
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      }
      expect(acked.size).toBe(PER_DEVICE * devices.length);

      // The writers drain the stream; every acknowledged batch ends up stored exactly once.
      const owner = a.ownerDb;
      const deadline = Date.now() + 90_000;
      let stored = 0;
      while (Date.now() < deadline) {
        stored = Number((await owner.query('SELECT count(*) AS n FROM batches'))[0]?.n);
        if (stored >= acked.size) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const ids = (await owner.query('SELECT batch_id FROM batches')).map((r) => String(r.batch_id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(ids)).toEqual(acked);
      const chunks = Number(
        (await owner.query('SELECT count(DISTINCT batch_id) AS n FROM event_chunks'))[0]?.n,
      );
      expect(chunks).toBe(acked.size);
      for (const dev of devices) {
        const seq = await owner.query('SELECT last_seq FROM devices WHERE id = $1', [dev.deviceId]);
        expect(Number(seq[0]?.last_seq)).toBe(PER_DEVICE - 1);
      }
      // Through the guard (and row-level security) the contributor reads every event back.
      const token = await devices[0]?.personalToken();
      const read = await b.app.inject({
        method: 'GET',
        url: '/v1/me/events?limit=1000',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json().events.length).toBe(firstDeviceEvents);
      expect(retries).toBeGreaterThan(0); // the NATS outage was felt, and survived
      expect(second.exitCode).toBeNull(); // the other writer kept going throughout
      // Metrics of an ingest node count what it accepted; readiness reports the queue.
      expect((await a.app.inject({ method: 'GET', url: '/readyz' })).json().checks.queue).toBe(true);
    }, 240_000);
  },
);
