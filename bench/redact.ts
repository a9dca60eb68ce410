/**
 * `npm run bench -- redact`: the privacy filter over the labelled corpus, against the npm package
 * redact-pii on the same corpus in the same process (BENCHMARKS.md, row `redact`). Reports text
 * throughput (MB/s), the stream filter's µs per keystroke, and recall / untouched negatives by
 * category for both.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StenoEvent } from '@steno/protocol';
import { SyncRedactor } from 'redact-pii';
import type { CorpusEntry } from '../packages/privacy/src/corpus/build-corpus.ts';
import { entryEvents, evaluateEvents, evaluateText } from '../packages/privacy/src/corpus/evaluate.ts';
import { createPrivacyFilter, redactText } from '../packages/privacy/src/index.ts';
import { printTable, repeatRuns, stats, writeResults } from './lib/report.ts';

const here = dirname(fileURLToPath(import.meta.url));

export async function main(args: string[]): Promise<void> {
  const repeat = Number(args[args.indexOf('--repeat') + 1]) || 5;
  const corpus = readFileSync(join(here, '..', 'packages', 'privacy', 'corpus', 'corpus.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as CorpusEntry);
  const texts = corpus.filter((e) => !e.eventsOnly).map((e) => e.text);
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
  const theirs = new SyncRedactor();

  // throughput on text: the same lines through each redactor, one call per line
  let sink = 0;
  const mbps = (fn: (t: string) => string) => () => {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < 10; k++) for (const t of texts) sink += fn(t).length;
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    return (10 * bytes) / 1e6 / s;
  };
  const oursText = stats(
    await repeatRuns(
      mbps((t) => redactText(t).text),
      repeat,
    ),
  );
  const theirsText = stats(
    await repeatRuns(() => {
      const t0 = process.hrtime.bigint();
      for (const t of texts) sink += theirs.redact(t).length;
      return bytes / 1e6 / (Number(process.hrtime.bigint() - t0) / 1e9);
    }, repeat),
  );

  // the stream filter on the same entries as keystrokes (with and without corrections)
  const streams = corpus.map(entryEvents);
  const keystrokes = streams.reduce(
    (a, s) => a + s.filter((e) => e.type === 'key' && e.dir === 'down').length,
    0,
  );
  const typedBytes = corpus.reduce((a, e) => a + Buffer.byteLength(e.text), 0);
  const filterRuns = await repeatRuns(() => {
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
  }, repeat);
  const filterUs = stats(filterRuns);
  const usPerKey = filterUs.median / keystrokes;
  const filterMbps = typedBytes / filterUs.median;

  const ourScore = evaluateText(corpus, (t) => redactText(t).text);
  const theirScore = evaluateText(corpus, (t) => theirs.redact(t));
  const eventScore = evaluateEvents(corpus);
  if (sink < 0) console.log(sink);

  printTable('redact: throughput (median of runs)', [
    { name: 'steno redactText', 'MB/s': oursText.median, spread: oursText.spread },
    { name: 'redact-pii SyncRedactor', 'MB/s': theirsText.median, spread: theirsText.spread },
    { name: 'ratio', 'MB/s': oursText.median / theirsText.median, spread: 0 },
    { name: 'steno stream filter', 'MB/s': filterMbps, spread: filterUs.spread, 'µs/keystroke': usPerKey },
  ]);
  const rows = [...new Set(corpus.map((e) => `${e.kind}:${e.category}`))].map((k) => {
    const [kind, category] = k.split(':') as [string, string];
    const find = (s: typeof ourScore) => s.categories.find((c) => c.kind === kind && c.category === category);
    const fmt = (c: ReturnType<typeof find>) => (c ? `${c.ok}/${c.total}` : 'n/a');
    return {
      name: `${kind === 'positive' ? 'removed' : 'untouched'} ${category}`,
      steno: fmt(find(ourScore)),
      'steno keys': fmt(find(eventScore)),
      'redact-pii': fmt(find(theirScore)),
    };
  });
  rows.push({
    name: 'RECALL (positives removed)',
    steno: ourScore.recall.toFixed(4),
    'steno keys': eventScore.recall.toFixed(4),
    'redact-pii': theirScore.recall.toFixed(4),
  });
  rows.push({
    name: 'NEGATIVES UNTOUCHED',
    steno: ourScore.untouched.toFixed(4),
    'steno keys': eventScore.untouched.toFixed(4),
    'redact-pii': theirScore.untouched.toFixed(4),
  });
  printTable('redact: quality on the labelled corpus (text; keystrokes with corrections)', rows);

  const file = writeResults('redact', {
    corpus: { entries: corpus.length, textLines: texts.length, textBytes: bytes, keystrokes },
    throughput: {
      stenoTextMBps: oursText,
      redactPiiTextMBps: theirsText,
      ratio: oursText.median / theirsText.median,
      filterMBps: filterMbps,
      filterUsPerKeystroke: usPerKey,
    },
    quality: { steno: ourScore, stenoKeystrokes: eventScore, redactPii: theirScore },
    target: {
      ratio: 20,
      met:
        oursText.median / theirsText.median >= 20 &&
        ourScore.recall > theirScore.recall &&
        ourScore.untouched > theirScore.untouched,
    },
  });
  console.log(`\nwrote ${file}`);
}
