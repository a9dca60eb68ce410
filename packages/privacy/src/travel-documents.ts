/**
 * Passports: the machine-readable zone of a passport (ICAO Doc 9303 TD3: two lines of 44
 * characters; the second is taken when its check digits hold, the first — the holder's name —
 * when it has the `P<` form) and a passport number written next to the word "passport".
 */
import { CandidateMatches, stickyCopy } from './candidate-matches.ts';
import { type DetectionSink, report } from './detection.ts';

/** ICAO 9303 check digit: weights 7, 3, 1; digits as themselves, letters 10–35, `<` 0. */
export function mrzCheckDigit(s: string): number {
  const W = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : 0;
    sum += v * (W[i % 3] as number);
  }
  return sum % 10;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/** The second line of a TD3 MRZ with its document, birth and expiry check digits right. */
export function mrzLine2Valid(line: string): boolean {
  if (line.length !== 44) return false;
  return (
    mrzCheckDigit(line.slice(0, 9)) === digit(line, 9) &&
    mrzCheckDigit(line.slice(13, 19)) === digit(line, 19) &&
    mrzCheckDigit(line.slice(21, 27)) === digit(line, 27)
  );
}

const LINE2 = /(?<![A-Z0-9<])[A-Z0-9<]{9}\d[A-Z<]{3}\d{7}[MFX<]\d{7}[A-Z0-9<]{14}[0-9<]\d(?![A-Z0-9<])/g;
const LINE1 = /(?<![A-Z0-9<])P[A-Z<][A-Z<]{3}[A-Z<]*<<[A-Z<]*(?![A-Z0-9<])/g;
const PASSPORT_NUMBER =
  /passport(?:\s+(?:no\.?|number|num\.?|nr\.?|#))?\s*(?:is\s+|:\s*|#\s*|=\s*)?([A-Z0-9]{6,9})(?![A-Za-z0-9])/gi;

const LINE2_AT = stickyCopy(LINE2);
const LINE1_AT = stickyCopy(LINE1);

/** `[A-Z<]`: what a name line is made of. */
function isNameLineCode(c: number): boolean {
  return (c >= 65 && c <= 90) || c === 60;
}

/**
 * Where a name line can start: a LINE1 match is a whole run of `[A-Z<]` holding `<<`, so it starts
 * where the run around a `<<` starts.
 */
function nameLineStarts(text: string): number[] {
  const starts: number[] = [];
  let covered = -1;
  for (let q = text.indexOf('<<'); q >= 0; q = text.indexOf('<<', q + 2)) {
    if (q < covered) continue;
    let s = q;
    while (s > 0 && isNameLineCode(text.charCodeAt(s - 1))) s--;
    let e = q + 2;
    while (e < text.length && isNameLineCode(text.charCodeAt(e))) e++;
    covered = e;
    if (text.charCodeAt(s) === 80) starts.push(s);
  }
  return starts;
}

/**
 * `mrzAt`: where a second MRZ line can start (`scanText` lists them: thirteen characters before a
 * run of seven digits followed by `M`, `F`, `X` or `<`); absent, the text is searched.
 */
export function detectTravelDocuments(
  text: string,
  mrzAt: readonly number[] | undefined,
  out: DetectionSink,
): void {
  if (
    mrzAt === undefined ? text.includes('<<') || text.includes('<1') || text.includes('<0') : mrzAt.length > 0
  ) {
    const found = new CandidateMatches(text, LINE2, LINE2_AT, mrzAt);
    for (let m = found.next(); m !== null; m = found.next())
      if (mrzLine2Valid(m[0])) report(out, 'PASSPORT', m.index, m.index + 44, 'passport-mrz');
  }
  if (text.includes('<<')) {
    const found = new CandidateMatches(
      text,
      LINE1,
      LINE1_AT,
      mrzAt === undefined ? undefined : nameLineStarts(text),
    );
    for (let m = found.next(); m !== null; m = found.next())
      if (m[0].length === 44) report(out, 'PASSPORT', m.index, m.index + 44, 'passport-mrz');
  }
}

const PASSPORT_NUMBER_AT = stickyCopy(PASSPORT_NUMBER);

/**
 * `passport no. L898902C3`: called where the scan found the word `pass`. `passAt`: where the scan
 * found it (a match starts at one of them); absent, the text is searched (a test's permissive scan).
 */
export function detectPassportNumbers(text: string, out: DetectionSink, passAt?: readonly number[]): void {
  let found: CandidateMatches;
  if (passAt === undefined) {
    const at = text.search(/passport/i);
    if (at < 0) return;
    found = new CandidateMatches(text, PASSPORT_NUMBER, PASSPORT_NUMBER_AT, undefined);
    PASSPORT_NUMBER.lastIndex = at;
  } else {
    // tried only where a `pass` stands (a search of a long text from its first `passport` on read
    // all of the rest)
    found = new CandidateMatches(text, PASSPORT_NUMBER, PASSPORT_NUMBER_AT, passAt, startsPassport);
  }
  for (let m = found.next(); m !== null; m = found.next()) {
    const value = m[1] as string;
    if (!/\d/.test(value)) continue;
    const start = m.index + m[0].length - value.length;
    report(out, 'PASSPORT', start, start + value.length, 'passport-number');
  }
}

/** `port` (any case) after the `pass` at `at`. */
function startsPassport(text: string, at: number): boolean {
  return (
    (text.charCodeAt(at + 4) | 32) === 112 &&
    (text.charCodeAt(at + 5) | 32) === 111 &&
    (text.charCodeAt(at + 6) | 32) === 114 &&
    (text.charCodeAt(at + 7) | 32) === 116
  );
}
