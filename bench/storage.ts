/**
 * `npm run bench -- storage` (BENCHMARKS.md, row `storage`): bytes at rest per captured event after
 * coalescing, compression and encryption, against the same events as raw JSON lines. Target: at
 * most one tenth.
 *
 * The real storage path: an embedded server (`createStenoServer`, PGlite in a temporary data
 * folder), enrolled devices, signed batches posted through the HTTP app (`app.inject`), so every
 * batch is verified, validated, filtered, encoded (msgpack + deflate), sealed under its (subject,
 * month) data key and committed. Events come from bench/dataset.ts's seeded generator (coalesced
 * pointer paths, typing, clicks, scrolls, shortcuts, focus changes, redaction markers), shifted in
 * time to end a minute before now (the server's clock window). Measured at rest:
 *
 *  - payload: `sum(octet_length(payload))` over `event_chunks` (ciphertext with its nonce/tag);
 *  - rows: growth of `pg_total_relation_size` of `event_chunks` (all partitions) and `batches`,
 *    i.e. the payload plus tuple headers, other columns, TOAST and indexes;
 *  - database: growth of `pg_database_size` (every table the ingest touches);
 *  - folder: growth of the PGlite data folder after CHECKPOINT, without and with `pg_wal`.
 *
 * Each divided by the number of events stored. The anchor is the byte length of the same events as
 * JSON lines (`JSON.stringify(event) + "\n"`). "Captured event" counts a coalesced path as one
 * event (the conservative reading); the same figures per raw pointer sample (each path point as
 * its own move event, and the anchor as those uncoalesced JSON lines) are reported beside them.
 * Byte counts are deterministic; runs repeat with a fresh server to show that, and upload time is
 * reported for context only.
 *
 *   npm run bench -- storage [--contributors 4] [--batches 200] [--events 500] [--runs 3]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { StenoEvent } from '@steno/protocol';
import { loadConfig } from '../packages/server/src/config.ts';
import { createStenoServer, type StenoServer } from '../packages/server/src/steno-server.ts';
import { enrolTestDevice, type TestDevice } from '../test/support/test-device.ts';
import { chunked, population } from './dataset.ts';
import { printTable, stats, writeResults } from './lib/report.ts';

function arg(args: string[], name: string, d: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : d;
  if (!Number.isFinite(v) || v < 1) throw new Error(`--${name} must be a positive number`);
  return Math.floor(v);
}

/** Apparent size of every file under `dir`, optionally skipping one top-level folder. */
function folderBytes(dir: string, skip?: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip && entry.name === skip) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(p);
    else if (entry.isFile()) total += statSync(p).size;
  }
  return total;
}

const num = (v: unknown) => Number(v ?? 0);

interface AtRest {
  chunks: number;
  events: number;
  payload: number;
  relations: number;
  database: number;
  folder: number;
  folderWithWal: number;
}

async function atRest(server: StenoServer, dbDir: string): Promise<AtRest> {
  await server.ownerDb.exec('CHECKPOINT');
  const [c] = await server.ownerDb.query(
    'SELECT count(*) AS n, coalesce(sum(event_count), 0) AS events, coalesce(sum(octet_length(payload)), 0) AS payload FROM event_chunks',
  );
  const [r] = await server.ownerDb.query(
    `SELECT coalesce(sum(pg_total_relation_size(oid)), 0) AS bytes FROM pg_class
      WHERE relkind = 'r' AND (relname = 'batches' OR relname LIKE 'event\\_chunks%')`,
  );
  const [d] = await server.ownerDb.query('SELECT pg_database_size(current_database()) AS bytes');
  return {
    chunks: num(c?.n),
    events: num(c?.events),
    payload: num(c?.payload),
    relations: num(r?.bytes),
    database: num(d?.bytes),
    folder: folderBytes(dbDir, 'pg_wal'),
    folderWithWal: folderBytes(dbDir),
  };
}

