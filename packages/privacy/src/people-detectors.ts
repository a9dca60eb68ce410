/**
 * People's names and postal addresses. Names come from the lexicon of `compromise` (an NLP library
 * for English: some 25,000 words tagged with their part of speech, first names and surnames among
 * them): a capitalised given name followed by a capitalised word that is a surname or no common
 * word ("Jennifer Martinez", "Grace Hopper"; not "Mark As Read"), or a given name after a greeting
 * ("Hi Jessica"). Addresses are a house number, one to three words and a street type, with a
 * direction and a unit. Both are on by default; `DetectOptions.names: false` turns them off for an
 * app where they hurt.
 */
import { CandidateMatches, stickyCopy } from './candidate-matches.ts';
import { type DetectionSink, report } from './detection.ts';
import { GIVEN_NAMES, NOT_SURNAMES } from './lexicon/name-lexicon.ts';

/**
 * The two word lists, made into sets on the first use of the name detector: compromise's lexicon
 * as a table written at build time (lexicon/), so no process loads the library itself.
 */
let given: WordList | undefined;
let notSurname: WordList | undefined;

/**
 * A word list: its set, and one bit per hash of its words (`HASH_BITS` bits). Most words looked
 * up are in neither list, and a clear bit says so from the codes in the text: no copy of the word,
 * no lookup in a set of thousands of strings (in a whole pass of the detectors its table is out of
 * the cache). A set bit only sends the word on to the set.
 */
interface WordList {
  readonly words: ReadonlySet<string>;
  readonly bits: Uint32Array;
}

const HASH_BITS = 17;

/** FNV-1a over the codes of `text[start, end)`, its top HASH_BITS bits. */
function hashCodes(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> (32 - HASH_BITS);
}

function wordList(words: string): WordList {
  const set = wordSet(words);
  const bits = new Uint32Array(1 << (HASH_BITS - 5));
  for (const w of set) {
    const h = hashCodes(w, 0, w.length);
    bits[h >>> 5] = (bits[h >>> 5] as number) | (1 << (h & 31));
  }
  return { words: set, bits };
}

/** Whether `text[start, end)` is a word of `list` (the same answer as its set's). */
function inList(list: WordList, text: string, start: number, end: number): boolean {
  const h = hashCodes(text, start, end);
  if ((((list.bits[h >>> 5] as number) >>> (h & 31)) & 1) === 0) return false;
  return list.words.has(text.slice(start, end));
}

/**
 * The words of a list in Title Case (`jennifer` → `Jennifer`): the detectors look up only words
 * they read as a capital then small letters, so a lookup needs no lower-casing (no new string).
 */
function wordSet(words: string): ReadonlySet<string> {
  const set = new Set<string>();
  for (const w of words.split(/\s+/)) if (w.length > 0) set.add(w.charAt(0).toUpperCase() + w.slice(1));
  return set;
}

/** A given name, as `[A-Z][a-z]+` (`Jennifer`), read in `text[start, end)`. */
function isGivenName(text: string, start: number, end: number): boolean {
  given ??= wordList(GIVEN_NAMES);
  return inList(given, text, start, end);
}

/**
 * A word that does not follow a given name as a surname (a verb, a preposition, a month, …), as a
 * capital then small letters, hyphens or apostrophes (`As`, `Will`), read in `text[start, end)`.
 */
function isNotSurname(text: string, start: number, end: number): boolean {
  notSurname ??= wordList(NOT_SURNAMES);
  return inList(notSurname, text, start, end);
}

