/**
 * What the name detector takes from the lexicon of `compromise` (an English NLP library: some
 * 25,000 words tagged with their part of speech, first names among them), computed from the
 * library itself. Used only to write `name-lexicon.ts` and to test that it still matches: the
 * filter reads the written table, so no process that filters text loads the library (it costs
 * some 40 MB of memory).
 */
import nlp from 'compromise';

/** Lexicon tags of given names. */
export const GIVEN_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);

/** Tags of words that do not follow a given name as a surname ("Mark As Read", "Grace Will Tell"). */
export const NOT_SURNAME_TAGS = new Set([
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

/**
 * The single words (lower case, sorted) whose one tag is a given name's, and those whose one tag
 * says they are no surname. Words with several tags are in neither list, as before.
 */
export function nameLexiconFromCompromise(): { given: string[]; notSurname: string[] } {
  const lexicon = (nlp.model() as { one: { lexicon: Record<string, unknown> } }).one.lexicon;
  const given: string[] = [];
  const notSurname: string[] = [];
  for (const [word, tag] of Object.entries(lexicon)) {
    if (typeof tag !== 'string' || /\s/.test(word) || word.length === 0) continue;
    if (GIVEN_TAGS.has(tag)) given.push(word);
    else if (NOT_SURNAME_TAGS.has(tag)) notSurname.push(word);
  }
  return { given: given.sort(), notSurname: notSurname.sort() };
}

/** The text of `name-lexicon.ts`: the two lists as space-separated words, wrapped. */
export function nameLexiconModule(): string {
  const { given, notSurname } = nameLexiconFromCompromise();
  const wrap = (words: string[]) => {
    const lines: string[] = [];
    let line = '';
    for (const w of words) {
      if (line.length + w.length + 1 > 98) {
        lines.push(line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    if (line) lines.push(line);
    return lines.join('\n');
  };
  return `/**
 * Written by \`npx tsx packages/privacy/src/lexicon/write-name-lexicon.ts\` from the lexicon of
 * \`compromise\` (name-lexicon-source.ts; name-lexicon.test.ts checks it still matches): do not edit.
 * Given names (${given.length}) and words that are no surname (${notSurname.length}), lower case, one space apart.
 */

export const GIVEN_NAMES = \`
${wrap(given)}
\`;

export const NOT_SURNAMES = \`
${wrap(notSurname)}
\`;
`;
}
