/**
 * One pass over the character codes of a text that finds what the detector families need before
 * any regex runs: runs of digits and what stands before them (cards, phones, IBANs, national IDs),
 * the literal starts of provider keys (AKIA, ghp_, xox, sk-, eyJ, -----BEGIN, …) and the credential
 * words of the context detectors (password, token, key, `://`, …). Every flag is a necessary
 * condition of the detector it gates, so skipping a detector on a false flag never loses a finding
 * (text-scan.test.ts checks this against the detectors run ungated).
 */

import { matchesAt, matchesFoldedAt, PairTable } from './literal-table.ts';
import { TOKEN_LITERALS } from './secret-detectors.ts';

/** Character classes of ASCII codes: 1 digit, 2 letter, 0 anything else. */
const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = 1;
for (let c = 65; c <= 90; c++) {
  CLASS[c] = 2;
  CLASS[c + 32] = 2;
}

/** Credential words of the context detectors, matched case-insensitively. */
export const KEYWORDS = [
  'pass',
  'pw',
  'pwd',
  'pin',
  'secret',
  'sharedaccesskey',
  'token',
  'key',
  'auth',
  'bearer',
  'basic',
  '://',
  'cred',
  'salt',
  'session',
  'cookie',
  'mysql',
  'mariadb',
  'curl',
  'contrase',
  'signature',
  'private',
  '--',
] as const;

export type Keyword = (typeof KEYWORDS)[number];

/** Bit of a keyword in `TextScan.keywords`. */
export function kw(word: Keyword): number {
  return 1 << KEYWORDS.indexOf(word);
}

/** `pw` and `pin` followed by a word boundary (`pw\b`, `pin\b`), for the context prefilter. */
export const KW_PW_WORD = 1 << KEYWORDS.length;
export const KW_PIN_WORD = 1 << (KEYWORDS.length + 1);

const KEYWORD_TABLE = new PairTable(KEYWORDS, true);

export interface TextScan {
  /** ASCII digits in the text. */
  digits: number;
  at: boolean;
  /** An `=` or a `:` occurs (assignments). */
  assigns: boolean;
  /** Exactly two letters after no letter or digit, then two digits (`(?<![A-Za-z0-9])[A-Z]{2}\d\d`: IBAN). */
  ibanStart: boolean;
  /** The same with an optional space before the digits (UK NINO). */
  ninoStart: boolean;
  /** Exactly six letters after no letter or digit, then two digits (codice fiscale). */
  cfStart: boolean;
  /** A run of exactly seven or eight digits (Spanish DNI/NIE). */
  dniRun: boolean;
  /**
   * First digits of the stretches of digits and `().- ` that hold nine digits or more: the only
   * places a card, phone, SSN or digit-only national ID can be.
   */
  numberStarts: readonly number[];
  /** Bits of the KEYWORDS found anywhere (case-insensitive), plus KW_PW_WORD / KW_PIN_WORD. */
  keywords: number;
  /** Positions where the token prefilter stops, and the literal it matched there (pairs, flat). */
  tokenHits: readonly number[];
}

function isLetterCode(c: number): boolean {
  return c < 128 && CLASS[c] === 2;
}

/** Shared by every scan that finds nothing; never written to. */
const NONE: number[] = [];

function isAlnumCode(c: number): boolean {
  return c < 128 && CLASS[c] !== 0;
}

/** A digit or a separator inside a number: `(`, `)`, `.`, `-`, space (the class of RUN in number-detectors). */
function isNumberCode(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 40 || c === 41 || c === 46 || c === 45 || c === 32;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The code at `i`, 127 for anything outside ASCII. */
function asciiAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return Math.min(c, 127);
}

/** ASCII letters just before `end`, counted up to seven. */
function lettersBefore(text: string, end: number): number {
  let k = 0;
  while (k < 7 && end - k - 1 >= 0 && isLetterCode(text.charCodeAt(end - k - 1))) k++;
  return k;
}

function isWordCode(c: number): boolean {
  return c < 128 ? CLASS[c] !== 0 || c === 95 : false;
}

const TOKEN_PAIR = 1;
const KEYWORD_PAIR = 2;

/** Per pair of ASCII codes: does a token literal or a keyword start with it. */
const PAIRS = new Uint8Array(128 * 128);
for (let pair = 0; pair < PAIRS.length; pair++) {
  PAIRS[pair] =
    (TOKEN_LITERALS.index[pair] !== 0 ? TOKEN_PAIR : 0) |
    (KEYWORD_TABLE.index[pair] !== 0 ? KEYWORD_PAIR : 0);
}

