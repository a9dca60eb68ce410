/**
 * Credentials recognisable by their own shape: provider keys with a fixed prefix (cloud, version
 * control, chat, payments, AI providers, package registries), JWTs and PEM/OpenSSH private keys.
 * One literal prefilter decides whether any of the token regexes needs to run at all.
 */
import type { EntityType } from '@steno/protocol';
import { type DetectionSink, report } from './detection.ts';
import { PairTable } from './literal-table.ts';
import {
  type FormatMatcher,
  forgetStretch,
  formatMatcher,
  formatSource,
  greedyIsTheMatch,
  knownPrefix,
  matchFormat,
  membersOf,
  partsOf,
  type Shape,
  TOKEN_FORMATS,
} from './token-formats.ts';

interface TokenPattern {
  detector: string;
  entity: EntityType;
  re: RegExp;
  /** This pattern's own literal starts, where its detector has more than one pattern (else STARTS). */
  starts?: string[];
}

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_])';

const TOKEN_PATTERNS: TokenPattern[] = [
  {
    detector: 'aws-access-key',
    entity: 'API_KEY',
    re: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}(?![A-Z0-9])/g,
  },
  {
    detector: 'github-token',
    entity: 'API_KEY',
    re: new RegExp(`${B}gh[pousr]_[A-Za-z0-9]{30,255}${E}`, 'g'),
  },
  { detector: 'github-pat', entity: 'API_KEY', re: new RegExp(`${B}github_pat_[A-Za-z0-9_]{22,255}`, 'g') },
  {
    detector: 'gitlab-token',
    entity: 'API_KEY',
    re: new RegExp(`${B}gl(?:pat|dt|ptt|rt|cbt)-[A-Za-z0-9_-]{20,}`, 'g'),
  },
  { detector: 'slack-token', entity: 'API_KEY', re: new RegExp(`${B}xox[abposre]-[A-Za-z0-9-]{10,}`, 'g') },
  {
    detector: 'slack-webhook',
    entity: 'SECRET',
    re: /hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9_/-]{20,}/g,
  },
  {
    detector: 'discord-webhook',
    entity: 'SECRET',
    re: /discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{30,}/g,
  },
  { detector: 'telegram-bot-token', entity: 'API_KEY', re: /(?<!\d)\d{8,10}:AA[A-Za-z0-9_-]{33}(?![\w-])/g },
  {
    detector: 'stripe-key',
    entity: 'API_KEY',
    re: new RegExp(`${B}(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}${E}`, 'g'),
  },
  { detector: 'stripe-webhook-secret', entity: 'SECRET', re: new RegExp(`${B}whsec_[A-Za-z0-9]{24,}`, 'g') },
  {
    detector: 'square-token',
    entity: 'API_KEY',
    re: new RegExp(`${B}sq0(?:atp|csp)-[A-Za-z0-9_-]{22,}`, 'g'),
  },
  {
    detector: 'braintree-token',
    entity: 'API_KEY',
    re: /access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}/g,
  },
  {
    detector: 'ai-provider-key',
    entity: 'API_KEY',
    re: new RegExp(
      `${B}sk-(?:ant-(?:api|admin)\\d\\d-|proj-|svcacct-|admin-|or-v1-)?[A-Za-z0-9_-]{20,}`,
      'g',
    ),
    starts: ['sk-'],
  },
  { detector: 'google-api-key', entity: 'API_KEY', re: new RegExp(`${B}AIza[0-9A-Za-z_-]{35}${E}`, 'g') },
  { detector: 'google-oauth-token', entity: 'API_KEY', re: new RegExp(`${B}ya29\\.[0-9A-Za-z_-]{20,}`, 'g') },
  {
    detector: 'ai-provider-key',
    entity: 'API_KEY',
    re: new RegExp(
      `${B}(?:hf_[A-Za-z0-9]{30,}|gsk_[A-Za-z0-9]{40,}|r8_[A-Za-z0-9]{30,}|xai-[A-Za-z0-9]{40,})${E}`,
      'g',
    ),
    starts: ['hf_', 'gsk_', 'r8_', 'xai-'],
  },
  { detector: 'npm-token', entity: 'API_KEY', re: new RegExp(`${B}npm_[A-Za-z0-9]{36}${E}`, 'g') },
  { detector: 'pypi-token', entity: 'API_KEY', re: /pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{40,}/g },
  { detector: 'sendgrid-key', entity: 'API_KEY', re: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/g },
  { detector: 'twilio-key', entity: 'API_KEY', re: new RegExp(`${B}SK[0-9a-f]{32}${E}`, 'g') },
  { detector: 'azure-storage-key', entity: 'SECRET', re: /AccountKey=[A-Za-z0-9+/]{40,}={0,2}/g },
  {
    detector: 'jwt',
    entity: 'JWT',
    re: /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  },
  {
    detector: 'private-key',
    entity: 'PRIVATE_KEY',
    re: /-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  {
    detector: 'putty-private-key',
    entity: 'PRIVATE_KEY',
    re: /PuTTY-User-Key-File-\d:[\s\S]*?(?:Private-MAC: *[0-9a-f]+|$)/g,
  },
  {
    detector: 'age-secret-key',
    entity: 'PRIVATE_KEY',
    re: /AGE-SECRET-KEY-1[0-9A-Z]{50,}/g,
  },
];

