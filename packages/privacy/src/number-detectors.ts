/**
 * Identifiers made of digits: payment cards (Luhn and issuer prefix), phone numbers in international
 * and national formats, US social security numbers and the digit-only national identifiers. One
 * regex finds runs of digits and separators; each run is then classified by format and checksum, so
 * version numbers, dates, order numbers and timestamps fall through.
 */
import { digitsOf, luhnValid } from './checksums.ts';
import { type DetectionSink, report } from './detection.ts';
import { classifyNationalDigits, contextBefore, NOT_AN_ID, resetContext } from './national-ids.ts';

/**
 * A run of digits and separators: `\+?\(?\d[\d().\- ]{5,}\d\)?` searched from a position, as the
 * global regex does (`RUN` is kept as the reference the tests compare `runFrom` with).
 */
export const RUN = /\+?\(?\d[\d().\- ]{5,}\d\)?/g;

const CARD_FORMAT =
  /^\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?$|^\d{4}([ -]?)\d{6}\2\d{4,5}$|^\d{13,19}$/;
const SSN_FORMAT = /^(\d{3})([-. ])(\d{2})\2(\d{4})$/;
const US_PHONE = /^(?:\+?1[-. ]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[-. ])\d{3}[-. ]\d{4}$/;
const NATIONAL_PHONE = /^(?:\(0\d{1,4}\) ?|0[1-9]\d{0,4})(?:[ .-]?\d{2,4}){1,4}$/;
const INTERNATIONAL_PHONE = /^(?:\+|00)[1-9]\d{0,2}(?:[ .-]?\(?\d{1,4}\)?)(?:[ .-]?\d{1,4}){1,5}$/;
const SSN_WORDS = /\bssn\b|social security/;
const PHONE_WORDS =
  /\b(?:tel|phone|phones|call|mobile|mob|cell|fax|sms|whatsapp|ring|text me|reach me|contact|telefon|arayın|numara|numaram)\b|手机|电话|號碼|号码/;
/** Türkiye, national format with the area code in brackets: `0 (532) 123 45 67`. */
const TR_PHONE = /^0 ?\(\d{3}\) ?\d{3}[ -]?\d{2}[ -]?\d{2}$/;
/** China mobile numbers: 1[3-9] and nine digits. */
const CN_MOBILE = /^1[3-9]\d{9}$/;

/*
 * Checks written on the codes where a regex would cost more than they do (each equals the regex in
 * its comment on every string; `digits` holds ASCII digits only).
 */

/**
 * Issuer prefixes (ISO/IEC 7812): Visa, Mastercard, Amex, Diners, JCB, Discover, UnionPay,
 * Maestro/Dankort (50, 56–69), Mir (2200–2204): `/^(?:4|5[0-8]|2[2-7]|3[47]|3[068]|35|6)/`.
 */
function cardIssuer(digits: string): boolean {
  const a = digits.charCodeAt(0);
  const b = digits.charCodeAt(1);
  if (a === 52 || a === 54) return true; // 4, 6
  if (a === 53) return b >= 48 && b <= 56; // 5[0-8]
  if (a === 50) return b >= 50 && b <= 55; // 2[2-7]
  // 3[47], 3[068], 35
  return a === 51 && (b === 52 || b === 55 || b === 48 || b === 54 || b === 56 || b === 53);
}

/** UATP (airline cards), 15 digits starting with 1: `/^1\d{14}$/` on digits. */
function uatp(digits: string): boolean {
  return digits.length === 15 && digits.charCodeAt(0) === 49;
}

/** `/^[2-9]/`: the first digit of a NANP area code. */
function nanpFirst(run: string): boolean {
  const c = run.charCodeAt(0);
  return c >= 50 && c <= 57;
}

/** Digits from `at` on (all of them, not at most some number). */
function digitsFrom(run: string, at: number): number {
  let k = 0;
  while (isDigitCode(run.charCodeAt(at + k))) k++;
  return k;
}

/**
 * `0x.y.z…`, a version, not a national phone number: `/^0\d{1,3}\.\d{1,3}\.\d/` (a run of
 * digits is followed by a `.` only where it ends, so `\d{1,3}\.` is one to three digits, all the
 * digits there are, then `.`).
 */
function dottedVersion(run: string): boolean {
  if (run.charCodeAt(0) !== 48) return false;
  const a = digitsFrom(run, 1);
  if (a < 1 || a > 3 || run.charCodeAt(1 + a) !== 46) return false;
  const b = digitsFrom(run, 2 + a);
  return b >= 1 && b <= 3 && run.charCodeAt(2 + a + b) === 46 && isDigitCode(run.charCodeAt(3 + a + b));
}

