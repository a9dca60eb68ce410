/**
 * Randomness of a token: Shannon entropy per character and the mix of character classes. Used to
 * tell a generated credential (`9fQ2xLr7...`) from an identifier or a word in assignment context.
 */

/** Occurrences of each ASCII code, zero between calls (`shannonEntropy` clears what it counted). */
const COUNTS = new Uint32Array(128);

export function shannonEntropy(s: string): number {
  return shannonEntropyAt(s, 0, s.length);
}

/**
 * The entropy of `text[start, end)`, read in `text` (a token's own string, when it is a slice of a
 * text, costs more per character read than the text).
 */
function shannonEntropyAt(text: string, start: number, end: number): number {
  const length = end - start;
  if (length <= 0) return 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return shannonEntropyOfAny(text.slice(start, end));
    COUNTS[c] = (COUNTS[c] as number) + 1;
  }
  return entropyOfCounts(text, start, end);
}

/** The entropy of `text[start, end)` (ASCII only) from its codes counted in COUNTS, which it clears. */
function entropyOfCounts(text: string, start: number, end: number): number {
  const length = end - start;
  // the terms are added in order of first occurrence, as the general version does
  let h = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const n = COUNTS[c] as number;
    if (n === 0) continue;
    COUNTS[c] = 0;
    h -= term(n, length);
  }
  return h;
}

/** `p * Math.log2(p)` for p = n / length, remembered for lengths under 256 (the same value each time). */
const TERMS = new Float64Array(256 * 256).fill(Number.NaN);

function term(n: number, length: number): number {
  if (length >= 256) return (n / length) * Math.log2(n / length);
  const k = (length << 8) | n;
  let t = TERMS[k] as number;
  if (Number.isNaN(t)) {
    const p = n / length;
    t = p * Math.log2(p);
    TERMS[k] = t;
  }
  return t;
}

function shannonEntropyOfAny(s: string): number {
  COUNTS.fill(0);
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** How many of lower, upper, digit, other classes occur. */
export function classCount(s: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOTTED_NAME = /^[A-Za-z_][\w]*(?:[./:][A-Za-z_][\w]*)+$/;
const WORDS = /^[a-z]+(?:[_-][a-z]+)*$/i;

/**
 * The token `text[start, end)` looks machine-generated: long enough, several character classes,
 * high entropy, and not a plain path, dotted name or UUID (those are identifiers people type in
 * code all day). Read in `text`; the token is copied out only for a regex.
 */
export function looksRandomAt(text: string, start: number, end: number, minLength = 16): boolean {
  const length = end - start;
  if (length < minLength) return false;
  // one pass: the classes of its codes (classCount's, and whether it has a digit: hasDigit's) and
  // the counts of its ASCII codes for the entropy (cleared again on every way out before it)
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  let wide = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else {
      other = 1;
      if (c > 127) {
        wide = true;
        continue;
      }
    }
    COUNTS[c] = (COUNTS[c] as number) + 1;
  }
  const classes = lower + upper + digit + other;
  if (!randomShape(text, start, end, classes, digit, other)) {
    clearCounts(text, start, end);
    return false;
  }
  let h: number;
  if (wide) {
    clearCounts(text, start, end);
    h = shannonEntropyOfAny(text.slice(start, end));
  } else h = entropyOfCounts(text, start, end);
  return h >= (classes >= 3 ? 3.3 : length >= 20 ? 3.4 : 3.7);
}

/**
 * The checks of `looksRandomAt` before the entropy: fewer than two classes fail whatever the checks
 * before it in the original order say; each regex only where it can match (a regex call costs more
 * than these checks): a UUID has 36 characters; a dotted name counts only without a digit, and
 * WORDS matches none with a digit.
 */
function randomShape(
  text: string,
  start: number,
  end: number,
  classes: number,
  digit: number,
  other: number,
): boolean {
  if (classes < 2) return false;
  const length = end - start;
  if (length === 36 && UUID.test(text.slice(start, end))) return false;
  if (digit === 0) {
    const token = text.slice(start, end);
    if (DOTTED_NAME.test(token)) return false;
    // letters only (LETTERS: no digit, no other code): random mixed case switches case often,
    // identifiers (`XMLHttpRequest`) rarely
    if (WORDS.test(token) && (other !== 0 || caseSwitches(token) < length / 4)) return false;
  }
  return true;
}

/** COUNTS back to zero after `text[start, end)` was counted. */
function clearCounts(text: string, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c <= 127) COUNTS[c] = 0;
  }
}

/** An ASCII digit anywhere in `s` (`/\d/` without the `u` flag, and without a regex call). */
export function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

function caseSwitches(s: string): number {
  let n = 0;
  for (let i = 1; i < s.length; i++) {
    const a = s.charCodeAt(i - 1) < 97;
    const b = s.charCodeAt(i) < 97;
    if (a !== b) n++;
  }
  return n;
}
