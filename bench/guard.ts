/**
 * bench/guard: one guarded read of event data — Cedar authorise → audit append (Merkle tree, in a
 * transaction) → fetch → decrypt — p50/p99 and reads/s, against the anchor of a bare Cedar
 * `isAuthorized` call with the same request, in the same run. Target: p99 under 1 ms.
 *
 *   npm run bench -- guard [--reads 500] [--runs 5]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Batch, generateEd25519, importPrivateKey, signCanonical } from '@steno/protocol';
import { isAuthorized } from '../packages/policy/src/cedar-engine.ts';
import { buildRequest } from '../packages/policy/src/cedar-request.ts';
import { validatePolicies } from '../packages/policy/src/index.ts';
import type { Principal } from '../packages/server/src/auth/principal.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { createEnrolToken } from '../packages/server/src/ingest/device-enrolment.ts';
import { createStenoServer } from '../packages/server/src/steno-server.ts';
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
    // One contributor with one stored batch of 50 events.
    const { token } = await createEnrolToken(server.enrolment, 'reader', 'bench');
    const keys = generateEd25519();
    const key = importPrivateKey(keys.privateKey);
    const proof = signCanonical('steno-enrol-v1', { token, publicKey: keys.publicKey, name: 'bench' }, key);
    const enrol = await server.app.inject({
      method: 'POST',
      url: '/v1/enrol',
      payload: { v: 1, token, publicKey: keys.publicKey, name: 'bench', proof },
    });
    const { deviceId } = enrol.json() as { deviceId: string };
    const t0 = Date.now() - 60_000;
    const batch: Batch = {
      v: 1,
      batchId: randomUUID(),
      deviceId,
      subject: 'reader',
      seq: 0,
      createdAt: Date.now(),
      events: Array.from({ length: 50 }, (_, i) => ({
        type: 'button' as const,
        t: t0 + i,
        dir: 'down' as const,
        button: 'left' as const,
        x: i,
        y: i,
        mods: [],
      })),
    };
    const up = await server.app.inject({
      method: 'POST',
      url: '/v1/batches',
      payload: { v: 1, batch, sig: signCanonical('steno-batch-v1', batch, key) },
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

    const guardRuns: number[] = [];
    const anchorRuns: number[] = [];
    const guardSamples: number[] = [];
    const anchorSamples: number[] = [];
    for (let run = 0; run <= runs; run++) {
      let start = performance.now();
      for (let i = 0; i < reads; i++) {
        const s = performance.now();
        const res = await server.guard.readEvents(principal, request);
        if (!res.ok || res.value.events.length !== 50) throw new Error('guarded read failed');
        if (run > 0) guardSamples.push((performance.now() - s) * 1000);
      }
      const guardRate = reads / ((performance.now() - start) / 1000);
      start = performance.now();
      for (let i = 0; i < reads; i++) {
        const s = performance.now();
        const r = isAuthorized(anchorReq);
        if (r.type !== 'success' || r.response.decision !== 'allow') throw new Error('anchor disagrees');
        if (run > 0) anchorSamples.push((performance.now() - s) * 1000);
      }
      const anchorRate = reads / ((performance.now() - start) / 1000);
      if (run > 0) {
        guardRuns.push(guardRate);
        anchorRuns.push(anchorRate);
      }
      process.stderr.write(
        `guard: run ${run}${run ? '' : ' (warm-up)'}: ${guardRate.toFixed(0)} reads/s, anchor ${anchorRate.toFixed(0)}/s\n`,
      );
    }
    const figures = {
      reads,
      runs,
      guard: {
        readsPerSec: stats(guardRuns),
        p50Us: percentile(guardSamples, 50),
        p99Us: percentile(guardSamples, 99),
      },
      anchorBareIsAuthorized: {
        perSec: stats(anchorRuns),
        p50Us: percentile(anchorSamples, 50),
        p99Us: percentile(anchorSamples, 99),
      },
      ratioP50: percentile(guardSamples, 50) / percentile(anchorSamples, 50),
      auditEntries: await server.audit.size(),
      target: 'p99 under 1 ms',
    };
    printTable(`guard: authorise + audit append + decrypt of 50 events, ${reads} reads × ${runs} runs`, [
      {
        name: 'guarded read',
        'per s (median)': Math.round(figures.guard.readsPerSec.median),
        spread: figures.guard.readsPerSec.spread,
        'p50 µs': figures.guard.p50Us,
        'p99 µs': figures.guard.p99Us,
      },
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
