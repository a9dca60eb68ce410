/**
 * Every row of the format table (issue 16): a value of its documented shape is removed whole, in
 * prose, code and on its own, as text and typed; the prefix before a short word is kept.
 */
import { describe, expect, it } from 'vitest';
import { base62, crc32, crc32Base62Valid } from './checksums.ts';
import { seeded } from './corpus/random.ts';
import { leaksWindow, outputChars, runFilter, typeLines } from './corpus/run-filter.ts';
import { detect } from './detect.ts';
import { redactText } from './redact-text.ts';
import { TOKEN_SHAPES } from './secret-detectors.ts';
import {
  ALPHABETS,
  type Alphabet,
  formatMatcher,
  formatSource,
  knownPrefix,
  matchFormat,
  TOKEN_FORMATS,
  type TokenFormat,
} from './token-formats.ts';

/** The characters of an alphabet's class source (`A-Za-z0-9` → every letter and digit). */
function expand(set: string): string {
  let out = '';
  const s = set.replace(/\\/g, '');
  for (let i = 0; i < s.length; i++) {
    if (s[i + 1] === '-' && i + 2 < s.length) {
      for (let c = s.charCodeAt(i); c <= s.charCodeAt(i + 2); c++) out += String.fromCharCode(c);
      i += 2;
    } else out += s[i];
  }
  return out;
}

/** A value of the format's shape, each run at its smallest length (and 8 more when open-ended). */
function sample(f: TokenFormat, seed: number): string {
  const r = seeded(seed);
  return (
    f.prefix +
    f.body.replace(
      /%([A-Za-z])\{(\d+)(,(\d*))?\}/g,
      (_, k: Alphabet, min: string, comma?: string, max?: string) => {
        const chars = expand(ALPHABETS[k]).replace(/[=]/g, '');
        const n = Number(min) + (comma && !max ? 8 : 0);
        let s = '';
        for (let i = 0; i < n; i++) s += chars[Math.floor(r() * chars.length)];
        return s;
      },
    )
  );
}

const CONTEXTS = [
  (v: string) => v,
  (v: string) => `token: ${v} (rotate)`,
  (v: string) => `const k = "${v}";`,
];