/**
 * The first three characters of every literal, as two lookups: PAIR_ID numbers the pairs that start
 * a literal (0: none), and TRIPLE[id << 7 | code] says whether a literal goes on with that code
 * (any code, 0 included, for the two-character literals).
 */
const PAIR_ID = new Uint8Array(128 * 128);
const TRIPLE = new Uint8Array(256 * 128);
{
  let ids = 0;
  const add = (lit: string, fold: boolean) => {
    const variants = (ch: string) => (fold ? [...new Set([ch.toLowerCase(), ch.toUpperCase()])] : [ch]);
    for (const a of variants(lit[0] as string))
      for (const b of variants(lit[1] as string)) {
        const pair = (a.charCodeAt(0) << 7) | b.charCodeAt(0);
        if (PAIR_ID[pair] === 0) {
          if (++ids > 255) throw new Error('too many literal pairs');
          PAIR_ID[pair] = ids;
        }
        const id = PAIR_ID[pair] as number;
        if (lit.length === 2) for (let c = 0; c < 128; c++) TRIPLE[(id << 7) | c] = 1;
        else for (const c of variants(lit[2] as string)) TRIPLE[(id << 7) | c.charCodeAt(0)] = 1;
      }
  };
  for (const lit of TOKEN_LITERALS.literals) add(lit, false);
  for (const lit of KEYWORDS) add(lit, true);
}

/**
 * The loop's automaton. A state stands for what matters about the last code read: the pair it
 * ends (when that pair starts a literal, states 1..255 are PAIR_ID values), else the code itself
 * when a literal starts with it, else only whether it is a digit. DFA[state << 7 | code] is the
 * next state, plus HIT when a literal's first three characters end at `code`, plus RUN when a run
 * of digits starts at `code`.
 */
const HIT = 256;
const RUN_START = 512;
const DFA = new Uint16Array(512 * 128);
/** The pair id of each state (0 for the states that are not a pair). */
const STATE_PID = new Uint8Array(512);
const INITIAL_STATE = (() => {
  let pairs = 0;
  const pairSecond = new Uint8Array(256);
  for (let pair = 0; pair < PAIR_ID.length; pair++) {
    const id = PAIR_ID[pair] as number;
    if (id !== 0) {
      pairSecond[id] = pair & 127;
      pairs = Math.max(pairs, id);
    }
  }
  // states: 1..pairs pair states; then one state per first character; then DIGIT and OTHER
  const firstState = new Int16Array(128).fill(-1);
  let next = pairs + 1;
  for (let pair = 0; pair < PAIR_ID.length; pair++) {
    const c = pair >> 7;
    if (PAIR_ID[pair] !== 0 && firstState[c] === -1) firstState[c] = next++;
  }
  const DIGIT_STATE = next++;
  const OTHER_STATE = next++;
  if (next > 256) throw new Error('too many scan states');
  const codeOf = (state: number): number =>
    state <= pairs
      ? (pairSecond[state] as number)
      : state === DIGIT_STATE
        ? 48
        : state === OTHER_STATE
          ? 127
          : firstState.indexOf(state);
  for (let state = 1; state < next; state++) {
    const prev = codeOf(state);
    const pid = state <= pairs ? state : 0;
    STATE_PID[state] = pid;
    for (let c = 0; c < 128; c++) {
      const id = PAIR_ID[(prev << 7) | c] as number;
      const to =
        id !== 0
          ? id
          : (firstState[c] as number) >= 0
            ? (firstState[c] as number)
            : CLASS[c] === 1
              ? DIGIT_STATE
              : OTHER_STATE;
      const hit = TRIPLE[(pid << 7) | c] !== 0 ? HIT : 0;
      const run = CLASS[c] === 1 && CLASS[prev] !== 1 ? RUN_START : 0;
      DFA[(state << 7) | c] = to | hit | run;
    }
  }
  return OTHER_STATE;
})();

/** Positions found by the loop of `scanText`, reused between calls (never held across them). */
let scratch = new Int32Array(3072);

/**
 * Scans `text` once. The loop over the codes has no branch but the loop's own: it records where
 * the first three characters of a literal stand and where a run of digits starts, and those few
 * places are examined after it.
 */
