/**
 * Shape checks of the number detector written on the codes, each equal to what it replaced on
 * every string: SSN_FORMAT's test, the national-id and phone shapes' regexes, and digitsOf's
 * digits in order.
 */
import { describe, expect, it } from 'vitest';
import { digitsOf } from './checksums.ts';
import { seeded } from './corpus/random.ts';
import { NATIONAL_SHAPES } from './national-ids.ts';
import { PHONE_SHAPES, SSN_FORMAT_CHECK } from './number-detectors.ts';

const ALPHABET = '0123456789-. ()+x\u0660';

/** A random string: half of them eleven characters with a separator at 3 and 6 (SSN-like). */
function sample(r: () => number): string {
  const pick = () => ALPHABET[Math.floor(r() * ALPHABET.length)] as string;
  const digit = () => String(Math.floor(r() * 10));
  let s = '';
  if (r() < 0.5) {
    for (let i = 0; i < 11; i++) {
      if (i === 3 || i === 6) s += r() < 0.8 ? ('-. '[Math.floor(r() * 3)] as string) : pick();
      else s += r() < 0.95 ? digit() : pick();
    }
  } else {
    const n = Math.floor(r() * 25);
    for (let i = 0; i < n; i++) s += pick();
  }
  return s;
}

describe('number shapes read on the codes', () => {
  it('ssnFormat equals SSN_FORMAT on random strings', () => {
    const [ssnFormat, regex] = SSN_FORMAT_CHECK;
    const r = seeded(16);
    let matched = 0;
    for (let k = 0; k < 30_000; k++) {
      const s = sample(r);
      const want = regex.test(s);
      if (want) matched++;
      expect(ssnFormat(s), s).toBe(want);
    }
    expect(matched).toBeGreaterThan(1000);
  });

  it('the national-id and phone shapes equal their regexes on random and templated strings', () => {
    const r = seeded(18);
    const templates = [
      'dddddd-dddd',
      'dddddddd+dddd',
      'dddd-dddd-d',
      'ddd ddd ddd',
      'ddd-ddd-ddd',
      '0 (ddd) ddd dd dd',
      '0(ddd)ddd-dd-dd',
      '1dddddddddd',
    ];
    const signs = '0123456789 -+()';
    for (const [shape, regex] of [...NATIONAL_SHAPES, ...PHONE_SHAPES]) {
      let matched = 0;
      for (let k = 0; k < 10_000; k++) {
        let s = '';
        if (k % 2 === 0) {
          const t = templates[Math.floor(r() * templates.length)] as string;
          s = t.replace(/d/g, () => String(Math.floor(r() * 10)));
          const i = Math.floor(r() * (s.length + 1));
          if (r() < 0.3)
            s = s.slice(0, i) + (signs[Math.floor(r() * signs.length)] as string) + s.slice(i + 1);
        } else {
          const n = Math.floor(r() * 16);
          for (let i = 0; i < n; i++) s += signs[Math.floor(r() * signs.length)];
        }
        const want = regex.test(s);
        if (want) matched++;
        expect(shape(s), `${regex.source}: ${s}`).toBe(want);
      }
      expect(matched, regex.source).toBeGreaterThan(200);
    }
  });

  it('digitsOf keeps the digits in order, and a string of digits as it is', () => {
    const r = seeded(17);
    for (let k = 0; k < 30_000; k++) {
      const s = sample(r);
      let want = '';
      for (const c of s) if (c >= '0' && c <= '9') want += c;
      expect(digitsOf(s), s).toBe(want);
    }
  });
});
