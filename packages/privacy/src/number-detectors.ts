/**
 * Identifiers made of digits: payment cards (Luhn and issuer prefix), phone numbers in international
 * and national formats, US social security numbers and the digit-only national identifiers. One
 * regex finds runs of digits and separators; each run is then classified by format and checksum, so
 * version numbers, dates, order numbers and timestamps fall through.
 */
import { digitsOf, luhnValid } from './checksums.ts';
import { type DetectionSink, report } from './detection.ts';
import { classifyNationalDigits } from './national-ids.ts';

const RUN = /\+?\(?\d[\d().\- ]{5,}\d\)?/g;

const CARD_FORMAT =
  /^\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?$|^\d{4}([ -]?)\d{6}\2\d{4,5}$|^\d{13,19}$/;
const CARD_ISSUER = /^(?:4|5[1-5]|2[2-7]|3[47]|3[068]|35|6011|64[4-9]|65|62)/;
const SSN_FORMAT = /^(\d{3})([- ])(\d{2})\2(\d{4})$/;
const US_PHONE = /^(?:\+?1[-. ]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[-. ])\d{3}[-. ]\d{4}$/;
const NATIONAL_PHONE = /^(?:\(0\d{1,4}\) ?|0[1-9]\d{0,4})(?:[ .-]?\d{2,4}){1,4}$/;
const INTERNATIONAL_PHONE = /^(?:\+|00)[1-9]\d{0,2}(?:[ .-]?\(?\d{1,4}\)?)(?:[ .-]?\d{1,4}){1,5}$/;
const PHONE_WORDS = /\b(?:tel|phone|call|mobile|mob|cell|fax|sms|whatsapp|ring|text me|reach me|contact)\b/;

function ssnValid(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

function classify(
  run: string,
  digits: string,
  context: string,
): { entity: 'CARD' | 'PHONE' | 'SSN' | 'NATIONAL_ID'; detector: string } | null {
  const n = digits.length;
  if (n >= 13 && n <= 19 && CARD_FORMAT.test(run) && CARD_ISSUER.test(digits) && luhnValid(digits)) {
    return { entity: 'CARD', detector: 'card-luhn' };
  }
  const ssn = SSN_FORMAT.exec(run);
  if (ssn && ssnValid(ssn[1] as string, ssn[3] as string, ssn[4] as string))
    return { entity: 'SSN', detector: 'us-ssn' };
  if (n === 9 && run === digits && /\bssn\b|social security/.test(context)) {
    if (ssnValid(digits.slice(0, 3), digits.slice(3, 5), digits.slice(5)))
      return { entity: 'SSN', detector: 'us-ssn' };
  }
  const national = classifyNationalDigits(run, digits, context);
  if (national) return { entity: 'NATIONAL_ID', detector: national };
  if ((run[0] === '+' || run.startsWith('00')) && n >= 8 && n <= 15 && INTERNATIONAL_PHONE.test(run)) {
    return { entity: 'PHONE', detector: 'phone-international' };
  }
  if (n >= 10 && n <= 11 && US_PHONE.test(run)) return { entity: 'PHONE', detector: 'phone-us' };
  if (n >= 9 && n <= 11 && NATIONAL_PHONE.test(run) && !/^0\d{1,3}\.\d{1,3}\.\d/.test(run)) {
    return { entity: 'PHONE', detector: 'phone-national' };
  }
  if (n === 10 && run === digits && /^[2-9]/.test(digits) && PHONE_WORDS.test(context)) {
    return { entity: 'PHONE', detector: 'phone-us' };
  }
  return null;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Trims unbalanced parentheses and separators from the edges of a run. */
function trimRun(text: string, s: number, e: number): [number, number] {
  while (e > s && /[ .\-(]/.test(text[e - 1] as string)) e--;
  if (text[e - 1] === ')' && text.lastIndexOf('(', e - 1) < s) e--;
  if (text[s] === '(' && text.indexOf(')', s) >= e) s++;
  return [s, e];
}

function boundedAt(text: string, s: number, e: number): boolean {
  const before = s > 0 ? text.charCodeAt(s - 1) : 32;
  const after = e < text.length ? text.charCodeAt(e) : 32;
  // part of a longer token: a hash, a version string, a path, an identifier
  if (isWordChar(before) || before === 46 || before === 47 || before === 45 || before === 58) return false;
  return !(
    isWordChar(after) ||
    after === 47 ||
    ((after === 46 || after === 45) && isWordChar(text.charCodeAt(e + 1)))
  );
}

/**
 * A run may hold several numbers separated by spaces ("v2.3.1 178-01-2233", "ext 2 020 7946 0958"):
 * space-separated groups are tried longest first, left to right.
 */
export function detectNumbers(text: string, out: DetectionSink): void {
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m !== null; m = RUN.exec(text)) {
    let nd = 0;
    for (let i = 0; i < m[0].length; i++) {
      const c = m[0].charCodeAt(i);
      if (c >= 48 && c <= 57) nd++;
    }
    if (nd < 9) continue;
    const [s0, e0] = trimRun(text, m.index, m.index + m[0].length);
    const starts = [s0];
    const ends: number[] = [];
    for (let i = s0; i < e0; i++) {
      if (text.charCodeAt(i) === 32) {
        ends.push(i);
        starts.push(i + 1);
      }
    }
    ends.push(e0);
    const context = text.slice(Math.max(0, s0 - 40), s0).toLowerCase();
    let i = 0;
    while (i < starts.length) {
      let next = i + 1;
      for (let j = starts.length - 1; j >= i; j--) {
        const [s, e] = trimRun(text, starts[i] as number, ends[j] as number);
        if (e - s < 9 || !boundedAt(text, s, e)) continue;
        const run = text.slice(s, e);
        const digits = digitsOf(run);
        if (digits.length < 9) continue;
        const hit = classify(
          run,
          digits,
          i === 0 ? context : text.slice(Math.max(0, s - 40), s).toLowerCase(),
        );
        if (hit) {
          report(out, hit.entity, s, e, hit.detector);
          next = j + 1;
          break;
        }
      }
      i = next;
    }
  }
}