/** A capitalised word, the next one looked at without being consumed ("Invite Elizabeth Jackson"). */
const PAIR =
  /(?<![A-Za-z0-9_$.])([A-Z][a-z]{1,20})(?=((?: [A-Z]\.)? )([A-Z][a-z'’-]{1,30})(?![A-Za-z0-9_(]))/y;
const GREETING = /\b(?:Hi|Hello|Hey|Dear|Thanks|Thank you|Cheers)[ ,]+([A-Z][a-z]{1,20})(?![A-Za-z0-9_])/y;
/** The words GREETING starts with, as whole words (`Thank` of `Thank you`). */
const GREETING_WORD_LIST = ['Hi', 'Hello', 'Hey', 'Dear', 'Thanks', 'Thank', 'Cheers'];
const THANK = GREETING_WORD_LIST.indexOf('Thank');
/** Where a name or a greeting can start: a capital then a small letter, after no word character. */
const CAPITAL_START = /(?<![A-Za-z0-9_])[A-Z](?=[a-z])/g;

function isCapitalLetter(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isSmallLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

/**
 * `capitalAt`: every capital letter followed by a small one after no letter, digit or `_`
 * (`scanText` lists them); absent, they are found here. Every match of PAIR and GREETING starts
 * at one of them, and a match is only tried where the word there is a given name or a greeting.
 */
export function detectNames(
  text: string,
  capitalAt: readonly number[] | undefined,
  out: DetectionSink,
): void {
  const starts = capitalAt ?? capitalStarts(text);
  if (starts.length === 0) return;
  let next = 0;
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k] as number;
    if (s < next) continue;
    const before = s > 0 ? text.charCodeAt(s - 1) : 0;
    // PAIR's look-behind also refuses `$` and `.`
    if (before === 36 || before === 46) continue;
    // PAIR needs a space right after the first word, then a capital (the surname's or an
    // initial's): checked before the word is copied out
    const end1 = wordEnd(text, s);
    if (end1 - s > 21 || text.charCodeAt(end1) !== 32 || !isCapitalLetter(text.charCodeAt(end1 + 1)))
      continue;
    if (!isGivenName(text, s, end1)) continue;
    PAIR.lastIndex = s;
    const m = PAIR.exec(text);
    if (m === null) continue;
    // group 1 is the given name `text[s, end1)` (a shorter one leaves a letter where the space
    // must be); the surname follows group 2, looked up without what follows its first apostrophe
    // (as `last.replace(/['’].*$/, '')`: the surname holds no line break for `.` to stop at)
    const lastStart = end1 + (m[2] as string).length;
    const end = lastStart + (m[3] as string).length;
    let cut = lastStart;
    while (cut < end && text.charCodeAt(cut) !== 39 && text.charCodeAt(cut) !== 8217) cut++;
    if (isNotSurname(text, lastStart, cut)) continue;
    report(out, 'PERSON', s, end, 'person-name');
    next = end;
  }
  next = 0;
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k] as number;
    const first = text.charCodeAt(s);
    // the first letters of the greetings (`H`, `D`, `T`, `C`), compared rather than looked up in a set
    if (s < next || (first !== 72 && first !== 68 && first !== 84 && first !== 67)) continue;
    // GREETING needs a space or a comma after its word (`Thank` of `Thank you` too)
    const end = wordEnd(text, s);
    const after = text.charCodeAt(end);
    if (after !== 32 && after !== 44) continue;
    // the word read in the text (no copy): one of GREETING_WORDS, or none
    const greeting = greetingAt(text, s, end);
    if (greeting < 0) continue;
    // then `[ ,]+` and a capital and a small letter (the name): checked before the regex runs,
    // except after `Thank` (`Thank you` goes on with a word of its own)
    if (greeting !== THANK) {
      let q = end + 1;
      while (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 44) q++;
      if (!isCapitalLetter(text.charCodeAt(q)) || !isSmallLetter(text.charCodeAt(q + 1))) continue;
    }
    GREETING.lastIndex = s;
    const m = GREETING.exec(text);
    if (m === null) continue;
    next = GREETING.lastIndex;
    // the name (group 1) ends the match
    const nameStart = next - (m[1] as string).length;
    if (!isGivenName(text, nameStart, next)) continue;
    report(out, 'PERSON', nameStart, next, 'person-name');
  }
}

/** The index in GREETING_WORD_LIST of the word `text[start, end)`, or -1. */
function greetingAt(text: string, start: number, end: number): number {
  for (let w = 0; w < GREETING_WORD_LIST.length; w++) {
    const word = GREETING_WORD_LIST[w] as string;
    if (word.length === end - start && text.startsWith(word, start)) return w;
  }
  return -1;
}

/** Where the capital letter at `at` and the small letters after it end. */
function wordEnd(text: string, at: number): number {
  let e = at + 1;
  while (e < text.length && isSmallLetter(text.charCodeAt(e))) e++;
  return e;
}

function capitalStarts(text: string): number[] {
  const starts: number[] = [];
  CAPITAL_START.lastIndex = 0;
  for (let m = CAPITAL_START.exec(text); m !== null; m = CAPITAL_START.exec(text)) starts.push(m.index);
  return starts;
}

const SUFFIXES =
  'Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Terrace|Loop|Square|Sq|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Close|Crescent|Row|Walk|Gardens|Strasse|Straße';
const UNITS = 'Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl';
/** Title Case and UPPER CASE forms of each word of an alternation (`Street|STREET|St|ST|…`). */
const cased = (words: string) =>
  words
    .split('|')
    .flatMap((w) => [w, w.toUpperCase()])
    .join('|');
/** A house number, one to three capitalised words, a street type; a direction and a unit may follow. */
const STREET = new RegExp(
  `(?<![A-Za-z0-9])\\d{1,5}[A-Za-z]?\\s+(?:[A-Z][A-Za-z'’-]*\\s+){1,3}(?:${cased(SUFFIXES)})\\.?(?:\\s+(?:NW|NE|SW|SE|N|S|E|W)\\b)?(?:,?\\s+(?:${cased(UNITS)})\\.?\\s*#?[A-Za-z0-9-]+)?(?![A-Za-z])`,
  'g',
);

const STREET_AT = stickyCopy(STREET);

/**
 * `houseNumberAt`: every run of up to five digits after no letter or digit and before white space
 * (or a letter and white space), where an address can start (`scanText` lists them); absent, the
 * text is searched.
 */
export function detectAddresses(
  text: string,
  houseNumberAt: readonly number[] | undefined,
  out: DetectionSink,
): void {
  const found = new CandidateMatches(text, STREET, STREET_AT, houseNumberAt);
  for (let m = found.next(); m !== null; m = found.next()) {
    report(out, 'ADDRESS', m.index, m.index + m[0].length, 'postal-address');
  }
}