export async function main(args: string[]): Promise<void> {
  const contributors = arg(args, 'contributors', 4);
  const batches = arg(args, 'batches', 200);
  const perBatch = arg(args, 'events', 500);
  const runs = arg(args, 'runs', 3);
  const perContributor = Math.ceil(batches / contributors);
  if (perContributor * contributors !== batches)
    throw new Error('--batches must be a multiple of --contributors');

  // The same events every run; only their absolute times move with the clock.
  const people = population(contributors, perContributor * perBatch, Date.UTC(2026, 0, 5, 8, 0, 0));
  const all = people.flatMap((p) => p.events);
  const jsonlBytes = all.reduce((a, e) => a + Buffer.byteLength(JSON.stringify(e)) + 1, 0);
  const jsonlGzipBytes = gzipSync(Buffer.from(`${all.map((e) => JSON.stringify(e)).join('\n')}\n`)).length;
  // the uncoalesced reading: each path point as its own pointer-move event
  let rawEvents = 0;
  let rawJsonlBytes = 0;
  for (const e of all) {
    if (e.type === 'path') {
      for (const [dt, x, y] of e.points) {
        rawEvents++;
        rawJsonlBytes += Buffer.byteLength(JSON.stringify({ type: 'move', t: e.t + dt, x, y })) + 1;
      }
    } else {
      rawEvents++;
      rawJsonlBytes += Buffer.byteLength(JSON.stringify(e)) + 1;
    }
  }
  const byType: Record<string, number> = {};
  for (const e of all) byType[e.type] = (byType[e.type] ?? 0) + 1;

  const perEvent: Record<'payload' | 'relations' | 'database' | 'folder' | 'folderWithWal', number[]> = {
    payload: [],
    relations: [],
    database: [],
    folder: [],
    folderWithWal: [],
  };
  const uploadRates: number[] = [];
  let lastGrowth: AtRest | undefined;

  for (let run = 1; run <= runs; run++) {
    const dir = mkdtempSync(join(tmpdir(), 'steno-storage-'));
    const server = await createStenoServer(
      loadConfig({ dataDir: dir, port: 0, logLevel: 'silent', kek: randomBytes(32).toString('base64') }, {}),
    );
    try {
      const devices = [];
      // Each contributor permitted as a real one is (legal basis, consent, scope) and holding a
      // capture lease (issue 15), through the test fixture.
      for (const p of people) devices.push(await enrolTestDevice(server, p.subjectId));
      const before = await atRest(server, join(dir, 'db'));

      // shift each contributor's events to end a minute before now, keeping their spacing
      const now = Date.now();
      const shifted: StenoEvent[][][] = people.map((p) => {
        const offset = now - 60_000 - (p.events[p.events.length - 1]?.t ?? now);
        // As an agent does, each batch restates the focus in effect at its start (issue 15: the
        // server judges every event by the application it belongs to).
        let focus: StenoEvent | undefined;
        return chunked(
          p.events.map((e) => ({ ...e, t: e.t + offset })),
          perBatch,
        ).map((batch) => {
          const restated = batch[0]?.type !== 'focus' && focus ? [focus, ...batch] : batch;
          for (const e of batch) if (e.type === 'focus') focus = e;
          return restated;
        });
      });
      const restatedFocus = shifted.flat().reduce((n, b) => n + b.length, 0) - all.length;
      // upload round-robin across devices, each device's batches in sequence order
      const t0 = performance.now();
      for (let b = 0; b < perContributor; b++) {
        for (let i = 0; i < people.length; i++) {
          const device = devices[i] as TestDevice;
          // Envelope v2, as agents send it.
          const res = await server.app.inject({
            method: 'POST',
            url: '/v1/batches',
            payload: device.v2(device.batch(shifted[i]?.[b] as StenoEvent[], { seq: b })),
          });
          if (res.statusCode >= 300) throw new Error(`batch refused (${res.statusCode}): ${res.body}`);
        }
      }
      uploadRates.push(all.length / ((performance.now() - t0) / 1000));

      const after = await atRest(server, join(dir, 'db'));
      if (after.events !== all.length + restatedFocus)
        throw new Error(`stored ${after.events} of ${all.length} events (+${restatedFocus} restated focus)`);
      const growth: AtRest = {
        chunks: after.chunks - before.chunks,
        // Per captured event: the restated focus events are storage overhead, not events.
        events: after.events - before.events - restatedFocus,
        payload: after.payload - before.payload,
        relations: after.relations - before.relations,
        database: after.database - before.database,
        folder: after.folder - before.folder,
        folderWithWal: after.folderWithWal - before.folderWithWal,
      };
      lastGrowth = growth;
      for (const k of Object.keys(perEvent) as (keyof typeof perEvent)[])
        perEvent[k].push(growth[k] / growth.events);
      process.stderr.write(
        `storage: run ${run}: ${growth.events} events in ${growth.chunks} chunks; per event: payload ${(growth.payload / growth.events).toFixed(2)} B, ` +
          `rows ${(growth.relations / growth.events).toFixed(2)} B, database ${(growth.database / growth.events).toFixed(2)} B, ` +
          `folder ${(growth.folder / growth.events).toFixed(2)} B (+WAL ${(growth.folderWithWal / growth.events).toFixed(2)} B); ` +
          `JSON lines ${(jsonlBytes / all.length).toFixed(2)} B\n`,
      );
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const anchor = jsonlBytes / all.length;
  const s = Object.fromEntries(Object.entries(perEvent).map(([k, v]) => [k, stats(v)])) as Record<
    keyof typeof perEvent,
    ReturnType<typeof stats>
  >;
  const rawAnchor = rawJsonlBytes / rawEvents;
  const row = (name: string, bytesPerEvent: number, spread: number | string, rawBytes?: number) => ({
    name,
    'B/event': Number(bytesPerEvent.toFixed(2)),
    spread: typeof spread === 'number' ? Number(spread.toFixed(4)) : spread,
    'vs JSON lines': Number((bytesPerEvent / anchor).toFixed(4)),
    'B/raw sample': rawBytes === undefined ? '' : Number(rawBytes.toFixed(2)),
    'vs raw JSON lines': rawBytes === undefined ? '' : Number((rawBytes / rawAnchor).toFixed(4)),
  });
  const toRaw = (x: number) => (x * all.length) / rawEvents;
  printTable(
    `storage: ${all.length} events (${contributors} contributors, ${batches} batches × ${perBatch}), ${runs} runs, embedded store`,
    [
      row('anchor: JSON lines', anchor, '', rawAnchor),
      row('anchor context: JSON lines, gzip -6', jsonlGzipBytes / all.length, ''),
      row('event_chunks payload (ciphertext)', s.payload.median, s.payload.spread, toRaw(s.payload.median)),
      row(
        'event_chunks + batches rows (relation size)',
        s.relations.median,
        s.relations.spread,
        toRaw(s.relations.median),
      ),
      row('database size growth', s.database.median, s.database.spread, toRaw(s.database.median)),
      row('data folder growth (no WAL)', s.folder.median, s.folder.spread, toRaw(s.folder.median)),
      row(
        'data folder growth (with WAL)',
        s.folderWithWal.median,
        s.folderWithWal.spread,
        toRaw(s.folderWithWal.median),
      ),
    ],
  );
  const ratioPayload = s.payload.median / anchor;
  const ratioRows = s.relations.median / anchor;
  const ratioDatabase = s.database.median / anchor;
  const upload = stats(uploadRates);
  console.log(
    `\nupload (context only): ${Math.round(upload.median)} events/s median, spread ${upload.spread.toFixed(2)}; ` +
      `${rawEvents} raw samples when each path point counts as a move (${(rawEvents / all.length).toFixed(2)} per event)`,
  );
  console.log(
    `target ≤ 0.1 × JSON lines: payload ${ratioPayload.toFixed(3)} (${ratioPayload <= 0.1 ? 'met' : 'MISSED'}), ` +
      `rows ${ratioRows.toFixed(3)} (${ratioRows <= 0.1 ? 'met' : 'MISSED'}), database ${ratioDatabase.toFixed(3)} (${ratioDatabase <= 0.1 ? 'met' : 'MISSED'})`,
  );
  const file = writeResults('storage', {
    store: 'embedded (PGlite)',
    contributors,
    batches,
    eventsPerBatch: perBatch,
    events: all.length,
    runs,
    eventsByType: byType,
    anchor: 'the same events as JSON lines (JSON.stringify + newline)',
    anchorBytesPerEvent: anchor,
    jsonlBytes,
    jsonlGzipBytesPerEvent: jsonlGzipBytes / all.length,
    bytesPerEvent: s,
    lastRunGrowthBytes: lastGrowth,
    ratios: { payload: ratioPayload, rows: ratioRows, database: ratioDatabase },
    uncoalesced: {
      rawSamples: rawEvents,
      anchorBytesPerSample: rawAnchor,
      payloadBytesPerSample: toRaw(s.payload.median),
      rowsBytesPerSample: toRaw(s.relations.median),
      ratioPayload: toRaw(s.payload.median) / rawAnchor,
      ratioRows: toRaw(s.relations.median) / rawAnchor,
    },
    uploadEventsPerSec: upload,
    target: {
      ratio: 0.1,
      judgedOn: 'event_chunks payload per stored event (rows and database growth reported beside it)',
      met: ratioPayload <= 0.1,
      metWithRowOverhead: ratioRows <= 0.1,
      metWithDatabaseGrowth: ratioDatabase <= 0.1,
    },
  });
  console.log(`wrote ${file}`);
}
