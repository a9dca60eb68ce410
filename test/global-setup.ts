/**
 * Global test setup: builds one migrated PGlite data directory and dumps it, so each test store
 * starts from a copy in under a second instead of running initdb (~6 s) every time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadMigrations, migrate } from '../packages/server/src/store/migrate.ts';
import { openPglite } from '../packages/server/src/store/pglite-client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const migrations = loadMigrations();
  const digest = createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `steno-pglite-template-${digest}.tar.gz`);
  if (!existsSync(file)) {
    const db = await openPglite(undefined);
    await migrate(db, migrations);
    const blob = await db.dump();
    writeFileSync(`${file}.tmp`, Buffer.from(await blob.arrayBuffer()));
    await db.close();
    writeFileSync(file, readFileSync(`${file}.tmp`));
  }
  project.provide('pgliteTemplate', file);
}
