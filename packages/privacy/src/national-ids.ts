/**
 * National identifiers that carry a checksum, beyond the US SSN and UK NINO: Spanish DNI/NIE (check
 * letter), Italian codice fiscale (check character), French NIR (mod-97 key), Indian Aadhaar
 * (Verhoeff), Canadian SIN (Luhn) and Dutch BSN (11-test, only next to its name: nine digits
 * alone are too often something else).
 */

import { CandidateMatches, stickyCopy } from './candidate-matches.ts';
import {
  codiceFiscaleValid,
  digitsOf,
  elevenTestValid,
  frenchNirValid,
  luhnValid,
  spanishIdValid,
  verhoeffValid,
} from './checksums.ts';
import { type DetectionSink, report } from './detection.ts';
import { frenchNirCanStart } from './match-prechecks.ts';

const SPANISH_ID = /(?<![A-Za-z0-9])(?:\d{8}|[XYZ]\d{7})[ -]?[A-Z](?![A-Za-z0-9])/gi;
const CODICE_FISCALE = /(?<![A-Za-z0-9])[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z](?![A-Za-z0-9])/gi;
const FRENCH_NIR =
  /(?<![A-Za-z0-9])[12] ?\d{2} ?\d{2} ?(?:\d{2}|2A|2B) ?\d{3} ?\d{3} ?\d{2}(?![A-Za-z0-9])/gi;

/** The same, matched only at a candidate position (`scanText` lists them). */
const SPANISH_ID_AT = new RegExp(SPANISH_ID.source, 'iy');
const CODICE_FISCALE_AT = new RegExp(CODICE_FISCALE.source, 'iy');
const FRENCH_NIR_AT = new RegExp(FRENCH_NIR.source, 'iy');

/**
 * The flags are necessary conditions computed by `scanText`: a DNI/NIE needs a run of exactly eight
 * (or seven) digits, a codice fiscale six letters then two digits, a NIR fourteen digits. Where the
 * scan lists the candidate positions (`dniAt`, `cfAt`, `nirAt`), only those are tried.
 */
export function detectLetteredNationalIds(
  text: string,
  scan: {
    dniRun: boolean;
    cfStart: boolean;
    digits: number;
    dniAt?: readonly number[];
    cfAt?: readonly number[];
    nirAt?: readonly number[];
  },
  out: DetectionSink,
): void {
  if (scan.dniRun)
    run(text, SPANISH_ID, SPANISH_ID_AT, scan.dniAt, spanishIdValid, 'es-dni-nie', out, spanishIdCanStart);
  if (scan.cfStart)
    run(text, CODICE_FISCALE, CODICE_FISCALE_AT, scan.cfAt, codiceFiscaleValid, 'it-codice-fiscale', out);
  if (scan.digits >= 14)
    run(text, FRENCH_NIR, FRENCH_NIR_AT, scan.nirAt, nirValid, 'fr-nir', out, frenchNirCanStart);
}

/**
 * SPANISH_ID at `at` needs a letter eight characters on (both its forms have eight before the
 * letter), or a space or `-` there and a letter after it (ASCII letters: `/i` without `u`).
 */
function spanishIdCanStart(text: string, at: number): boolean {
  let c = text.charCodeAt(at + 8);
  if (c === 32 || c === 45) c = text.charCodeAt(at + 9);
  const folded = c | 32;
  return folded >= 97 && folded <= 122;
}

/** The NIR's position precheck with its regex (for tests: false must imply no match there). */
export const NIR_PRECHECK: readonly [(text: string, at: number) => boolean, RegExp] = [
  frenchNirCanStart,
  FRENCH_NIR,
];

/** The DNI/NIE's position precheck with its regex (for tests, as NIR_PRECHECK). */
export const SPANISH_ID_PRECHECK: readonly [(text: string, at: number) => boolean, RegExp] = [
  spanishIdCanStart,
  SPANISH_ID,
];

function nirValid(s: string): boolean {
  return frenchNirValid(s.replace(/ /g, ''));
}

/**
 * Every match of `global` in `text`, or (`starts` given: every place a match can start, ascending)
 * of `sticky` at those places, skipping those inside a previous match as the global search does,
 * and those `admits` (a necessary condition of a match there) refuses.
 */
