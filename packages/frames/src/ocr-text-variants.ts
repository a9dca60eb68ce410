/**
 * Readings of one recognised line for the privacy filter. OCR misreads screen text in known ways
 * (commas for dots, `©` for `@`, `O` for `0` and `l` for `1` in numbers, a space inserted beside
 * punctuation, a long token split in two), so a line is checked in several spellings. Every
 * spelling keeps, per character, the index of the word it came from, so a detection in any of
 * them maps back to word boxes.
 */

export interface LineReading {
  readonly text: string;
  /** For each character of `text`, the index of its word in the line; -1 for a separator. */
  readonly owner: readonly number[];
}

/** The words of a line joined by single spaces, as recognised. */
export function joinWords(words: readonly string[]): LineReading {
  let text = '';
  const owner: number[] = [];
  words.forEach((w, i) => {
    if (i > 0) {
      text += ' ';
      owner.push(-1);
    }
    text += w;
    for (let k = 0; k < w.length; k++) owner.push(i);
  });
  return { text, owner };
}

function mapChars(r: LineReading, f: (ch: string, i: number) => string): LineReading {
  let text = '';
  for (let i = 0; i < r.text.length; i++) text += f(r.text[i] as string, i);
  return { text, owner: r.owner };
}

function dropChars(r: LineReading, drop: (i: number) => boolean): LineReading {
  let text = '';
  const owner: number[] = [];
  for (let i = 0; i < r.text.length; i++) {
    if (drop(i)) continue;
    text += r.text[i];
    owner.push(r.owner[i] as number);
  }
  return { text, owner };
}

const PUNCT_FIX: Record<string, string> = { ',': '.', ';': '.', '©': '@', '®': '@', '«': '@' };
const DIGIT_FIX: Record<string, string> = {
  O: '0',
  o: '0',
  Q: '0',
  D: '0',
  l: '1',
  I: '1',
  i: '1',
  '|': '1',
  '!': '1',
  S: '5',
  s: '5',
  B: '8',
  Z: '2',
  z: '2',
  G: '6',
  g: '9',
  q: '9',
};
const JOINERS = new Set(['@', '.', '-', '_', ':', '/', '=', '+']);

/** Whether a word is mostly digits (so letter-digit confusions are likely misreads). */
function numberish(word: string): boolean {
  let digits = 0;
  let letters = 0;
  for (const ch of word) {
    if (ch >= '0' && ch <= '9') digits++;
    else if (/\p{L}/u.test(ch)) letters++;
  }
  return digits >= 2 && digits >= letters;
}

/** Every character a digit or a letter OCR confuses with one. */
function confusableNumber(word: string): boolean {
  for (const ch of word) if (!(ch >= '0' && ch <= '9') && DIGIT_FIX[ch] === undefined) return false;
  return word.length > 0;
}

export interface LineReadings {
  /** Whole-word readings: as recognised; punctuation repaired; spaces beside joining punctuation removed; confusable letters read as digits inside number-like words. */
  readonly base: LineReading[];
  /** Readings with words glued (one space removed at a time, then all): for tokens OCR split in two. */
  readonly joined: LineReading[];
}

/** The spellings of one line to check (see the module comment). */
export function lineReadings(words: readonly string[]): LineReadings {
  const raw = joinWords(words);
  const punct = mapChars(raw, (ch) => PUNCT_FIX[ch] ?? ch);
  const tight = dropChars(punct, (i) => {
    if (punct.text[i] !== ' ') return false;
    return JOINERS.has(punct.text[i - 1] ?? '') || JOINERS.has(punct.text[i + 1] ?? '');
  });
  const strong = words.map(numberish);
  // A word of confusable letters between number-like words is read as a number too (`4111 1lll 1111`).
  const numeric = words.map(
    (w, i) => strong[i] || (confusableNumber(w) && (strong[i - 1] === true || strong[i + 1] === true)),
  );
  const digits = mapChars(tight, (ch, i) => {
    const w = tight.owner[i] as number;
    return w >= 0 && numeric[w] ? (DIGIT_FIX[ch] ?? ch) : ch;
  });
  const base: LineReading[] = [];
  for (const r of [raw, punct, tight, digits]) if (!base.some((o) => o.text === r.text)) base.push(r);
  const joined: LineReading[] = [];
  const spaces: number[] = [];
  for (let i = 0; i < digits.text.length; i++) if (digits.text[i] === ' ') spaces.push(i);
  if (spaces.length <= 40) for (const at of spaces) joined.push(dropChars(digits, (i) => i === at));
  if (spaces.length > 1) joined.push(dropChars(digits, (i) => digits.text[i] === ' '));
  return { base, joined };
}

/** A spelling-insensitive form for matching known secrets: lower case, confusables folded, no spaces. */
export function foldForMatch(r: LineReading): LineReading {
  const folded = mapChars(r, (ch) => FOLD[ch] ?? ch.toLowerCase());
  return dropChars(folded, (i) => /\s/.test(folded.text[i] as string));
}

const FOLD: Record<string, string> = {
  O: 'o',
  '0': 'o',
  Q: 'o',
  l: 'i',
  I: 'i',
  '1': 'i',
  '|': 'i',
  '!': 'i',
  '5': 's',
  S: 's',
  '8': 'b',
  B: 'b',
  '2': 'z',
  Z: 'z',
  ',': '.',
  ';': '.',
  '©': '@',
  '®': '@',
};

/** `foldForMatch` for a plain string. */
export function foldString(s: string): string {
  return foldForMatch({ text: s, owner: Array.from(s, () => 0) }).text;
}
