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
 *     [--modes embedded,postgres,postgres+nats]
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
  signBatchV2,
  signCanonical,
} from '@steno/protocol';
import pg from 'pg';
import { NatsServer, natsServerBinary } from '../packages/queue/src/test-support/nats-server.ts';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { BatchIngest, INGEST_STAGES, type IngestStage } from '../packages/server/src/ingest/batch-ingest.ts';
import { createStenoServer } from '../packages/server/src/steno-server.ts';
import { migrate } from '../packages/server/src/store/migrate.ts';
import { openPostgres } from '../packages/server/src/store/pg-client.ts';
import { openPglite } from '../packages/server/src/store/pglite-client.ts';
import type { SqlClient } from '../packages/server/src/store/sql-client.ts';
import { cpuSeconds, pidsNamed } from './lib/cpu-time.ts';
import { percentile, printTable, type Row, stats, writeResults } from './lib/report.ts';
import { type ServerProcess, startServerProcess } from './lib/steno-process.ts';

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
  wire: 1 | 2 = 2,
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
    // Envelope v2, as agents send it (the batch's text, signed as sent); v1 (canonical JSON) is
    // measured beside it in the stage table.
    return wire === 2
      ? signBatchV2(batch, privateKey).body
      : JSON.stringify({ v: 1, batch, sig: signCanonical('steno-batch-v1', batch, privateKey) });
  });
}

/**
 * Posts all bodies with `concurrency` in flight (to each URL, when given several: one client
 * spreading its batches over several ingest processes); returns events/s and per-batch latencies.
 */
async function drive(target: string | string[], bodies: string[], perBatch: number, concurrency: number) {
  const urls = Array.isArray(target) ? target : [target];
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency * urls.length }, async (_, worker) => {
      const url = urls[worker % urls.length] as string;
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
  /** Production mode only: separate ingest and writer processes (default: one process doing both). */
  split?: { ingest: number; writers: number },
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'steno-bench-'));
  let dbName: string | undefined;
  const extra: string[] = [];
  let nats: NatsServer | undefined;
  if (name === 'postgres+nats') {
    // A private JetStream server (file storage in a temp folder), so runs start from an empty stream.
    nats = await NatsServer.start();
    extra.push('--nats', nats.url, '--role', split ? 'ingest' : 'all');
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
  const label = split ? `${name} ${split.ingest} ingest × ${split.writers} writer` : name;
  const progress = (msg: string) => process.stderr.write(`ingest ${label}: ${msg}\n`);
  progress('starting a steno server process');
  const srv = await startServerProcess(dataDir, port, extra);
  // The split: more ingest processes beside the first, and writer processes (same data folder,
  // same database and stream), started one after another once the first has set the folder up.
  const others: ServerProcess[] = [];
  if (split) {
    for (let i = 1; i < split.ingest; i++) others.push(await startServerProcess(dataDir, port, extra));
    const writerArgs = extra.map((a) => (a === 'ingest' ? 'writer' : a));
    for (let i = 0; i < split.writers; i++) others.push(await startServerProcess(dataDir, port, writerArgs));
  }
  const ingestUrls = [srv.url, ...others.slice(0, Math.max(0, (split?.ingest ?? 1) - 1)).map((o) => o.url)];
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
  // CPU seconds each part of the system spent in the measured runs (Linux /proc): the server's
  // ingest and writer processes, NATS, PostgreSQL (all its processes) and this load generator.
  const ingestPids = () => [
    srv.child.pid,
    ...others.slice(0, (split?.ingest ?? 1) - 1).map((o) => o.child.pid),
  ];
  const writerPids = () => others.slice((split?.ingest ?? 1) - 1).map((o) => o.child.pid);
  const cpuNow = (pg: number[]) => ({
    ingest: cpuSeconds(ingestPids().filter((p): p is number => p !== undefined)),
    writers: cpuSeconds(writerPids().filter((p): p is number => p !== undefined)),
    nats: nats?.pid ? cpuSeconds([nats.pid]) : 0,
    postgres: cpuSeconds(pg),
    client: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  });
  const cpuSpent = { ingest: 0, writers: 0, nats: 0, postgres: 0, client: 0 };
  let measuredEvents = 0;
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
    const pgPidsBefore = name === 'embedded' ? [] : pidsNamed('postgres');
    const cpu0 = cpuNow(pgPidsBefore);
    const started = performance.now();
    const r = await drive(
      ingestUrls.map((u) => `${u}/v1/batches`),
      bodies,
      opts.events,
      opts.concurrency,
    );
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
    const pgPids = [...new Set([...pgPidsBefore, ...(name === 'embedded' ? [] : pidsNamed('postgres'))])];
    const cpu1 = cpuNow(pgPids);
    if (run > 0)
      for (const k of Object.keys(cpu1) as (keyof typeof cpu1)[]) cpuSpent[k] += cpu1[k] - (cpu0[k] ?? 0);
    if (run > 0) {
      measuredEvents += bodies.length * opts.events;
      rates.push(r.eventsPerSec);
      stored.push(storedRate);
      p99s.push(r.p99);
    }
  }
  const held = await lease(srv.url, dev);
  for (const o of others) await o.stop();
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
    ...(split ? { processes: split } : {}),
    steno,
    storedEventsPerSec: stats(stored),
    p99AckMs: stats(p99s),
    ceilings,
    slowestCeiling: slowest,
    ratioToSlowest: steno.median / slowest,
    /** CPU milliseconds per 1,000 events stored, by part of the system (the per-core figures). */
    cpuMsPer1000Events: Object.fromEntries(
      Object.entries(cpuSpent).map(([k, v]) => [k, (v * 1e6) / Math.max(1, measuredEvents)]),
    ),
    /** Production: what the database holds per second against the raw-insert ceiling (the target). */
    storedRatioToRawInsert: stats(stored).median / ceilings.rawInsert.median,
  };
}

