/**
 * bench/ingest: signed batches over HTTP → verify → validate → encrypt → durable commit, on one
 * server process (embedded PGlite; PostgreSQL when STENO_PG_URL is set; and PostgreSQL + NATS
 * JetStream, the production mode, when nats-server is installed too), against the ceilings
 * of its own stages measured in the same run on the same payloads: a bare Node HTTP server that
 * receives them, a raw insert of the same bytes into the same store, and AES-256-GCM of the bytes.
 *
 * Every batch is permitted the way a real one is (issue 15): the bench records a legal basis,
 * publishes a notice, gives the contributor's consent, sets a scope and takes a capture lease
 * through the HTTP API, and every batch names that lease. A second, in-process section measures
 * what the server's permission check costs: the same batches through the same ingest pipeline
 * (verify → schema → permission → second wall → seal → store) with and without the check,
 * alternating in one run on the embedded store.
 *
 *   npm run bench -- ingest [--batches 200] [--events 500] [--concurrency 4] [--runs 5]
 */
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Batch,
  generateEd25519,
  importPrivateKey,
  type StenoEvent,
  signCanonical,
} from '@steno/protocol';
import pg from 'pg';
import { NatsServer, natsServerBinary } from '../packages/queue/src/test-support/nats-server.ts';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { BatchIngest } from '../packages/server/src/ingest/batch-ingest.ts';
import { createStenoServer } from '../packages/server/src/steno-server.ts';
import { migrate } from '../packages/server/src/store/migrate.ts';
import { openPostgres } from '../packages/server/src/store/pg-client.ts';
import { openPglite } from '../packages/server/src/store/pglite-client.ts';
import type { SqlClient } from '../packages/server/src/store/sql-client.ts';
import { percentile, printTable, type Row, stats, writeResults } from './lib/report.ts';
import { startServerProcess } from './lib/steno-process.ts';

function arg(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
}

/** A realistic mix: typing with key down/up, clicks, coalesced paths, scrolls, focus changes. */
function eventsFor(t0: number, n: number): StenoEvent[] {
  const out: StenoEvent[] = [
    { type: 'focus', t: t0, app: 'libreoffice-writer', title: 'Quarterly plan.odt' },
  ];
  let t = t0;
  const text = 'the quick brown fox jumps over the lazy dog ';
  while (out.length < n) {
    const r = out.length % 40;
    t += 37;
    if (r < 30) {
      const ch = text[out.length % text.length] as string;
      out.push({
        type: 'key',
        t,
        dir: out.length % 2 ? 'up' : 'down',
        key: ch === ' ' ? 'Space' : ch,
        char: ch,
        mods: [],
      });
    } else if (r < 34) {
      out.push({
        type: 'path',
        t,
        points: [
          [0, 100, 100],
          [16, 140, 120],
          [48, 260, 180],
          [80, 300, 200],
        ],
      });
    } else if (r < 38) {
      out.push({ type: 'button', t, dir: r % 2 ? 'up' : 'down', button: 'left', x: 300, y: 200, mods: [] });
    } else out.push({ type: 'wheel', t, x: 300, y: 200, dx: 0, dy: -3, mods: [] });
  }
  return out;
}