/**
 * The most frequent patterns above as shapes read on the codes (`matchFormat`), by their regex
 * source: the same match, each taking a run's longest stretch (`greedyIsTheMatch` holds for each,
 * checked below). `sk-(?:ant-…|proj-|…)?[A-Za-z0-9_-]{20,}` is `sk-` and twenty or more of the
 * class: every character of the optional group is one of the class, so with or without it the
 * match ends where the stretch of the class ends, and it matches if and only if the stretch after
 * `sk-` holds twenty. Read on the codes, a token's stretch is read once for its pattern and its
 * format row (matchFormat keeps the last stretch), where each regex read it again.
 */
/** The source of the pattern of `detector` holding `fragment` (found by name, not by place). */
function sourceOf(detector: string, fragment: string): string {
  const pattern = TOKEN_PATTERNS.find((p) => p.detector === detector && p.re.source.includes(fragment));
  if (pattern === undefined) throw new Error(`token shape: no ${detector} pattern with ${fragment}`);
  return pattern.re.source;
}

const TOKEN_CLASS = membersOf('A-Za-z0-9_\\-');
const WORD_CLASS = membersOf('A-Za-z0-9_');
const UPPER_ALNUM = membersOf('A-Z0-9');
const PATTERN_SHAPES = new Map<string, Shape>([
  [
    sourceOf('aws-access-key', 'AKIA'),
    {
      before: UPPER_ALNUM,
      prefixes: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'APKA'],
      parts: partsOf('[A-Z0-9]{16}'),
      after: UPPER_ALNUM,
    },
  ],
  [
    sourceOf('github-token', 'gh[pousr]'),
    {
      before: TOKEN_CLASS,
      prefixes: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
      parts: partsOf('[A-Za-z0-9]{30,255}'),
      after: WORD_CLASS,
    },
  ],
  [
    sourceOf('github-pat', 'github_pat_'),
    { before: TOKEN_CLASS, prefixes: ['github_pat_'], parts: partsOf('[A-Za-z0-9_]{22,255}'), after: null },
  ],
  [
    sourceOf('gitlab-token', 'gl(?:pat'),
    {
      before: TOKEN_CLASS,
      prefixes: ['glpat-', 'gldt-', 'glptt-', 'glrt-', 'glcbt-'],
      parts: partsOf('[A-Za-z0-9_\\-]{20,}'),
      after: null,
    },
  ],
  [
    sourceOf('slack-token', 'xox['),
    {
      before: TOKEN_CLASS,
      prefixes: ['xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxs-', 'xoxr-', 'xoxe-'],
      parts: partsOf('[A-Za-z0-9-]{10,}'),
      after: null,
    },
  ],
  [
    sourceOf('stripe-key', '(?:sk|rk|pk)_'),
    {
      before: TOKEN_CLASS,
      prefixes: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'pk_live_', 'pk_test_'],
      parts: partsOf('[A-Za-z0-9]{16,}'),
      after: WORD_CLASS,
    },
  ],
  [
    sourceOf('ai-provider-key', 'sk-(?:ant'),
    { before: TOKEN_CLASS, prefixes: ['sk-'], parts: partsOf('[A-Za-z0-9_\\-]{20,}'), after: null },
  ],
  [
    sourceOf('google-api-key', 'AIza'),
    { before: TOKEN_CLASS, prefixes: ['AIza'], parts: partsOf('[A-Za-z0-9_\\-]{35}'), after: WORD_CLASS },
  ],
  [
    sourceOf('npm-token', 'npm_'),
    { before: TOKEN_CLASS, prefixes: ['npm_'], parts: partsOf('[A-Za-z0-9]{36}'), after: WORD_CLASS },
  ],
  [
    sourceOf('jwt', 'eyJ'),
    {
      before: null,
      prefixes: ['eyJ'],
      parts: partsOf('[A-Za-z0-9_\\-]{5,}\\.eyJ[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]*'),
      after: null,
    },
  ],
]);
for (const [source, shape] of PATTERN_SHAPES) {
  if (!greedyIsTheMatch(shape.parts, shape.after)) throw new Error(`token shape ${source}: not greedy`);
}

