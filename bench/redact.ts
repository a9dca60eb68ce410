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
import { printTable, repeatRuns, stats, writeResults } from './lib/report.ts';

const here = dirname(fileURLToPath(import.meta.url));
const privacyDir = join(here, '..', 'packages', 'privacy');

interface SecretlintMessage {
  ruleId: string;
  range: [number, number];
}
type Lint = (text: string) => Promise<SecretlintMessage[]>;

/** secretlint (a dev dependency of the privacy package) with its recommended preset. */
async function loadSecretlint(): Promise<{ lint: Lint; version: string }> {
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
  return { lint, version };
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
  const { lint, version } = await loadSecretlint();

  let sink = 0;
  const timeLines = (fn: (t: string) => unknown, passes: number) => () => {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < passes; k++)
      for (const t of texts) sink += (fn(t) as { length?: number }).length ?? 1;
    return (passes * bytes) / 1e6 / (Number(process.hrtime.bigint() - t0) / 1e9);
  };
  const bare = stats(
    await repeatRuns(
      timeLines((t: string) => {
        let h = 0;
        for (let i = 0; i < t.length; i++) h = (h + t.charCodeAt(i)) | 0;
        return [h];
      }, 20),
      repeat,
    ),
  );
  const steno = stats(
    await repeatRuns(
      timeLines((t) => redactText(t).text, 10),
      repeat,
    ),
  );
  const stenoNoNames = stats(
    await repeatRuns(
      timeLines((t) => redactText(t, { names: false }).text, 10),
      repeat,
    ),
  );
  const stenoDoc = stats(
    await repeatRuns(() => {
      const t0 = process.hrtime.bigint();
      for (let k = 0; k < 10; k++) sink += redactText(doc).text.length;
      return (10 * bytes) / 1e6 / (Number(process.hrtime.bigint() - t0) / 1e9);
    }, repeat),
  );
  const theirsLines = stats(
    await repeatRuns(async () => {
      const t0 = process.hrtime.bigint();
      for (const t of texts) sink += (await lint(t)).length;
      return bytes / 1e6 / (Number(process.hrtime.bigint() - t0) / 1e9);
    }, repeat),
  );
  const theirsDoc = stats(
    await repeatRuns(async () => {
      const t0 = process.hrtime.bigint();
      sink += (await lint(doc)).length;
      return bytes / 1e6 / (Number(process.hrtime.bigint() - t0) / 1e9);
    }, repeat),
  );

  // every finding of secretlint's: does Steno remove the characters it points at?
  // `covered`: Steno removes something inside secretlint's range (the same secret found; for a
  // connection string Steno removes the user and password, secretlint marks the whole URL);
  // `whole`: every character of the range removed
  const byRule = new Map<string, { found: number; covered: number; whole: number }>();
  for (const t of texts) {
    const msgs = await lint(t);
    if (msgs.length === 0) continue;
    const ours = detect(t);
    for (const m of msgs) {
      const r = byRule.get(m.ruleId) ?? { found: 0, covered: 0, whole: 0 };
      r.found++;
      const [a, b] = m.range;
      let whole = true;
      for (let i = a; i < b && whole; i++) {
        if (/\s/.test(t[i] as string)) continue;
        whole = ours.some((d) => d.start <= i && d.end > i);
      }
      if (whole) r.whole++;
      if (ours.some((d) => d.start < b && d.end > a)) r.covered++;
      byRule.set(m.ruleId, r);
    }
  }
  const secretlintKinds = [...byRule.entries()].map(([rule, r]) => ({ rule, ...r }));
  const everyKind = secretlintKinds.every((r) => r.covered === r.found);

  // the stream filter on the generated corpus's entries as keystrokes (with and without corrections)
  const streams = corpus.map(entryEvents);
  const keystrokes = streams.reduce(
    (a, s) => a + s.filter((e) => e.type === 'key' && e.dir === 'down').length,
    0,
  );
  const typedBytes = corpus.reduce((a, e) => a + Buffer.byteLength(e.text), 0);
  const filterUs = stats(
    await repeatRuns(() => {
      const t0 = process.hrtime.bigint();
      for (let k = 0; k < 5; k++) {
        for (const events of streams) {
          const f = createPrivacyFilter();
          let out: StenoEvent[] = [];
          for (const e of events) out = f.push(e);
          sink += out.length + f.flush().length;
        }
      }
      return Number(process.hrtime.bigint() - t0) / 1e3 / 5;
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

  const ratioLines = steno.median / theirsLines.median;
  const ratioDoc = stenoDoc.median / theirsDoc.median;
  printTable('redact: throughput (median of runs; same text, same process)', [
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
    { name: 'ratio steno / secretlint, per line', 'MB/s': ratioLines, spread: 0 },
    { name: 'ratio steno / secretlint, one document', 'MB/s': ratioDoc, spread: 0 },
    { name: 'ratio steno / bare loop', 'MB/s': steno.median / bare.median, spread: 0 },
    {
      name: 'stream filter µs per keystroke',
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
      bareLoopMBps: bare,
      stenoTextMBps: steno,
      stenoTextNamesOffMBps: stenoNoNames,
      stenoDocumentMBps: stenoDoc,
      secretlintVersion: version,
      secretlintPerLineMBps: theirsLines,
      secretlintDocumentMBps: theirsDoc,
      ratioPerLine: ratioLines,
      ratioDocument: ratioDoc,
      ratioToBareLoop: steno.median / bare.median,
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
        bareLoop: steno.median / bare.median >= 0.25,
        keystroke: usPerKey <= 1,
      },
    },
  });
  console.log(`\nwrote ${file}`);
}
