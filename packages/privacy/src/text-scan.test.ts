/**
 * The scan only gates: every flag must be a necessary condition of the detector it gates. Checked
 * against the same detectors run with a scan that lets everything through (every credential word,
 * every run of digits as a number stretch, the token literals found by a plain alternation as the
 * former prefilter did), on corpus lines cut and spliced together and on random text.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectAll, detectWithScan } from './detect.ts';
import { TOKEN_LITERALS } from './secret-detectors.ts';
import type { TextScan } from './text-scan.ts';

const escapeLiteral = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ALTERNATION = new RegExp(TOKEN_LITERALS.literals.map(escapeLiteral).join('|'), 'g');
const BEGIN = '-----BEGIN';
const BEGIN_INDEX = TOKEN_LITERALS.literals.indexOf(BEGIN);

/** The context detectors' own gate (kept as it was: without one of these words they do not run). */
const CONTEXT_WORDS =
  /pass|pwd|pw\b|pin\b|secret|token|key|auth|bearer|basic|:\/\/|cred|salt|session|cookie|mysql|mariadb|curl/i;

function permissive(text: string): TextScan {
  const tokenHits: number[] = [];
  ALTERNATION.lastIndex = 0;
  for (let m = ALTERNATION.exec(text); m !== null; m = ALTERNATION.exec(text)) {
    tokenHits.push(m.index, TOKEN_LITERALS.literals.indexOf(m[0]));
  }
  // and every `-----BEGIN`, also where it overlaps the literal taken before it (`xai-----BEGIN`):
  // a private key is looked for wherever it starts
  for (let at = text.indexOf(BEGIN); at >= 0; at = text.indexOf(BEGIN, at + 1)) {
    let k = 0;
    while (k < tokenHits.length && (tokenHits[k] as number) < at) k += 2;
    if (tokenHits[k] !== at) tokenHits.splice(k, 0, at, BEGIN_INDEX);
  }
  const numberStarts: number[] = [];
  for (let i = 0; i < text.length; i++)
    if (/\d/.test(text[i] as string) && !/\d/.test(text[i - 1] ?? '')) numberStarts.push(i);
  return {
    digits: Number.MAX_SAFE_INTEGER,
    at: true,
    assigns: true,
    ibanStart: true,
    ninoStart: true,
    cfStart: true,
    dniRun: true,
    numberStarts,
    keywords: CONTEXT_WORDS.test(text) ? -1 : 0,
    tokenHits,
  };
}

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus', 'corpus.jsonl');
const lines: string[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.length > 0)
  .map((l) => (JSON.parse(l) as { text: string }).text);

/** Formats the corpus has few of: NIEs, spaced and bracketed numbers, words only the sub-gates read. */
const EXTRA = [
  'NIE X1234567L ok',
  'nie: y7654321-g',
  '(Z0000001Y)',
  'call +1 (555) 123-4567 or +(44) 20 7946 0958',
  'iban GB82 WEST 1234 5698 7654 32, nino AB 12 34 56 C',
  'cf RSSMRA85T10A562S; nir 1 85 05 2A 123 456 78',
  'contraseña: Hunter2!x and signature=9fQ2xLr7Tz8KpVm3Wq1Ys5Bn',
  'private_token: "Zx8Kp2Lq9Vt4Wm7Rn3Bs6Yd", pw hunter22, pin 4821',
  'Token abcdefghijkl0123 Basic dXNlcjpwYXNzd29yZA== sk-ant-api03-abcdefghijklmnopqrstuvwxyz01',
  'xai-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU 4111 1111 1111 1111\n-----END OPENSSH PRIVATE KEY-----',
  'glpat-Zq8xZq8xZq8xZq8xZq8x-----BEGIN RSA PRIVATE KEY----- MIIEvQIBADANBgkqhkiG9w0B -----END RSA PRIVATE KEY-----',
  // issue 16: a MAC address of hex letters only has no digit and no `:` or `=` to gate it on
  'mac aa-bb-cc-dd-ee-ff on eth0',
  'router AABB.CCDD.EEFF',
];
lines.push(...EXTRA);

const ALPHABET = [...'aAkKpPsSxX09 -_.:=/@+()$\'"\n2ñİſK'];
const noise = fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 24 });

describe('scanText gates lose no finding', () => {
  it('on every corpus line and the extra formats', () => {
    for (const t of lines) expect(detectAll(t)).toEqual(detectWithScan(t, permissive(t)));
  });

  it('on corpus lines cut, spliced, re-cased and mixed with noise', () => {
    fc.assert(
      fc.property(
        fc.nat(lines.length - 1),
        fc.nat(lines.length - 1),
        fc.nat(),
        fc.nat(),
        noise,
        fc.constantFrom('same', 'lower', 'upper'),
        (a, b, cut1, cut2, extra, casing) => {
          const x = lines[a] as string;
          const y = lines[b] as string;
          let t = x.slice(cut1 % (x.length + 1)) + extra + y.slice(0, cut2 % (y.length + 1));
          if (casing === 'lower') t = t.toLowerCase();
          if (casing === 'upper') t = t.toUpperCase();
          expect(detectAll(t)).toEqual(detectWithScan(t, permissive(t)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('on MAC and IPv6 shapes after any code (separators are recorded only where one can start)', () => {
    // hex and other letters (with and without a state of their own in the automaton), `_`, digits
    // and the three separators, so a group can end in any of them
    const unit = fc.constantFrom(...'aAbBcCdDeEfF09gGkKxXzZ_:-. \n=@é'.split(''));
    const shaped = fc.array(
      fc.oneof(
        fc.string({ unit, maxLength: 6 }),
        fc.constantFrom(
          'aa-bb-cc-dd-ee-ff',
          '00:1A:2b:3c:4D:5e',
          'aabb.ccdd.eeff',
          'fe80::1',
          '::1',
          'ab:cd::',
        ),
      ),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(shaped, (parts) => {
        const t = parts.join('');
        expect(detectAll(t)).toEqual(detectWithScan(t, permissive(t)));
      }),
      { numRuns: 3000 },
    );
  });
});
