/**
 * Invariant 2, as a property: for any generated secret or identifier embedded in any text, typed
 * with any sequence of corrections, no four-character window of it appears in the characters of
 * the filter's output events, nor in the names of their character keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_CATEGORIES, generate } from './corpus/entity-generators.ts';
import { seeded } from './corpus/random.ts';
import { leaksWindow, outputChars, runFilter, typeLines } from './corpus/run-filter.ts';

const WORDS = [
  'the',
  'deploy',
  'config',
  'send',
  'to',
  'const x = 1;',
  'v2.3.1',
  'ok',
  'see',
  'ticket',
  'PR',
  '#42',
  'fix:',
  'and',
  'key',
  'is',
  '\n',
];
const word = fc.oneof(fc.constantFrom(...WORDS), fc.string({ unit: 'grapheme-ascii', maxLength: 8 }));

describe('privacy filter never leaks a detected entity (invariant 2)', () => {
  it('no 4-character window of the entity survives, with any corrections', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_CATEGORIES),
        fc.integer(),
        fc.array(word, { maxLength: 8 }),
        fc.array(word, { maxLength: 8 }),
        fc.array(fc.nat(1000), { maxLength: 80 }),
        (category, seed, pre, post, choices) => {
          const g = generate(category, seeded(seed));
          const prefix = pre.join(' ');
          const suffix = post.join(' ');
          const flat = (s: string) => s.replace(/\n/g, '');
          fc.pre(!leaksWindow(g.secret, flat(prefix) + flat(suffix)) && !leaksWindow(g.secret, flat(prefix)));
          const text = `${prefix} ${g.snippet} ${suffix}`;
          const lineOfSecret = `${prefix} `.split('\n').length - 1;
          const out = runFilter(typeLines(text, choices.length > 0 ? choices : null, lineOfSecret));
          expect(leaksWindow(g.secret, outputChars(out))).toBe(false);
          // key names of character keys carry the character too: read them in key-down order (the
          // schema's own words, such as "Shift" or "redaction", are not content)
          const keyNames = out
            .map((e) =>
              e.type !== 'key' || e.dir !== 'down'
                ? ''
                : e.key === 'Space'
                  ? ' '
                  : e.key.length === 1
                    ? e.key
                    : '\n',
            )
            .join('');
          expect(leaksWindow(g.secret, keyNames)).toBe(false);
        },
      ),
      { numRuns: 3000, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  });
});
