/**
 * A migrated, empty PGlite data directory packed as a tarball, so a new embedded store starts from
 * a copy (under a second) instead of running initdb (about six seconds). Built once after
 * `npm install` and keyed by the migrations' digest; it holds only the schema, no data or secrets.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMigrations, migrate } from './migrate.ts';
import { openPglite } from './pglite-client.ts';

const CACHE_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  'node_modules',
  '.cache',
  'steno',
);

export function templatePath(cacheDir = CACHE_DIR): string {
  const digest = createHash('sha256').update(JSON.stringify(loadMigrations())).digest('hex').slice(0, 16);
  return join(cacheDir, `pglite-template-${digest}.tar.gz`);
}

/** The template's bytes if it exists for the current migrations. */
export function readTemplate(cacheDir = CACHE_DIR): Blob | undefined {
  const file = templatePath(cacheDir);
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/** Builds the template if it is missing; returns its path. */
export async function ensureTemplate(cacheDir = CACHE_DIR): Promise<string> {
  const file = templatePath(cacheDir);
  if (existsSync(file)) return file;
  const db = await openPglite(undefined);
  await migrate(db);
  const blob = await db.dump();
  await db.close();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, Buffer.from(await blob.arrayBuffer()));
  renameSync(`${file}.tmp`, file);
  return file;
}