/** Digits only in `run` from `from` to `to`. */
function digitsBetween(run: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isDigitCode(run.charCodeAt(i))) return false;
  return true;
}

/**
 * CARD_FORMAT without a regex call: thirteen to nineteen digits; or, with one separator (a space
 * or `-`, the same throughout), 4-4-4-4 (then 1-3 digits more) or 4-6-4/5. (Without a separator
 * the first two forms are sixteen to nineteen and fourteen or fifteen digits: within the first.)
 */
function cardFormat(run: string): boolean {
  const length = run.length;
  const sep = run.charCodeAt(4);
  if (isDigitCode(sep)) return length >= 13 && length <= 19 && digitsBetween(run, 0, length);
  if ((sep !== 32 && sep !== 45) || !digitsBetween(run, 0, 4)) return false;
  if (length === 16 || length === 17)
    return digitsBetween(run, 5, 11) && run.charCodeAt(11) === sep && digitsBetween(run, 12, length);
  if (length !== 19 && (length < 21 || length > 23)) return false;
  if (
    !digitsBetween(run, 5, 9) ||
    run.charCodeAt(9) !== sep ||
    !digitsBetween(run, 10, 14) ||
    run.charCodeAt(14) !== sep ||
    !digitsBetween(run, 15, 19)
  )
    return false;
  return length === 19 || (run.charCodeAt(19) === sep && digitsBetween(run, 20, length));
}

/**
 * The SSN rules on the area (three digits at `a`), group (two at `g`) and serial (four at `s`) of
 * `run`: area not 000, 666 or 9xx, group not 00, serial not 0000 (read on the codes: no substrings).
 */
function ssnValid(run: string, a: number, g: number, s: number): boolean {
  const a0 = run.charCodeAt(a);
  const a1 = run.charCodeAt(a + 1);
  const a2 = run.charCodeAt(a + 2);
  if (a0 === 57 || (a0 === 48 && a1 === 48 && a2 === 48) || (a0 === 54 && a1 === 54 && a2 === 54))
    return false;
  if (run.charCodeAt(g) === 48 && run.charCodeAt(g + 1) === 48) return false;
  return !(
    run.charCodeAt(s) === 48 &&
    run.charCodeAt(s + 1) === 48 &&
    run.charCodeAt(s + 2) === 48 &&
    run.charCodeAt(s + 3) === 48
  );
}

/** SSN_FORMAT.test(run) on the codes: 3 digits, a `-`, `.` or space, 2 digits, the same sign, 4 digits. */
function ssnFormat(run: string): boolean {
  const sep = run.charCodeAt(3);
  return (
    run.length === 11 &&
    (sep === 45 || sep === 32 || sep === 46) &&
    run.charCodeAt(6) === sep &&
    digitsBetween(run, 0, 3) &&
    digitsBetween(run, 4, 6) &&
    digitsBetween(run, 7, 11)
  );
}

type Hit = { entity: 'CARD' | 'PHONE' | 'SSN' | 'NATIONAL_ID' | 'BANK_ACCOUNT'; detector: string };

const CARD: Hit = { entity: 'CARD', detector: 'card-luhn' };
const SSN: Hit = { entity: 'SSN', detector: 'us-ssn' };
const PHONE_INTERNATIONAL: Hit = { entity: 'PHONE', detector: 'phone-international' };
const PHONE_US: Hit = { entity: 'PHONE', detector: 'phone-us' };
const PHONE_NATIONAL: Hit = { entity: 'PHONE', detector: 'phone-national' };
const ABA: Hit = { entity: 'BANK_ACCOUNT', detector: 'aba-routing' };

/*
 * Necessary conditions of the format regexes, checked on the codes before a regex runs (each only
 * skips a regex that cannot match): CARD_FORMAT starts with four digits; SSN_FORMAT (and the SIN's)
 * is 3+1+2+1+4 or 3+1+3+1+3 characters with a `-` or space fourth; US_PHONE ends with `[-. ]` and
 * four digits; NATIONAL_PHONE starts with `0` or `(0`.
 */
