/**
 * bench/audit-store: the server's SQL-backed audit append (entry + Merkle nodes in one transaction
 * on the embedded store), one at a time and with 64 appenders at once (group commit), with
 * witnessing on (issue 20: the embedded witness beside the server, checkpoints published every
 * second while the appends run, the self-check re-hashing new entries before each), against the
 * anchor of a bare one-row INSERT per transaction into the same store, in the same run. Also:
 * checkpoint-to-cosignature latency (signing a checkpoint until the quorum's cosignature came back
 * over HTTP) and the whole publication (self-check of the new entries + sign + cosign).
 * Target (BENCHMARKS.md `audit`): at least 10,000 appends/s on one core.
 *
 *   npm run bench -- audit-store [--appends 5000] [--runs 5]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../packages/server/src/config.ts';
import { createStenoServer } from '../packages/server/src/steno-server.ts';
import { printTable, stats, writeResults } from './lib/report.ts';

const arg = (args: string[], name: string, d: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

export async function main(args: string[]): Promise<void> {
  const n = arg(args, 'appends', 5_000);
  const runs = arg(args, 'runs', 5);
  const dir = mkdtempSync(join(tmpdir(), 'steno-audit-store-'));
  const server = await createStenoServer(
    loadConfig(
      {
        dataDir: dir,
        port: 0,
        logLevel: 'silent',
        kek: randomBytes(32).toString('base64'),
        checkpointIntervalMs: 1_000,
      },
      {},
    ),
  );
  const cosignMs: number[] = [];
  server.checkpoints.onPublished = (seconds) => cosignMs.push(seconds * 1000);
  const entry = (i: number) => ({
    at: Date.now(),
    actor: { id: `person:p${i % 100}`, role: 'contributor', tokenId: 'tok_bench' },
    action: 'events.read',
    resource: { type: 'subject_events', subject: `s${i % 100}` },
    decision: 'allow' as const,
    reason: 'contributor.read_own',
    details: { from: 0, to: Date.now() },
  });
  try {
    if (!server.embeddedWitness) throw new Error('the bench expects the embedded witness');
    await server.db.exec('CREATE TABLE bench_rows (id bigint PRIMARY KEY, body text NOT NULL)');
    const seq: number[] = [];
    const conc: number[] = [];
    const concOff: number[] = [];
    const anchor: number[] = [];
    const publishMs: number[] = [];
    let id = 0;
    for (let run = 0; run <= runs; run++) {
      const published = cosignMs.length;
      let t = performance.now();
      for (let i = 0; i < n / 5; i++) await server.audit.append(entry(i));
      const s = (n / 5 / (performance.now() - t)) * 1000;
      t = performance.now();
      for (let i = 0; i < n; i += 64)
        await Promise.all(
          Array.from({ length: Math.min(64, n - i) }, (_, k) => server.audit.append(entry(i + k))),
        );
      const c = (n / (performance.now() - t)) * 1000;
      // The same appends with the publisher paused (no self-check, signing or witness meanwhile).
      server.checkpoints.stop();
      t = performance.now();
      for (let i = 0; i < n; i += 64)
        await Promise.all(
          Array.from({ length: Math.min(64, n - i) }, (_, k) => server.audit.append(entry(i + k))),
        );
      const off = (n / (performance.now() - t)) * 1000;
      server.checkpoints.start(1_000);
      t = performance.now();
      for (let i = 0; i < n / 5; i++)
        await server.db.transaction((tx) =>
          tx.query('INSERT INTO bench_rows (id, body) VALUES ($1, $2)', [id++, JSON.stringify(entry(i))]),
        );
      const a = (n / 5 / (performance.now() - t)) * 1000;
      // A publication of what this run appended that was not yet published (self-check + sign + cosign).
      t = performance.now();
      const p = await server.checkpoints.publish();
      if (!p) throw new Error('no quorum: the witness did not cosign');
      const pub = performance.now() - t;
      process.stderr.write(
        `audit-store run ${run}${run === 0 ? ' (warm-up)' : ''}: ${Math.round(s)} / ${Math.round(c)} (publisher paused ${Math.round(off)}) / anchor ${Math.round(a)} per s; ${cosignMs.length - published} checkpoints cosigned meanwhile; publish ${pub.toFixed(1)} ms\n`,
      );
      if (run > 0) {
        seq.push(s);
        conc.push(c);
        concOff.push(off);
        anchor.push(a);
        publishMs.push(pub);
      } else cosignMs.length = 0;
    }
    // The start-up self-check: every entry re-hashed and compared with its leaf, the tree and the
    // witnessed checkpoints (what a restart costs).
    const checkRates: number[] = [];
    const entries = await server.audit.size();
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      if (await server.auditCheck.check('full')) throw new Error('the self-check found the log tampered');
      checkRates.push((entries / (performance.now() - t)) * 1000);
    }
    const r = {
      fullSelfCheck: { entries, perSecond: stats(checkRates) },
      sequential: stats(seq),
      concurrent64: stats(conc),
      concurrent64PublisherPaused: stats(concOff),
      anchorInsert: stats(anchor),
      checkpointToCosignatureMs: {
        ...stats(cosignMs),
        p50: percentile(cosignMs, 50),
        p99: percentile(cosignMs, 99),
        count: cosignMs.length,
      },
      publishAfterRunMs: stats(publishMs),
    };
    printTable(`audit-store: SQL-backed audit appends on the embedded store, witnessing on, ${runs} runs`, [
      {
        name: 'append, one at a time',
        'per s (median)': Math.round(r.sequential.median),
        spread: r.sequential.spread,
      },
      {
        name: 'append, 64 at once (group commit)',
        'per s (median)': Math.round(r.concurrent64.median),
        spread: r.concurrent64.spread,
      },
      {
        name: 'append, 64 at once, publisher paused',
        'per s (median)': Math.round(r.concurrent64PublisherPaused.median),
        spread: r.concurrent64PublisherPaused.spread,
      },
      {
        name: 'anchor: one-row INSERT per transaction',
        'per s (median)': Math.round(r.anchorInsert.median),
        spread: r.anchorInsert.spread,
      },
      {
        name: 'ratio group commit / anchor',
        'per s (median)': Number((r.concurrent64.median / r.anchorInsert.median).toFixed(2)),
        spread: 0,
      },
      {
        name: 'ratio witnessing on / publisher paused',
        'per s (median)': Number((r.concurrent64.median / r.concurrent64PublisherPaused.median).toFixed(2)),
        spread: 0,
      },
      {
        name: `checkpoint → cosignature, ms (p50 of ${r.checkpointToCosignatureMs.count})`,
        'per s (median)': Number(r.checkpointToCosignatureMs.p50.toFixed(2)),
        spread: r.checkpointToCosignatureMs.spread,
      },
      {
        name: 'checkpoint → cosignature, ms (p99)',
        'per s (median)': Number(r.checkpointToCosignatureMs.p99.toFixed(2)),
        spread: 0,
      },
      {
        name: `full self-check of ${entries} entries, entries/s`,
        'per s (median)': Math.round(r.fullSelfCheck.perSecond.median),
        spread: r.fullSelfCheck.perSecond.spread,
      },
      {
        name: 'publish after a run (self-check + sign + cosign), ms',
        'per s (median)': Number(r.publishAfterRunMs.median.toFixed(2)),
        spread: r.publishAfterRunMs.spread,
      },
    ]);
    const file = writeResults('audit-store', {
      appends: n,
      runs,
      witnessing:
        'embedded witness over HTTP on 127.0.0.1, quorum 1, checkpoints every 1 s during the appends',
      target: '≥ 10,000 appends/s on one core (64 appenders), witnessing on',
      met: r.concurrent64.median >= 10_000,
      ...r,
    });
    console.log(`\nwritten ${file}`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