async function enrol(url: string, operatorToken: string, subject: string) {
  const res = await fetch(`${url}/v1/admin/enrol-tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subject }),
  });
  if (res.status !== 201) throw new Error(`enrol-token: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const keys = generateEd25519();
  const privateKey = importPrivateKey(keys.privateKey);
  const name = 'bench';
  const proof = signCanonical('steno-enrol-v1', { token, publicKey: keys.publicKey, name }, privateKey);
  const r2 = await fetch(`${url}/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ v: 1, token, publicKey: keys.publicKey, name, proof }),
  });
  if (r2.status !== 201) throw new Error(`enrol: ${r2.status} ${await r2.text()}`);
  const { deviceId } = (await r2.json()) as { deviceId: string };
  return { deviceId, privateKey };
}

/** A signed device request (lease, personal token) as an agent makes it. */
function deviceRequest(deviceId: string, privateKey: ReturnType<typeof importPrivateKey>, purpose: string) {
  const claims = { deviceId, issuedAt: Date.now(), nonce: randomBytes(16).toString('base64url'), purpose };
  return { v: 1, ...claims, proof: signCanonical('steno-device-request-v1', claims, privateKey) };
}

async function postJson(url: string, body: unknown, token?: string, method = 'POST') {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${new URL(url).pathname}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * What capture needs before a batch is stored (issue 15), through the API as a privacy officer
 * and the contributor would do it: a legal basis, a notice and consent to it, a scope.
 */
async function permit(
  url: string,
  officerToken: string,
  dev: { deviceId: string; privateKey: ReturnType<typeof importPrivateKey> },
) {
  await postJson(
    `${url}/v1/program/regions/default`,
    { basis: 'other', reference: 'benchmark' },
    officerToken,
    'PUT',
  );
  const notice = await postJson(
    `${url}/v1/program/notices`,
    { markdown: '# Benchmark\n\nSynthetic.' },
    officerToken,
  );
  const me = await postJson(
    `${url}/v1/device/tokens`,
    deviceRequest(dev.deviceId, dev.privateKey, 'personal-token'),
  );
  await postJson(`${url}/v1/me/consent`, { version: notice.version, decision: 'give' }, String(me.token));
  await postJson(
    `${url}/v1/program/scope`,
    { apps: [{ app: 'libreoffice-writer', level: 'full' }], sites: [] },
    officerToken,
    'PUT',
  );
}

/** A fresh capture lease for the device: its id and when it was issued. */
async function lease(
  url: string,
  dev: { deviceId: string; privateKey: ReturnType<typeof importPrivateKey> },
) {
  const signed = await postJson(
    `${url}/v1/device/lease`,
    deviceRequest(dev.deviceId, dev.privateKey, 'lease'),
  );
  const l = signed.lease as { leaseId: string; issuedAt: number; state: string };
  if (l.state !== 'active') throw new Error(`the bench lease is ${l.state}`);
  return l;
}

function makeBodies(
  deviceId: string,
  subject: string,
  privateKey: ReturnType<typeof importPrivateKey>,
  count: number,
  perBatch: number,
  seq0: number,
  held: { leaseId: string; issuedAt: number },
): string[] {
  // Each batch spans about 18.5 s of events from just after the lease was issued (within the
  // accepted clock skew); batches may overlap in time, as several capture sources' would.
  const t0 = held.issuedAt + 1;
  return Array.from({ length: count }, (_, i) => {
    const batch: Batch = {
      v: 1,
      batchId: randomUUID(),
      deviceId,
      subject,
      seq: seq0 + i,
      createdAt: Date.now(),
      events: eventsFor(t0 + (i % 8), perBatch),
      leases: [held.leaseId],
    };
    return JSON.stringify({ v: 1, batch, sig: signCanonical('steno-batch-v1', batch, privateKey) });
  });
}

/** Posts all bodies with `concurrency` in flight; returns events/s and per-batch latencies. */
async function drive(url: string, bodies: string[], perBatch: number, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++] as string;
        const t = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        if (res.status === 200) await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`batch refused: ${res.status} ${await res.text()}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const secs = (performance.now() - start) / 1000;
  return { eventsPerSec: (bodies.length * perBatch) / secs, p99: percentile(latencies, 99) };
}

async function bareHttpCeiling(bodies: string[], perBatch: number, concurrency: number) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString());
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const out = await drive(`http://127.0.0.1:${port}/`, bodies, perBatch, concurrency);
  await new Promise((r) => server.close(r));
  return out.eventsPerSec;
}

async function rawInsertCeiling(db: SqlClient, bodies: string[], perBatch: number) {
  await db.exec('CREATE TABLE IF NOT EXISTS bench_raw (id uuid PRIMARY KEY, body bytea NOT NULL)');
  const start = performance.now();
  for (const b of bodies) {
    await db.transaction((tx) =>
      tx.query('INSERT INTO bench_raw (id, body) VALUES ($1, $2)', [randomUUID(), Buffer.from(b)]),
    );
  }
  return (bodies.length * perBatch) / ((performance.now() - start) / 1000);
}

function aesCeiling(bodies: string[], perBatch: number) {
  const key = randomBytes(32);
  const start = performance.now();
  for (const b of bodies) {
    const c = createCipheriv('aes-256-gcm', key, randomBytes(12));
    c.update(b);
    c.final();
    c.getAuthTag();
  }
  return (bodies.length * perBatch) / ((performance.now() - start) / 1000);
}

