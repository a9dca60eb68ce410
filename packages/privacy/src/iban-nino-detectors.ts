/**
 * IBANs (country length table and ISO 7064 mod-97) and UK National Insurance numbers (prefix rules
 * of HMRC). Both are letters and digits, so they get their own regexes rather than the digit runs.
 */
import { ibanValidAt } from './checksums.ts';
import { type DetectionSink, report } from './detection.ts';
import { ninoCanStart } from './match-prechecks.ts';

/**
 * IBAN lengths of the countries in SWIFT's IBAN registry (ISO 13616); a country outside it (the
 * national "experimental" IBANs some banks print) is accepted at any valid length. Without its
 * length a country's match ran on into whatever followed: an MRZ line starting `GL90…` passed
 * mod-97 at 28 characters, where Greenland's IBAN has 18.
 */
const IBAN_LENGTH: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}/gi;
const NINO =
  /(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ|bg|gb|kn|nk|nt|tn|zz)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/gi;
/** The same, matched only at a candidate position (`scanText` lists them). */
const IBAN_AT = new RegExp(IBAN.source, 'iy');
const NINO_AT = new RegExp(NINO.source, 'iy');

/** The NINO's position precheck with its regex (for tests: false must imply no match there). */
export const NINO_PRECHECK: readonly [(text: string, at: number) => boolean, RegExp] = [ninoCanStart, NINO];

/** IBAN_LENGTH by the codes of the country's letters ((c0 - 65) * 26 + c1 - 65), 0 when not listed. */
const LENGTH_BY_CODES = new Uint8Array(26 * 26);
for (const [country, length] of Object.entries(IBAN_LENGTH)) {
  LENGTH_BY_CODES[(country.charCodeAt(0) - 65) * 26 + country.charCodeAt(1) - 65] = length;
}

/**
 * Judges an IBAN candidate, the regex's match from `start` to `matchEnd`: walks it until the
 * country's length is reached, so a following word is not swallowed. Returns where the search goes
 * on: after a valid IBAN, else one past its start ("AA00 GB82 WEST …": the real IBAN may start
 * inside a failed candidate).
 */
function judgeIban(text: string, start: number, matchEnd: number, out: DetectionSink): number {
  // the match starts with two ASCII letters (the regex's /i folds ASCII only)
  const want =
    LENGTH_BY_CODES[((text.charCodeAt(start) & ~32) - 65) * 26 + (text.charCodeAt(start + 1) & ~32) - 65] ??
    0;
  let compact = 0;
  let end = start;
  for (let i = start; i < matchEnd && (want === 0 || compact < want); i++) {
    if (text.charCodeAt(i) !== 32) compact++;
    end = i + 1;
  }
  const after = text.charCodeAt(end);
  const bounded = !(
    (after >= 48 && after <= 57) ||
    (after >= 65 && after <= 90) ||
    (after >= 97 && after <= 122)
  );
  if ((want === 0 || compact === want) && bounded && ibanValidAt(text, start, end)) {
    report(out, 'IBAN', start, end, 'iban-mod97');
    return end;
  }
  return start + 1;
}

/** `starts`: every place an IBAN can start, ascending; absent, the whole text is searched. */
export function detectIbans(text: string, out: DetectionSink, starts?: readonly number[]): void {
  if (starts === undefined) {
    IBAN.lastIndex = 0;
    for (let m = IBAN.exec(text); m !== null; m = IBAN.exec(text)) {
      IBAN.lastIndex = judgeIban(text, m.index, m.index + m[0].length, out);
    }
    return;
  }
  let next = 0;
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k] as number;
    if (s < next) continue;
    IBAN_AT.lastIndex = s;
    if (IBAN_AT.test(text)) next = judgeIban(text, s, IBAN_AT.lastIndex, out);
  }
}

function judgeNino(m: RegExpExecArray, out: DetectionSink): void {
  // spaced forms must be spaced consistently ("AB 12 34 56 C" or "AB123456C")
  let spaces = 0;
  for (let i = 0; i < m[0].length; i++) if (m[0].charCodeAt(i) === 32) spaces++;
  if (spaces === 0 || spaces === 4) report(out, 'NINO', m.index, m.index + m[0].length, 'uk-nino');
}

/** `starts`: every place a NINO can start, ascending; absent, the whole text is searched. */
export function detectNinos(text: string, out: DetectionSink, starts?: readonly number[]): void {
  if (starts === undefined) {
    NINO.lastIndex = 0;
    for (let m = NINO.exec(text); m !== null; m = NINO.exec(text)) judgeNino(m, out);
    return;
  }
  let next = 0;
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k] as number;
    if (s < next || !ninoCanStart(text, s)) continue;
    NINO_AT.lastIndex = s;
    const m = NINO_AT.exec(text);
    if (m !== null) {
      judgeNino(m, out);
      next = s + m[0].length;
    }
  }
}
