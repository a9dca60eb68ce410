/**
 * The external corpus: cases taken from public test material and published formats (see
 * corpus/external/README.md), kept apart from the generated corpus, and its scoring by kind and
 * by source — recall of what must go, share kept of what must stay — on text and as keystrokes.
 */
import type { FilterOptions } from '../../privacy-filter.ts';
import type { CorpusEntry } from '../build-corpus.ts';
import { entryEvents } from '../evaluate.ts';
import { seeded } from '../random.ts';
import { leaksWindow, outputChars, runFilter } from '../run-filter.ts';
import type { ExternalCase } from './external-case.ts';
import { ISSUE_CASES } from './issue-cases.ts';
import { peopleCases } from './people-cases.ts';
import { PUBLIC_CASES } from './public-cases.ts';
import { scannerFormatCases } from './scanner-format-cases.ts';

export type { ExternalCase } from './external-case.ts';

export function buildExternalCorpus(): (ExternalCase & { id: string })[] {
  const all = [...PUBLIC_CASES, ...scannerFormatCases(), ...peopleCases(), ...ISSUE_CASES];
  const seen = new Map<string, number>();
  return all.map((c) => {
    const n = (seen.get(c.category) ?? 0) + 1;
    seen.set(c.category, n);
    return { id: `${c.category}-${n}`, ...c };
  });
}

/** The corpus as entries the generated corpus's evaluation reads (`category` = kind). */
export function asCorpusEntries(cases: readonly (ExternalCase & { id: string })[]): CorpusEntry[] {
  return cases.map((c) => ({
    id: c.id,
    kind: c.kind,
    category: c.category,
    text: c.text,
    ...(c.secrets ? { secrets: c.secrets } : {}),
    ...(c.eventsOnly ? { eventsOnly: true } : {}),
  }));
}

export interface GroupScore {
  group: string;
  positives: number;
  removed: number;
  negatives: number;
  kept: number;
  recall: number;
  keptRate: number;
}

export interface ExternalScore {
  recall: number;
  kept: number;
  byKind: GroupScore[];
  /** By full category (`person:prose`, `person:code`, `national-id:fi`, …). */
  byCategory: GroupScore[];
  bySource: GroupScore[];
  /** Ids of the cases that failed (a positive that leaked, a negative that was changed). */
  failures: string[];
}

/** Scores `ok` (per case: removed or kept as it should be) by kind and by source. */
export function scoreExternal(
  cases: readonly (ExternalCase & { id: string })[],
  ok: (c: ExternalCase & { id: string }) => boolean,
): ExternalScore {
  const kinds = new Map<string, GroupScore>();
  const categories = new Map<string, GroupScore>();
  const sources = new Map<string, GroupScore>();
  const failures: string[] = [];
  let pos = 0;
  let removed = 0;
  let neg = 0;
  let kept = 0;
  const add = (m: Map<string, GroupScore>, key: string, positive: boolean, good: boolean) => {
    const g = m.get(key) ?? {
      group: key,
      positives: 0,
      removed: 0,
      negatives: 0,
      kept: 0,
      recall: 1,
      keptRate: 1,
    };
    if (positive) {
      g.positives++;
      if (good) g.removed++;
    } else {
      g.negatives++;
      if (good) g.kept++;
    }
    g.recall = g.positives === 0 ? 1 : g.removed / g.positives;
    g.keptRate = g.negatives === 0 ? 1 : g.kept / g.negatives;
    m.set(key, g);
  };
  for (const c of cases) {
    const good = ok(c);
    if (!good) failures.push(c.id);
    const positive = c.kind === 'positive';
    if (positive) {
      pos++;
      if (good) removed++;
    } else {
      neg++;
      if (good) kept++;
    }
    add(kinds, c.category.split(':')[0] as string, positive, good);
    add(categories, c.category, positive, good);
    add(sources, c.source.split(':')[0] as string, positive, good);
  }
  const sort = (m: Map<string, GroupScore>) => [...m.values()].sort((a, b) => a.group.localeCompare(b.group));
  return {
    recall: pos === 0 ? 1 : removed / pos,
    kept: neg === 0 ? 1 : kept / neg,
    byKind: sort(kinds),
    byCategory: sort(categories),
    bySource: sort(sources),
    failures,
  };
}

/** One line per group: `ip  recall 40/41  kept 25/26`. */
export function formatScore(score: ExternalScore): string {
  const line = (g: GroupScore) =>
    `${g.group.padEnd(28)} removed ${`${g.removed}/${g.positives}`.padStart(8)}  kept ${`${g.kept}/${g.negatives}`.padStart(7)}`;
  return [
    `recall ${score.recall.toFixed(4)}  negatives kept ${score.kept.toFixed(4)}`,
    'by kind:',
    ...score.byKind.map(line),
    'by source:',
    ...score.bySource.map(line),
  ].join('\n');
}

/** A text redactor's score: positives leave no 4-character window, negatives come out unchanged. */
export function scoreExternalText(
  cases: readonly (ExternalCase & { id: string })[],
  redact: (text: string) => string,
): ExternalScore {
  return scoreExternal(
    cases.filter((c) => !c.eventsOnly),
    (c) => {
      const out = redact(c.text);
      return c.kind === 'negative' ? out === c.text : !(c.secrets ?? []).some((s) => leaksWindow(s, out));
    },
  );
}

/** The stream filter's score, every case typed (odd ones with corrections, as the generated corpus). */
export function scoreExternalEvents(
  cases: readonly (ExternalCase & { id: string })[],
  options?: FilterOptions,
): ExternalScore {
  return scoreExternal(cases, (c) => {
    const entry = asCorpusEntries([c])[0] as CorpusEntry;
    const n = Number(c.id.slice(c.id.lastIndexOf('-') + 1));
    if (n % 2 === 1) entry.choices = choicesFor(c.id);
    const out = runFilter(entryEvents(entry), options);
    return c.kind === 'negative'
      ? !out.some((e) => e.type === 'redaction')
      : !(c.secrets ?? []).some((s) => leaksWindow(s.replace(/\n/g, ''), outputChars(out)));
  });
}

/** Corrections for a case, derived from its id (stable across runs). */
function choicesFor(id: string): number[] {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  const r = seeded(h >>> 0);
  return Array.from({ length: 8 + Math.floor(r() * 32) }, () => Math.floor(r() * 1000));
}