async function mode(
  name: 'embedded' | 'postgres' | 'postgres+nats',
  opts: { batches: number; events: number; concurrency: number; runs: number },
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'steno-bench-'));
  let dbName: string | undefined;
  const extra: string[] = [];
  let nats: NatsServer | undefined;
  if (name === 'postgres+nats') {
    // A private JetStream server (file storage in a temp folder), so runs start from an empty stream.
    nats = await NatsServer.start();
    extra.push('--nats', nats.url, '--role', 'all');
  }
  if (name !== 'embedded') {
    const admin = new pg.Client({ connectionString: process.env.STENO_PG_URL });
    await admin.connect();
    dbName = `steno_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(process.env.STENO_PG_URL as string);
    u.pathname = `/${dbName}`;
    extra.unshift('--pg', u.toString());
  }
  const port = 0;
  const progress = (msg: string) => process.stderr.write(`ingest ${name}: ${msg}\n`);
  progress('starting a steno server process');
  const srv = await startServerProcess(dataDir, port, extra);
  const subject = 'bench';
  const dev = await enrol(srv.url, srv.operatorToken, subject);
  await permit(srv.url, readFileSync(join(dataDir, 'privacy-officer.token'), 'utf8').trim(), dev);
  progress(`enrolled ${dev.deviceId}, permitted; uploading`);
  const rates: number[] = [];
  const stored: number[] = [];
  const p99s: number[] = [];
  let seq = 0;
  const pgUrl = name === 'embedded' ? undefined : (extra[1] as string);
  const storedCount = async () => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    const n = Number((await c.query('SELECT count(*) AS n FROM batches')).rows[0]?.n);
    await c.end();
    return n;
  };
  // Warm-up, then measured runs, each with fresh batch ids.
  for (let run = 0; run <= opts.runs; run++) {
    const bodies = makeBodies(
      dev.deviceId,
      subject,
      dev.privateKey,
      opts.batches,
      opts.events,
      seq,
      await lease(srv.url, dev),
    );
    seq += opts.batches;
    const started = performance.now();
    const r = await drive(`${srv.url}/v1/batches`, bodies, opts.events, opts.concurrency);
    // With the queue, an acknowledgement means JetStream holds the batch; also time until the
    // writers have stored all of it in PostgreSQL.
    let storedRate = r.eventsPerSec;
    if (nats) {
      while ((await storedCount()) < seq) await new Promise((res) => setTimeout(res, 50));
      storedRate = (bodies.length * opts.events) / ((performance.now() - started) / 1000);
    }
    progress(
      `run ${run}${run === 0 ? ' (warm-up)' : ''}: ${Math.round(r.eventsPerSec)} events/s acknowledged, ${Math.round(storedRate)} stored`,
    );
    if (run > 0) {
      rates.push(r.eventsPerSec);
      stored.push(storedRate);
      p99s.push(r.p99);
    }
  }
  const held = await lease(srv.url, dev);
  await srv.stop();
  progress('measuring the anchors on the same payloads');
  // Anchors in the same run, on the same payloads.
  const bodies = makeBodies(dev.deviceId, subject, dev.privateKey, opts.batches, opts.events, 0, held);
  const http: number[] = [];
  const insert: number[] = [];
  const aes: number[] = [];
  const db = pgUrl ? await openPostgres(pgUrl) : await openPglite(join(dataDir, 'db'));
  for (let run = 0; run <= opts.runs; run++) {
    const h = await bareHttpCeiling(bodies, opts.events, opts.concurrency);
    const ins = await rawInsertCeiling(db, bodies, opts.events);
    await db.exec('TRUNCATE bench_raw');
    const a = aesCeiling(bodies, opts.events);
    if (run > 0) {
      http.push(h);
      insert.push(ins);
      aes.push(a);
    }
  }
  await db.close();
  if (dbName) {
    const admin = new pg.Client({ connectionString: process.env.STENO_PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  await nats?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
  const steno = stats(rates);
  const ceilings = { bareHttp: stats(http), rawInsert: stats(insert), aesGcm: stats(aes) };
  const slowest = Math.min(ceilings.bareHttp.median, ceilings.rawInsert.median, ceilings.aesGcm.median);
  return {
    mode: name,
    steno,
    storedEventsPerSec: stats(stored),
    p99AckMs: stats(p99s),
    ceilings,
    slowestCeiling: slowest,
    ratioToSlowest: steno.median / slowest,
  };
}

/**
 * What the server's permission check costs (issue 15): the same signed batches through the same
 * ingest pipeline on the embedded store, with and without the check, alternating run by run.
 */
async function permissionCost(opts: { batches: number; events: number; concurrency: number; runs: number }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'steno-bench-perm-'));
  const db = await openPglite(join(dataDir, 'db'));
  await migrate(db);
  const config = loadConfig(
    { dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent', kek: randomBytes(32).toString('base64') },
    {},
  );
  const server = await createStenoServer(config, { db });
  const url = await server.listen();
  const token = async (role: 'operator' | 'privacy_officer', scopes: string[]) =>
    (
      await issueApiToken(
        server.db,
        { principal: `person:bench-${role}`, role, scopes, ttlMs: 3_600_000 },
        Date.now(),
      )
    ).token;
  const dev = await enrol(url, await token('operator', ['devices:admin']), 'bench');
  await permit(url, await token('privacy_officer', ['program:admin']), dev);
  const pipelines = {
    with: new BatchIngest({ db: server.db, keys: server.keys, audit: server.audit, now: Date.now }),
    without: new BatchIngest({
      db: server.db,
      keys: server.keys,
      audit: server.audit,
      now: Date.now,
      checkPermission: false,
    }),
  };
  const rates = { with: [] as number[], without: [] as number[] };
  let seq = 0;
  for (let run = 0; run <= opts.runs; run++) {
    const order = run % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
    for (const variant of order) {
      const bodies = makeBodies(
        dev.deviceId,
        'bench',
        dev.privateKey,
        opts.batches,
        opts.events,
        seq,
        await lease(url, dev),
      ).map((b) => JSON.parse(b) as unknown);
      seq += opts.batches;
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: opts.concurrency }, async () => {
          while (next < bodies.length) {
            const out = await pipelines[variant].ingest(bodies[next++]);
            if (!out.ok || out.ack.dropped) throw new Error(`bench batch not stored whole (${variant})`);
          }
        }),
      );
      const rate = (bodies.length * opts.events) / ((performance.now() - started) / 1000);
      process.stderr.write(
        `ingest permission cost: run ${run}${run === 0 ? ' (warm-up)' : ''} ${variant}: ${Math.round(rate)} events/s\n`,
      );
      if (run > 0) rates[variant].push(rate);
    }
  }
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  const withCheck = stats(rates.with);
  const withoutCheck = stats(rates.without);
  return { withCheck, withoutCheck, cost: 1 - withCheck.median / withoutCheck.median };
}

export async function main(args: string[]): Promise<void> {
  const opts = {
    batches: arg(args, 'batches', 100),
    events: arg(args, 'events', 500),
    concurrency: arg(args, 'concurrency', 4),
    runs: arg(args, 'runs', 5),
  };
  const results = [await mode('embedded', opts)];
  if (process.env.STENO_PG_URL) results.push(await mode('postgres', opts));
  if (process.env.STENO_PG_URL && natsServerBinary()) results.push(await mode('postgres+nats', opts));
  const permission = await permissionCost(opts);
  const rows: Row[] = results.flatMap((r): Row[] => [
    {
      name: `${r.mode}: steno ingest`,
      'events/s (median)': Math.round(r.steno.median),
      spread: r.steno.spread,
      'p99 ack ms': r.p99AckMs.median,
    },
    {
      name: `${r.mode}: stored in the database`,
      'events/s (median)': Math.round(r.storedEventsPerSec.median),
      spread: r.storedEventsPerSec.spread,
    },
    {
      name: `${r.mode}: bare HTTP ceiling`,
      'events/s (median)': Math.round(r.ceilings.bareHttp.median),
      spread: r.ceilings.bareHttp.spread,
    },
    {
      name: `${r.mode}: raw insert ceiling`,
      'events/s (median)': Math.round(r.ceilings.rawInsert.median),
      spread: r.ceilings.rawInsert.spread,
    },
    {
      name: `${r.mode}: AES-GCM ceiling`,
      'events/s (median)': Math.round(r.ceilings.aesGcm.median),
      spread: r.ceilings.aesGcm.spread,
    },
    {
      name: `${r.mode}: ratio to slowest ceiling`,
      'events/s (median)': Number(r.ratioToSlowest.toFixed(3)),
      spread: 0,
    },
  ]);
  rows.push(
    {
      name: 'embedded pipeline in-process: with the permission check',
      'events/s (median)': Math.round(permission.withCheck.median),
      spread: permission.withCheck.spread,
    },
    {
      name: 'embedded pipeline in-process: without it (anchor)',
      'events/s (median)': Math.round(permission.withoutCheck.median),
      spread: permission.withoutCheck.spread,
    },
    {
      name: 'permission check: share of throughput it costs',
      'events/s (median)': Number(permission.cost.toFixed(3)),
      spread: 0,
    },
  );
  printTable(
    `ingest: ${opts.batches} batches × ${opts.events} events, ${opts.concurrency} in flight, ${opts.runs} runs`,
    rows,
  );
  const file = writeResults('ingest', {
    options: opts,
    target: 'steno ≥ 0.5 × slowest ceiling (embedded ≥ 0.7); permission check ≤ 10 % of embedded throughput',
    results,
    permission,
  });
  console.log(`\nwritten ${file}`);
}
