/**
 * Global test setup: the migrated PGlite template (the same one `npm install` builds), so each
 * test store starts from a copy in under a second instead of running initdb every time.
 */
import type { TestProject } from 'vitest/node';
import { ensureTemplate } from '../packages/server/src/store/pglite-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('pgliteTemplate', await ensureTemplate());
}
