/**
 * The tables behind `scanText`: character classes, the credential words of the context detectors,
 * and one automaton that reads a text a character code at a time and flags, with a single table
 * lookup per character, where the first three characters of a token literal or a credential word
 * end, where a run of digits starts and ends, where a capital letter starts a word, and whether
 * `@`, `=` or `:` occur.
 */

import { PairTable } from './literal-table.ts';
import { TOKEN_LITERALS } from './secret-detectors.ts';

/** Character classes of ASCII codes: 1 digit, 2 letter, 0 anything else. */
export const CLASS = new Uint8Array(128);
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

export const KEYWORD_TABLE = new PairTable(KEYWORDS, true);

export const TOKEN_PAIR = 1;
export const KEYWORD_PAIR = 2;

/** Per pair of ASCII codes: does a token literal or a keyword start with it. */
export const PAIRS = new Uint8Array(128 * 128);
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
export const PAIR_ID = new Uint8Array(128 * 128);
export const TRIPLE = new Uint8Array(256 * 128);
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

/** A literal's first three characters end at this code (the literal starts two codes before). */
export const HIT = 256;
/** A run of digits starts at this code. */
export const RUN_START = 512;
/** A run of digits ended just before this code. */
export const RUN_END = 1024;
/** This code is a capital letter A–Z after no letter, digit or `_` (where a name can start). */
export const CAP_START = 2048;
/**
 * This code is `:`, `-` or `.` where a MAC or an IPv6 address is looked for: a `-` or `.` after a
 * code that may be a hex digit (a MAC group before them ends in one), a `:` except after a word
 * character that is no hex digit or after `:` or `.` (there it starts no MAC and no IPv6 address).
 * The others, 3,765 of the bench document's 7,009 separators (`-----`, ` - `, `. `, `key:`), are
 * not recorded.
 */
export const SEPARATOR = 4096;
/** This code is `@`. */
export const AT_SIGN = 8192;
/** This code is `=` or `:`. */
export const ASSIGN_SIGN = 16384;
/** The flags that make the loop record a position: five bits in a row, recorded with it. */
export const POSITION_FLAGS = HIT | RUN_START | RUN_END | CAP_START | SEPARATOR;

/** An ASCII hex digit. */
function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** A word character of `\b` (letter, digit, `_`). */
function isWordChar(c: number): boolean {
  return CLASS[c] !== 0 || c === 95;
}

/**
 * The loop's automaton. A state stands for what matters about the last code read: the pair it
 * ends (when that pair starts a literal, states 1..255 are PAIR_ID values), else the code itself
 * when a literal starts with it, else only whether it is a digit, another word character or none.
 * DFA[state << 7 | code] is the next state (low eight bits) plus the flags above. Codes above 127
 * are read as 127.
 */
export const DFA = new Uint16Array(256 * 128);
/** The pair id of each state (0 for the states that are not a pair). */
export const STATE_PID = new Uint8Array(256);
/** 1 for the states whose last code is a digit: a text ending there ends a run of digits. */
export const STATE_IN_DIGITS = new Uint8Array(256);
export const INITIAL_STATE = (() => {
  let pairs = 0;
  const pairSecond = new Uint8Array(256);
  for (let pair = 0; pair < PAIR_ID.length; pair++) {
    const id = PAIR_ID[pair] as number;
    if (id !== 0) {
      pairSecond[id] = pair & 127;
      pairs = Math.max(pairs, id);
    }
  }
  // states: 1..pairs pair states; then one state per first character; then DIGIT, WORD (another
  // letter or `_`) and OTHER
  const firstState = new Int16Array(128).fill(-1);
  let next = pairs + 1;
  for (let pair = 0; pair < PAIR_ID.length; pair++) {
    const c = pair >> 7;
    if (PAIR_ID[pair] !== 0 && firstState[c] === -1) firstState[c] = next++;
  }
  const DIGIT_STATE = next++;
  const WORD_STATE = next++;
  const OTHER_STATE = next++;
  if (next > 256) throw new Error('too many scan states');
  // a letter or `_` that starts no literal pair: the last code of the WORD state stands for all
  let wordCode = -1;
  for (let c = 0; c < 128 && wordCode < 0; c++)
    if ((CLASS[c] === 2 || c === 95) && firstState[c] === -1) wordCode = c;
  if (wordCode < 0) throw new Error('scan: every letter starts a literal pair');
  // whether the WORD state can stand for a hex letter (a letter with a state of its own never
  // leads there); every other state stands for one code (pair and first-character states), for
  // digits only, or for codes that are no hex digit (OTHER: no word character, or above 127)
  let wordMayBeHex = false;
  for (let c = 0; c < 128; c++)
    if (isHexCode(c) && CLASS[c] === 2 && firstState[c] === -1) wordMayBeHex = true;
  const codeOf = (state: number): number =>
    state <= pairs
      ? (pairSecond[state] as number)
      : state === DIGIT_STATE
        ? 48
        : state === OTHER_STATE
          ? 127
          : state === WORD_STATE
            ? wordCode
            : firstState.indexOf(state);
  for (let state = 1; state < next; state++) {
    const prev = codeOf(state);
    const pid = state <= pairs ? state : 0;
    STATE_PID[state] = pid;
    STATE_IN_DIGITS[state] = CLASS[prev] === 1 ? 1 : 0;
    for (let c = 0; c < 128; c++) {
      const id = PAIR_ID[(prev << 7) | c] as number;
      const to =
        id !== 0
          ? id
          : (firstState[c] as number) >= 0
            ? (firstState[c] as number)
            : CLASS[c] === 1
              ? DIGIT_STATE
              : isWordChar(c)
                ? WORD_STATE
                : OTHER_STATE;
      const digit = CLASS[c] === 1;
      const afterDigit = CLASS[prev] === 1;
      const afterHex = state === WORD_STATE ? wordMayBeHex : isHexCode(prev);
      // a `:` after a word character that is no hex digit, or after `:` or `.`, starts no IPv6
      // address (no hex digit before it, and the code before is one that excludes a start) and no
      // MAC; known only where the state stands for such codes alone (WORD, or one code)
      const colonStartsNothing =
        !afterHex &&
        (state === WORD_STATE ||
          (state !== OTHER_STATE &&
            state !== DIGIT_STATE &&
            (isWordChar(prev) || prev === 58 || prev === 46)));
      DFA[(state << 7) | c] =
        to |
        (TRIPLE[(pid << 7) | c] !== 0 ? HIT : 0) |
        (digit && !afterDigit ? RUN_START : 0) |
        (!digit && afterDigit ? RUN_END : 0) |
        (c >= 65 && c <= 90 && !isWordChar(prev) ? CAP_START : 0) |
        ((c === 58 && !colonStartsNothing) || ((c === 45 || c === 46) && afterHex) ? SEPARATOR : 0) |
        (c === 64 ? AT_SIGN : 0) |
        (c === 61 || c === 58 ? ASSIGN_SIGN : 0);
    }
  }
  return OTHER_STATE;
})();

/**
 * DFA in the form the loop of `scanText` reads: each entry holds the next state already shifted
 * left by seven (bits 7..14, ready to be or-ed with the next code) and the flags shifted left by
 * eight (bits 16..22: the position flags 16..20), so the loop saves a shift on the chain from one character to the next.
 */
export const FLAG_SHIFT = 8;
export const DFA_SHIFTED = new Int32Array(DFA.length);
for (let k = 0; k < DFA.length; k++) {
  const t = DFA[k] as number;
  DFA_SHIFTED[k] = ((t & 255) << 7) | ((t & ~255) << FLAG_SHIFT);
}