describe('token formats (token-formats.ts)', () => {
  it('holds at least 200 formats, each with a source', () => {
    expect(TOKEN_FORMATS.length).toBeGreaterThanOrEqual(200);
    for (const f of TOKEN_FORMATS) expect(f.source.length, f.id).toBeGreaterThan(5);
  });

  for (const [i, f] of TOKEN_FORMATS.entries()) {
    it(`${f.id} ${f.prefix}… is removed whole; the prefix alone is kept`, () => {
      const value = sample(f, 1000 + i);
      for (const ctx of CONTEXTS) {
        const text = ctx(value);
        const out = redactText(text).text;
        expect(leaksWindow(value.slice(f.prefix.length), out), `${f.id}: ${text} → ${out}`).toBe(false);
      }
      const typed = outputChars(runFilter(typeLines(`key ${value} ok`, [3, 7, 11, 6, 8, 2])));
      expect(leaksWindow(value.slice(f.prefix.length), typed), `${f.id} typed`).toBe(false);
      const near = `see the ${f.prefix}v2 notes`;
      expect(
        detect(near).some((d) => d.detector === f.id),
        `${f.id} near miss: ${near}`,
      ).toBe(false);
    });
  }

  it('matchFormat ends where the sticky regex ends (or both find nothing)', () => {
    const r = seeded(29);
    const pick = (s: string) => s[Math.floor(r() * s.length)] as string;
    const EXTRA = '-_. =/+!@$:\u00e9\u0130xX0aA\n';
    let matched = 0;
    for (const f of TOKEN_FORMATS) {
      const sticky = new RegExp(formatSource(f), 'y');
      const matcher = formatMatcher(f);
      expect(matcher, f.id).not.toBeNull();
      if (matcher === null) continue;
      const alphabets = [...f.body.matchAll(/%([A-Za-z])\{/g)].map((m) =>
        expand(ALPHABETS[m[1] as Alphabet]),
      );
      const pool = alphabets.join('') + f.body.replace(/%[A-Za-z]\{[^}]*\}/g, '') + EXTRA;
      for (let k = 0; k < 60; k++) {
        // a value of the shape, a damaged one, or the prefix then random characters
        let text = r() < 0.5 ? '' : pick('aZ9_- .:=/');
        const at = text.length;
        if (k % 3 === 0) {
          text += f.prefix;
          const n = Math.floor(r() * 120);
          for (let i = 0; i < n; i++) text += pick(pool);
        } else {
          const value = sample(f, 7000 + k);
          const cut = k % 3 === 1 ? value.length : Math.floor(r() * value.length);
          text += value.slice(0, cut) + (r() < 0.5 ? pick(pool) : '') + value.slice(cut + 1);
        }
        for (const pos of [at, Math.floor(r() * text.length)]) {
          sticky.lastIndex = pos;
          const want = sticky.test(text) ? sticky.lastIndex : -1;
          if (want >= 0) matched++;
          expect(matchFormat(matcher, text, pos), `${f.id} at ${pos}: ${text}`).toBe(want);
        }
      }
    }
    expect(matched).toBeGreaterThan(5000);
  });

  it('the token patterns read as shapes end where their sticky regexes end', () => {
    const r = seeded(31);
    const pick = (s: string) => s[Math.floor(r() * s.length)] as string;
    const pools = [
      'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
      'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
      'aZ09_-',
      'abcdef0123456789',
    ];
    const odd = '_-.. /:=\u00e9\u0130\nxX';
    let matched = 0;
    for (const [shape, regex] of TOKEN_SHAPES) {
      for (let k = 0; k < 3000; k++) {
        let text = r() < 0.5 ? '' : pick('aZ9_- .:=/\u00e9A');
        const at = text.length;
        const prefix = shape.prefixes[Math.floor(r() * shape.prefixes.length)] as string;
        text += r() < 0.05 ? prefix.slice(0, Math.floor(r() * prefix.length)) : prefix;
        if (prefix === 'eyJ' && r() < 0.7) {
          const seg = () => {
            let s = '';
            for (let i = Math.floor(r() * 12); i > 0; i--) s += pick('aZ09_-abcXYZ');
            return s;
          };
          text += `${seg()}${r() < 0.9 ? '.eyJ' : '.ey'}${seg()}${r() < 0.8 ? '.' : ''}${seg()}`;
        } else {
          const pool = pools[Math.floor(r() * pools.length)] as string;
          const base = [10, 16, 20, 22, 30, 35, 36, 255, 256][Math.floor(r() * 9)] as number;
          const length = Math.max(0, base - 3 + Math.floor(r() * 7));
          // one odd character at most, somewhere in the body
          const oddAt = r() < 0.3 ? Math.floor(r() * length) : -1;
          for (let i = 0; i < length; i++) text += i === oddAt ? pick(odd) : pick(pool);
        }
        if (r() < 0.5) text += pick(`${odd}aZ9`);
        for (const pos of [at, Math.floor(r() * text.length)]) {
          regex.lastIndex = pos;
          const want = regex.test(text) ? regex.lastIndex : -1;
          if (want >= 0) matched++;
          expect(matchFormat(shape, text, pos), `${regex.source} at ${pos}: ${text}`).toBe(want);
        }
      }
    }
    expect(matched).toBeGreaterThan(1000);
  });

  it('a prefix known from the codes that stand at a place gives matchFormat the end it finds itself', () => {
    const r = seeded(47);
    const pick = (s: string) => s[Math.floor(r() * s.length)] as string;
    const shapes = [
      ...TOKEN_SHAPES.map(([shape]) => shape),
      ...TOKEN_FORMATS.flatMap((f) => formatMatcher(f) ?? []),
    ];
    const pool = 'aZ09_-.xX';
    let known = 0;
    for (const shape of shapes) {
      for (let k = 0; k < 40; k++) {
        // the codes known to stand: a piece of a prefix, a prefix, or a prefix and a code after it
        const prefix = shape.prefixes[k % shape.prefixes.length] as string;
        const cut = k % 4 === 0 ? Math.floor(r() * prefix.length) : prefix.length;
        const codes = prefix.slice(0, cut) + (k % 4 === 3 ? pick(pool) : '');
        const skip = knownPrefix(shape, codes);
        if (skip >= 0) known++;
        let text = (r() < 0.5 ? pick(pool) : '') + codes;
        const at = text.length - codes.length;
        const n = Math.floor(r() * 90);
        for (let i = 0; i < n; i++) text += r() < 0.05 ? pick(pool) : pick('abcdefXYZ0123456789');
        expect(matchFormat(shape, text, at, skip), `${shape.prefixes[0]} ${codes}: ${text}`).toBe(
          matchFormat(shape, text, at),
        );
      }
    }
    expect(known).toBeGreaterThan(5000);
  });

  it('crc32-base62: the checksum GitHub and npm tokens carry is verified', () => {
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339);
    const r = seeded(7);
    for (let k = 0; k < 50; k++) {
      let random = '';
      for (let i = 0; i < 30; i++)
        random += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[Math.floor(r() * 62)];
      const token = `ghp_${random}${base62(crc32(random), 6)}`;
      expect(crc32Base62Valid(token)).toBe(true);
      expect(
        crc32Base62Valid(`${token.slice(0, 10)}${token[10] === 'a' ? 'b' : 'a'}${token.slice(11)}`),
      ).toBe(false);
    }
  });
});
