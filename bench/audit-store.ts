/**
 * bench/audit-store: the server's SQL-backed audit append (entry + Merkle nodes in one transaction
 * on the embedded store), one at a time and with 64 appenders at once (group commit), against
 * the anchor of a bare one-row INSERT per transaction into the same store, in the same run.
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

export async function main(args: string[]): Promise<void> {
  const n = arg(args, 'appends', 5_000);
  const runs = arg(args, 'runs', 5);
  const dir = mkdtempSync(join(tmpdir(), 'steno-audit-store-'));
  const server = await createStenoServer(
    loadConfig({ dataDir: dir, port: 0, logLevel: 'silent', kek: randomBytes(32).toString('base64') }, {}),
  );
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
    await server.db.exec('CREATE TABLE bench_rows (id bigint PRIMARY KEY, body text NOT NULL)');
    const seq: number[] = [];
    const conc: number[] = [];
    const anchor: number[] = [];
    let id = 0;
    for (let run = 0; run <= runs; run++) {
      let t = performance.now();
      for (let i = 0; i < n / 5; i++) await server.audit.append(entry(i));
      const s = (n / 5 / (performance.now() - t)) * 1000;
      t = performance.now();
      for (let i = 0; i < n; i += 64)
        await Promise.all(
          Array.from({ length: Math.min(64, n - i) }, (_, k) => server.audit.append(entry(i + k))),
        );
      const c = (n / (performance.now() - t)) * 1000;
      t = performance.now();
      for (let i = 0; i < n / 5; i++)
        await server.db.transaction((tx) =>
          tx.query('INSERT INTO bench_rows (id, body) VALUES ($1, $2)', [id++, JSON.stringify(entry(i))]),
        );
      const a = (n / 5 / (performance.now() - t)) * 1000;
      process.stderr.write(
        `audit-store run ${run}${run === 0 ? ' (warm-up)' : ''}: ${Math.round(s)} / ${Math.round(c)} / anchor ${Math.round(a)} per s\n`,
      );
      if (run > 0) {
        seq.push(s);
        conc.push(c);
        anchor.push(a);
      }
    }
    const r = { sequential: stats(seq), concurrent64: stats(conc), anchorInsert: stats(anchor) };
    printTable(`audit-store: SQL-backed audit appends on the embedded store, ${runs} runs`, [
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
        name: 'anchor: one-row INSERT per transaction',
        'per s (median)': Math.round(r.anchorInsert.median),
        spread: r.anchorInsert.spread,
      },
      {
        name: 'ratio group commit / anchor',
        'per s (median)': Number((r.concurrent64.median / r.anchorInsert.median).toFixed(2)),
        spread: 0,
      },
    ]);
    const file = writeResults('audit-store', {
      appends: n,
      runs,
      target: '≥ 10,000 appends/s on one core',
      met: r.concurrent64.median >= 10_000,
      ...r,
    });
    console.log(`\nwritten ${file}`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
