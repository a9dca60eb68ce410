/**
 * One pass over the character codes of a text that finds what the detector families need before
 * any regex runs: runs of digits and what stands before them (cards, phones, IBANs, national IDs),
 * the literal starts of provider keys (AKIA, ghp_, xox, sk-, eyJ, -----BEGIN, …) and the credential
 * words of the context detectors (password, token, key, `://`, …). Every flag is a necessary
 * condition of the detector it gates, and every list of candidate positions holds every place a
 * match of that detector can start, so gating never loses a finding (text-scan.test.ts checks this
 * against the detectors run ungated, searching the whole text).
 */

import { matchesAt, matchesFoldedAt } from './literal-table.ts';
import {
  ASSIGN_SIGN,
  AT_SIGN,
  CLASS,
  DFA,
  HIT,
  INITIAL_STATE,
  KEYWORD_PAIR,
  KEYWORD_TABLE,
  KEYWORDS,
  KW_PIN_WORD,
  KW_PW_WORD,
  PAIRS,
  POSITION_FLAGS,
  RUN_END,
  RUN_START,
  STATE_IN_DIGITS,
  STATE_PID,
  TOKEN_PAIR,
  TRIPLE,
} from './scan-automaton.ts';
import { TOKEN_LITERALS } from './secret-detectors.ts';

export { KEYWORDS, type Keyword, KW_PIN_WORD, KW_PW_WORD, kw } from './scan-automaton.ts';

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
  /**
   * Every credential word found, as (position, index in KEYWORDS) pairs, flat, ascending; absent,
   * the context detectors search the whole text.
   */
  keywordAt?: readonly number[];
  /**
   * Where a match can start, ascending, for the detectors that would otherwise search the whole
   * text; when a list is absent the detector searches everywhere (as a test's permissive scan does).
   * IBAN: the two letters before the first two digits; NINO: the same, or before a space.
   */
  ibanAt?: readonly number[];
  ninoAt?: readonly number[];
  /** Codice fiscale: the six letters before two digits. */
  cfAt?: readonly number[];
  /** DNI: the first of eight digits; NIE: the letter before seven digits. */
  dniAt?: readonly number[];
  /** French NIR: a run of digits starting with 1 or 2 after no letter or digit (only with 14 digits). */
  nirAt?: readonly number[];
  /** Telegram bot token: a run of eight to ten digits before a `:`. */
  telegramAt?: readonly number[];
}

function isLetterCode(c: number): boolean {
  return c < 128 && CLASS[c] === 2;
}

/** Shared by every scan that finds nothing; never written to. */
const NONE: number[] = [];

/** A letter or digit (false for NaN: before the start or past the end of a text). */
function isAlnumCode(c: number): boolean {
  return c < 128 && CLASS[c] !== 0;
}

/** A separator inside a number: `(`, `)`, `.`, `-`, space (with digits, the class of RUN in number-detectors). */
function isSeparatorCode(c: number): boolean {
  return c === 32 || c === 45 || c === 46 || c === 40 || c === 41;
}

/** Only separators between `from` and `to`: two runs of digits are one stretch of a number. */
function separatorsOnly(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSeparatorCode(text.charCodeAt(i))) return false;
  return true;
}

/** The code at `i`, 127 for anything outside ASCII. */
function asciiAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return Math.min(c, 127);
}

function isWordCode(c: number): boolean {
  return c < 128 ? CLASS[c] !== 0 || c === 95 : false;
}

function push(list: number[], value: number): number[] {
  if (list === NONE) return [value];
  list.push(value);
  return list;
}

/** Positions found by the loop of `scanText`, reused between calls (never held across them). */
let scratch = new Int32Array(3072);

if (POSITION_FLAGS !== 1792 || HIT !== 256 || (RUN_START | RUN_END) !== 1536) {
  throw new Error('scanText: the flags written as literals differ from scan-automaton.ts');
}

/**
 * Scans `text` once. The loop over the codes has one table lookup per character and a branch taken
 * only where the first three characters of a literal stand or a run of digits starts or ends; those
 * few places are examined after it.
 */
export function scanText(text: string): TextScan {
  const n = text.length;
  if (scratch.length < 2 * n + 2) scratch = new Int32Array(2 * n + 2);
  const found = scratch;
  // literal starts grow from 0; starts and ends of runs of digits, alternating, from n
  let hits = 0;
  let runs = n;
  let state = INITIAL_STATE;
  let seen = 0;
  // the flags are written as literals here (POSITION_FLAGS, HIT, RUN_START | RUN_END): an imported
  // binding would be loaded and checked again on every character
  const dfa = DFA;
  for (let i = 0; i < n; i++) {
    const t = dfa[(state << 7) | Math.min(text.charCodeAt(i), 127)] as number;
    state = t & 255;
    seen |= t;
    if ((t & 1792) !== 0) {
      if ((t & 256) !== 0) found[hits++] = i - 2;
      if ((t & 1536) !== 0) found[runs++] = i;
    }
  }
  // a two-character literal, or a run of digits, at the very end
  if (TRIPLE[(STATE_PID[state] as number) << 7] !== 0) found[hits++] = n - 2;
  if (STATE_IN_DIGITS[state] !== 0) found[runs++] = n;

  let numbers: ReturnType<typeof scanNumbers> = NO_NUMBERS;
  if ((seen & RUN_START) !== 0) numbers = scanNumbers(text, found, n, runs);
  const { keywords, tokenHits, keywordAt } = scanLiterals(text, found, hits);
  return {
    digits: numbers.digits,
    at: (seen & AT_SIGN) !== 0,
    assigns: (seen & ASSIGN_SIGN) !== 0,
    ibanStart: numbers.ibanAt.length > 0,
    ninoStart: numbers.ninoAt.length > 0,
    cfStart: numbers.cfAt.length > 0,
    dniRun: numbers.dniAt.length > 0,
    numberStarts: numbers.numberStarts,
    keywords,
    tokenHits,
    keywordAt,
    ibanAt: numbers.ibanAt,
    ninoAt: numbers.ninoAt,
    cfAt: numbers.cfAt,
    dniAt: numbers.dniAt,
    nirAt: numbers.digits >= 14 ? numbers.nirAt : NONE,
    telegramAt: numbers.telegramAt,
  };
}

