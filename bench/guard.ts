/**
 * bench/guard: one guarded read of event data — Cedar authorise → audit append (Merkle tree, group
 * commit) → fetch → decrypt — p50/p99 and reads/s, against the anchor of a bare Cedar
 * `isAuthorized` call with the same request, in the same run, with 1, 8 and 64 reads in flight.
 * Target: p99 under 1 ms at 8 concurrent readers. Beside it, each stage alone on the same server
 * (issue 19): the decision (remembered, and asked of Cedar), the audit commit at 1 and 8 in
 * flight, the chunk fetch, key and decrypt, and the store's floor (SELECT 1, an empty transaction);
 * the audit entries per commit during the 8-reader runs; the load average before and after.
 *
 *   npm run bench -- guard [--reads 500] [--runs 5]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAuthorized } from '../packages/policy/src/cedar-engine.ts';
import { buildRequest } from '../packages/policy/src/cedar-request.ts';
import { CedarPolicy, validatePolicies } from '../packages/policy/src/index.ts';
import type { Principal } from '../packages/server/src/auth/principal.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { openEventPayload } from '../packages/server/src/crypto/event-envelope.ts';
import { decodeEvents } from '../packages/server/src/crypto/payload-codec.ts';
import { createStenoServer } from '../packages/server/src/steno-server.ts';
import { listChunks } from '../packages/server/src/store/batches-repo.ts';
import { enrolTestDevice } from '../test/support/test-device.ts';
import { percentile, printTable, stats, writeResults } from './lib/report.ts';

const arg = (args: string[], name: string, d: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};

export async function main(args: string[]): Promise<void> {
  const reads = arg(args, 'reads', 500);
  const runs = arg(args, 'runs', 5);
  const loadBefore = loadavg();
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
    const grouped: Record<number, { groups: number; entries: number }> = {
      1: { groups: 0, entries: 0 },
      8: { groups: 0, entries: 0 },
      64: { groups: 0, entries: 0 },
    };
    const anchorRuns: number[] = [];
    const anchorSamples: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const line: string[] = [];
      for (const level of LEVELS) {
        let next = 0;
        const commits = { ...server.audit.commits };
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
        const g = grouped[level];
        if (run > 0 && g) {
          g.groups += server.audit.commits.groups - commits.groups;
          g.entries += server.audit.commits.entries - commits.entries;
        }
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
    const stages = await measureStages(server, principal, request, set, reads, runs);
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
      ratioP99At8ToAnchorP50: percentile(guardSamples[8] ?? [], 99) / percentile(anchorSamples, 50),
      auditEntriesPerCommit: Object.fromEntries(
        LEVELS.map((l) => [l, (grouped[l]?.entries ?? 0) / Math.max(1, grouped[l]?.groups ?? 0)]),
      ),
      stages,
      loadAverage: { before: loadBefore, after: loadavg() },
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
    printTable(
      `guard stages, each alone on the same server (µs; audit entries per commit at 1/8/64 in flight: ${LEVELS.map((l) => figures.auditEntriesPerCommit[l]?.toFixed(1)).join(' / ')}; load ${figures.loadAverage.before.map((x) => x.toFixed(1)).join(' ')} → ${figures.loadAverage.after.map((x) => x.toFixed(1)).join(' ')})`,
      Object.entries(stages).map(([name, s]) => ({ name, 'p50 µs': s.p50Us, 'p99 µs': s.p99Us })),
    );
    console.log(`\nwritten ${writeResults('guard', figures)}`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each stage of a guarded read alone, `runs` × `reads` times, interleaved so load hits all alike. */
async function measureStages(
  server: Awaited<ReturnType<typeof createStenoServer>>,
  principal: Principal,
  request: { subject: string; from: number; to: number; limit: number },
  set: ReturnType<typeof validatePolicies>,
  reads: number,
  runs: number,
): Promise<Record<string, { p50Us: number; p99Us: number }>> {
  const resource = { type: 'subject_events', subject: request.subject } as const;
  const context = { readFrom: request.from, readTo: request.to };
  const asking = new CedarPolicy({ policySet: set, programPaused: () => false, decisionCacheSize: 0 });
  const entry = {
    at: Date.now(),
    actor: { id: principal.id, role: principal.role, tokenId: principal.tokenId },
    action: 'events.read',
    resource,
    decision: 'allow' as const,
    reason: 'bench',
    details: { from: request.from, to: request.to },
  };
  const [chunk] = await listChunks(server.db, request.subject, request, request.limit);
  if (!chunk) throw new Error('no chunk stored');
  const aad = {
    subject: chunk.subjectId,
    deviceId: chunk.deviceId,
    batchId: chunk.batchId,
    month: chunk.month,
  };
  const stages: Record<string, () => Promise<unknown> | unknown> = {
    'authorise (decision remembered)': () =>
      server.policy.authorize(principal, 'events.read', resource, context),
    'authorise (Cedar asked: statefulIsAuthorized)': () =>
      asking.authorize(principal, 'events.read', resource, context),
    'audit commit, 1 in flight': () => server.audit.append(entry),
    'audit commit, 8 at once (the group)': () =>
      Promise.all(Array.from({ length: 8 }, () => server.audit.append(entry))),
    'fetch (chunks of the window, one query)': () =>
      listChunks(server.db, request.subject, request, request.limit),
    'data key (key store)': () => server.keys.get(chunk.subjectId, chunk.month, chunk.keyId),
    'decrypt + decode 50 events': async () => {
      const key = await server.keys.get(chunk.subjectId, chunk.month, chunk.keyId);
      const plain = key && openEventPayload(key, chunk.payload, aad);
      if (!plain || decodeEvents(plain).length !== 50) throw new Error('chunk does not open');
    },
    'store floor: SELECT 1': () => server.db.query('SELECT 1'),
    'store floor: empty transaction': () => server.db.transaction(async () => undefined),
  };
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(stages).map((k) => [k, []]));
  for (let run = 0; run <= runs; run++)
    for (let i = 0; i < reads; i++)
      for (const [name, fn] of Object.entries(stages)) {
        const s = performance.now();
        await fn();
        if (run > 0) samples[name]?.push((performance.now() - s) * 1000);
      }
  return Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [k, { p50Us: percentile(v, 50), p99Us: percentile(v, 99) }]),
  );
}
