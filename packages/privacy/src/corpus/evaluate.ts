/**
 * Scores a redactor on the labelled corpus, by category: on positives the share of entries whose
 * secrets leave no 4-character window in the output; on negatives the share left untouched. Text
 * redactors (ours, redact-pii) are scored on text; the stream filter on the entries as keystrokes.
 */
import type { StenoEvent } from '@steno/protocol';
import type { FilterOptions } from '../privacy-filter.ts';
import type { CorpusEntry } from './build-corpus.ts';
import { leaksWindow, outputChars, runFilter, typeLines } from './run-filter.ts';

export interface CategoryScore {
  kind: 'positive' | 'negative';
  category: string;
  total: number;
  /** Positives removed, or negatives untouched. */
  ok: number;
  rate: number;
}

export interface CorpusScore {
  categories: CategoryScore[];
  /** Share of positives removed (recall). */
  recall: number;
  /** Share of negatives untouched. */
  untouched: number;
}

function tally(results: { entry: CorpusEntry; ok: boolean }[]): CorpusScore {
  const by = new Map<string, CategoryScore>();
  for (const { entry, ok } of results) {
    const k = `${entry.kind}:${entry.category}`;
    const s = by.get(k) ?? { kind: entry.kind, category: entry.category, total: 0, ok: 0, rate: 0 };
    s.total++;
    if (ok) s.ok++;
    by.set(k, s);
  }
  const categories = [...by.values()].map((s) => ({ ...s, rate: s.ok / s.total }));
  const sum = (kind: string) => {
    const cs = categories.filter((c) => c.kind === kind);
    const total = cs.reduce((a, c) => a + c.total, 0);
    return total === 0 ? 1 : cs.reduce((a, c) => a + c.ok, 0) / total;
  };
  return { categories, recall: sum('positive'), untouched: sum('negative') };
}

/** Scores a text redactor; entries that only make sense as keystrokes are skipped. */
export function evaluateText(entries: readonly CorpusEntry[], redact: (text: string) => string): CorpusScore {
  const results: { entry: CorpusEntry; ok: boolean }[] = [];
  for (const entry of entries) {
    if (entry.eventsOnly) continue;
    const out = redact(entry.text);
    const ok =
      entry.kind === 'negative'
        ? out === entry.text
        : !(entry.secrets ?? []).some((s) => leaksWindow(s, out));
    results.push({ entry, ok });
  }
  return tally(results);
}

/** The keystrokes of an entry: a focus event when it has a title, then its lines typed. */
export function entryEvents(entry: CorpusEntry): StenoEvent[] {
  const events: StenoEvent[] = [];
  if (entry.title !== undefined)
    events.push({ type: 'focus', t: 1_600_000_000_000, app: 'browser', title: entry.title });
  events.push(...typeLines(entry.text, entry.choices ?? null));
  return events;
}

export function evaluateEvents(entries: readonly CorpusEntry[], options?: FilterOptions): CorpusScore {
  const results: { entry: CorpusEntry; ok: boolean }[] = [];
  for (const entry of entries) {
    const out = runFilter(entryEvents(entry), options);
    const ok =
      entry.kind === 'negative'
        ? !out.some((e) => e.type === 'redaction')
        : !(entry.secrets ?? []).some((s) => leaksWindow(s, outputChars(out)));
    results.push({ entry, ok });
  }
  return tally(results);
}
