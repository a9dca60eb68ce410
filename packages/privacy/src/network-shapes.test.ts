/**
 * The network detector's checks written on the codes, each equal to the regex it replaced: the
 * version words before an IPv4 address (VERSION_BEFORE on the ten characters before it).
 */
import { describe, expect, it } from 'vitest';
import { seeded } from './corpus/random.ts';
import { VERSION_CHECK } from './network-addresses.ts';

const PIECES = [
  'version',
  'VERSION',
  'Ver.',
  'ver',
  'v',
  'V',
  'release',
  'Build',
  'chrome',
  'FireFox',
  'node',
  'nod',
  'ersion',
  'x',
  ' ',
  '  ',
  '\t',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\ufeff',
  '\u0130',
  '\u212a',
  '.',
  'iv',
];

describe('network checks read on the codes', () => {
  it('versionBefore equals VERSION_BEFORE on the ten characters before a place', () => {
    const [versionBefore, regex] = VERSION_CHECK;
    const r = seeded(19);
    let hits = 0;
    for (let k = 0; k < 30_000; k++) {
      let text = '';
      const n = Math.floor(r() * 6);
      for (let i = 0; i < n; i++) text += PIECES[Math.floor(r() * PIECES.length)];
      const at = text.length;
      text += '10.0.0.1';
      const want = regex.test(text.slice(Math.max(0, at - 10), at));
      if (want) hits++;
      expect(versionBefore(text, at), JSON.stringify(text)).toBe(want);
    }
    expect(hits).toBeGreaterThan(5000);
  });
});
