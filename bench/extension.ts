/**
 * Extension benchmark (issue 19): lives beside the package it measures
 * (packages/extension/bench/overhead.ts), which plays the same page and scripted minute with no
 * recorder, with Steno's extension and with rrweb (`maskAllInputs: true`), alternating over the
 * runs. This wrapper takes its measurements, pairs each recorder with the baseline of the same run
 * (added script time = recorder − baseline), reports medians and spread beside the rrweb anchor and
 * writes bench/results/extension.json.
 * Targets: Steno adds ≤ 0.25× rrweb's script time and records ≤ 0.05× its bytes per minute.
 */
import { type Measurement, main as measure, type Variant } from '../packages/extension/bench/overhead.ts';
import { printTable, type Stats, stats, writeResults } from './lib/report.ts';

const SCRIPT_TARGET = 0.25;
const BYTES_TARGET = 0.05;

const round = (s: Stats, digits = 1): Stats => {
  const r = (v: number) => Number(v.toFixed(digits));
  return {
    median: r(s.median),
    min: r(s.min),
    max: r(s.max),
    spread: r(s.spread * 100) / 100,
    runs: s.runs.map(r),
  };
};

export async function main(args: string[]): Promise<void> {
  const result = await measure(args);
  const scale = 60 / result.seconds;
  const of = (variant: Variant) => result.measurements.filter((m) => m.variant === variant);
  const byRun = (variant: Variant) => new Map(of(variant).map((m) => [m.run, m]));
  const base = byRun('baseline');
  const total = (m: Measurement) => m.load.scriptMs + m.minute.scriptMs;
  const perMinute = (m: Measurement) => m.load.bytes + m.minute.bytes * scale;
  const added = (variant: Variant, pick: (m: Measurement) => number) =>
    of(variant).map((m) => pick(m) - pick(base.get(m.run) as Measurement));
  const paired = (pick: (m: Measurement) => number) => {
    const rr = byRun('rrweb');
    return of('steno').map((m) => {
      const b = base.get(m.run) as Measurement;
      const r = rr.get(m.run) as Measurement;
      return (pick(m) - pick(b)) / (pick(r) - pick(b));
    });
  };
  const variants = (['baseline', 'steno', 'rrweb'] as const).map((variant) => ({
    variant,
    scriptMs: {
      load: round(stats(of(variant).map((m) => m.load.scriptMs))),
      minute: round(stats(of(variant).map((m) => m.minute.scriptMs))),
      total: round(stats(of(variant).map(total))),
    },
    addedScriptMs:
      variant === 'baseline'
        ? undefined
        : {
            load: round(stats(added(variant, (m) => m.load.scriptMs))),
            minute: round(stats(added(variant, (m) => m.minute.scriptMs))),
            total: round(stats(added(variant, total))),
          },
    longTasks: round(stats(of(variant).map((m) => m.load.longTasks + m.minute.longTasks)), 0),
    longTaskMs: round(stats(of(variant).map((m) => m.load.longTaskMs + m.minute.longTaskMs)), 0),
    heapMiB: round(stats(of(variant).map((m) => m.heapMiB))),
    bytesPerMinute: round(stats(of(variant).map(perMinute)), 0),
    bytes: {
      load: round(stats(of(variant).map((m) => m.load.bytes)), 0),
      minute: round(stats(of(variant).map((m) => m.minute.bytes)), 0),
    },
    messagesPerMinute: round(stats(of(variant).map((m) => m.load.messages + m.minute.messages * scale)), 0),
  }));
  const steno = variants[1];
  const rrweb = variants[2];
  const scriptRatio =
    (steno?.addedScriptMs?.total.median ?? Number.NaN) / (rrweb?.addedScriptMs?.total.median ?? Number.NaN);
  const minuteRatio =
    (steno?.addedScriptMs?.minute.median ?? Number.NaN) / (rrweb?.addedScriptMs?.minute.median ?? Number.NaN);
  const bytesRatio =
    (steno?.bytesPerMinute.median ?? Number.NaN) / (rrweb?.bytesPerMinute.median ?? Number.NaN);
  printTable(
    `extension bench: heavy page (5,000 rows), open + ${result.seconds} s scripted, ${result.runs} runs (medians)`,
    variants.map((v) => ({
      name: v.variant,
      'load script ms': v.scriptMs.load.median,
      'minute script ms': v.scriptMs.minute.median,
      'added ms': v.addedScriptMs?.total.median ?? 0,
      'added spread': v.addedScriptMs?.total.spread ?? 0,
      'long tasks': v.longTasks.median,
      'heap MiB': v.heapMiB.median,
      'bytes/min': v.bytesPerMinute.median,
    })),
  );
  const verdict = (ratio: number, target: number) => (ratio <= target ? 'met' : 'MISSED');
  console.log(
    `\nadded script time, Steno / rrweb: ${scriptRatio.toFixed(3)} (target ≤ ${SCRIPT_TARGET}: ${verdict(scriptRatio, SCRIPT_TARGET)}); minute alone ${minuteRatio.toFixed(3)}`,
  );
  console.log(
    `bytes per minute, Steno / rrweb: ${bytesRatio.toFixed(4)} (target ≤ ${BYTES_TARGET}: ${verdict(bytesRatio, BYTES_TARGET)})`,
  );
  const file = writeResults('extension', {
    page: 'packages/extension/src/test-pages/heavy.html (5,000-row table, a search field)',
    recording: `open the page (load + 1 s), then ${result.seconds} s of scripted input (CDP input events), then 2.5 s to drain`,
    input: result.input,
    runs: result.runs,
    anchor:
      'rrweb 2.2.2 record({ maskAllInputs: true }) injected into the same page, same input, same run; events kept in page memory',
    scriptTime:
      'CDP Performance.getMetrics ScriptDuration of the page (counts the extension content script), added = variant − baseline of the same run',
    bytes:
      'Steno: JSON of the bodies the extension posted to the agent; rrweb: JSON of its emitted events; per minute of recording',
    variants,
    ratios: {
      addedScriptStenoOverRrweb: Number(scriptRatio.toFixed(4)),
      addedScriptStenoOverRrwebPerRun: paired(total).map((r) => Number(r.toFixed(4))),
      addedScriptMinuteOnlyStenoOverRrweb: Number(minuteRatio.toFixed(4)),
      bytesPerMinuteStenoOverRrweb: Number(bytesRatio.toFixed(5)),
    },
    target: {
      addedScript: `≤ ${SCRIPT_TARGET}× rrweb: ${verdict(scriptRatio, SCRIPT_TARGET)}`,
      bytesPerMinute: `≤ ${BYTES_TARGET}× rrweb: ${verdict(bytesRatio, BYTES_TARGET)}`,
    },
    stenoEventsAccepted: result.stenoEventsAccepted,
    measurements: result.measurements,
  });
  console.log(`\nwrote ${file}`);
}