/**
 * In-process, on the embedded store, alternating run by run on the same kind of batches: what the
 * server's permission check costs (issue 15: the pipeline with and without it), and what each
 * stage of ingest costs per batch (issue 19), on envelope v2 (what agents send) and on v1 (the
 * batch re-canonicalised for its signature and its content hash: the wire before issue 19).
 */
async function pipelineCosts(opts: { batches: number; events: number; concurrency: number; runs: number }) {
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
  type Variant = 'with' | 'without' | 'v1';
  const stageTotals: Record<'with' | 'v1', Partial<Record<IngestStage, number>>> = { with: {}, v1: {} };
  let recording: 'with' | 'v1' | undefined;
  const onStage = (stage: IngestStage, ms: number) => {
    if (!recording) return;
    const t = stageTotals[recording];
    t[stage] = (t[stage] ?? 0) + ms;
  };
  const base = { db: server.db, keys: server.keys, audit: server.audit, now: Date.now, onStage };
  const pipelines: Record<Variant, BatchIngest> = {
    with: new BatchIngest(base),
    without: new BatchIngest({ ...base, checkPermission: false }),
    v1: new BatchIngest(base),
  };
  const rates: Record<Variant, number[]> = { with: [], without: [], v1: [] };
  let seq = 0;
  let measuredBatches = 1;
  for (let run = 0; run <= opts.runs; run++) {
    const order: Variant[] = run % 2 === 0 ? ['with', 'without', 'v1'] : ['v1', 'without', 'with'];
    for (const variant of order) {
      const bodies = makeBodies(
        dev.deviceId,
        'bench',
        dev.privateKey,
        opts.batches,
        opts.events,
        seq,
        await lease(url, dev),
        variant === 'v1' ? 1 : 2,
      );
      seq += opts.batches;
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: opts.concurrency }, async () => {
          while (next < bodies.length) {
            // The route receives a parsed body: parse it here, inside the measured time.
            const out = await pipelines[variant].ingest(JSON.parse(bodies[next++] as string));
            if (!out.ok || out.ack.dropped) throw new Error(`bench batch not stored whole (${variant})`);
          }
        }),
      );
      const rate = (bodies.length * opts.events) / ((performance.now() - started) / 1000);
      process.stderr.write(
        `ingest pipeline: run ${run}${run === 0 ? ' (warm-up)' : ''} ${variant}: ${Math.round(rate)} events/s\n`,
      );
      if (run > 0) rates[variant].push(rate);
    }
  }
  // The stage table: one batch at a time (no waiting for the store's connection inside a stage).
  measuredBatches = 0;
  for (const variant of ['with', 'v1'] as const) {
    const bodies = makeBodies(
      dev.deviceId,
      'bench',
      dev.privateKey,
      opts.batches,
      opts.events,
      seq,
      await lease(url, dev),
      variant === 'v1' ? 1 : 2,
    );
    seq += opts.batches;
    stageTotals[variant] = {};
    recording = variant;
    for (const body of bodies) {
      const out = await pipelines[variant].ingest(JSON.parse(body));
      if (!out.ok) throw new Error(`bench batch not stored (${variant})`);
    }
    recording = undefined;
    measuredBatches = bodies.length;
  }
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  const withCheck = stats(rates.with);
  const withoutCheck = stats(rates.without);
  // Milliseconds per batch in each stage.
  const perBatch = (totals: Partial<Record<IngestStage, number>>) =>
    Object.fromEntries(INGEST_STAGES.map((st) => [st, (totals[st] ?? 0) / measuredBatches]));
  return {
    permission: { withCheck, withoutCheck, cost: 1 - withCheck.median / withoutCheck.median },
    wireV1: stats(rates.v1),
    stagesMsPerBatch: { v2: perBatch(stageTotals.with), v1: perBatch(stageTotals.v1) },
  };
}