interface NumberScan {
  digits: number;
  numberStarts: number[];
  ibanAt: number[];
  ninoAt: number[];
  cfAt: number[];
  dniAt: number[];
  nirAt: number[];
  telegramAt: number[];
}

const NO_NUMBERS: NumberScan = {
  digits: 0,
  numberStarts: NONE,
  ibanAt: NONE,
  ninoAt: NONE,
  cfAt: NONE,
  dniAt: NONE,
  nirAt: NONE,
  telegramAt: NONE,
};

/** The runs of digits (start, end pairs in `found` from `from` to `to`): what may start where. */
function scanNumbers(text: string, found: Int32Array, from: number, to: number): NumberScan {
  let digits = 0;
  let numberStarts = NONE;
  let ibanAt = NONE;
  let ninoAt = NONE;
  let cfAt = NONE;
  let dniAt = NONE;
  let nirAt = NONE;
  let telegramAt = NONE;
  let stretchStart = -1;
  let stretchDigits = 0;
  let prevEnd = -1;
  for (let r = from; r < to; r += 2) {
    const p = found[r] as number;
    const e = found[r + 1] as number;
    const len = e - p;
    digits += len;
    // stretches of digits and separators: a number (card, phone, SSN, …) lies inside one
    if (prevEnd >= 0 && separatorsOnly(text, prevEnd, p)) stretchDigits += len;
    else {
      if (stretchDigits >= 9) numberStarts = push(numberStarts, stretchStart);
      stretchStart = p;
      stretchDigits = len;
    }
    prevEnd = e;
    if (len >= 7) {
      if (len === 8) dniAt = push(dniAt, p);
      else if (len === 7 && p > 0) dniAt = push(dniAt, p - 1);
      if (len <= 10 && text.charCodeAt(e) === 58) telegramAt = push(telegramAt, p);
    }
    // what stands before the digits: letters (IBAN, NINO, codice fiscale) or not (NIR, spaced NINO)
    const before = p > 0 ? text.charCodeAt(p - 1) : -1;
    if (isLetterCode(before)) {
      if (len < 2 || !isLetterCode(text.charCodeAt(p - 2))) continue;
      const third = text.charCodeAt(p - 3);
      if (!isAlnumCode(third)) {
        ibanAt = push(ibanAt, p - 2);
        ninoAt = push(ninoAt, p - 2);
      } else if (
        isLetterCode(third) &&
        isLetterCode(text.charCodeAt(p - 4)) &&
        isLetterCode(text.charCodeAt(p - 5)) &&
        isLetterCode(text.charCodeAt(p - 6)) &&
        !isAlnumCode(text.charCodeAt(p - 7))
      ) {
        cfAt = push(cfAt, p - 6);
      }
    } else {
      const first = text.charCodeAt(p);
      // `[12] ?\d{2}`: a lone 1 or 2 only before a space
      if ((first === 49 || first === 50) && (len >= 2 || text.charCodeAt(e) === 32)) nirAt = push(nirAt, p);
      if (
        len >= 2 &&
        before === 32 &&
        isLetterCode(text.charCodeAt(p - 2)) &&
        isLetterCode(text.charCodeAt(p - 3)) &&
        !isAlnumCode(text.charCodeAt(p - 4))
      ) {
        ninoAt = push(ninoAt, p - 3);
      }
    }
  }
  if (stretchDigits >= 9) numberStarts = push(numberStarts, stretchStart);
  return { digits, numberStarts, ibanAt, ninoAt, cfAt, dniAt, nirAt, telegramAt };
}

/** The literal starts the loop found: which token literals stand there, which credential words occur. */
function scanLiterals(
  text: string,
  found: Int32Array,
  hits: number,
): { keywords: number; tokenHits: number[]; keywordAt: number[] } {
  let keywords = 0;
  let tokenHits: number[] = NONE;
  let keywordAt: number[] = NONE;
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
        const lit = KEYWORDS[k] as string;
        if (matchesFoldedAt(text, lit, s)) {
          keywords |= 1 << k;
          if (k === 1 && !isWordCode(text.charCodeAt(s + 2))) keywords |= KW_PW_WORD;
          else if (k === 3 && !isWordCode(text.charCodeAt(s + 3))) keywords |= KW_PIN_WORD;
          if (keywordAt === NONE) keywordAt = [];
          keywordAt.push(s, k);
        }
      }
    }
  }
  return { keywords, tokenHits, keywordAt };
}
