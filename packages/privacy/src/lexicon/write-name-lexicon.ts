/**
 * Writes `name-lexicon.ts` from the lexicon of `compromise`:
 * `npx tsx packages/privacy/src/lexicon/write-name-lexicon.ts`.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nameLexiconModule } from './name-lexicon-source.ts';

const file = join(dirname(fileURLToPath(import.meta.url)), 'name-lexicon.ts');
writeFileSync(file, nameLexiconModule());
console.log(`wrote ${file}`);
