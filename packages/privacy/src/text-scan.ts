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
import { isSpaceCode } from './match-prechecks.ts';
import { PrivacyError } from './privacy-error.ts';
import {
  ASSIGN_SIGN,
  AT_SIGN,
  CAP_START,
  CLASS,
  DFA_SHIFTED,
  FLAG_SHIFT,
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
  SEPARATOR,
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
  /** IPv4: a run of one to three digits before a `.` and a digit, after no letter, digit, `_` or `.`. */
  ipv4At?: readonly number[];
  /** IPv6: up to four hex digits then a `:` (and up to four more then a `:`), after no word sign, `:` or `.`. */
  ipv6At?: readonly number[];
  /** MAC: two hex digits before a `:` or `-` (three such groups on), or four before a `.`. */
  macAt?: readonly number[];
  /** Bitcoin base58check: a `1` or `3` after no letter or digit, with a letter or digit 25 characters on. */
  base58At?: readonly number[];
  /** Bitcoin segwit: `bc1` / `tb1` (either case) after no letter or digit. */
  segwitAt?: readonly number[];
  /** Ethereum: `0x` after no letter or digit. */
  ethereumAt?: readonly number[];
  /** Passport MRZ, second line: thirteen characters before a run of seven digits then `M`, `F`, `X` or `<`. */
  mrzAt?: readonly number[];
  /** Finnish henkilötunnus: a run of exactly six digits before its century sign. */
  hetuAt?: readonly number[];
  /** Postal address: a run of one to five digits after no letter or digit, then white space (or a letter and white space) and a capital. */
  houseNumberAt?: readonly number[];
  /** Names: a capital letter then a small one, after no letter, digit or `_`. */
  capitalAt?: readonly number[];
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

/**
 * The code at `i`, 0 before the start or past the end of the text (where `charCodeAt` gives NaN: a
 * NaN makes optimised code leave its integer path). 0 is no letter, digit, separator or sign, as
 * NaN was for every test made on it here.
 */
function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : 0;
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

/** A key body shorter than this is read anyway (skipping it would save nothing). */
const MIN_SKIPPED_BODY = 64;

/** The BEGIN and END lines of the private-key pattern of `secret-detectors.ts`. */
const KEY_BEGIN = /-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/y;
const KEY_END = /-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/y;
/** Base64 and white space: nothing else may stand in a body that is skipped. */
const INERT_BODY = /[A-Za-z0-9+/=\s]*/y;
/** White space then `-` (`mysql … -p`, `curl … -u`: a command line that could run on past the key). */
const SPACE_DASH = /\s-/g;

/**
 * Where the first `-----BEGIN` starts (-1: nowhere), as `text.indexOf('-----BEGIN')`. V8 searches
 * for a pattern from its first code, and `-` is common in text (dates, flags, rules, ids): the
 * search stopped at each one. It looks for `BEGIN` instead (`B` is rarer), then back for the five
 * dashes; each `-----BEGIN` holds a `BEGIN` five codes on, so the first `BEGIN` with them before it
 * is the first `-----BEGIN`. On the bench document, 6 µs against 37.
 */
function firstKeyBegin(text: string): number {
  let at = text.indexOf('BEGIN', 5);
  while (at >= 0 && !text.startsWith('-----', at - 5)) at = text.indexOf('BEGIN', at + 1);
  return at < 0 ? -1 : at - 5;
}

/** The body of the key `inertKeyBody` found: from after its BEGIN line to its END line (or the end). */
let bodyStart = 0;
let bodyEnd = 0;

/**
 * Whether `text` holds a private key whose body can be skipped, and where the body is. The key is
 * the first `-----BEGIN`, which stands at the start or after white space (so no other literal of
 * the token prefilter overlaps it and no earlier token match covers it: only the PuTTY pattern
 * crosses white space, and none may come before), and matches the private-key pattern, so
 * `detectTokenSecrets` reports it and skips every literal inside it. The body must be base64 and
 * white space only and at least MIN_SKIPPED_BODY long. Then nothing that starts in the body ends
 * after the key: no `@`, `:`, quote, `-` or `_` stands in it, every pattern without white space
 * stops at the space of `PRIVATE KEY` in the END line, and the command-line patterns that cross
 * spaces (`mysql … -p`, `curl … -u`) need white space then `-` after the key (SPACE_DASH). Runs of
 * digits in the body cannot join a run outside it (the BEGIN and END lines hold letters).
 */
function inertKeyBody(text: string): boolean {
  const at = firstKeyBegin(text);
  if (at < 0) return false;
  if (at > 0) {
    const before = text.charCodeAt(at - 1);
    if (before !== 32 && before !== 10 && before !== 9 && before !== 13) return false;
  }
  KEY_BEGIN.lastIndex = at;
  if (!KEY_BEGIN.test(text)) return false;
  // The pattern's body is `[\s\S]*?` up to the first END line or the end of the text. An END line
  // starts with `-`, which no inert body holds: so the body is inert exactly when the first
  // character after the BEGIN line that is not base64 or white space starts an END line (or the
  // text ends there), and then the body ends there.
  const start = KEY_BEGIN.lastIndex;
  INERT_BODY.lastIndex = start;
  INERT_BODY.test(text);
  const end = INERT_BODY.lastIndex;
  if (end - start < MIN_SKIPPED_BODY) return false;
  let keyEnd = end;
  if (end < text.length) {
    KEY_END.lastIndex = end;
    if (!KEY_END.test(text)) return false;
    keyEnd = KEY_END.lastIndex;
  }
  SPACE_DASH.lastIndex = keyEnd;
  if (SPACE_DASH.test(text)) return false;
  // last: a search back over everything before the key (in a long text, the dearest test here)
  if (at > 0 && text.lastIndexOf('PuTTY-User', at) >= 0) return false;
  bodyStart = start;
  bodyEnd = end;
  return true;
}

/**
 * Positions found by the loop of `scanText`, reused between calls (never held across them): the
 * loop's records (`position << 5 | flags`, read back with `>>> 5`: a position of 27 bits fills the
 * 32 bits), then the positions sorted by kind.
 */
let records = new Int32Array(1024);
const MAX_TEXT = 1 << 27;
let scratch = new Int32Array(4096);

if (
  FLAG_SHIFT !== 8 ||
  POSITION_FLAGS << FLAG_SHIFT !== 0x1f0000 ||
  HIT !== 256 ||
  RUN_START !== 512 ||
  RUN_END !== 1024 ||
  CAP_START !== 2048 ||
  SEPARATOR !== 4096
) {
  throw new Error('scanText: the flags written as literals differ from scan-automaton.ts');
}

/** What `readCodes` read besides the state it returns: records kept, flags seen (module state, no allocation). */
let loopKept = 0;
let loopSeen = 0;

/**
 * The loop: reads the codes of `text` in [from, to) from the automaton row `row`, records the
 * flagged positions in `rec` from `kept` on, and returns the row it ends in. The flags are written
 * as literals here, shifted by FLAG_SHIFT (HIT, RUN_START, RUN_END, CAP_START, SEPARATOR in bits
 * 16..20): an
 * imported binding would be loaded and checked again on every character. A function of its own,
 * so the optimiser sees one plain counted loop.
 */
function readCodes(
  text: string,
  from: number,
  to: number,
  row: number,
  rec: Int32Array,
  kept: number,
): number {
  const dfa = DFA_SHIFTED;
  let seen = 0;
  let r = row;
  let k = kept;
  for (let i = from; i < to; i++) {
    const t = dfa[r | Math.min(text.charCodeAt(i), 127)] as number;
    r = t & 0x7f80;
    seen |= t;
    // written at every character, kept only where flagged: one store and no branch to
    // mispredict (text with many numbers flags a position every few characters)
    const f = (t >>> 16) & 31;
    rec[k] = (i << 5) | f;
    k += (f + 31) >>> 5;
  }
  loopKept = k;
  loopSeen = seen;
  return r;
}

/**
 * Scans `text` once. The loop over the codes has one table lookup per character and no branch:
 * where the first three characters of a literal stand, a run of digits starts or ends, or a
 * capital letter starts a word, it keeps a record; those few places are examined after it.
 *
 * `skipKeyBody` (what `detect` asks for, not `detectAll`): when the text holds a private key whose
 * body is inert (`inertKeyBody`), the body is not read at all. What the body holds (runs of digits,
 * credential words, literals, `=`) can only lead to findings inside the key, which `detect` merges
 * into it, so the merged output is the same; `detectAll` and `explain` read everything.
 */
export function scanText(text: string, skipKeyBody = false): TextScan {
  const n = text.length;
  // a record holds the position in 27 bits
  if (n >= MAX_TEXT) throw new PrivacyError('TEXT_TOO_LONG', `${n} code units`);
  if (records.length < n + 1) records = new Int32Array(n + 1);
  if (scratch.length < 3 * n + 3) scratch = new Int32Array(3 * n + 3);
  const rec = records;
  const found = scratch;
  let seen = 0;
  // the text is read in [0, stop) and, after a skipped key body, again in [resume, n)
  let stop = n;
  let resume = n;
  if (skipKeyBody && n >= MIN_SKIPPED_BODY && inertKeyBody(text)) {
    stop = bodyStart;
    resume = bodyEnd;
    // an `=` of the body still counts for the assignment gates (kept exactly as a full scan)
    const eq = text.indexOf('=', stop);
    if (eq >= 0 && eq < resume) seen |= ASSIGN_SIGN << FLAG_SHIFT;
  }
  let row = readCodes(text, 0, stop, INITIAL_STATE << 7, rec, 0);
  let kept = loopKept;
  seen |= loopSeen;
  if (stop !== n && resume !== n) {
    // the END line of the key: read from its first `-`, as if the text started there
    row = readCodes(text, resume, n, INITIAL_STATE << 7, rec, kept);
    kept = loopKept;
    seen |= loopSeen;
    stop = n;
  }
  seen >>= FLAG_SHIFT;
  // literal starts grow from 0; capital letters starting a word from n + 1; separators from 2n + 2
  const capsFrom = n + 1;
  const sepsFrom = 2 * n + 2;
  let endState = -1;
  if (stop === n) {
    endState = row >> 7;
    // a run of digits at the very end: ended by a record as if a code followed (`rec` has a place
    // for it: the loop keeps at most one record a code)
    if (STATE_IN_DIGITS[endState] !== 0) rec[kept++] = (n << 5) | (RUN_END >> FLAG_SHIFT);
  }
  const numbers = readRecords(text, rec, kept, found, capsFrom, sepsFrom);
  let hits = readHits;
  const caps = readCaps;
  const seps = readSeps;
  // a two-character literal at the very end
  if (endState >= 0 && TRIPLE[(STATE_PID[endState] as number) << 7] !== 0) found[hits++] = n - 2;

  const { keywords, tokenHits, keywordAt } = scanLiterals(text, found, hits);
  const assigns = (seen & ASSIGN_SIGN) !== 0;
  const digits = numbers.digits;
  separatorStarts(text, found, sepsFrom, seps, assigns && digits > 0);
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
    ipv4At: numbers.ipv4At,
    ipv6At: foundIpv6s,
    // not gated by digits or signs: `aa-bb-cc-dd-ee-ff` has neither (issue 16)
    macAt: foundMacs,
    base58At: numbers.base58At,
    segwitAt: numbers.segwitAt,
    ethereumAt: numbers.ethereumAt,
    hetuAt: numbers.hetuAt,
    mrzAt: numbers.mrzAt,
    houseNumberAt: numbers.houseNumberAt,
    capitalAt: caps > capsFrom ? capitalStarts(text, found, capsFrom, caps) : NONE,
  };
}

