/**
 * Frames benchmark (issue 11): lives beside the package it measures
 * (packages/frames/bench/frames.ts), which prints its figures and returns nothing. This wrapper
 * runs it, keeps the lines it prints, parses the figures out of them and writes
 * bench/results/frames.json. The anchor is the bare capture of the same screen (stack + pixels).
 */
import { main as measure } from '../packages/frames/bench/frames.ts';
import { writeResults } from './lib/report.ts';

const BARE = /^bare capture \(stack ×2 \+ pixels, (MIT-SHM|GetImage)\): median ([\d.]+) ms/;
const START = /^recogniser start: (\d+) ms/;
const VARIANT =
  /^ocr scale ([\d.]+), psm (\d+), output scale ([\d.]+): stack ([\d.]+) \| pixels ([\d.]+) \| black-out ([\d.]+) \| ocr ([\d.]+) \| redact ([\d.]+) \| encode ([\d.]+) \| total (\d+) ms \| ([\d.]+) KiB\/frame \| ~(\d+) frames\/min/;

export async function main(args: string[]): Promise<void> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => {
    lines.push(parts.map(String).join(' '));
    log(...parts);
  };
  try {
    await measure(args);
  } finally {
    console.log = log;
  }
  const bare: Record<string, number> = {};
  const starts: number[] = [];
  const variants: Record<string, unknown>[] = [];
  for (const line of lines) {
    const b = BARE.exec(line);
    if (b) bare[b[1] === 'MIT-SHM' ? 'shmMs' : 'getImageMs'] = Number(b[2]);
    const s = START.exec(line);
    if (s) starts.push(Number(s[1]));
    const v = VARIANT.exec(line);
    if (v) {
      const n = v.slice(1).map(Number);
      variants.push({
        ocrScale: n[0],
        pageSegMode: n[1],
        outputScale: n[2],
        medianMs: {
          stack: n[3],
          pixels: n[4],
          blackout: n[5],
          ocr: n[6],
          redact: n[7],
          encode: n[8],
          total: n[9],
        },
        kibPerFrame: n[10],
        framesPerMinuteOneCore: n[11],
      });
    }
  }
  if (variants.length === 0) throw new Error('frames benchmark printed no figures this wrapper recognises');
  const anchor = bare.shmMs ?? bare.getImageMs ?? Number.NaN;
  const file = writeResults('frames', {
    frames: Number(args[0] ?? 12),
    anchor: 'bare capture of the same screen (window stack ×2 + pixels), median of 20',
    bareCaptureMs: bare,
    recogniserStartMs: starts,
    variants: variants.map((v) => ({
      ...v,
      ratioTotalOverBareCapture: ((v.medianMs as { total: number }).total ?? Number.NaN) / anchor,
    })),
    note: 'medians within one run, as printed by packages/frames/bench/frames.ts; repeat the run for spread',
    target: 'report the ratio; recognition never blocks input (not measured here)',
  });
  console.log(`\nwrote ${file}`);
}