/** The token patterns read as shapes, with their regexes (for tests: the same end at every place). */
export const TOKEN_SHAPES: readonly [Shape, RegExp][] = TOKEN_PATTERNS.flatMap((p) => {
  const shape = PATTERN_SHAPES.get(p.re.source);
  return shape === undefined ? [] : [[shape, new RegExp(p.re.source, 'y')] as [Shape, RegExp]];
});

/** Literal starts of the patterns; the prefilter finds them, then only matching patterns run. */
const STARTS: Record<string, string[]> = {
  'aws-access-key': ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'APKA'],
  'github-token': ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
  'github-pat': ['github_pat_'],
  'gitlab-token': ['glpat-', 'gldt-', 'glptt-', 'glrt-', 'glcbt-'],
  'slack-token': ['xox'],
  'slack-webhook': ['hooks.slack'],
  'discord-webhook': ['discord'],
  'stripe-key': ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'pk_live_', 'pk_test_'],
  'stripe-webhook-secret': ['whsec_'],
  'square-token': ['sq0'],
  'braintree-token': ['access_token$'],
  'ai-provider-key': ['sk-', 'hf_', 'gsk_', 'r8_', 'xai-'],
  'google-api-key': ['AIza'],
  'google-oauth-token': ['ya29.'],
  'npm-token': ['npm_'],
  'pypi-token': ['pypi-'],
  'sendgrid-key': ['SG.'],
  'twilio-key': ['SK'],
  'azure-storage-key': ['AccountKey='],
  jwt: ['eyJ'],
  'private-key': ['-----BEGIN'],
  'putty-private-key': ['PuTTY-User'],
  'age-secret-key': ['AGE-SECRET'],
};

interface Armed {
  starts: string[];
  sticky: RegExp;
  pattern: TokenPattern;
  /** Where the match at a position ends (-1: none), the same as `sticky` gives, or null: `sticky`. */
  matchAt: ((text: string, at: number) => number) | null;
  /** A format row read on the codes (`matchFormat`, the same match as `sticky`), or null. */
  format: FormatMatcher | null;
}

const KEY_HEADER = /-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/y;
const KEY_FOOTER = /-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/y;

/**
 * The private-key pattern at `at`, read in parts: its header (sticky), then the first `-----END`
 * after it where the footer matches (found with `indexOf`), else the text's end. The same match:
 * the lazy `[\s\S]*?` tries the footer, then `$`, at each place after the header, and the footer
 * can only match where `-----END` stands; the body always ends somewhere, so the header's first
 * match is the one kept. The regex tried both at every character of a key's body (about 1,600).
 */
function privateKeyAt(text: string, at: number): number {
  KEY_HEADER.lastIndex = at;
  if (!KEY_HEADER.test(text)) return -1;
  let from = KEY_HEADER.lastIndex;
  for (;;) {
    const end = text.indexOf('-----END', from);
    if (end < 0) return text.length;
    KEY_FOOTER.lastIndex = end;
    if (KEY_FOOTER.test(text)) return KEY_FOOTER.lastIndex;
    from = end + 1;
  }
}

