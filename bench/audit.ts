/**
 * Benchmark `audit` (BENCHMARKS.md): appends/s into the RFC 9162 Merkle log (leaf hash + append,
 * in-memory node store) and proof generation time at 10^6 and 10^7 entries, against the anchor
 * of plain SHA-256 over the same ~200-byte JSON entries measured in the same run.
 *
 *   npm run bench -- audit [--max 1e7] [--batch 1000]
 */
import { randomInt } from 'node:crypto';
import {
  leafHash,
  MemoryNodeStore,
  MerkleLog,
  sha256,
  verifyConsistency,
  verifyInclusion,
} from '../packages/tlog/src/index.ts';
import { percentile, printTable, type Row, repeatRuns, stats, writeResults } from './lib/report.ts';

const CHUNK = 100_000;
const PROOFS_PER_RUN = 1_000;

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 1) throw new Error(`${name} must be a positive number`);
  return Math.floor(value);
}

/** An audit entry like the server's: one read of one subject's events, ~200 bytes of JSON. */
function entry(i: number): Buffer {
  return Buffer.from(
    JSON.stringify({
      at: 1_767_225_600_000 + i * 37,
      actor: { id: `user-${(i * 7919) % 70_000}`, role: 'contributor', tokenId: `tok-${(i * 31) % 1e6}` },
      action: 'events.read',
      resource: { type: 'events', subject: `subj-${(i * 104_729) % 70_000}`, id: `batch-${i}` },
      decision: 'allow',
      reason: 'own-data',
    }),
  );
}