function isDigitAt(run: string, i: number): boolean {
  const c = run.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function startsWithFourDigits(run: string): boolean {
  return isDigitAt(run, 0) && isDigitAt(run, 1) && isDigitAt(run, 2) && isDigitAt(run, 3);
}

function isGrouped3(run: string): boolean {
  const c = run.charCodeAt(3);
  return run.length === 11 && (c === 45 || c === 32 || c === 46);
}

function endsWithSeparatedFour(run: string): boolean {
  const c = run.charCodeAt(run.length - 5);
  return c === 45 || c === 46 || c === 32;
}

function startsWithZero(run: string): boolean {
  const c = run.charCodeAt(0);
  return c === 48 || (c === 40 && run.charCodeAt(1) === 48);
}

/**
 * `/^0 ?\(\d{3}\) ?\d{3}[ -]?\d{2}[ -]?\d{2}$/` on the codes: each optional sign stands before a
 * digit or bracket, so the regex takes it exactly where it is there.
 */
function trPhone(run: string): boolean {
  let p = 1;
  if (run.charCodeAt(0) !== 48) return false;
  if (run.charCodeAt(p) === 32) p++;
  if (run.charCodeAt(p) !== 40 || !digitsBetween(run, p + 1, p + 4) || run.charCodeAt(p + 4) !== 41)
    return false;
  p += 5;
  if (run.charCodeAt(p) === 32) p++;
  if (!digitsBetween(run, p, p + 3)) return false;
  p += 3;
  let c = run.charCodeAt(p);
  if (c === 32 || c === 45) p++;
  if (!digitsBetween(run, p, p + 2)) return false;
  p += 2;
  c = run.charCodeAt(p);
  if (c === 32 || c === 45) p++;
  return p + 2 === run.length && digitsBetween(run, p, p + 2);
}

/** `/^1[3-9]\d{9}$/` on the codes (China mobile). */
function cnMobile(run: string): boolean {
  const c1 = run.charCodeAt(1);
  return run.length === 11 && run.charCodeAt(0) === 49 && c1 >= 51 && c1 <= 57 && digitsBetween(run, 2, 11);
}

/** The phone shapes read on the codes, with their regexes (for tests: equal on every string). */
export const PHONE_SHAPES: readonly [(run: string) => boolean, RegExp][] = [
  [trPhone, TR_PHONE],
  [cnMobile, CN_MOBILE],
];

/** SSN_FORMAT read on the codes, with the regex (for tests: equal on every string). */
export const SSN_FORMAT_CHECK: readonly [(run: string) => boolean, RegExp] = [ssnFormat, SSN_FORMAT];

/** Each precheck with the regex it stands before (for tests: false must imply no match). */
export const FORMAT_PRECHECKS: readonly [(run: string) => boolean, RegExp][] = [
  [startsWithFourDigits, CARD_FORMAT],
  [isGrouped3, SSN_FORMAT],
  [endsWithSeparatedFour, US_PHONE],
  [startsWithZero, NATIONAL_PHONE],
];

/**
 * Whether PHONE_WORDS is in the context before `end` (-1: not tested yet), kept for the other
 * groups of the same run: a run is classified once per combination of its groups, and each call
 * read the same 40 characters again. Reset by `detectNumbers` for each text.
 */
let memoPhoneEnd = -1;
let memoPhoneWords = -1;

function hasPhoneWords(text: string, end: number): boolean {
  if (end !== memoPhoneEnd) {
    memoPhoneEnd = end;
    memoPhoneWords = PHONE_WORDS.test(contextBefore(text, end)) ? 1 : 0;
  }
  return memoPhoneWords === 1;
}

/**
 * `n`: the digits in `run` (its digits themselves are only read once a format has matched).
 * `contextEnd`: where the 40 characters of context read before the run end. The context (a copy
 * and a lower-casing, about 150 ns) is only read where a word test is reached: a run the formats
 * decide without one (a separated 11- or 13-digit number, say) never reads it.
 */
function classify(run: string, n: number, text: string, contextEnd: number): Hit | null {
  if (n >= 13 && n <= 19 && cardFormat(run)) {
    const digits = digitsOf(run);
    if ((cardIssuer(digits) || uatp(digits)) && luhnValid(digits)) return CARD;
  }
  if (n > 15) return null;
  const ssn = n === 9 && ssnFormat(run);
  if (ssn && ssnValid(run, 0, 4, 7)) return SSN;
  // an SSN's shape that fails its rules (and is no ITIN) is not a phone number either
  if (ssn && run[0] !== '9') return null;
  // `run.length === n`: the run is its digits, nothing between them
  if (n === 9 && run.length === n && SSN_WORDS.test(contextBefore(text, contextEnd))) {
    if (ssnValid(run, 0, 3, 5)) return SSN;
  }
  const national = classifyNationalDigits(run, n, text, contextEnd);
  if (national === NOT_AN_ID) return null;
  if (national) return national === 'aba-routing' ? ABA : { entity: 'NATIONAL_ID', detector: national };
  // digits alone (no `+`, no separator) are a phone number only next to a word that says so:
  // order numbers, timestamps and failed identifiers look the same
  const bare = run.length === n;
  if (bare && !hasPhoneWords(text, contextEnd)) return null;
  if (run[0] === '+' && n >= 8 && n <= 15 && INTERNATIONAL_PHONE.test(run)) return PHONE_INTERNATIONAL;
  if (run.startsWith('00') && n >= 8 && n <= 15 && INTERNATIONAL_PHONE.test(run)) return PHONE_INTERNATIONAL;
  if (n >= 10 && n <= 11 && endsWithSeparatedFour(run) && US_PHONE.test(run)) return PHONE_US;
  if (n >= 9 && n <= 11 && startsWithZero(run) && NATIONAL_PHONE.test(run) && !dottedVersion(run)) {
    return PHONE_NATIONAL;
  }
  if (n === 11 && (trPhone(run) || (bare && cnMobile(run)))) return PHONE_NATIONAL;
  if (n === 10 && nanpFirst(run) && hasPhoneWords(text, contextEnd)) return PHONE_US;
  return null;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** A space, `.`, `-` or `(` at the end of a run is not part of the number. */
function isTrailing(c: number): boolean {
  return c === 32 || c === 46 || c === 45 || c === 40;
}

/** The end of a run without trailing separators and an unbalanced `)`. */
function trimmedEnd(text: string, s: number, e: number): number {
  while (e > s && isTrailing(text.charCodeAt(e - 1))) e--;
  if (text.charCodeAt(e - 1) === 41 && text.lastIndexOf('(', e - 1) < s) e--;
  return e;
}

/** The start of a run (ending at its trimmed end `e`) without an unbalanced `(`. */
function trimmedStart(text: string, s: number, e: number): number {
  return text.charCodeAt(s) === 40 && text.indexOf(')', s) >= e ? s + 1 : s;
}

function boundedAt(text: string, s: number, e: number): boolean {
  const before = s > 0 ? text.charCodeAt(s - 1) : 32;
  const after = e < text.length ? text.charCodeAt(e) : 32;
  // part of a longer token: a hash, a version string, a path, an identifier
  // `phone:(425) 882-9090`: a bracket or plus after a colon starts the number
  const opens = text.charCodeAt(s) === 40 || text.charCodeAt(s) === 43;
  if (isWordChar(before) || before === 46 || before === 47 || before === 45 || (before === 58 && !opens))
    return false;
  return !(
    isWordChar(after) ||
    after === 47 ||
    ((after === 46 || after === 45) && isWordChar(text.charCodeAt(e + 1)))
  );
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A code of the class `[\d().\- ]`. */
function isRunCode(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 32 || c === 45 || c === 46 || c === 40 || c === 41;
}

/** The end of the match `runFrom` found last. */
let runEnd = 0;

/**
 * What `runFrom`'s walk saw of the match it found: its digits, and the spaces between its first
 * and last digit (`spaces` of them, in order) with the digits before each. `detectNumbers` splits
 * the run into groups with them, without a second walk over the run's characters.
 */
let runDigits = 0;
let spaces = 0;
let spaceAt = new Int32Array(64);
let digitsBeforeSpace = new Int32Array(64);

/** The end of the match the last call of `runFrom` found (for tests). */
export function lastRunEnd(): number {
  return runEnd;
}

/**
 * The first match of RUN at or after `from`, found without the regex (no match array, no string):
 * its start, with its end in `runEnd`; -1 when there is none. At a start the regex takes an optional
 * `+`, an optional `(` and a digit `d` (each only one way can succeed); then the longest stretch of
 * `[\d().\- ]` after `d`, backed off to its last digit, which must be at least six places after
 * `d`; then a `)` if one follows. When that fails, no start up to the end of the stretch succeeds
 * either (a later digit of the same stretch needs a digit even further on), so the search resumes
 * there, as the regex's would find nothing before it.
 */
export function runFrom(text: string, from: number): number {
  const n = text.length;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    let d: number;
    if (isDigitCode(c)) d = i;
    else if (c === 43) {
      const c1 = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (c1 === 40 && i + 2 < n && isDigitCode(text.charCodeAt(i + 2))) d = i + 2;
      else if (isDigitCode(c1)) d = i + 1;
      else {
        i++;
        continue;
      }
    } else if (c === 40 && i + 1 < n && isDigitCode(text.charCodeAt(i + 1))) d = i + 1;
    else {
      i++;
      continue;
    }
    let r = d + 1;
    let z = -1;
    let digits = 1;
    let digitsToZ = 0;
    let spacesToZ = 0;
    spaces = 0;
    while (r < n) {
      const k = text.charCodeAt(r);
      if (!isRunCode(k)) break;
      if (k <= 57 && k >= 48) {
        digits++;
        if (r >= d + 6) {
          z = r;
          digitsToZ = digits;
          spacesToZ = spaces;
        }
      } else if (k === 32) {
        if (spaces === spaceAt.length) growSpaces();
        spaceAt[spaces] = r;
        digitsBeforeSpace[spaces++] = digits;
      }
      r++;
    }
    if (z >= 0) {
      runEnd = z + 1 < n && text.charCodeAt(z + 1) === 41 ? z + 2 : z + 1;
      runDigits = digitsToZ;
      spaces = spacesToZ;
      return i;
    }
    i = r;
  }
  return -1;
}

function growSpaces(): void {
  const at = new Int32Array(2 * spaceAt.length);
  const before = new Int32Array(2 * spaceAt.length);
  at.set(spaceAt);
  before.set(digitsBeforeSpace);
  spaceAt = at;
  digitsBeforeSpace = before;
}

/**
 * The groups of the run being judged (separated by single spaces): their starts and ends, and the
 * digits before each start and each end (counted from the run's start).
 */
let groupStarts = new Int32Array(64);
let groupEnds = new Int32Array(64);
let digitsAtStart = new Int32Array(64);
let digitsAtEnd = new Int32Array(64);

/**
 * `starts`: the first digits of the stretches of digits and separators holding nine digits or more.
 * A run may hold several numbers separated by spaces ("v2.3.1 178-01-2233", "ext 2 020 7946 0958"):
 * space-separated groups are tried longest first, left to right.
 */
export function detectNumbers(text: string, starts: readonly number[], out: DetectionSink): void {
  resetContext();
  memoPhoneEnd = -1;
  // every match of RUN with nine digits lies in one of the stretches `scanText` found; a match starts
  // at the stretch's first digit, or at a `(` or `+` just before it
  let lastEnd = 0;
  for (let k = 0; k < starts.length; k++) {
    const runStart = runFrom(text, Math.max((starts[k] as number) - 2, lastEnd));
    if (runStart < 0) break;
    lastEnd = runEnd;
    const e0 = trimmedEnd(text, runStart, lastEnd);
    const s0 = trimmedStart(text, runStart, e0);
    // the groups, from the spaces `runFrom` saw between the run's first and last digit: the
    // trimming takes only a `(` or `+` before the first digit and a `)` after the last, so these
    // are the spaces of the trimmed run, and its digits are the match's
    if (groupStarts.length <= spaces + 1) {
      groupStarts = new Int32Array(2 * (spaces + 1));
      groupEnds = new Int32Array(2 * (spaces + 1));
      digitsAtStart = new Int32Array(2 * (spaces + 1));
      digitsAtEnd = new Int32Array(2 * (spaces + 1));
    }
    let groups = 0;
    const digits = runDigits;
    groupStarts[0] = s0;
    digitsAtStart[0] = 0;
    for (let q = 0; q < spaces; q++) {
      const at = spaceAt[q] as number;
      const before = digitsBeforeSpace[q] as number;
      groupEnds[groups] = at;
      digitsAtEnd[groups++] = before;
      groupStarts[groups] = at + 1;
      digitsAtStart[groups] = before;
    }
    groupEnds[groups] = e0;
    digitsAtEnd[groups++] = digits;
    if (digits < 9) continue;
    // Every group is tried as a start, even inside a hit: "01 4620 0800 9104 4812" holds a phone
    // number and a card that overlap; both are reported and merged into one span (issue 4).
    for (let i = 0; i < groups; i++) {
      const gs = groupStarts[i] as number;
      for (let j = groups - 1; j >= i; j--) {
        const ge = groupEnds[j] as number;
        // nine digits at least; more than nineteen is no card, phone or identifier (classify); the
        // trimming below removes separators only, so the count holds for the trimmed run
        const from = digitsAtStart[i] as number;
        const to = digitsAtEnd[j] as number;
        if (to - from < 9 || to - from > 19) continue;
        const e = trimmedEnd(text, gs, ge);
        const s = trimmedStart(text, gs, e);
        if (!boundedAt(text, s, e)) continue;
        const hit = classify(text.slice(s, e), to - from, text, i === 0 ? s0 : s);
        if (hit) {
          report(out, hit.entity, s, e, hit.detector);
          break;
        }
      }
    }
  }
}
