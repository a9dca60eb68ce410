/** Writes packages/privacy/corpus/corpus.jsonl: `npx tsx packages/privacy/src/corpus/write-corpus.ts`. */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from './build-corpus.ts';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'corpus', 'corpus.jsonl');
const entries = buildCorpus();
writeFileSync(file, `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`);
console.log(`wrote ${entries.length} entries to ${file}`);
