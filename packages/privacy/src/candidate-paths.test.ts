/**
 * The fast paths of the detectors give what the plain ones gave (issue 4, throughput). Where the
 * scan lists candidate positions (IBAN, NINO, codice fiscale, DNI/NIE, NIR, Telegram tokens,
 * credential words), a detector tries its regex only there; without the lists it searches the
 * whole text as before. Both must find the same, on every corpus line and on texts assembled from
 * the fragments each pattern starts with. The string-free checksum and entropy must equal the
 * reference ones.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ibanValid, ibanValidAt } from './checksums.ts';
import { buildExternalCorpus } from './corpus/external/external-corpus.ts';
import { detectAll, detectWithScan } from './detect.ts';
import { shannonEntropy } from './entropy.ts';
import { scanText, type TextScan } from './text-scan.ts';

/** The same scan, gates included, without the candidate lists: every detector searches everywhere. */
function withoutCandidates(text: string): TextScan {
  const {
    ibanAt,
    ninoAt,
    cfAt,
    dniAt,
    nirAt,
    telegramAt,
    keywordAt,
    ipv4At,
    ipv6At,
    macAt,
    base58At,
    segwitAt,
    ethereumAt,
    hetuAt,
    mrzAt,
    houseNumberAt,
    capitalAt,
    ...gates
  } = scanText(text);
  return gates;
}

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus', 'corpus.jsonl');
const lines: string[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.length > 0)
  .map((l) => (JSON.parse(l) as { text: string }).text);
lines.push(...buildExternalCorpus().map((c) => c.text));

/** Where the patterns start, and what surrounds them: offsets before a word, spacing, case. */
const FRAGMENTS = [
  'mot de passe: ',
  'sshpass -p ',
  'sshpass  -pS3cr3t',
  ' -passin pass:',
  '\t-passout  pass:',
  'mysql -u root -p',
  'mysqldump -h db -p',
  'mariadb ',
  'curl -u bob:',
  'curl --user a:',
  'Bearer ',
  'Basic ',
  'Token ',
  'password=',
  'Password = ',
  'passwd:',
  'pwd:',
  'pw ',
  'PIN: ',
  'contraseña: ',
  'api_key: ',
  'SECRET_TOKEN=',
  'private_key := ',
  'auth => ',
  'postgres://u:',
  '--password ',
  '--api-key ',
  ' is ',
  '"',
  "'",
  '=',
  ':',
  ' ',
  '\n',
  '@',
  'x',
  '9fQ2xLr7Tz8KpVm3Wq1Ys5Bn',
  'hunter2',
  '1234',
  '12345678',
  '$DB_PASS',
  'AB',
  'GB82 WEST 1234 5698 7654 32',
  'AB 12 34 56 C',
  'X1234567L',
  '1 85 05 2A 123 456 78',
  'RSSMRA85T10A562S',
  '123456789:AA',
  'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0',
  '-----BEGIN RSA PRIVATE KEY-----',
  '-----END RSA PRIVATE KEY-----',
  '4111 1111 1111 1111',
  '+44 20 7946 0958',
  '123-45-6789',
  'ssn ',
  // issue 16: IP and MAC addresses, crypto addresses, Finnish ids, postal addresses, names
  '192.168.1.10',
  '8.8.8.8/24',
  'v1.2.3.4',
  '.5',
  'fe80::1ff:fe23:4567:890a',
  '2001:db8::8a2e:370:7334',
  '::ffff:192.0.2.128',
  '::1',
  'abcd:',
  '00:1A:2B:3C:4D:5E',
  '00-1a-2b-3c-4d-5e',
  '001a.2b3c.4d5e',
  'ab:cd:ef:ab:cd:ef',
  '1BoatSLRHtKNngkdXEeobR76b53LETtpyT',
  '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
  'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
  'TB1',
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0x',
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
  '<<',
  '131052-308T',
  '010594Y9032',
  '221B Baker Street',
  '1600 Pennsylvania Avenue NW, Suite 4',
  '12 ',
  'Jennifer Martinez',
  'Grace Hopper',
  'Mark As Read',
  'Hi Jessica',
  'Thank you Mark',
  'J. ',
  '$',
  '.',
  '_',
  '-',
];

describe('candidate positions lose no finding', () => {
  it('on every corpus line', () => {
    for (const t of lines) expect(detectAll(t)).toEqual(detectWithScan(t, withoutCandidates(t)));
  });

  it('on texts assembled from the fragments the patterns start with', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }),
        fc.constantFrom('same', 'lower', 'upper'),
        (parts, casing) => {
          let t = parts.join('');
          if (casing === 'lower') t = t.toLowerCase();
          if (casing === 'upper') t = t.toUpperCase();
          expect(detectAll(t)).toEqual(detectWithScan(t, withoutCandidates(t)));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('string-free checksums', () => {
  it('ibanValidAt equals ibanValid on the compact form', () => {
    const unit = fc.constantFrom(...'GBDEFR0123456789 WESTabc'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (raw) => {
        expect(ibanValidAt(`x${raw}y`, 1, raw.length + 1)).toBe(ibanValid(raw.replace(/ /g, '')));
      }),
      { numRuns: 2000 },
    );
    expect(ibanValidAt('GB82 WEST 1234 5698 7654 32', 0, 27)).toBe(true);
  });

  it('shannonEntropy equals the sum over a map, term for term', () => {
    const reference = (s: string) => {
      const counts = new Map<number, number>();
      for (let i = 0; i < s.length; i++) counts.set(s.charCodeAt(i), (counts.get(s.charCodeAt(i)) ?? 0) + 1);
      let h = 0;
      for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
      return h;
    };
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(shannonEntropy(s)).toBe(reference(s));
      }),
      { numRuns: 2000 },
    );
  });
});
