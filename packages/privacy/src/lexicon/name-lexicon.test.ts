/**
 * The name detector's word table (issue 16, memory): written from compromise's lexicon so that no
 * filtering process loads the library. It must be what the library says today: regenerate with
 * `npx tsx packages/privacy/src/lexicon/write-name-lexicon.ts` when compromise changes.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { redactText } from '../redact-text.ts';
import { nameLexiconFromCompromise, nameLexiconModule } from './name-lexicon-source.ts';

const here = dirname(fileURLToPath(import.meta.url));

describe('name lexicon table', () => {
  it('is the one compromise gives (written by write-name-lexicon.ts)', () => {
    expect(readFileSync(join(here, 'name-lexicon.ts'), 'utf8')).toBe(nameLexiconModule());
  });

  it('holds given names and the words that are no surname, and the detector reads it', () => {
    const { given, notSurname } = nameLexiconFromCompromise();
    expect(given).toContain('jennifer');
    expect(notSurname).toContain('as');
    expect(given.length).toBeGreaterThan(2000);
    expect(redactText('met Jennifer Martinez today').text).toBe('met [PERSON] today');
    expect(redactText('Mark As Read').text).toBe('Mark As Read');
  });

  it('is not reached from the package entry: no filtering process loads compromise', () => {
    const seen = new Set<string>();
    const imports = (file: string): string[] =>
      [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map(
        (m) => m[1] as string,
      );
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of imports(file)) {
        expect(spec, `${file} imports ${spec}`).not.toBe('compromise');
        if (spec.startsWith('.')) visit(join(dirname(file), spec));
      }
    };
    visit(join(here, '..', 'index.ts'));
    expect(seen.size).toBeGreaterThan(20);
  });
});
