/**
 * `npm run bench -- redact`: the privacy filter over typed text (the generated corpus and the
 * external corpus of issue 16), against secretlint with its recommended preset on the same text in
 * the same process, and the bare `charCodeAt` loop over the same text as the limit
 * (docs/benchmarks.md, row `redact`). Reports MB/s, the stream filter's µs per keystroke, whether
 * Steno finds every secret secretlint finds, the name detector's cost and its recall / false
 * positives on prose, code and UI strings, and the external corpus's scores by kind and by source.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { StenoEvent } from '@steno/protocol';
import type { CorpusEntry } from '../packages/privacy/src/corpus/build-corpus.ts';
import { entryEvents, evaluateEvents, evaluateText } from '../packages/privacy/src/corpus/evaluate.ts';
import {
  buildExternalCorpus,
  scoreExternalEvents,
  scoreExternalText,
} from '../packages/privacy/src/corpus/external/external-corpus.ts';
import { createPrivacyFilter, detect, redactText } from '../packages/privacy/src/index.ts';
import { scanText } from '../packages/privacy/src/text-scan.ts';
import { printTable, repeatRuns, stats, writeResults } from './lib/report.ts';

const here = dirname(fileURLToPath(import.meta.url));
const privacyDir = join(here, '..', 'packages', 'privacy');

interface SecretlintMessage {
  ruleId: string;
  range: [number, number];
}
type Lint = (text: string) => Promise<SecretlintMessage[]>;

/**
 * secretlint's profiler (`@secretlint/profiler`, always on in `@secretlint/core`): every lint call
 * leaves `performance` marks, and a PerformanceObserver stores each one and, for each new mark,
 * searches every mark it has stored. The observer runs only when the event loop turns, which the
 * timed loops never let it do: over a bench run hundreds of thousands of marks were left queued
 * (memory every contender's garbage collector then walks), and after the last table the process
 * spent minutes on the backlog, quadratic in its length, instead of exiting.
 */
interface SecretlintProfiler {
  entries: unknown[];
  measures: unknown[];
  executionPromises: Promise<unknown>[];
}

/** secretlint (a dev dependency of the privacy package) with its recommended preset. */
async function loadSecretlint(): Promise<{ lint: Lint; version: string; settle: () => Promise<void> }> {
  const req = createRequire(join(privacyDir, 'package.json'));
  const core = (await import(pathToFileURL(req.resolve('@secretlint/core')).href)) as {
    lintSource: (o: unknown) => Promise<{ messages: SecretlintMessage[] }>;
  };
  const preset = (await import(
    pathToFileURL(req.resolve('@secretlint/secretlint-rule-preset-recommend')).href
  )) as {
    creator: unknown;
  };
  const version = (
    JSON.parse(readFileSync(req.resolve('@secretlint/core/package.json'), 'utf8')) as { version: string }
  ).version;
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset.creator }] };
  const lint: Lint = async (text) =>
    (
      await core.lintSource({
        source: { content: text, filePath: '/typed.txt', ext: '.txt', contentType: 'text' },
        options: { config },
      })
    ).messages;
  const profiler = (
    (await import(pathToFileURL(req.resolve('@secretlint/profiler')).href)) as {
      secretLintProfiler: SecretlintProfiler;
    }
  ).secretLintProfiler;
  // The observer only pushes to `entries` and searches it (the search's result is not used): a
  // list that keeps nothing makes each mark cost the observer a constant, not the number of marks
  // seen before it (about 100,000 per timed run of secretlint over the lines).
  profiler.entries = { push: () => 0, find: () => undefined } as unknown as unknown[];
  /**
   * Lets the profiler's observer take the marks left so far (and make its measures from them),
   * then drops its measures and the marks themselves: called between timed runs, never inside
   * one, so what it does is timed for no contender, and the marks of one run do not stay behind.
   */
  const settle = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(profiler.executionPromises);
    profiler.executionPromises.length = 0;
    profiler.measures.length = 0;
    performance.clearMarks();
    performance.clearMeasures();
  };
  return { lint, version, settle };
}