/** The capital letters the loop found (`found[from..to)`) that a small letter follows. */
function capitalStarts(text: string, found: Int32Array, from: number, to: number): number[] {
  let out = NONE;
  for (let k = from; k < to; k++) {
    const p = found[k] as number;
    const c = text.charCodeAt(p + 1);
    if (c >= 97 && c <= 122) out = push(out, p);
  }
  return out;
}

function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Hex digits from `at` on, at most `max`. */
function hexRun(text: string, at: number, max: number): number {
  let k = 0;
  while (k < max && isHexCode(text.charCodeAt(at + k))) k++;
  return k;
}

/** Where `separatorStarts` found MAC and IPv6 starts (module state: set by each call, read at once). */
let foundMacs: number[] = NONE;
let foundIpv6s: number[] = NONE;

/**
 * Where an IPv6 address can start (`TextScan.ipv6At`, only when `ipv6` is set: found from each `:`,
 * as e-mails from `@`) and where a MAC address can start (`TextScan.macAt`: from each `:`, `-` and
 * `.`, the group before it four hex digits for a `.` (`aabb.ccdd.eeff`), two for the others), both
 * ascending. `found[from..to)`: the separators the loop recorded, ascending (an `indexOf` call per
 * `:` cost more than the loop's flag): those that may start one (SEPARATOR in scan-automaton.ts:
 * a MAC group ends in a hex digit, an IPv6 start after a `:` needs one, or no word sign, `:` or `.`
 * before it); one walk over them for both lists. (After a skipped key body the loop starts again
 * at the END line's first `-` as if the text began there, so that `-` is not recorded even after a
 * hex digit: a `-` follows it, so no MAC group does.)
 */
