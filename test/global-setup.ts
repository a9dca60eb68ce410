/**
 * Global test setup. The packages' built JavaScript is brought up to date (an incremental
 * `tsc -b`, seconds when nothing changed), because tests that start the `steno` command run it
 * as production does, from dist/; the tests themselves load the TypeScript sources. And the
 * migrated PGlite template (the same one `npm install` builds), so each test store starts from a
 * copy in under a second instead of running initdb every time.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureTemplate } from '../packages/server/src/store/pglite-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  execFileSync(process.execPath, [join(import.meta.dirname, '../scripts/build.mjs'), '--packages'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  project.provide('pgliteTemplate', await ensureTemplate());
}