export async function main(args: string[]): Promise<void> {
  const repeat = Number(args[args.indexOf('--repeat') + 1]) || 5;
  const corpus = readFileSync(join(privacyDir, 'corpus', 'corpus.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as CorpusEntry);
  const external = buildExternalCorpus();
  const texts = [...corpus.filter((e) => !e.eventsOnly).map((e) => e.text), ...external.map((c) => c.text)];
  const doc = texts.join('\n');
  const bytes = Buffer.byteLength(doc);
  const { lint, version, settle } = await loadSecretlint();

  let sink = 0;
  // Each figure is taken twice: by the CPU time of this process (what one core delivers; on a
  // shared machine wall time also counts the time other processes held the core) and by the wall
  // clock. Rounds interleave Steno, secretlint and the bare loop, and each ratio is taken within a
  // round, so a change of load between rounds moves both sides of a ratio alike.
  const cpuSeconds = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  type Measure = { cpu: number; wall: number };
  const measure = async (mb: number, body: () => Promise<void> | void): Promise<Measure> => {
    const c0 = cpuSeconds();
    const t0 = process.hrtime.bigint();
    await body();
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    return { cpu: mb / (cpuSeconds() - c0), wall: mb / wall };
  };
  const perLine = (fn: (t: string) => number, passes: number) => () =>
    measure((passes * bytes) / 1e6, () => {
      for (let k = 0; k < passes; k++) for (const t of texts) sink += fn(t);
    });
  const bareLoop = (t: string) => {
    let h = 0;
    for (let i = 0; i < t.length; i++) h = (h + t.charCodeAt(i)) | 0;
    return [h].length;
  };
  const contenders: Record<string, () => Promise<Measure>> = {
    bare: perLine(bareLoop, 20),
    steno: perLine((t) => redactText(t).text.length, 10),
    stenoNoNames: perLine((t) => redactText(t, { names: false }).text.length, 10),
    // stages of the per-line path, for where the time goes: the single scan alone, and the scan
    // with every detector and the merge (`detect`); `redactText` adds the output string
    stageScan: perLine((t) => scanText(t, true).digits, 10),
    stageDetect: perLine((t) => detect(t).length, 10),
    stenoDoc: () =>
      measure((10 * bytes) / 1e6, () => {
        for (let k = 0; k < 10; k++) sink += redactText(doc).text.length;
      }),
    // the scan alone over the one document: no detector runs, so its ratio to the bare loop bounds
    // what any set of detectors behind this scan can reach (the floor of the one-document figure)
    stageScanDoc: () =>
      measure((10 * bytes) / 1e6, () => {
        for (let k = 0; k < 10; k++) sink += scanText(doc, true).digits;
      }),
    theirsLines: () =>
      measure(bytes / 1e6, async () => {
        for (const t of texts) sink += (await lint(t)).length;
      }),
    theirsDoc: () =>
      measure((3 * bytes) / 1e6, async () => {
        for (let k = 0; k < 3; k++) sink += (await lint(doc)).length;
      }),
  };
  const rounds: Record<string, Measure>[] = [];
  for (const run of Object.values(contenders)) {
    await run(); // warm-up
    await settle();
  }
  for (let r = 0; r < repeat; r++) {
    const round: Record<string, Measure> = {};
    for (const [name, run] of Object.entries(contenders)) {
      round[name] = await run();
      await settle();
    }
    rounds.push(round);
  }
  const figure = (name: string, clock: keyof Measure) =>
    stats(rounds.map((r) => (r[name] as Measure)[clock]));
  const ratio = (a: string, b: string, clock: keyof Measure) =>
    stats(rounds.map((r) => (r[a] as Measure)[clock] / (r[b] as Measure)[clock]));
  const bare = figure('bare', 'cpu');
  const steno = figure('steno', 'cpu');
  const stenoNoNames = figure('stenoNoNames', 'cpu');
  const stenoDoc = figure('stenoDoc', 'cpu');
  const theirsLines = figure('theirsLines', 'cpu');
  const theirsDoc = figure('theirsDoc', 'cpu');
  const ratioLines = ratio('steno', 'theirsLines', 'cpu').median;
  const ratioDoc = ratio('stenoDoc', 'theirsDoc', 'cpu').median;
  const ratioBare = ratio('steno', 'bare', 'cpu').median;
  const ratioBareDoc = ratio('stenoDoc', 'bare', 'cpu').median;
  // each stage's share of the per-line `redactText` time, within a round (time ∝ 1 / MB/s)
  const share = (stage: string) => ratio('steno', stage, 'cpu').median;
  const stages = {
    scanMBps: figure('stageScan', 'cpu'),
    scanDocumentMBps: figure('stageScanDoc', 'cpu'),
    scanDocumentToBareLoop: ratio('stageScanDoc', 'bare', 'cpu').median,
    detectMBps: figure('stageDetect', 'cpu'),
    scanShare: share('stageScan'),
    detectorsShare: share('stageDetect') - share('stageScan'),
    outputShare: 1 - share('stageDetect'),
  };
  const wall = {
    bareLoopMBps: figure('bare', 'wall'),
    stenoTextMBps: figure('steno', 'wall'),
    stenoDocumentMBps: figure('stenoDoc', 'wall'),
    secretlintPerLineMBps: figure('theirsLines', 'wall'),
    secretlintDocumentMBps: figure('theirsDoc', 'wall'),
    ratioPerLine: ratio('steno', 'theirsLines', 'wall').median,
    ratioDocument: ratio('stenoDoc', 'theirsDoc', 'wall').median,
    ratioToBareLoop: ratio('steno', 'bare', 'wall').median,
  };

  // every finding of secretlint's: does Steno remove the characters it points at?
  // `covered`: Steno removes something inside secretlint's range (the same secret found; for a
  // connection string Steno removes the user and password, secretlint marks the whole URL);
  // `whole`: every character of the range removed. Findings on the external corpus's negatives
  // (text that must be kept: near misses such as `see xoxa-2-docs for the xoxa-2-v2 notes`, a
  // prefix before an ordinary word) are secretlint's false positives: counted apart, as
  // `onNegatives`, and not required of Steno.
  const negatives = new Set(external.filter((c) => c.kind === 'negative').map((c) => c.text));
  const byRule = new Map<
    string,
    { found: number; covered: number; whole: number; onNegatives: number; onNegativesRemoved: number }
  >();
  for (const t of texts) {
    const msgs = await lint(t);
    if (msgs.length === 0) continue;
    const ours = detect(t);
    for (const m of msgs) {
      const r = byRule.get(m.ruleId) ?? {
        found: 0,
        covered: 0,
        whole: 0,
        onNegatives: 0,
        onNegativesRemoved: 0,
      };
      const [a, b] = m.range;
      const covered = ours.some((d) => d.start < b && d.end > a);
      byRule.set(m.ruleId, r);
      if (negatives.has(t)) {
        r.onNegatives++;
        if (covered) r.onNegativesRemoved++;
        continue;
      }
      r.found++;
      let whole = true;
      for (let i = a; i < b && whole; i++) {
        if (/\s/.test(t[i] as string)) continue;
        whole = ours.some((d) => d.start <= i && d.end > i);
      }
      if (whole) r.whole++;
      if (covered) r.covered++;
    }
  }
  await settle();
  const secretlintKinds = [...byRule.entries()].map(([rule, r]) => ({ rule, ...r }));
  const everyKind = secretlintKinds.every((r) => r.covered === r.found);

  // the stream filter on the generated corpus's entries as keystrokes (with and without corrections)
  const streams = corpus.map(entryEvents);
  const keystrokes = streams.reduce(
    (a, s) => a + s.filter((e) => e.type === 'key' && e.dir === 'down').length,
    0,
  );
  const typedBytes = corpus.reduce((a, e) => a + Buffer.byteLength(e.text), 0);
  // CPU time, as the throughput figures
  const filterUs = stats(
    await repeatRuns(() => {
      const c0 = cpuSeconds();
      for (let k = 0; k < 5; k++) {
        for (const events of streams) {
          const f = createPrivacyFilter();
          let out: StenoEvent[] = [];
          for (const e of events) out = f.push(e);
          sink += out.length + f.flush().length;
        }
      }
      return ((cpuSeconds() - c0) * 1e6) / 5;
    }, repeat),
  );
  const usPerKey = filterUs.median / keystrokes;

  // the name detector: cost and recall / false positives per setting
  const settings = ['prose', 'code', 'ui'].map((setting) => {
    const cases = external.filter((c) => c.category === `person:${setting}`);
    const score = scoreExternalText(cases, (t) => redactText(t).text);
    const lines = cases.map((c) => c.text);
    const time = (names: boolean) => {
      const t0 = process.hrtime.bigint();
      for (let k = 0; k < 200; k++) for (const l of lines) sink += redactText(l, { names }).text.length;
      return Number(process.hrtime.bigint() - t0) / 1e3 / (200 * lines.length);
    };
    time(true);
    time(false);
    const on = time(true);
    const off = time(false);
    const g = score.byCategory[0];
    return {
      setting,
      positives: g?.positives ?? 0,
      removed: g?.removed ?? 0,
      negatives: g?.negatives ?? 0,
      falsePositives: (g?.negatives ?? 0) - (g?.kept ?? 0),
      usPerLineNamesOn: on,
      usPerLineNamesOff: off,
    };
  });

  const generatedText = evaluateText(corpus, (t) => redactText(t).text);
  const generatedKeys = evaluateEvents(corpus);
  const externalText = scoreExternalText(external, (t) => redactText(t).text);
  const externalKeys = scoreExternalEvents(external);
  if (sink < 0) console.log(sink);

  printTable('redact: throughput (CPU time of this process; median of interleaved rounds; same text)', [
    { name: 'bare charCodeAt loop (per line)', 'MB/s': bare.median, spread: bare.spread },
    { name: 'steno redactText (per line)', 'MB/s': steno.median, spread: steno.spread },
    { name: 'steno redactText, names off', 'MB/s': stenoNoNames.median, spread: stenoNoNames.spread },
    { name: 'steno redactText (one document)', 'MB/s': stenoDoc.median, spread: stenoDoc.spread },
    {
      name: `secretlint ${version} recommended (per line)`,
      'MB/s': theirsLines.median,
      spread: theirsLines.spread,
    },
    {
      name: `secretlint ${version} recommended (one document)`,
      'MB/s': theirsDoc.median,
      spread: theirsDoc.spread,
    },
    {
      name: 'stage: scanText alone (per line)',
      'MB/s': stages.scanMBps.median,
      spread: stages.scanMBps.spread,
    },
    {
      name: 'stage: scanText alone (one document)',
      'MB/s': stages.scanDocumentMBps.median,
      spread: stages.scanDocumentMBps.spread,
    },
    {
      name: 'stage: detect (scan + detectors + merge)',
      'MB/s': stages.detectMBps.median,
      spread: stages.detectMBps.spread,
    },
    {
      name: 'share of redactText: scan / detectors / output',
      'MB/s': stages.scanShare,
      spread: 0,
      detectors: stages.detectorsShare,
      output: stages.outputShare,
    },
    { name: 'ratio steno / secretlint, per line', 'MB/s': ratioLines, spread: 0 },
    { name: 'ratio steno / secretlint, one document', 'MB/s': ratioDoc, spread: 0 },
    { name: 'ratio steno / bare loop', 'MB/s': ratioBare, spread: 0 },
    { name: 'ratio steno (one document) / bare loop', 'MB/s': ratioBareDoc, spread: 0 },
    {
      name: 'ratio scanText alone (one document) / bare loop',
      'MB/s': stages.scanDocumentToBareLoop,
      spread: 0,
    },
    { name: 'wall clock: ratio steno / secretlint, one document', 'MB/s': wall.ratioDocument, spread: 0 },
    { name: 'wall clock: ratio steno / bare loop', 'MB/s': wall.ratioToBareLoop, spread: 0 },
    {
      name: 'stream filter (MB/s of keystrokes; µs each at right)',
      'MB/s': typedBytes / filterUs.median,
      spread: filterUs.spread,
      'µs/keystroke': usPerKey,
    },
  ]);
  printTable(
    'redact: what secretlint finds on the same text, and whether Steno removes it',
    secretlintKinds.map((r) => ({
      name: r.rule,
      found: r.found,
      'steno removes it': r.covered,
      'whole range': r.whole,
      'on must-keep text (kept by Steno)': `${r.onNegatives - r.onNegativesRemoved}/${r.onNegatives}`,
    })),
  );
  printTable(
    'redact: names (external corpus, person:*), µs per line with names on / off',
    settings.map((s) => ({
      name: s.setting,
      removed: `${s.removed}/${s.positives}`,
      'false positives': `${s.falsePositives}/${s.negatives}`,
      on: s.usPerLineNamesOn,
      off: s.usPerLineNamesOff,
    })),
  );
  printTable('redact: quality', [
    { name: 'generated corpus, text', recall: generatedText.recall, kept: generatedText.untouched },
    { name: 'generated corpus, keystrokes', recall: generatedKeys.recall, kept: generatedKeys.untouched },
    { name: 'external corpus, text', recall: externalText.recall, kept: externalText.kept },
    { name: 'external corpus, keystrokes', recall: externalKeys.recall, kept: externalKeys.kept },
  ]);
  printTable(
    'redact: external corpus by kind (text)',
    externalText.byKind.map((g) => ({
      name: g.group,
      removed: `${g.removed}/${g.positives}`,
      kept: `${g.kept}/${g.negatives}`,
    })),
  );
  printTable(
    'redact: external corpus by source (text)',
    externalText.bySource.map((g) => ({
      name: g.group,
      removed: `${g.removed}/${g.positives}`,
      kept: `${g.kept}/${g.negatives}`,
    })),
  );

  const file = writeResults('redact', {
    corpus: {
      textLines: texts.length,
      textBytes: bytes,
      generatedEntries: corpus.length,
      externalCases: external.length,
      keystrokes,
    },
    throughput: {
      clock: 'CPU time of the benchmark process (process.cpuUsage); rounds interleaved, ratios per round',
      bareLoopMBps: bare,
      stenoTextMBps: steno,
      stenoTextNamesOffMBps: stenoNoNames,
      stenoDocumentMBps: stenoDoc,
      secretlintVersion: version,
      secretlintPerLineMBps: theirsLines,
      secretlintDocumentMBps: theirsDoc,
      ratioPerLine: ratioLines,
      ratioDocument: ratioDoc,
      ratioToBareLoop: ratioBare,
      ratioDocumentToBareLoop: ratioBareDoc,
      wallClock: wall,
      stages,
      filterMBps: typedBytes / filterUs.median,
      filterUsPerKeystroke: usPerKey,
    },
    secretlintKinds,
    names: settings,
    quality: {
      generatedText,
      generatedKeystrokes: generatedKeys,
      externalText: { ...externalText, failures: externalText.failures },
      externalKeystrokes: {
        recall: externalKeys.recall,
        kept: externalKeys.kept,
        byKind: externalKeys.byKind,
        bySource: externalKeys.bySource,
      },
    },
    target: {
      ratioToSecretlint: 3,
      ratioToBareLoop: 0.25,
      usPerKeystroke: 1,
      met: {
        secretlintPerLine: ratioLines >= 3 && everyKind,
        secretlintDocument: ratioDoc >= 3 && everyKind,
        everySecretlintKind: everyKind,
        bareLoop: ratioBare >= 0.25,
        keystroke: usPerKey <= 1,
      },
    },
  });
  console.log(`\nwrote ${file}`);
}
