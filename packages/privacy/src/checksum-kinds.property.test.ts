/**
 * Issue 16's checksum kinds as properties: a valid value is removed in any text, typed with any
 * corrections; an invalid one of the same shape (a check digit changed, a rule broken) is kept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKSUM_KINDS, checksumSample } from './corpus/checksum-generators.ts';
import { seeded } from './corpus/random.ts';
import { leaksWindow, outputChars, runFilter, typeLines } from './corpus/run-filter.ts';
import { redactText } from './redact-text.ts';

/** Words around the value: none is a context word of any detector. */
const WORD = fc.constantFrom(
  'see',
  'the',
  'value',
  'ok',
  'then',
  'and',
  'copied',
  'from',
  'row',
  'x',
  '-',
  '(',
  ')',
);
const SEED = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {};

describe('checksum kinds (issue 16)', () => {
  for (const kind of CHECKSUM_KINDS) {
    it(`${kind}: valid ones are removed in any text, as text and typed with corrections`, () => {
      fc.assert(
        fc.property(
          fc.integer(),
          fc.array(WORD, { maxLength: 5 }),
          fc.array(WORD, { maxLength: 5 }),
          fc.array(fc.nat(1000), { maxLength: 40 }),
          (seed, pre, post, choices) => {
            const { valid } = checksumSample(kind, seeded(seed));
            const text = `${[...pre, valid, ...post].join(' ')}`;
            // what must not survive: the value without any part the surrounding words could hold
            expect(leaksWindow(valid, redactText(text).text), `${kind}: ${text}`).toBe(false);
            const typed = outputChars(runFilter(typeLines(text, choices.length > 0 ? choices : null)));
            expect(leaksWindow(valid, typed), `${kind} typed: ${text}`).toBe(false);
          },
        ),
        { numRuns: 150, ...SEED },
      );
    });
    if (checksumSample(kind, seeded(1)).invalid === undefined) continue;
    it(`${kind}: invalid ones of the same shape are kept`, () => {
      fc.assert(
        fc.property(
          fc.integer(),
          fc.array(WORD, { maxLength: 5 }),
          fc.array(WORD, { maxLength: 5 }),
          (seed, pre, post) => {
            const { invalid } = checksumSample(kind, seeded(seed));
            const text = `${[...pre, invalid, ...post].join(' ')}`;
            expect(redactText(text).text, `${kind}: ${text}`).toBe(text);
          },
        ),
        { numRuns: 150, ...SEED },
      );
    });
  }
});