function separatorStarts(text: string, found: Int32Array, from: number, to: number, ipv6: boolean): void {
  let macs = NONE;
  let ipv6s = NONE;
  let sorted = true;
  for (let r = from; r < to; r++) {
    const p = found[r] as number;
    const code = text.charCodeAt(p);
    // IPv6: the second `:` first: most colons in text (`10:30`, `key: value`) have none within reach
    if (code === 58 && ipv6 && text.charCodeAt(p + 1 + hexRun(text, p + 1, 4)) === 58) {
      let k = 0;
      while (k < 5 && isHexCode(codeAt(text, p - k - 1))) k++;
      if (k !== 5) {
        const before = codeAt(text, p - k - 1);
        if (!isWordCode(before) && before !== 58 && before !== 46) ipv6s = push(ipv6s, p - k);
      }
    }
    // MAC: the next separator first: most `-` and `.` in text are not followed by one `group` on
    const group = code === 46 ? 4 : 2;
    if (p < group || text.charCodeAt(p + group + 1) !== code) continue;
    if (hexRun(text, p - group, group) !== group || hexRun(text, p + 1, group) !== group) continue;
    const s = p - group;
    if (macs.length > 0 && s < (macs[macs.length - 1] as number)) sorted = false;
    macs = push(macs, s);
  }
  if (!sorted) macs.sort((a, b) => a - b);
  foundMacs = macs;
  foundIpv6s = ipv6s;
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
  ipv4At: number[];
  base58At: number[];
  segwitAt: number[];
  ethereumAt: number[];
  hetuAt: number[];
  houseNumberAt: number[];
  mrzAt: number[];
}