const ARMED: Armed[] = [
  ...TOKEN_PATTERNS.filter((p) => p.detector !== 'telegram-bot-token').map((p) => ({
    starts: p.starts ?? STARTS[p.detector] ?? [],
    sticky: new RegExp(p.re.source, 'y'),
    pattern: p,
    matchAt: p.detector === 'private-key' ? privateKeyAt : null,
    format: PATTERN_SHAPES.get(p.re.source) ?? null,
  })),
  // the format table (token-formats.ts): one pattern per row, armed by its prefix
  ...TOKEN_FORMATS.map((f) => {
    const re = new RegExp(formatSource(f), 'g');
    return {
      starts: [f.prefix],
      sticky: new RegExp(re.source, 'y'),
      pattern: { detector: f.id, entity: f.entity, re },
      matchAt: null,
      format: formatMatcher(f),
    };
  }),
];
const TELEGRAM = TOKEN_PATTERNS.find((p) => p.detector === 'telegram-bot-token') as TokenPattern;

/**
 * The prefilter's literals in order: at a position the first listed literal that matches is taken
 * and the scan resumes after it, as an alternation of them would.
 */
export const TOKEN_LITERALS = new PairTable(
  [...new Set([...Object.values(STARTS).flat(), ...TOKEN_FORMATS.map((f) => f.prefix)])],
  false,
);

/**
 * The patterns to try where a literal matched: every pattern with a start that matches there. A
 * start other than the literal itself can only match there if one is a prefix of the other, so
 * those are the only ones checked at run time. Worked out for a literal the first time it matches
 * and kept: building all of them (every literal against every pattern) was most of the privacy
 * tables' start-up, paid on every page the extension records and by every agent start.
 */
type ArmedAt = { armed: Armed; check: string[] }[];
/**
 * A pattern to try at a hit: `prefix` (0 or more) the length of its format's prefix known to stand
 * there from the literal and the code after it (`knownPrefix`), else -1.
 */
type NarrowedAt = { armed: Armed; check: string[]; prefix: number }[];
const ARMED_BY_LITERAL: (ArmedAt | undefined)[] = new Array(TOKEN_LITERALS.literals.length);
function armedBy(literal: number): ArmedAt {
  const known = ARMED_BY_LITERAL[literal];
  if (known) return known;
  const lit = TOKEN_LITERALS.literals[literal] as string;
  const armed = ARMED.flatMap((a) => {
    if (a.starts.includes(lit)) return [{ armed: a, check: [] }];
    const check = a.starts.filter((st) => st.startsWith(lit) || lit.startsWith(st));
    return check.length > 0 ? [{ armed: a, check }] : [];
  });
  ARMED_BY_LITERAL[literal] = armed;
  return armed;
}

/**
 * `armedBy(literal)` narrowed by the code after the literal (a longer start than the literal,
 * `sk-proj-` at a hit of `sk-`, needs its next character there; at most of the bench document's
 * `sk-` hits six of the eight format rows it arms cannot start, and each was a `startsWithAny`
 * call). `lists[q]`: the same patterns in the same order, less those whose every start needs
 * another code there than `codes[q]`; `other`: for any other code. A start that is the literal or a
 * prefix of it needs no check at all (the literal matched). Kept small (a few codes a literal, read
 * in a short loop), worked out at a literal's first hit.
 */
interface Narrowed {
  /** The literal's length: the next code is read there. */
  length: number;
  codes: number[];
  lists: NarrowedAt[];
  other: NarrowedAt;
}
const NARROWED_BY_LITERAL: (Narrowed | undefined)[] = new Array(TOKEN_LITERALS.literals.length);
function narrowedBy(literal: number): Narrowed {
  const known = NARROWED_BY_LITERAL[literal];
  if (known) return known;
  const lit = TOKEN_LITERALS.literals[literal] as string;
  // where the next code is `code` the literal and it stand at the hit; for any other code (-1),
  // the literal alone
  const prefixOf = (armed: Armed, code: number): number =>
    armed.format === null ? -1 : knownPrefix(armed.format, code < 0 ? lit : lit + String.fromCharCode(code));
  const at = (code: number): NarrowedAt =>
    armedBy(literal).flatMap(({ armed, check }) => {
      if (check.length === 0 || check.some((st) => lit.startsWith(st)))
        return [{ armed, check: [], prefix: prefixOf(armed, code) }];
      const next = check.filter((st) => st.charCodeAt(lit.length) === code);
      return next.length > 0 ? [{ armed, check: next, prefix: prefixOf(armed, code) }] : [];
    });
  const codes: number[] = [];
  for (const { check } of armedBy(literal))
    for (const st of check) {
      const c = st.charCodeAt(lit.length);
      if (!Number.isNaN(c) && !codes.includes(c)) codes.push(c);
    }
  const narrowed: Narrowed = { length: lit.length, codes, lists: codes.map(at), other: at(-1) };
  NARROWED_BY_LITERAL[literal] = narrowed;
  return narrowed;
}