function run(
  text: string,
  global: RegExp,
  sticky: RegExp,
  starts: readonly number[] | undefined,
  valid: (s: string) => boolean,
  detector: string,
  out: DetectionSink,
  admits?: (text: string, at: number) => boolean,
): void {
  if (starts === undefined) {
    global.lastIndex = 0;
    for (let m = global.exec(text); m !== null; m = global.exec(text)) {
      if (valid(m[0])) report(out, 'NATIONAL_ID', m.index, m.index + m[0].length, detector);
    }
    return;
  }
  let next = 0;
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k] as number;
    if (s < next || (admits !== undefined && !admits(text, s))) continue;
    sticky.lastIndex = s;
    const m = sticky.exec(text);
    if (m === null) continue;
    next = s + m[0].length;
    if (valid(m[0])) report(out, 'NATIONAL_ID', s, next, detector);
  }
}

/** Returned by `classifyNationalDigits` for a number in an identifier's shape whose checksum fails: nothing else either. */
export const NOT_AN_ID = '';

/** YYMMDD (any century) is a calendar date; `dayOffset` lets Swedish co-ordination numbers (+60) pass. */
export function validDate(yy: number, mm: number, dd: number, dayOffset = 0): boolean {
  const d = dd > dayOffset && dayOffset > 0 ? dd - dayOffset : dd;
  if (mm < 1 || mm > 12 || d < 1) return false;
  const days = [31, yy % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1] as number;
  return d <= days;
}

const num = (s: string, from: number, to: number) => Number(s.slice(from, to));

/** South Korean resident registration number: YYMMDD, then a century/sex digit 1–4 and six more. */
function krRrnValid(d: string): boolean {
  const g = d.charCodeAt(6) - 48;
  return g >= 1 && g <= 4 && validDate(num(d, 0, 2), num(d, 2, 4), num(d, 4, 6));
}

/** South African ID number: YYMMDD SSSS C A Z, citizenship 0–2, Luhn. */
function zaIdValid(d: string): boolean {
  return d.charCodeAt(10) <= 50 && validDate(num(d, 0, 2), num(d, 2, 4), num(d, 4, 6)) && luhnValid(d);
}

/** Swedish personnummer / samordningsnummer: YYMMDD(+60)NNNC, Luhn over the ten digits. */
function sePersonnummerValid(d10: string): boolean {
  return validDate(num(d10, 0, 2), num(d10, 2, 4), num(d10, 4, 6), 60) && luhnValid(d10);
}

/**
 * The digit at `i` of a string of digits. A module function, not a closure in each checksum: under
 * tsx (which keeps function names) a closure made in a call is named by a `defineProperty` each call.
 */
function digitAt(d: string, i: number): number {
  return d.charCodeAt(i) - 48;
}

