/**
 * Frames benchmark (issues 11 and 19): lives beside the package it measures
 * (packages/frames/bench/frames.ts), which prints its figures and returns nothing. This wrapper
 * runs it, keeps the lines it prints, parses the figures out of them and writes
 * bench/results/frames.json. The anchor is the bare capture of the same screen (stack + pixels),
 * measured in the same run; every frame figure is also given as a ratio to it.
 */
import { loadavg } from 'node:os';
import { main as measure } from '../packages/frames/bench/frames.ts';
import { writeResults } from './lib/report.ts';

const BARE =
  /^bare capture \(stack ×2 \+ pixels, (MIT-SHM|GetImage)\): median ([\d.]+) ms \(min ([\d.]+), max ([\d.]+)\)/;
const START = /^recogniser start \[(.+?)\]: (\d+) ms/;
const STAGES =
  /stack ([\d.]+) \| pixels ([\d.]+) \| black-out ([\d.]+) \| diff ([\d.]+) \| ocr ([\d.]+) \| redact ([\d.]+) \| encode ([\d.]+) \| total (\d+) ms \(min (\d+), max (\d+)\) \| cpu (\d+) ms \| ([\d.]+) KiB\/frame \| ~(\d+) frames\/min on one core \| sustained ~(\d+) frames\/min/
    .source;
const COLD = new RegExp(
  `^cold \\[(.+?)\\]: ${STAGES} \\| leaks (\\d+)/(\\d+) \\| kept 'quick' (\\d+) \\(([\\w.-]+)\\) \\| (?:rendered black (\\d+)/(\\d+) \\| rendered leaks (\\d+)/\\d+|rendered dropped \\((\\w+)\\))`,
);
const DROPS = /^dropped frames \(retried\): (\{.*\})/;
const UNAVAILABLE = /^(?:cold|incremental with edits) \[(.+?)\]: not available here/;
const FIRST = new RegExp(`^incremental first frame \\(cold, full screen\\) \\[(.+?)\\]: ${STAGES}`);
const EDITS = new RegExp(
  `^incremental with edits \\[(.+?)\\]: ${STAGES} \\| re-read ([\\d.]+) % \\| cold (\\d+)/(\\d+) \\(([^)]*)\\) \\| leaks (\\d+)/(\\d+) \\| kept 'quick' (\\d+)`,
);

/** The 14 figures of a stage row, from the match's groups starting at `at`. */
function stages(m: RegExpExecArray, at: number) {
  const n = m.slice(at, at + 14).map(Number);
  return {
    medianMs: {
      stack: n[0],
      pixels: n[1],
      blackout: n[2],
      diff: n[3],
      ocr: n[4],
      redact: n[5],
      encode: n[6],
      total: n[7],
    },
    totalMinMs: n[8],
    totalMaxMs: n[9],
    cpuMs: n[10],
    kibPerFrame: n[11],
    framesPerMinuteOneCore: n[12],
    sustainedFramesPerMinuteOneCore: n[13],
  };
}

