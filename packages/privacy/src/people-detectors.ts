/**
 * People's names and postal addresses. Names come from the lexicon of `compromise` (an NLP library
 * for English: some 25,000 words tagged with their part of speech, first names and surnames among
 * them): a capitalised given name followed by a capitalised word that is a surname or no common
 * word ("Jennifer Martinez", "Grace Hopper"; not "Mark As Read"), or a given name after a greeting
 * ("Hi Jessica"). Addresses are a house number, one to three words and a street type, with a
 * direction and a unit. Both are on by default; `DetectOptions.names: false` turns them off for an
 * app where they hurt.
 */
import nlp from 'compromise';
import { type DetectionSink, report } from './detection.ts';

const LEXICON = (nlp.model() as { one: { lexicon: Record<string, string | undefined> } }).one.lexicon;
const GIVEN = new Set(['FirstName', 'MaleName', 'FemaleName']);
/** Tags of words that do not follow a given name as a surname ("Mark As Read", "Grace Will Tell"). */
const NOT_SURNAME = new Set([
  'Preposition',
  'Conjunction',
  'Determiner',
  'Modal',
  'Pronoun',
  'Infinitive',
  'Verb',
  'PastTense',
  'PresentTense',
  'Gerund',
  'Copula',
  'Adverb',
  'QuestionWord',
  'Uncountable',
  'Possessive',
  'Auxiliary',
  'Negative',
  'Expression',
  'Cardinal',
  'Ordinal',
  'Month',
  'WeekDay',
  'Date',
  'Unit',
  'Country',
  'City',
  'Region',
  'Demonym',
  'Organization',
  'Adjective',
  'Plural',
]);

const tagOf = (word: string) => LEXICON[word.toLowerCase()];

/** A capitalised word, the next one looked at without being consumed ("Invite Elizabeth Jackson"). */
const PAIR =
  /(?<![A-Za-z0-9_$.])([A-Z][a-z]{1,20})(?=((?: [A-Z]\.)? )([A-Z][a-z'’-]{1,30})(?![A-Za-z0-9_(]))/g;
const GREETING = /\b(?:Hi|Hello|Hey|Dear|Thanks|Thank you|Cheers)[ ,]+([A-Z][a-z]{1,20})(?![A-Za-z0-9_])/g;
/** A capitalised word followed by a lower-case letter: the cheap gate before the patterns. */
const CAPITALISED = /[A-Z][a-z]/;

export function detectNames(text: string, out: DetectionSink): void {
  if (!CAPITALISED.test(text)) return;
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(text); m !== null; m = PAIR.exec(text)) {
    const first = m[1] as string;
    if (!GIVEN.has(tagOf(first) ?? '')) continue;
    const last = m[3] as string;
    const tag = tagOf(last.replace(/['’].*$/, ''));
    if (tag !== undefined && NOT_SURNAME.has(tag)) continue;
    const end = m.index + first.length + (m[2] as string).length + last.length;
    report(out, 'PERSON', m.index, end, 'person-name');
    PAIR.lastIndex = end;
  }
  GREETING.lastIndex = 0;
  for (let m = GREETING.exec(text); m !== null; m = GREETING.exec(text)) {
    const name = m[1] as string;
    if (!GIVEN.has(tagOf(name) ?? '')) continue;
    const start = m.index + m[0].length - name.length;
    report(out, 'PERSON', start, start + name.length, 'person-name');
  }
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

/** `digits`: the text holds a digit (every address here has a house number). */
export function detectAddresses(text: string, out: DetectionSink): void {
  STREET.lastIndex = 0;
  for (let m = STREET.exec(text); m !== null; m = STREET.exec(text)) {
    report(out, 'ADDRESS', m.index, m.index + m[0].length, 'postal-address');
  }
}