const TELEGRAM_AT = new RegExp(TELEGRAM.re.source, 'y');

/** The private-key literal's index: the only pattern it arms is the private-key pattern. */
const KEY_LITERAL_INDEX = TOKEN_LITERALS.literals.indexOf('-----BEGIN');
if (
  armedBy(KEY_LITERAL_INDEX).length !== 1 ||
  armedBy(KEY_LITERAL_INDEX)[0]?.armed.pattern.detector !== 'private-key'
) {
  throw new Error('detectTokenSecrets: -----BEGIN must arm the private-key pattern alone');
}

/**
 * `hits`: the positions and literal indexes `scanText` found with TOKEN_LITERALS, flat pairs.
 * `telegramAt`: every place a Telegram bot token can start (a run of 8 to 10 digits before a `:`),
 * ascending; absent, the text is searched for one.
 */
export function detectTokenSecrets(
  text: string,
  hits: readonly number[],
  out: DetectionSink,
  telegramAt?: readonly number[],
): void {
  forgetStretch();
  let covered = -1;
  // the end of the last private key found: the private-key pattern is searched as if alone, so a
  // `-----BEGIN` inside another token's match (`sk-…-----BEGIN`, `glpat-…-----BEGIN`) is still tried
  let keyCovered = -1;
  for (let h = 0; h < hits.length; h += 2) {
    const at = hits[h] as number;
    const literal = hits[h + 1] as number;
    if (at < covered && (literal !== KEY_LITERAL_INDEX || at < keyCovered)) continue;
    const narrowed = narrowedBy(literal);
    const length = narrowed.length;
    // NaN past the text's end, equal to no code: no longer start fits there
    const next = text.charCodeAt(at + length);
    const codes = narrowed.codes;
    let candidates = narrowed.other;
    for (let q = 0; q < codes.length; q++) {
      if (codes[q] === next) {
        candidates = narrowed.lists[q] as NarrowedAt;
        break;
      }
    }
    for (let k = 0; k < candidates.length; k++) {
      const { armed: a, check, prefix } = candidates[k] as { armed: Armed; check: string[]; prefix: number };
      // a start left to check is longer than the literal and has `next` after it: both matched
      if (check.length > 0 && !startsWithAny(text, check, at, length + 1)) continue;
      let end = -1;
      if (a.format !== null) end = matchFormat(a.format, text, at, prefix);
      else if (a.matchAt !== null) end = a.matchAt(text, at);
      else {
        a.sticky.lastIndex = at;
        if (a.sticky.test(text)) end = a.sticky.lastIndex;
      }
      if (end > at) {
        report(out, a.pattern.entity, at, end, a.pattern.detector);
        covered = Math.max(covered, end);
        if (literal === KEY_LITERAL_INDEX) keyCovered = end;
      }
    }
  }
  // the text is not kept past this call
  forgetStretch();
  if (telegramAt === undefined) {
    if (!text.includes(':AA')) return;
    TELEGRAM.re.lastIndex = 0;
    for (let m = TELEGRAM.re.exec(text); m !== null; m = TELEGRAM.re.exec(text)) {
      report(out, TELEGRAM.entity, m.index, m.index + m[0].length, TELEGRAM.detector);
    }
    return;
  }
  let next = 0;
  for (let k = 0; k < telegramAt.length; k++) {
    const s = telegramAt[k] as number;
    if (s < next) continue;
    TELEGRAM_AT.lastIndex = s;
    if (TELEGRAM_AT.test(text)) {
      next = TELEGRAM_AT.lastIndex;
      report(out, TELEGRAM.entity, s, next, TELEGRAM.detector);
    }
  }
}

/**
 * Whether one of `literals` stands at `at`, compared code by code: a `startsWith` call costs more
 * than the few compares. `known`: how many first codes of each are known to stand there already.
 */
function startsWithAny(text: string, literals: readonly string[], at: number, known: number): boolean {
  for (let k = 0; k < literals.length; k++) {
    const lit = literals[k] as string;
    if (at + lit.length > text.length) continue;
    let j = known;
    while (j < lit.length && text.charCodeAt(at + j) === lit.charCodeAt(j)) j++;
    if (j === lit.length) return true;
  }
  return false;
}