export async function main(args: string[]): Promise<void> {
  const loadBefore = loadavg();
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
  const bare: Record<string, { medianMs: number; minMs: number; maxMs: number }> = {};
  const starts: Record<string, number> = {};
  const unavailable: string[] = [];
  let dropped: Record<string, number> = {};
  const cold: Record<string, unknown>[] = [];
  const first: Record<string, ReturnType<typeof stages>> = {};
  const incremental: Record<string, unknown>[] = [];
  for (const line of lines) {
    const b = BARE.exec(line);
    if (b)
      bare[b[1] === 'MIT-SHM' ? 'shm' : 'getImage'] = {
        medianMs: Number(b[2]),
        minMs: Number(b[3]),
        maxMs: Number(b[4]),
      };
    const s = START.exec(line);
    if (s) starts[s[1] as string] = Number(s[2]);
    const d = DROPS.exec(line);
    if (d) dropped = JSON.parse(d[1] as string) as Record<string, number>;
    const u = UNAVAILABLE.exec(line);
    if (u) unavailable.push(u[1] as string);
    const c = COLD.exec(line);
    if (c) {
      const name = c[1] as string;
      cold.push({
        recogniser: name,
        startMs: starts[name],
        ...stages(c, 2),
        denseScreen: {
          leaked: Number(c[16]),
          secrets: Number(c[17]),
          quickKept: Number(c[18]),
          of: 24,
          reader: c[19],
        },
        renderedSecrets:
          c[23] !== undefined
            ? { dropped: c[23] }
            : { blackedOut: Number(c[20]), of: Number(c[21]), leaked: Number(c[22]) },
      });
    }
    const f = FIRST.exec(line);
    if (f) first[f[1] as string] = stages(f, 2);
    const e = EDITS.exec(line);
    if (e) {
      incremental.push({
        recogniser: e[1],
        coldFullScreenFrame: first[e[1] as string],
        ...stages(e, 2),
        reReadPercent: Number(e[16]),
        coldFrames: Number(e[17]),
        frames: Number(e[18]),
        coldReasons: e[19],
        leaked: Number(e[20]),
        secrets: Number(e[21]),
        quickKept: Number(e[22]),
      });
    }
  }
  if (cold.length === 0 && incremental.length === 0)
    throw new Error('frames benchmark printed no figures this wrapper recognises');
  const anchor = bare.shm?.medianMs ?? bare.getImage?.medianMs ?? Number.NaN;
  const ratio = <T extends { medianMs: { total?: number } }>(v: T) => ({
    ...v,
    ratioTotalOverBareCapture: (v.medianMs.total ?? Number.NaN) / anchor,
  });
  const defaults = incremental.find((v) => v.recogniser === 'bands js psm6') as
    | (ReturnType<typeof stages> & { coldFullScreenFrame?: ReturnType<typeof stages> })
    | undefined;
  const file = writeResults('frames', {
    frames: Number(args[0] ?? 12),
    // The machine is shared: the 1-minute load average before and after the run.
    loadAverage: { before: loadBefore[0], after: loadavg()[0] },
    anchor:
      'bare capture of the same screen (window stack ×2 + pixels, MIT-SHM), median of 20 after 3 warm-ups',
    bareCaptureMs: bare,
    screen:
      'dense test screen: two xterm windows (bitmap font 90x34 with 20 lines, DejaVu Sans Mono 12 pt 60x12 with 10 lines), 30 lines, 4 distinct e-mail addresses; frames encoded at output scale 1, WebP q80',
    edits:
      'between incremental frames: a word typed into the focused window, a whole line and Return every fourth frame (one with an e-mail address); typing is not timed',
    framesPerMinuteOneCore:
      '60,000 / max(median wall ms, median CPU ms of the process) per frame; sustained: 60,000 × frames / Σ max(wall, CPU) over every frame of the sequence, cold ones included',
    defaults: {
      coldRecogniser: 'js psm11 x2',
      bandRecogniser: 'bands js psm6',
      coldFullScreenFramesPerMinute: defaults?.coldFullScreenFrame?.framesPerMinuteOneCore,
      incrementalFramesPerMinute: defaults?.framesPerMinuteOneCore,
      incrementalSustainedFramesPerMinute: defaults?.sustainedFramesPerMinuteOneCore,
    },
    recogniserStartMs: starts,
    unavailable,
    droppedAndRetried: dropped,
    cold: cold.map((v) => ratio(v as ReturnType<typeof stages>)),
    incremental: incremental.map((v) => ratio(v as ReturnType<typeof stages>)),
    target:
      '≥ 60 redacted frames a minute on one core on the dense test screen with typical edits between frames',
    // Judged on the sustained rate: every frame of the sequence, cold ones included.
    targetMet: (defaults?.sustainedFramesPerMinuteOneCore ?? 0) >= 60,
    note: 'medians within one run (per-frame spread as min/max); cold variants 7 frames after a warm-up, incremental scenarios FRAMES frames after a warm-up and one cold frame; leaks: runs of 6 characters of a secret read back by the independent reader (Debian tesseract) from the stored frame',
  });
  console.log(`\nwrote ${file}`);
}