/** Turkish T.C. Kimlik No: eleven digits, two check digits. */
export function tcknValid(d: string): boolean {
  if (d.length !== 11 || d[0] === '0') return false;
  const odd = digitAt(d, 0) + digitAt(d, 2) + digitAt(d, 4) + digitAt(d, 6) + digitAt(d, 8);
  const even = digitAt(d, 1) + digitAt(d, 3) + digitAt(d, 5) + digitAt(d, 7);
  if ((((odd * 7 - even) % 10) + 10) % 10 !== digitAt(d, 9)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += digitAt(d, i);
  return sum % 10 === digitAt(d, 10);
}

/** US ITIN: 9XX, group 50–65, 70–88, 90–92 or 94–99. */
function itinGroupValid(d: string): boolean {
  const g = num(d, 3, 5);
  return d[0] === '9' && ((g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94);
}

/** ABA routing number: 3-7-1 weighted checksum and a Federal Reserve prefix (00–12, 21–32, 61–72, 80). */
export function abaValid(d: string): boolean {
  if (d.length !== 9) return false;
  const sum =
    3 * (digitAt(d, 0) + digitAt(d, 3) + digitAt(d, 6)) +
    7 * (digitAt(d, 1) + digitAt(d, 4) + digitAt(d, 7)) +
    (digitAt(d, 2) + digitAt(d, 5) + digitAt(d, 8));
  const p = num(d, 0, 2);
  return (
    sum % 10 === 0 &&
    (p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80) &&
    d !== '000000000'
  );
}

const SE_SHAPE = /^(?:\d{2})?\d{6}[-+]\d{4}$/;
const ITIN_SHAPE = /^9\d{2}([- ]?)\d{2}\1\d{4}$/;
const ITIN_ODD = /^9\d{2}-\d{6}$/;
const ITIN_ZIP_SHAPE = /^9\d{4}-\d{4}$/;
const ABA_SHAPE = /^\d{4}-\d{4}-\d$/;
const SIN_SHAPE = /^\d{3}[ -]\d{3}[ -]\d{3}$/;
const ITIN_WORDS = /itin|taxpayer|tax id|tin\b/;

const SIN_FORMAT = /^[1-79]\d{2}([ -])\d{3}\1\d{3}$/;
const SIN_WORDS = /\bsin\b|social insurance/;

/*
 * Checks written on the codes where a regex would cost more than they do; each equals the regex in
 * its comment on every string.
 */

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Digits only in `s` from `from` to `to`. */
function digitsBetween(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isDigitAt(s, i)) return false;
  return true;
}

/** `/^\d{6}-?\d{7}$/` (South Korean RRN). */
function krShape(run: string): boolean {
  if (run.length === 13) return digitsBetween(run, 0, 13);
  return (
    run.length === 14 && run.charCodeAt(6) === 45 && digitsBetween(run, 0, 6) && digitsBetween(run, 7, 14)
  );
}

/** `/^[2-9]\d{3}([ -]?)\d{4}\1\d{4}$/` (Aadhaar: 4-4-4, with no separator or the same one twice). */
function aadhaarFormat(run: string): boolean {
  const c0 = run.charCodeAt(0);
  if (c0 < 50 || c0 > 57) return false;
  if (run.length === 12) return digitsBetween(run, 1, 12);
  if (run.length !== 14) return false;
  const sep = run.charCodeAt(4);
  return (
    (sep === 32 || sep === 45) &&
    run.charCodeAt(9) === sep &&
    digitsBetween(run, 1, 4) &&
    digitsBetween(run, 5, 9) &&
    digitsBetween(run, 10, 14)
  );
}

/** `/^(?:\d{2})?\d{6}[-+]\d{4}$/` (Swedish personnummer, 6 or 8 digits, a sign, 4 digits). */
function seShape(run: string): boolean {
  const length = run.length;
  if (length !== 11 && length !== 13) return false;
  const sign = run.charCodeAt(length - 5);
  return (
    (sign === 45 || sign === 43) &&
    digitsBetween(run, 0, length - 5) &&
    digitsBetween(run, length - 4, length)
  );
}

/** `/^\d{4}-\d{4}-\d$/` (an ABA routing number written 4-4-1). */
function abaShape(run: string): boolean {
  return (
    run.length === 11 &&
    run.charCodeAt(4) === 45 &&
    run.charCodeAt(9) === 45 &&
    digitsBetween(run, 0, 4) &&
    digitsBetween(run, 5, 9) &&
    isDigitAt(run, 10)
  );
}

/** 3-3-3 digits with a `-` or space at 3 and 7, the same twice when `same` (SIN_FORMAT's `\1`). */
function threeByThree(run: string, same: boolean): boolean {
  const a = run.charCodeAt(3);
  const b = run.charCodeAt(7);
  return (
    run.length === 11 &&
    (a === 45 || a === 32) &&
    (same ? b === a : b === 45 || b === 32) &&
    digitsBetween(run, 0, 3) &&
    digitsBetween(run, 4, 7) &&
    digitsBetween(run, 8, 11)
  );
}

/** `/^\d{3}[ -]\d{3}[ -]\d{3}$/` */
function sinShape(run: string): boolean {
  return threeByThree(run, false);
}

/** `/^[1-79]\d{2}([ -])\d{3}\1\d{3}$/` (Canadian SIN: not starting 0 or 8). */
function sinFormat(run: string): boolean {
  const c0 = run.charCodeAt(0);
  return c0 !== 48 && c0 !== 56 && threeByThree(run, true);
}

/** Each shape read on the codes with the regex it stands for (for tests: equal on every string). */
export const NATIONAL_SHAPES: readonly [(run: string) => boolean, RegExp][] = [
  [seShape, SE_SHAPE],
  [abaShape, ABA_SHAPE],
  [sinShape, SIN_SHAPE],
  [sinFormat, SIN_FORMAT],
];

/** `/personnummer|personnr|samordningsnummer/` */
function seWords(context: string): boolean {
  return (
    context.includes('personnummer') || context.includes('personnr') || context.includes('samordningsnummer')
  );
}

/** `/bsn|burgerservice|sofi/` */
function bsnWords(context: string): boolean {
  return context.includes('bsn') || context.includes('burgerservice') || context.includes('sofi');
}

/** SIN_WORDS, its regex run only where `sin` or `social insurance` occurs (each of its words needs one). */
function sinWords(context: string): boolean {
  return (context.includes('sin') || context.includes('social insurance')) && SIN_WORDS.test(context);
}

/** The 40 characters before `end`, lower-cased: the words that make a bare number an identifier. */
export function contextBefore(text: string, end: number): string {
  if (end === memoEnd) return memoContext;
  memoEnd = end;
  memoContext = text.slice(Math.max(0, end - 40), end).toLowerCase();
  return memoContext;
}

/**
 * The last context read, kept for the other groups of the same run (each combination of a run's
 * groups is classified, often with the same end). Reset by `resetContext` for each text.
 */
let memoEnd = -1;
let memoContext = '';

/** Forgets the last context read (a new text). */
export function resetContext(): void {
  memoEnd = -1;
}

/**
 * Classifies a run of digits (with its separators) holding `n` digits as a national identifier, or
 * returns null. The context, the lower-cased text just before `contextEnd`, is only read where a
 * word test is reached.
 */
export function classifyNationalDigits(
  run: string,
  n: number,
  text: string,
  contextEnd: number,
): string | null {
  if (n === 12 && aadhaarFormat(run) && verhoeffValid(digitsOf(run))) return 'in-aadhaar';
  if (n === 13) {
    if (krShape(run)) {
      const d = digitsOf(run);
      if (krRrnValid(d)) return 'kr-rrn';
      if (run.length === 13 && zaIdValid(d)) return 'za-id';
      if (run.length === 14) return NOT_AN_ID;
    }
    return null;
  }
  if (n === 10 || n === 12) {
    if (seShape(run)) {
      const d = digitsOf(run);
      return sePersonnummerValid(d.slice(-10)) ? 'se-personnummer' : NOT_AN_ID;
    }
    if (run.length === n && seWords(contextBefore(text, contextEnd)) && sePersonnummerValid(run.slice(-10)))
      return 'se-personnummer';
    return null;
  }
  if (n === 11) return run.length === 11 && tcknValid(run) ? 'tr-tckn' : null;
  if (n !== 9) return null;
  // the three ITIN shapes start with 9
  if (run.charCodeAt(0) === 57 && (ITIN_SHAPE.test(run) || ITIN_ODD.test(run) || ITIN_ZIP_SHAPE.test(run))) {
    const d = digitsOf(run);
    const grouped = run.length === 11 || ITIN_ODD.test(run);
    if (itinGroupValid(d) && (grouped || ITIN_WORDS.test(contextBefore(text, contextEnd)))) return 'us-itin';
  }
  const aba = abaShape(run);
  if (run.length === 9 || aba) {
    if (abaValid(digitsOf(run))) return 'aba-routing';
    if (aba) return NOT_AN_ID;
  }
  if (sinFormat(run) && luhnValid(digitsOf(run))) return 'ca-sin';
  if (bsnWords(contextBefore(text, contextEnd)) && elevenTestValid(digitsOf(run))) return 'nl-bsn';
  if (sinWords(contextBefore(text, contextEnd)) && luhnValid(digitsOf(run))) return 'ca-sin';
  // three groups of three that fail the SIN checksum are no phone number either
  return sinShape(run) ? NOT_AN_ID : null;
}

const FI_HETU = /(?<!\d)(\d{6})([-+A-FU-Y])(\d{3})([0-9A-Y])(?![A-Za-z0-9])/g;
const FI_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** Finnish henkilötunnus: DDMMYY, century sign, individual number, check character (mod 31). */
export function hetuValid(ddmmyy: string, individual: string, check: string): boolean {
  if (!validDate(num(ddmmyy, 4, 6), num(ddmmyy, 2, 4), num(ddmmyy, 0, 2))) return false;
  return FI_CHECK[Number(ddmmyy + individual) % 31] === check;
}

const FI_HETU_AT = stickyCopy(FI_HETU);

/**
 * Finnish personal identity codes (a letter in the middle: not a run of digits). `hetuAt`: every
 * run of six digits before a century sign (`scanText` lists them); absent, the text is searched.
 */
export function detectFinnishIds(
  text: string,
  hetuAt: readonly number[] | undefined,
  out: DetectionSink,
): void {
  const found = new CandidateMatches(text, FI_HETU, FI_HETU_AT, hetuAt);
  for (let m = found.next(); m !== null; m = found.next()) {
    if (hetuValid(m[1] as string, m[3] as string, m[4] as string))
      report(out, 'NATIONAL_ID', m.index, m.index + m[0].length, 'fi-hetu');
  }
}