/** The century signs of a Finnish id (`[-+A-FU-Y]`). */
function isHetuSign(c: number): boolean {
  return c === 45 || c === 43 || (c >= 65 && c <= 70) || (c >= 85 && c <= 89);
}

/** Where `readRecords` stopped writing each kind (module state, no allocation). */
let readHits = 0;
let readCaps = 0;
let readSeps = 0;

/**
 * One walk over the loop's records: sorts the literal starts, capital letters and separators by
 * kind into `found` (from 0, `capsFrom` and `sepsFrom`), and reads each run of digits where its end
 * is recorded: what may start where. The starts and ends of runs, most of the records, are not
 * stored and read back by a second walk. A function of its own, so that `scanText` holds no loop: a
 * long loop in it had V8 compile it on the stack (OSR) before the code after the loop had run, and
 * every later call left that code at the first compare it had not seen yet (one deoptimisation per
 * call, the rest of the call in the interpreter).
 */
function readRecords(
  text: string,
  rec: Int32Array,
  kept: number,
  found: Int32Array,
  capsFrom: number,
  sepsFrom: number,
): NumberScan {
  let hits = 0;
  let caps = capsFrom;
  let seps = sepsFrom;
  let digits = 0;
  let numberStarts = NONE;
  let ibanAt = NONE;
  let ninoAt = NONE;
  let cfAt = NONE;
  let dniAt = NONE;
  let nirAt = NONE;
  let telegramAt = NONE;
  let ipv4At = NONE;
  let base58At = NONE;
  let segwitAt = NONE;
  let ethereumAt = NONE;
  let hetuAt = NONE;
  let houseNumberAt = NONE;
  let mrzAt = NONE;
  let stretchStart = -1;
  let stretchDigits = 0;
  let prevEnd = -1;
  let p = 0;
  for (let r = 0; r < kept; r++) {
    const v = rec[r] as number;
    const at = v >>> 5;
    if ((v & 25) !== 0) {
      // a literal start, a capital or a separator (most records are only the start or end of a
      // run): written at the next place of each of the three kinds with no further branch (their
      // flags mix unpredictably) and counted only in the kinds it has; a place written and not
      // counted is overwritten or never read, and none is outside its kind's part of `found` (a
      // kind has fewer records than its part has places)
      found[hits] = at - 2;
      hits += v & 1;
      found[caps] = at;
      caps += (v >>> 3) & 1;
      found[seps] = at;
      seps += (v >>> 4) & 1;
    }
    // the start and end of a run of digits (never both in one record: a code is a digit or not)
    if ((v & 6) === 0) continue;
    if ((v & 2) !== 0) {
      p = at;
      continue;
    }
    const e = at;
    const len = e - p;
    digits += len;
    // runs are maximal: the code before one is never a digit, so "a letter or digit" before it is
    // "a letter", and one test on it splits the runs in two (in tokens and base64 most runs stand
    // after a letter, and each branch below is then tested on a rare condition first, so a random
    // mix of runs mispredicts few branches)
    const before = p > 0 ? text.charCodeAt(p - 1) : 0;
    const after = codeAt(text, e);
    if (len >= 6) {
      if (len >= 7) {
        if (len === 8) dniAt = push(dniAt, p);
        else if (len === 7 && p > 0) dniAt = push(dniAt, p - 1);
        if (len <= 10 && after === 58) telegramAt = push(telegramAt, p);
        if (len === 7 && p >= 13 && (after === 77 || after === 70 || after === 88 || after === 60))
          mrzAt = push(mrzAt, p - 13);
      } else if (isHetuSign(after)) hetuAt = push(hetuAt, p);
    }
    if (before < 128 && CLASS[before] === 2) {
      // a letter before: the run starts a stretch of its own (its gap to the last run holds a letter)
      if (stretchDigits >= 9) numberStarts = push(numberStarts, stretchStart);
      stretchStart = p;
      stretchDigits = len;
      prevEnd = e;
      // IBAN/NINO (two letters after no letter or digit), segwit (`bc1`/`tb1` after none), codice
      // fiscale (six letters after none): each needs a code that is no letter or digit three or
      // seven codes back, rare inside words and tokens, so that is tested first
      const third = codeAt(text, p - 3);
      if (!isAlnumCode(third)) {
        if (p >= 2 && isLetterCode(text.charCodeAt(p - 2))) {
          if (text.charCodeAt(p) === 49 && isSegwitPrefix(text, p - 2)) segwitAt = push(segwitAt, p - 2);
          if (len >= 2) {
            ibanAt = push(ibanAt, p - 2);
            ninoAt = push(ninoAt, p - 2);
          }
        }
      } else if (
        len >= 2 &&
        !isAlnumCode(codeAt(text, p - 7)) &&
        isLetterCode(third) &&
        isLetterCode(text.charCodeAt(p - 2)) &&
        isLetterCode(codeAt(text, p - 4)) &&
        isLetterCode(codeAt(text, p - 5)) &&
        isLetterCode(codeAt(text, p - 6))
      ) {
        cfAt = push(cfAt, p - 6);
      }
      continue;
    }
    // stretches of digits and separators: a number (card, phone, SSN, …) lies inside one
    if (prevEnd >= 0 && isSeparatorCode(before) && separatorsOnly(text, prevEnd, p - 1)) stretchDigits += len;
    else {
      if (stretchDigits >= 9) numberStarts = push(numberStarts, stretchStart);
      stretchStart = p;
      stretchDigits = len;
    }
    prevEnd = e;
    const first = text.charCodeAt(p);
    // each list keeps only what its pattern's first characters allow: an IPv4 octet then `.` and a
    // digit; a base58 address of at least 26 letters and digits; a house number, white space and
    // a capital letter
    if (len <= 3 && after === 46 && before !== 95 && before !== 46 && isDigitCode(codeAt(text, e + 1)))
      ipv4At = push(ipv4At, p);
    if (first === 49 || first === 51) {
      if (isAlnumCode(codeAt(text, p + 25))) base58At = push(base58At, p);
    } else if (first === 48 && len === 1 && after === 120) ethereumAt = push(ethereumAt, p);
    if (len <= 5 && capitalAfterSpace(text, isLetterCode(after) ? e + 1 : e))
      houseNumberAt = push(houseNumberAt, p);
    // no letter before: NIR (`[12] ?\d{2}`: a lone 1 or 2 only before a space), spaced NINO
    if ((first === 49 || first === 50) && (len >= 2 || after === 32)) nirAt = push(nirAt, p);
    if (
      len >= 2 &&
      before === 32 &&
      isLetterCode(codeAt(text, p - 2)) &&
      isLetterCode(codeAt(text, p - 3)) &&
      !isAlnumCode(codeAt(text, p - 4))
    ) {
      ninoAt = push(ninoAt, p - 3);
    }
  }
  if (stretchDigits >= 9) numberStarts = push(numberStarts, stretchStart);
  readHits = hits;
  readCaps = caps;
  readSeps = seps;
  return {
    digits,
    numberStarts,
    ibanAt,
    ninoAt,
    cfAt,
    dniAt,
    nirAt,
    telegramAt,
    ipv4At,
    base58At,
    segwitAt,
    ethereumAt,
    hetuAt,
    houseNumberAt,
    mrzAt,
  };
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** White space from `at` on, then a capital letter A–Z. */
function capitalAfterSpace(text: string, at: number): boolean {
  let q = at;
  if (!isSpaceCode(codeAt(text, q))) return false;
  while (isSpaceCode(codeAt(text, q))) q++;
  const c = codeAt(text, q);
  return c >= 65 && c <= 90;
}

/** `bc`, `tb`, `BC` or `TB` at `at`. */
function isSegwitPrefix(text: string, at: number): boolean {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  return (
    (a === 98 && b === 99) || (a === 116 && b === 98) || (a === 66 && b === 67) || (a === 84 && b === 66)
  );
}

/** The private-key literal, its index among the token literals, and its first two codes (`--`). */
const KEY_LITERAL = '-----BEGIN';
const KEY_LITERAL_INDEX = TOKEN_LITERALS.literals.indexOf(KEY_LITERAL);
const DASH_PAIR = (45 << 7) | 45;
if (KEY_LITERAL_INDEX < 0) throw new Error('scanText: the private-key literal is not a token literal');

/**
 * The literal starts the loop found: which token literals stand there, which credential words occur.
 * Token literals are taken as an alternation of them would be (the first that matches, then on
 * after it), except that a `-----BEGIN` is listed even where it overlaps the literal taken before
 * it (only a literal ending in `-` can): a private key is looked for wherever it starts.
 */
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
    if ((pf & TOKEN_PAIR) !== 0) {
      if (s >= tokenNext) {
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
      } else if (pair === DASH_PAIR && matchesAt(text, KEY_LITERAL, s)) {
        // a `-----BEGIN` overlapping the literal just taken (`xai-----BEGIN`, `sk-----BEGIN`): the
        // alternation would skip it, but a private key is looked for wherever it starts
        if (tokenHits === NONE) tokenHits = [];
        tokenHits.push(s, KEY_LITERAL_INDEX);
      }
    }
    if ((pf & KEYWORD_PAIR) !== 0) {
      const bucket = KEYWORD_TABLE.buckets[(KEYWORD_TABLE.index[pair] as number) - 1] as number[];
      for (let j = 0; j < bucket.length; j++) {
        const k = bucket[j] as number;
        const lit = KEYWORDS[k] as string;
        if (matchesFoldedAt(text, lit, s)) {
          keywords |= 1 << k;
          if (k === 1 && !isWordCode(codeAt(text, s + 2))) keywords |= KW_PW_WORD;
          else if (k === 3 && !isWordCode(codeAt(text, s + 3))) keywords |= KW_PIN_WORD;
          if (keywordAt === NONE) keywordAt = [];
          keywordAt.push(s, k);
        }
      }
    }
  }
  return { keywords, tokenHits, keywordAt };
}
