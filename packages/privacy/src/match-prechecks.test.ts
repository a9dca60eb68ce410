/**
 * The position prechecks (match-prechecks.ts) are necessary conditions: wherever a detector's regex
 * matches, its precheck admits the position. Checked at every position of corpus lines, of the
 * external corpus and of texts assembled from the fragments the patterns start with.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildExternalCorpus } from './corpus/external/external-corpus.ts';
import {
  CODE_OR_PLACEHOLDER_PRECHECK,
  CONTEXT_PRECHECKS,
  CREDENTIAL_NAME_TESTS,
} from './credential-context.ts';
import { BASE58_PRECHECK } from './crypto-addresses.ts';
import { NINO_PRECHECK } from './iban-nino-detectors.ts';
import { NIR_PRECHECK, SPANISH_ID_PRECHECK } from './national-ids.ts';
import { NETWORK_PRECHECKS } from './network-addresses.ts';

const PRECHECKS = [
  ...CONTEXT_PRECHECKS,
  NIR_PRECHECK,
  NINO_PRECHECK,
  BASE58_PRECHECK,
  SPANISH_ID_PRECHECK,
  ...NETWORK_PRECHECKS,
].map(([admits, re]) => ({ admits, sticky: new RegExp(re.source, `${re.flags.replace('g', '')}y`) }));

/** The positions where a regex matches but its precheck refuses (none, if the precheck is right). */
function refusedMatches(text: string): string[] {
  const refused: string[] = [];
  for (const { admits, sticky } of PRECHECKS) {
    for (let at = 0; at <= text.length; at++) {
      sticky.lastIndex = at;
      if (sticky.test(text) && !admits(text, at)) refused.push(`${sticky.source.slice(0, 30)} at ${at}`);
    }
  }
  return refused;
}

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus', 'corpus.jsonl');
const lines: string[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.length > 0)
  .map((l) => (JSON.parse(l) as { text: string }).text);
lines.push(...buildExternalCorpus().map((c) => c.text));

const FRAGMENTS = [
  'password',
  'Password',
  'passwort',
  'passphrase',
  'passcode',
  'passwd',
  'pwd',
  'pw',
  'PIN',
  'mot de passe',
  'contraseña',
  'CONTRASEÑA',
  'secret',
  'SECRET',
  'token',
  'Token',
  'key',
  'KEY',
  'sharedaccesskey',
  'authorization',
  'Authorization',
  'Bearer',
  'Basic',
  'signature',
  'credential',
  'session',
  'cookie',
  'salt',
  'private',
  '_key',
  '.id',
  '-name',
  '--password',
  '--token',
  '--api-key',
  '--client-secret',
  '--auth-token',
  '--secret',
  '--verbose',
  'mysql',
  'mysqldump',
  'mariadb',
  'sshpass',
  'curl',
  ' -p',
  ' -u',
  ' --user ',
  '-passin',
  '\u00a0-passout',
  ' pass:',
  ' access key',
  ' is ',
  ' was ',
  ':=',
  '=>',
  '=',
  ':',
  '"',
  "'",
  '`',
  ' ',
  '  ',
  '\t',
  '\n',
  '\u2003',
  'x',
  'bob:',
  '9fQ2xLr7Tz8KpVm3Wq1Ys5Bn',
  'hunter2',
  'AB',
  'ab',
  '12',
  '34',
  ' 56 ',
  'C',
  '1 85 05 2A 123 456 78',
  '285052B12345678',
  '2',
  '1',
  '3',
  '1BoatSLRHtKNngkdXEeobR76b53LETtpyT',
  '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
  'abcdefghijkmnopqrstuvwxyz',
  '0OIl',
  '12345678Z',
  'X1234567',
  '-L',
  ' z',
  '192.168.',
  '10.0.0.1',
  '255.',
  '1234.',
  '.',
  '/24',
  '00:1a:2b:',
  '3c-4d-5e',
  'aabb.ccdd.',
  'eeff',
  '-',
];

describe('position prechecks are necessary conditions', () => {
  it('on every corpus line', () => {
    for (const t of lines) expect(refusedMatches(t)).toEqual([]);
  });

  it('on texts assembled from the fragments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 10 }),
        fc.constantFrom('same', 'lower', 'upper'),
        (parts, casing) => {
          let t = parts.join('');
          if (casing === 'lower') t = t.toLowerCase();
          if (casing === 'upper') t = t.toUpperCase();
          expect(refusedMatches(t)).toEqual([]);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

/** Value fragments that the code/placeholder regex reads (calls, references, placeholder words). */
const VALUE_FRAGMENTS = [
  '(',
  '.',
  '{',
  '{{',
  '%(',
  '<%',
  '<',
  '>',
  '[',
  ']',
  '*',
  'x',
  'X',
  'y',
  'your',
  'YOUR_',
  ' ',
  '_here',
  '-HERE',
  'here',
  'process.env',
  'os.environ',
  'self.',
  'true',
  'undefined',
  'required',
  'null',
  'changeme',
  'password',
  'a',
  'Z',
  '0',
  '$',
  '_',
  '-',
  '\n',
  'ñ',
  '9fQ2xLr7Tz8K',
];

describe('value prechecks are necessary conditions', () => {
  const [admits, re] = CODE_OR_PLACEHOLDER_PRECHECK;
  it('on values assembled from the fragments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...VALUE_FRAGMENTS), { maxLength: 8 }),
        fc.constantFrom('same', 'lower', 'upper'),
        (parts, casing) => {
          let v = parts.join('');
          if (casing === 'lower') v = v.toLowerCase();
          if (casing === 'upper') v = v.toUpperCase();
          if (re.test(v)) expect(admits(v)).toBe(true);
        },
      ),
      { numRuns: 20000 },
    );
  });

  it('on any short strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 16 }), (v) => {
        if (re.test(v)) expect(admits(v)).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });
});

/** Pieces of credential names (the endings, their separators, what stands before them). */
const NAME_FRAGMENTS = [
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'pass',
  'api',
  'key',
  'access',
  'private',
  'auth',
  'credential',
  's',
  '_',
  '.',
  '-',
  'A',
  'z',
  '9',
  'GITHUB',
  'or',
  'd',
  'ñ',
  '$',
  'id',
  'ids',
  'name',
  'Path',
  'URL',
  'type',
  'storetype',
  'expires',
  'hash',
  'e',
];

describe('credential names without the regex', () => {
  it('agree with CREDENTIAL_NAME and NOT_CREDENTIAL_NAME on names assembled from the fragments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...NAME_FRAGMENTS), { maxLength: 6 }),
        fc.constantFrom('same', 'lower', 'upper'),
        (parts, casing) => {
          let name = parts.join('');
          if (casing === 'lower') name = name.toLowerCase();
          if (casing === 'upper') name = name.toUpperCase();
          for (const [re, test] of CREDENTIAL_NAME_TESTS) expect(test(name)).toBe(re.test(name));
        },
      ),
      { numRuns: 20000 },
    );
  });
});
