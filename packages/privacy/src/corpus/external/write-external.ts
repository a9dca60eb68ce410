/**
 * Writes packages/privacy/corpus/external/external.jsonl and prints today's score:
 * `npx tsx packages/privacy/src/corpus/external/write-external.ts`.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactText } from '../../redact-text.ts';
import {
  buildExternalCorpus,
  formatScore,
  scoreExternalEvents,
  scoreExternalText,
} from './external-corpus.ts';

const file = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'corpus',
  'external',
  'external.jsonl',
);
const cases = buildExternalCorpus();
writeFileSync(file, `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`);
console.log(`wrote ${cases.length} cases to ${file}`);
const text = scoreExternalText(cases, (t) => redactText(t).text);
console.log(`\n== text (redactText)\n${formatScore(text)}`);
const keys = scoreExternalEvents(cases);
console.log(`\n== keystrokes (stream filter, corrections on odd cases)\n${formatScore(keys)}`);
if (process.argv.includes('--failures')) console.log('\nfailures (text):', text.failures.join(' '));