async function timeProofs(log: MerkleLog, size: number, kind: 'inclusion' | 'consistency') {
  const samples: number[] = [];
  const runs = await repeatRuns(async () => {
    const t0 = performance.now();
    for (let k = 0; k < PROOFS_PER_RUN; k++) {
      const s = performance.now();
      if (kind === 'inclusion') await log.inclusionProof(randomInt(size), size);
      else await log.consistencyProof(1 + randomInt(size - 1), size);
      samples.push((performance.now() - s) * 1000);
    }
    return ((performance.now() - t0) * 1000) / PROOFS_PER_RUN;
  }, 5);
  return { mean: stats(runs), p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function timeVerify(log: MerkleLog, size: number) {
  const root = await log.root(size);
  const index = randomInt(size);
  const leaf = leafHash(entry(index));
  const ip = await log.inclusionProof(index, size);
  const size1 = 1 + randomInt(size - 1);
  const root1 = await log.root(size1);
  const cp = await log.consistencyProof(size1, size);
  const runs = await repeatRuns(() => {
    const t0 = performance.now();
    for (let k = 0; k < PROOFS_PER_RUN; k++) {
      if (!verifyInclusion(leaf, index, size, ip, root)) throw new Error('inclusion proof failed');
      if (!verifyConsistency(size1, size, cp, root1, root)) throw new Error('consistency proof failed');
    }
    return ((performance.now() - t0) * 1000) / PROOFS_PER_RUN;
  }, 5);
  return { both: stats(runs), inclusionNodes: ip.length, consistencyNodes: cp.length };
}

export async function main(args: string[]): Promise<void> {
  const max = option(args, '--max', 1e7);
  const batch = option(args, '--batch', 1_000);
  const marks = [1e6, 1e7].filter((m) => m <= max);
  if (marks.length === 0 || (marks[marks.length - 1] as number) < max) marks.push(max);

  const store = new MemoryNodeStore();
  const log = MerkleLog.create(store);
  const appendRates: number[] = [];
  const anchorRates: number[] = [];
  let entryBytes = 0;
  const proofRows: Row[] = [];
  const proofFigures: Record<string, unknown> = {};
  const started = performance.now();

  for (const mark of marks) {
    while (log.size < mark) {
      const n = Math.min(CHUNK, mark - log.size);
      const entries = Array.from({ length: n }, (_, i) => entry(log.size + i));
      for (const e of entries) entryBytes += e.length;
      // Anchor: the hashing floor, one SHA-256 per entry.
      let t0 = performance.now();
      for (const e of entries) sha256(e);
      anchorRates.push(n / ((performance.now() - t0) / 1000));
      // The log: leaf hash and append, in batches of `batch`.
      t0 = performance.now();
      for (let i = 0; i < n; i += batch) await log.append(entries.slice(i, i + batch).map(leafHash));
      appendRates.push(n / ((performance.now() - t0) / 1000));
    }
    const inclusion = await timeProofs(log, mark, 'inclusion');
    const consistency = await timeProofs(log, mark, 'consistency');
    const verify = await timeVerify(log, mark);
    const label = mark.toExponential(0).replace('+', '');
    proofRows.push(
      {
        name: `inclusion proof @ ${label}`,
        'median µs': inclusion.mean.median,
        'p50 µs': inclusion.p50,
        'p99 µs': inclusion.p99,
        spread: inclusion.mean.spread,
        nodes: verify.inclusionNodes,
      },
      {
        name: `consistency proof @ ${label}`,
        'median µs': consistency.mean.median,
        'p50 µs': consistency.p50,
        'p99 µs': consistency.p99,
        spread: consistency.mean.spread,
        nodes: verify.consistencyNodes,
      },
      {
        name: `verify both @ ${label}`,
        'median µs': verify.both.median,
        'p50 µs': '',
        'p99 µs': '',
        spread: verify.both.spread,
        nodes: '',
      },
    );
    proofFigures[String(mark)] = { inclusion, consistency, verifyBothUs: verify.both };
  }

  // One-at-a-time appends (batch of 1), as a guard appending per read without batching does.
  const singles = Array.from({ length: 20_000 }, (_, i) => entry(log.size + i));
  const single = await repeatRuns(async () => {
    const t0 = performance.now();
    for (let i = 0; i < 4_000; i++)
      await log.append([leafHash(singles[(log.size + i) % singles.length] as Buffer)]);
    return 4_000 / ((performance.now() - t0) / 1000);
  }, 4);

  const append = stats(appendRates);
  const anchor = stats(anchorRates);
  const singleStats = stats(single);
  const ratio = anchor.median / append.median;
  const mem = process.memoryUsage();
  printTable(
    `audit: appends (${marks.join(', ')} entries, mean entry ${Math.round(entryBytes / log.size)} B)`,
    [
      {
        name: 'anchor: SHA-256 of entry',
        'median/s': Math.round(anchor.median),
        'min/s': Math.round(anchor.min),
        spread: anchor.spread,
      },
      {
        name: `leaf hash + append (batch ${batch})`,
        'median/s': Math.round(append.median),
        'min/s': Math.round(append.min),
        spread: append.spread,
      },
      {
        name: 'leaf hash + append (batch 1)',
        'median/s': Math.round(singleStats.median),
        'min/s': Math.round(singleStats.min),
        spread: singleStats.spread,
      },
      {
        name: 'ratio anchor/append (batched)',
        'median/s': Number(ratio.toFixed(2)),
        'min/s': '',
        spread: '',
      },
    ],
  );
  printTable('audit: proofs (random index / size1, per proof)', proofRows);
  console.log(
    `\nstore ${(store.allocatedBytes / 2 ** 20).toFixed(0)} MiB allocated, rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, total ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  const file = writeResults('audit', {
    entries: log.size,
    meanEntryBytes: entryBytes / log.size,
    batch,
    appendsPerSecond: append,
    appendsPerSecondBatch1: singleStats,
    anchorSha256PerSecond: anchor,
    ratioAnchorOverAppend: ratio,
    target: { appendsPerSecond: 10_000, met: append.median >= 10_000 && singleStats.median >= 10_000 },
    proofsMicroseconds: proofFigures,
    memory: { storeAllocatedBytes: store.allocatedBytes, rssBytes: mem.rss },
  });
  console.log(`wrote ${file}`);
}