export function scanText(text: string): TextScan {
  const n = text.length;
  if (scratch.length < 3 * n + 1) scratch = new Int32Array(3 * n + 1);
  const found = scratch;
  // literal starts grow from 0, digit-run starts from n (their ends from 2n)
  let hits = 0;
  let runs = n;
  let state = INITIAL_STATE;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c > 127) c = 127;
    const t = DFA[(state << 7) | c] as number;
    state = t & 255;
    if (t > 255) {
      if ((t & HIT) !== 0) found[hits++] = i - 2;
      if ((t & RUN_START) !== 0) found[runs++] = i;
    }
  }
  // a two-character literal at the very end
  if (TRIPLE[(STATE_PID[state] as number) << 7] !== 0) found[hits++] = n - 2;

  let digits = 0;
  let dniRun = false;
  for (let r = n; r < runs; r++) {
    const p = found[r] as number;
    let e = p + 1;
    while (e < n && isDigitCode(text.charCodeAt(e))) e++;
    found[r + n] = e;
    digits += e - p;
    if (e - p === 7 || e - p === 8) dniRun = true;
  }
  let ibanStart = false;
  let ninoStart = false;
  let cfStart = false;
  let numberStarts: number[] = NONE;
  let stretchEnd = 0;
  for (let r = n; r < runs; r++) {
    const p = found[r] as number;
    if (digits >= 9 && p >= stretchEnd) {
      // the stretch of digits and separators this run starts: how many digits does it hold
      let nd = 0;
      let q = p;
      while (q < n && isNumberCode(text.charCodeAt(q))) {
        if (isDigitCode(text.charCodeAt(q))) nd++;
        q++;
      }
      stretchEnd = q;
      if (nd >= 9) {
        if (numberStarts === NONE) numberStarts = [];
        numberStarts.push(p);
      }
    }
    if ((found[r + n] as number) - p < 2 || p === 0) continue;
    // two digits start at `p`: the letters just before them (IBAN, NINO, codice fiscale)
    const before = text.charCodeAt(p - 1);
    if (isLetterCode(before)) {
      const letters = lettersBefore(text, p);
      if ((letters === 2 || letters === 6) && !isAlnumCode(text.charCodeAt(p - letters - 1))) {
        if (letters === 2) {
          ibanStart = true;
          ninoStart = true;
        } else cfStart = true;
      }
    } else if (before === 32 && lettersBefore(text, p - 1) === 2 && !isAlnumCode(text.charCodeAt(p - 4))) {
      ninoStart = true;
    }
  }
  let keywords = 0;
  let tokenHits: number[] = NONE;
  let tokenNext = 0;
  for (let h = 0; h < hits; h++) {
    const s = found[h] as number;
    const pair = (asciiAt(text, s) << 7) | asciiAt(text, s + 1);
    const pf = PAIRS[pair] as number;
    if ((pf & TOKEN_PAIR) !== 0 && s >= tokenNext) {
      const bucket = TOKEN_LITERALS.buckets[(TOKEN_LITERALS.index[pair] as number) - 1] as number[];
      for (let j = 0; j < bucket.length; j++) {
        const k = bucket[j] as number;
        const lit = TOKEN_LITERALS.literals[k] as string;
        if (matchesAt(text, lit, s)) {
          if (tokenHits === NONE) tokenHits = [];
          tokenHits.push(s, k);
          tokenNext = s + lit.length;
          break;
        }
      }
    }
    if ((pf & KEYWORD_PAIR) !== 0) {
      const bucket = KEYWORD_TABLE.buckets[(KEYWORD_TABLE.index[pair] as number) - 1] as number[];
      for (let j = 0; j < bucket.length; j++) {
        const k = bucket[j] as number;
        if ((keywords & (1 << k)) !== 0 && k !== 1 && k !== 3) continue;
        const lit = KEYWORDS[k] as string;
        if (matchesFoldedAt(text, lit, s)) {
          keywords |= 1 << k;
          if (k === 1 && !isWordCode(text.charCodeAt(s + 2))) keywords |= KW_PW_WORD;
          else if (k === 3 && !isWordCode(text.charCodeAt(s + 3))) keywords |= KW_PIN_WORD;
        }
      }
    }
  }
  const at = text.includes('@');
  const assigns = text.includes('=') || text.includes(':');
  return {
    digits,
    at,
    assigns,
    ibanStart,
    ninoStart,
    cfStart,
    dniRun,
    numberStarts,
    keywords,
    tokenHits,
  };
}
