/**
 * Check-digit algorithms that turn "a run of digits" into "an identifier": Luhn (cards, Canadian
 * SIN), ISO 7064 mod-97 (IBAN, French NIR), Verhoeff (Aadhaar), the Dutch 11-test (BSN) and the
 * Spanish DNI letter. Checksums are what keep order numbers and timestamps out of the redactions.
 */

/**
 * Digits of `s` in order, ignoring separators. Copied a stretch of digits at a time (`s` itself when
 * it is all digits): a string made one character at a time is a new string per character.
 */
export function digitsOf(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) {
      if (i > from) out += s.slice(from, i);
      from = i + 1;
    }
  }
  if (from === 0) return s;
  return from < s.length ? out + s.slice(from) : out;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Remainder of a decimal string modulo 97, computed piecewise so no big integers are needed. */
export function mod97(numeric: string): number {
  let rem = 0;
  for (let i = 0; i < numeric.length; i++) rem = (rem * 10 + (numeric.charCodeAt(i) - 48)) % 97;
  return rem;
}

/** IBAN check: move the first four characters to the end, letters to numbers, remainder must be 1. */
export function ibanValid(compact: string): boolean {
  const s = compact.toUpperCase();
  if (s.length < 15 || s.length > 34) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let numeric = '';
  for (let i = 0; i < moved.length; i++) {
    const c = moved.charCodeAt(i);
    if (c >= 48 && c <= 57) numeric += moved[i];
    else if (c >= 65 && c <= 90) numeric += String(c - 55);
    else return false;
  }
  return mod97(numeric) === 1;
}

/**
 * `ibanValid` over `text` from `start` to `end` with the spaces left out, without building the
 * compact and numeric strings: the remainder is carried letter by letter (a letter is two digits).
 */
export function ibanValidAt(text: string, start: number, end: number): boolean {
  let length = 0;
  let alnum = true;
  let rem = 0;
  // the characters after the first four, then the first four
  for (let pass = 0; pass < 2; pass++) {
    let k = 0;
    for (let i = start; i < end; i++) {
      let c = text.charCodeAt(i);
      if (c === 32) continue;
      k++;
      if (pass === 0 ? k <= 4 : k > 4) continue;
      if (c >= 97 && c <= 122) c -= 32;
      if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
      else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
      else alnum = false;
    }
    length = k;
  }
  if (length < 15 || length > 34 || !alnum) return false;
  return rem === 1;
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

export function verhoeffValid(digits: string): boolean {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    c = (VERHOEFF_D[c] as number[])[(VERHOEFF_P[i % 8] as number[])[d] as number] as number;
  }
  return digits.length > 0 && c === 0;
}

/** Dutch BSN "11-proef": weights 9..2 and -1 on the last digit. */
export function elevenTestValid(digits: string): boolean {
  if (digits.length !== 9) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (digits.charCodeAt(i) - 48) * (9 - i);
  sum -= digits.charCodeAt(8) - 48;
  return sum % 11 === 0 && digits !== '000000000';
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spanish DNI/NIE: eight digits (NIE: X/Y/Z → 0/1/2 then seven digits) and a check letter. */
export function spanishIdValid(id: string): boolean {
  const s = id.toUpperCase().replace(/[\s-]/g, '');
  const prefix = 'XYZ'.indexOf(s[0] ?? '');
  const body = prefix >= 0 ? String(prefix) + s.slice(1, 8) : s.slice(0, 8);
  if (!/^\d{8}$/.test(body)) return false;
  return DNI_LETTERS[Number(body) % 23] === s[8];
}

/** French NIR (INSEE number): 13 digits and a 2-digit key = 97 − (number mod 97); Corsica 2A/2B. */
export function frenchNirValid(compact: string): boolean {
  const s = compact.toUpperCase();
  if (s.length !== 15) return false;
  const body = s.slice(0, 13).replace('2A', '19').replace('2B', '18');
  if (!/^\d{13}$/.test(body)) return false;
  return 97 - mod97(body) === Number(s.slice(13));
}

/** Italian codice fiscale check character (odd/even position tables). */
const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
export function codiceFiscaleValid(code: string): boolean {
  const s = code.toUpperCase();
  if (s.length !== 16) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = s.charCodeAt(i);
    const v = c >= 48 && c <= 57 ? c - 48 : c - 65;
    if (v < 0 || v > 25) return false;
    sum += i % 2 === 0 ? (CF_ODD[v] as number) : v;
  }
  return String.fromCharCode(65 + (sum % 26)) === s[15];
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 (IEEE) of the ASCII codes of `s`. */
export function crc32(s: string): number {
  let c = -1;
  for (let i = 0; i < s.length; i++) c = (CRC_TABLE[(c ^ s.charCodeAt(i)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` in base 62, left-padded with `0` to `width`. */
export function base62(n: number, width: number): string {
  let s = '';
  for (let v = n; v > 0; v = Math.floor(v / 62)) s = BASE62[v % 62] + s;
  return s.padStart(width, '0');
}

/**
 * The checksum GitHub and npm put in their tokens: the last six characters are the CRC-32 of the
 * random part before them, in base 62 (`ghp_` + 30 random + 6 checksum).
 */
export function crc32Base62Valid(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length < 7) return false;
  return base62(crc32(body.slice(0, -6)), 6) === body.slice(-6);
}
