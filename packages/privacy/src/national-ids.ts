/**
 * National identifiers that carry a checksum, beyond the US SSN and UK NINO: Spanish DNI/NIE (check
 * letter), Italian codice fiscale (check character), French NIR (mod-97 key), Indian Aadhaar
 * (Verhoeff), Canadian SIN (Luhn) and Dutch BSN (11-test, only next to its name: nine digits
 * alone are too often something else).
 */
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
  if (scan.dniRun) run(text, SPANISH_ID, SPANISH_ID_AT, scan.dniAt, spanishIdValid, 'es-dni-nie', out);
  if (scan.cfStart)
    run(text, CODICE_FISCALE, CODICE_FISCALE_AT, scan.cfAt, codiceFiscaleValid, 'it-codice-fiscale', out);
  if (scan.digits >= 14) run(text, FRENCH_NIR, FRENCH_NIR_AT, scan.nirAt, nirValid, 'fr-nir', out);
}

function nirValid(s: string): boolean {
  return frenchNirValid(s.replace(/ /g, ''));
}

/**
 * Every match of `global` in `text`, or (`starts` given: every place a match can start, ascending)
 * of `sticky` at those places, skipping those inside a previous match as the global search does.
 */
function run(
  text: string,
  global: RegExp,
  sticky: RegExp,
  starts: readonly number[] | undefined,
  valid: (s: string) => boolean,
  detector: string,
  out: DetectionSink,
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
    if (s < next) continue;
    sticky.lastIndex = s;
    const m = sticky.exec(text);
    if (m === null) continue;
    next = s + m[0].length;
    if (valid(m[0])) report(out, 'NATIONAL_ID', s, next, detector);
  }
}

const AADHAAR_FORMAT = /^[2-9]\d{3}([ -]?)\d{4}\1\d{4}$/;
const SIN_FORMAT = /^[1-79]\d{2}([ -])\d{3}\1\d{3}$/;
const BSN_WORDS = /bsn|burgerservice|sofi/;
const SIN_WORDS = /\bsin\b|social insurance/;

/**
 * Classifies a run of digits (with its separators) holding `n` digits as a national identifier, or
 * returns null. `context` is the lower-cased text just before the run.
 */
export function classifyNationalDigits(run: string, n: number, context: string): string | null {
  if (n === 12 && run.charCodeAt(0) >= 50 && AADHAAR_FORMAT.test(run) && verhoeffValid(digitsOf(run)))
    return 'in-aadhaar';
  if (n !== 9) return null;
  // 3+1+3+1+3 characters with a `-` or space fourth, as SIN_FORMAT needs
  const c3 = run.charCodeAt(3);
  if (run.length === 11 && (c3 === 45 || c3 === 32) && SIN_FORMAT.test(run) && luhnValid(digitsOf(run)))
    return 'ca-sin';
  if (BSN_WORDS.test(context) && elevenTestValid(digitsOf(run))) return 'nl-bsn';
  if (SIN_WORDS.test(context) && luhnValid(digitsOf(run))) return 'ca-sin';
  return null;
}
