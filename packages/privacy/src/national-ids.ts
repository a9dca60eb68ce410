/**
 * National identifiers that carry a checksum, beyond the US SSN and UK NINO: Spanish DNI/NIE (check
 * letter), Italian codice fiscale (check character), French NIR (mod-97 key), Indian Aadhaar
 * (Verhoeff), Canadian SIN (Luhn) and Dutch BSN (11-test, only next to its name: nine digits
 * alone are too often something else).
 */
import {
  codiceFiscaleValid,
  elevenTestValid,
  frenchNirValid,
  luhnValid,
  spanishIdValid,
  verhoeffValid,
} from './checksums.ts';
import { type DetectionSink, report } from './detection.ts';

const SPANISH_ID = /(?<![A-Za-z0-9])(?:\d{8}|[XYZ]\d{7})[ -]?[A-Z](?![A-Za-z0-9])/gi;
const CODICE_FISCALE = /(?<![A-Za-z0-9])[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z](?![A-Za-z0-9])/gi;
const FRENCH_NIR =
  /(?<![A-Za-z0-9])[12] ?\d{2} ?\d{2} ?(?:\d{2}|2A|2B) ?\d{3} ?\d{3} ?\d{2}(?![A-Za-z0-9])/gi;

/**
 * The flags are necessary conditions computed by `scanText`: a DNI/NIE needs a run of exactly eight
 * (or seven) digits, a codice fiscale six letters then two digits, a NIR fourteen digits.
 */
export function detectLetteredNationalIds(
  text: string,
  scan: { dniRun: boolean; cfStart: boolean; digits: number },
  out: DetectionSink,
): void {
  if (scan.dniRun) run(text, SPANISH_ID, spanishIdValid, 'es-dni-nie', out);
  if (scan.cfStart) run(text, CODICE_FISCALE, codiceFiscaleValid, 'it-codice-fiscale', out);
  if (scan.digits >= 14) run(text, FRENCH_NIR, nirValid, 'fr-nir', out);
}

function nirValid(s: string): boolean {
  return frenchNirValid(s.replace(/ /g, ''));
}

function run(text: string, re: RegExp, valid: (s: string) => boolean, detector: string, out: DetectionSink) {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (valid(m[0])) report(out, 'NATIONAL_ID', m.index, m.index + m[0].length, detector);
  }
}

/**
 * Classifies a run of digits (with its separators) as a national identifier, or returns null.
 * `context` is the lower-cased text just before the run.
 */
export function classifyNationalDigits(run: string, digits: string, context: string): string | null {
  if (digits.length === 12 && /^[2-9]\d{3}([ -]?)\d{4}\1\d{4}$/.test(run) && verhoeffValid(digits)) {
    return 'in-aadhaar';
  }
  if (digits.length === 9 && /^[1-79]\d{2}([ -])\d{3}\1\d{3}$/.test(run) && luhnValid(digits))
    return 'ca-sin';
  if (digits.length === 9 && /bsn|burgerservice|sofi/.test(context) && elevenTestValid(digits))
    return 'nl-bsn';
  if (digits.length === 9 && /\bsin\b|social insurance/.test(context) && luhnValid(digits)) return 'ca-sin';
  return null;
}
