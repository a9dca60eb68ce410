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
let given: ReadonlySet<string> | undefined;
let notSurname: ReadonlySet<string> | undefined;

/**
 * The words of a list in Title Case (`jennifer` → `Jennifer`): the detectors look up only words
 * they read as a capital then small letters, so a lookup needs no lower-casing (no new string).
 */
function wordSet(words: string): ReadonlySet<string> {
  const set = new Set<string>();
  for (const w of words.split(/\s+/)) if (w.length > 0) set.add(w.charAt(0).toUpperCase() + w.slice(1));
  return set;
}

/** A given name, as `[A-Z][a-z]+` (`Jennifer`). */
function isGivenName(word: string): boolean {
  given ??= wordSet(GIVEN_NAMES);
  return given.has(word);
}

/**
 * A word that does not follow a given name as a surname (a verb, a preposition, a month, …), as a
 * capital then small letters, hyphens or apostrophes (`As`, `Will`).
 */
function isNotSurname(word: string): boolean {
  notSurname ??= wordSet(NOT_SURNAMES);
  return notSurname.has(word);
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
    const first = text.slice(s, end1);
    if (!isGivenName(first)) continue;
    PAIR.lastIndex = s;
    const m = PAIR.exec(text);
    if (m === null) continue;
    const last = m[3] as string;
    if (isNotSurname(last.replace(/['’].*$/, ''))) continue;
    const end = s + first.length + (m[2] as string).length + last.length;
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
    const name = m[1] as string;
    if (!isGivenName(name)) continue;
    report(out, 'PERSON', next - name.length, next, 'person-name');
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