export async function main(args: string[]): Promise<void> {
  const opts = {
    batches: arg(args, 'batches', 100),
    events: arg(args, 'events', 500),
    concurrency: arg(args, 'concurrency', 4),
    runs: arg(args, 'runs', 5),
  };
  const only = args.includes('--modes') ? String(args[args.indexOf('--modes') + 1]).split(',') : undefined;
  const want = (m: string) => !only || only.includes(m);
  const results = [];
  if (want('embedded')) results.push(await mode('embedded', opts));
  if (want('postgres') && process.env.STENO_PG_URL) results.push(await mode('postgres', opts));
  if (want('postgres+nats') && process.env.STENO_PG_URL && natsServerBinary())
    results.push(await mode('postgres+nats', opts));
  const split = args.includes('--split');
  if (split && process.env.STENO_PG_URL && natsServerBinary())
    for (const [ingest, writers] of [
      [1, 1],
      [2, 1],
      [1, 2],
      [2, 2],
    ] as const)
      results.push(await mode('postgres+nats', opts, { ingest, writers }));
  const costs = await pipelineCosts(opts);
  const { permission } = costs;
  const rows: Row[] = results.flatMap((r): Row[] => {
    const m = r.processes
      ? `${r.mode} (${r.processes.ingest} ingest × ${r.processes.writers} writer)`
      : r.mode;
    return [
      {
        name: `${m}: steno ingest`,
        'events/s (median)': Math.round(r.steno.median),
        spread: r.steno.spread,
        'p99 ack ms': r.p99AckMs.median,
      },
      {
        name: `${m}: stored in the database`,
        'events/s (median)': Math.round(r.storedEventsPerSec.median),
        spread: r.storedEventsPerSec.spread,
      },
      {
        name: `${m}: bare HTTP ceiling`,
        'events/s (median)': Math.round(r.ceilings.bareHttp.median),
        spread: r.ceilings.bareHttp.spread,
      },
      {
        name: `${m}: raw insert ceiling`,
        'events/s (median)': Math.round(r.ceilings.rawInsert.median),
        spread: r.ceilings.rawInsert.spread,
      },
      {
        name: `${m}: AES-GCM ceiling`,
        'events/s (median)': Math.round(r.ceilings.aesGcm.median),
        spread: r.ceilings.aesGcm.spread,
      },
      {
        name: `${m}: ratio to slowest ceiling`,
        'events/s (median)': Number(r.ratioToSlowest.toFixed(3)),
        spread: 0,
      },
      {
        name: `${m}: stored ÷ raw insert`,
        'events/s (median)': Number(r.storedRatioToRawInsert.toFixed(3)),
        spread: 0,
      },
    ];
  });
  // Horizontal proof (production mode split into processes): stored rate against one of each.
  const one = results.find((r) => r.processes?.ingest === 1 && r.processes.writers === 1);
  const scaling = results
    .filter((r) => r.processes && one)
    .map((r) => ({
      processes: r.processes,
      storedEventsPerSec: r.storedEventsPerSec.median,
      scaling: r.storedEventsPerSec.median / (one as typeof r).storedEventsPerSec.median,
    }));
  for (const x of scaling)
    rows.push({
      name: `scaling: ${x.processes?.ingest} ingest × ${x.processes?.writers} writer ÷ 1 × 1 (stored)`,
      'events/s (median)': Number(x.scaling.toFixed(3)),
      spread: 0,
    });
  rows.push({
    name: 'embedded pipeline in-process: envelope v1 (re-canonicalised JSON)',
    'events/s (median)': Math.round(costs.wireV1.median),
    spread: costs.wireV1.spread,
  });
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
    'CPU ms per 1,000 events stored, by process (Linux /proc; the per-core figures of docs/scale.md)',
    results.map((r) => ({
      name: r.processes ? `${r.mode} (${r.processes.ingest} ingest × ${r.processes.writers} writer)` : r.mode,
      ...Object.fromEntries(
        Object.entries(r.cpuMsPer1000Events).map(([k, v]) => [k, Number((v as number).toFixed(2))]),
      ),
    })),
  );
  printTable(
    'ingest stages, ms per batch, in-process on the embedded store (v2: what agents send; v1: the wire before issue 19)',
    INGEST_STAGES.map((st) => ({
      name: st,
      'v2 ms/batch': Number((costs.stagesMsPerBatch.v2[st] ?? 0).toFixed(3)),
      'v1 ms/batch': Number((costs.stagesMsPerBatch.v1[st] ?? 0).toFixed(3)),
    })),
  );
  printTable(
    `ingest: ${opts.batches} batches × ${opts.events} events, ${opts.concurrency} in flight, ${opts.runs} runs`,
    rows,
  );
  const file = writeResults('ingest', {
    options: opts,
    target:
      'production (PostgreSQL + NATS) stores ≥ 0.5 × the raw-insert ceiling, 2 processes ≥ 1.6 × one; embedded ≥ 0.7 × its slowest ceiling; permission check ≤ 10 % of embedded throughput',
    results,
    scaling,
    permission,
    wireV1: costs.wireV1,
    stagesMsPerBatch: costs.stagesMsPerBatch,
  });
  console.log(`\nwritten ${file}`);
}
