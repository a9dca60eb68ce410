/**
 * Shared benchmark reporting (BENCHMARKS.md): repeat, take median and spread, compare with an anchor
 * measured in the same run, print a table and write bench/results/NAME.json with machine facts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Stats {
  median: number;
  min: number;
  max: number;
  /** (max - min) / median: the run-to-run spread. */
  spread: number;
  runs: number[];
}

export function stats(runs: number[]): Stats {
  if (runs.length === 0) throw new Error('no runs');
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;
  return { median, min, max, spread: median === 0 ? 0 : (max - min) / median, runs };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}

/** Runs `fn` `warmup` times unmeasured, then `repeat` times, returning each run's figure. */
export async function repeatRuns(
  fn: () => Promise<number> | number,
  repeat = 5,
  warmup = 1,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < repeat; i++) out.push(await fn());
  return out;
}

export function machineFacts(): Record<string, unknown> {
  const c = cpus();
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: c.length,
    cpuModel: c[0]?.model ?? 'unknown',
    memGiB: Math.round(totalmem() / 2 ** 30),
  };
}

export interface Row {
  name: string;
  [column: string]: string | number;
}

export function printTable(title: string, rows: Row[]): void {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const fmt = (v: unknown) =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : String(v ?? '');
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => fmt(r[c]).length)));
  console.log(`\n${title}`);
  console.log(cols.map((c, i) => c.padEnd(widths[i] as number)).join('  '));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(cols.map((c, i) => fmt(r[c]).padEnd(widths[i] as number)).join('  '));
}

export function writeResults(name: string, figures: Record<string, unknown>): string {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ name, date: new Date().toISOString(), machine: machineFacts(), ...figures }, null, 2)}\n`,
  );
  return file;
}
