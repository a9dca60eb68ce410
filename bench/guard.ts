/**
 * bench/guard: one guarded read of event data — Cedar authorise → audit append (Merkle tree, in a
 * transaction) → fetch → decrypt — p50/p99 and reads/s, against the anchor of a bare Cedar
 * `isAuthorized` call with the same request, in the same run, with 1, 8 and 64 reads in flight.
 * Target: p99 under 1 ms at 8 concurrent readers.
 *
 *   npm run bench -- guard [--reads 500] [--runs 5]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAuthorized } from '../packages/policy/src/cedar-engine.ts';
import { buildRequest } from '../packages/policy/src/cedar-request.ts';
import { validatePolicies } from '../packages/policy/src/index.ts';
import type { Principal } from '../packages/server/src/auth/principal.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { createStenoServer } from '../packages/server/src/steno-server.ts';
import { enrolTestDevice } from '../test/support/test-device.ts';
import { percentile, printTable, stats, writeResults } from './lib/report.ts';

const arg = (args: string[], name: string, d: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};

export async function main(args: string[]): Promise<void> {
  const reads = arg(args, 'reads', 500);
  const runs = arg(args, 'runs', 5);
  const dir = mkdtempSync(join(tmpdir(), 'steno-guard-'));
  const server = await createStenoServer(
    loadConfig({ dataDir: dir, port: 0, logLevel: 'silent', kek: randomBytes(32).toString('base64') }, {}),
  );
  try {
    // One contributor with one stored batch of 50 events, captured under a permitted lease (the
    // test fixture records a legal basis, consent and a scope, and holds a lease).
    const dev = await enrolTestDevice(server, 'reader');
    const t0 = Date.now() - 60_000;
    const up = await server.app.inject({
      method: 'POST',
      url: '/v1/batches',
      payload: dev.batch([
        { type: 'focus' as const, t: t0 - 1, app: 'gedit', title: 'notes.txt' },
        ...Array.from({ length: 49 }, (_, i) => ({
          type: 'button' as const,
          t: t0 + i,
          dir: 'down' as const,
          button: 'left' as const,
          x: i,
          y: i,
          mods: [],
        })),
      ]),
    });
    if (up.statusCode !== 200) throw new Error(`upload refused: ${up.body}`);

    const principal: Principal = {
      id: 'person:reader',
      role: 'contributor',
      subject: 'reader',
      scopes: ['me:read'],
      tokenId: 'tok_bench',
    };
    const request = { subject: 'reader', from: 0, to: Number.MAX_SAFE_INTEGER, limit: 10 };
    const set = validatePolicies();
    const built = buildRequest(
      principal,
      'events.read',
      { type: 'subject_events', subject: 'reader' },
      { readFrom: 0, readTo: request.to },
      {
        now: Date.now(),
        programPaused: false,
        programId: 'steno',
      },
    );
    if (!built.ok) throw new Error(built.reason);
    const anchorReq = {
      ...built.request,
      context: built.request.context as Record<string, never>,
      policies: { staticPolicies: { ...set.policies } },
    };

    // Each run: `reads` guarded reads at 1, 8 and 64 in flight (issue 19), then the anchor.
    const LEVELS = [1, 8, 64] as const;
    const guardRuns: Record<number, number[]> = { 1: [], 8: [], 64: [] };
    const guardSamples: Record<number, number[]> = { 1: [], 8: [], 64: [] };
    const anchorRuns: number[] = [];
    const anchorSamples: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const line: string[] = [];
      for (const level of LEVELS) {
        let next = 0;
        const start = performance.now();
        await Promise.all(
          Array.from({ length: level }, async () => {
            while (next < reads) {
              next++;
              const s = performance.now();
              const res = await server.guard.readEvents(principal, request);
              if (!res.ok || res.value.events.length !== 50) throw new Error('guarded read failed');
              if (run > 0) guardSamples[level]?.push((performance.now() - s) * 1000);
            }
          }),
        );
        const rate = reads / ((performance.now() - start) / 1000);
        if (run > 0) guardRuns[level]?.push(rate);
        line.push(`${level} in flight ${rate.toFixed(0)} reads/s`);
      }
      const start = performance.now();
      for (let i = 0; i < reads; i++) {
        const s = performance.now();
        const r = isAuthorized(anchorReq);
        if (r.type !== 'success' || r.response.decision !== 'allow') throw new Error('anchor disagrees');
        if (run > 0) anchorSamples.push((performance.now() - s) * 1000);
      }
      const anchorRate = reads / ((performance.now() - start) / 1000);
      if (run > 0) anchorRuns.push(anchorRate);
      process.stderr.write(
        `guard: run ${run}${run ? '' : ' (warm-up)'}: ${line.join(', ')}; anchor ${anchorRate.toFixed(0)}/s\n`,
      );
    }
    const at = (level: number) => ({
      readsPerSec: stats(guardRuns[level] ?? []),
      p50Us: percentile(guardSamples[level] ?? [], 50),
      p99Us: percentile(guardSamples[level] ?? [], 99),
    });
    const figures = {
      reads,
      runs,
      guard: at(1),
      concurrent: { 1: at(1), 8: at(8), 64: at(64) },
      anchorBareIsAuthorized: {
        perSec: stats(anchorRuns),
        p50Us: percentile(anchorSamples, 50),
        p99Us: percentile(anchorSamples, 99),
      },
      ratioP50: percentile(guardSamples[1] ?? [], 50) / percentile(anchorSamples, 50),
      auditEntries: await server.audit.size(),
      target: 'p99 under 1 ms at 8 concurrent readers',
    };
    printTable(`guard: authorise + audit append + decrypt of 50 events, ${reads} reads × ${runs} runs`, [
      ...LEVELS.map((level) => ({
        name: `guarded read, ${level} in flight`,
        'per s (median)': Math.round(figures.concurrent[level].readsPerSec.median),
        spread: figures.concurrent[level].readsPerSec.spread,
        'p50 µs': figures.concurrent[level].p50Us,
        'p99 µs': figures.concurrent[level].p99Us,
      })),
      {
        name: 'bare isAuthorized (anchor)',
        'per s (median)': Math.round(figures.anchorBareIsAuthorized.perSec.median),
        spread: figures.anchorBareIsAuthorized.perSec.spread,
        'p50 µs': figures.anchorBareIsAuthorized.p50Us,
        'p99 µs': figures.anchorBareIsAuthorized.p99Us,
      },
      { name: 'ratio (p50)', 'per s (median)': Number(figures.ratioP50.toFixed(2)) },
    ]);
    console.log(`\nwritten ${writeResults('guard', figures)}`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
