/**
 * IBANs (country length table and ISO 7064 mod-97) and UK National Insurance numbers (prefix rules
 * of HMRC). Both are letters and digits, so they get their own regexes rather than the digit runs.
 */
import { ibanValid } from './checksums.ts';
import { type DetectionSink, report } from './detection.ts';

/** IBAN lengths of the countries most often seen; others are accepted at any valid length. */
const IBAN_LENGTH: Record<string, number> = {
  AD: 24,
  AE: 23,
  AT: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SA: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  TR: 26,
  UA: 29,
};

const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}/gi;
const NINO =
  /(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ|bg|gb|kn|nk|nt|tn|zz)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/gi;

export function detectIbans(text: string, out: DetectionSink): void {
  IBAN.lastIndex = 0;
  for (let m = IBAN.exec(text); m !== null; m = IBAN.exec(text)) {
    const raw = m[0];
    const country = raw.slice(0, 2).toUpperCase();
    const want = IBAN_LENGTH[country];
    // walk the match until the country's length is reached, so a following word is not swallowed
    let compact = '';
    let end = 0;
    for (let i = 0; i < raw.length && (want === undefined || compact.length < want); i++) {
      if (raw[i] !== ' ') compact += raw[i];
      end = i + 1;
    }
    const after = text.charCodeAt(m.index + end);
    const bounded = !(
      (after >= 48 && after <= 57) ||
      (after >= 65 && after <= 90) ||
      (after >= 97 && after <= 122)
    );
    if ((want === undefined || compact.length === want) && bounded && ibanValid(compact)) {
      report(out, 'IBAN', m.index, m.index + end, 'iban-mod97');
      IBAN.lastIndex = m.index + end;
    } else {
      // "AA00 GB82 WEST …": the real IBAN may start inside a failed candidate
      IBAN.lastIndex = m.index + 1;
    }
  }
}

export function detectNinos(text: string, out: DetectionSink): void {
  NINO.lastIndex = 0;
  for (let m = NINO.exec(text); m !== null; m = NINO.exec(text)) {
    // spaced forms must be spaced consistently ("AB 12 34 56 C" or "AB123456C")
    const spaces = (m[0].match(/ /g) ?? []).length;
    if (spaces === 0 || spaces === 4) report(out, 'NINO', m.index, m.index + m[0].length, 'uk-nino');
  }
}
