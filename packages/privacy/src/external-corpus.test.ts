/**
 * The external corpus (issue 16): cases from public test suites, published formats and test
 * vectors, scored by kind and by source. Targets: recall >= 0.95 and negatives kept >= 0.95, on
 * text and as keystrokes; and the names detector can be turned off.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildExternalCorpus,
  type ExternalScore,
  formatScore,
  scoreExternalEvents,
  scoreExternalText,
} from './corpus/external/external-corpus.ts';
import { redactText } from './redact-text.ts';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus', 'external', 'external.jsonl');
const onDisk = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.length > 0)
  .map((l) => JSON.parse(l) as unknown);
const cases = buildExternalCorpus();

const why = (s: ExternalScore) => `${formatScore(s)}\nfailures: ${s.failures.join(' ')}`;

describe('external corpus (public sources)', () => {
  it('is the one the builder makes (regenerate with corpus/external/write-external.ts), every case cited', () => {
    expect(onDisk).toEqual(cases);
    for (const c of cases) expect(c.source.length, c.id).toBeGreaterThan(3);
    expect(cases.length).toBeGreaterThan(500);
  });

  it('text: recall >= 0.95, negatives kept >= 0.95', () => {
    const score = scoreExternalText(cases, (t) => redactText(t).text);
    expect(score.recall, why(score)).toBeGreaterThanOrEqual(0.95);
    expect(score.kept, why(score)).toBeGreaterThanOrEqual(0.95);
  });

  it('keystrokes (corrections on every other case): recall >= 0.95, negatives kept >= 0.95', () => {
    const score = scoreExternalEvents(cases);
    expect(score.recall, why(score)).toBeGreaterThanOrEqual(0.95);
    expect(score.kept, why(score)).toBeGreaterThanOrEqual(0.95);
  });

  it('names and addresses go unless the names switch is off', () => {
    const people = cases.filter(
      (c) => c.kind === 'positive' && (c.category.startsWith('person') || c.category === 'address'),
    );
    const on = scoreExternalText(people, (t) => redactText(t).text);
    const off = scoreExternalText(people, (t) => redactText(t, { names: false }).text);
    expect(on.recall).toBe(1);
    expect(off.recall).toBe(0);
  });
});
