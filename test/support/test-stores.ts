/**
 * Stores for tests: PGlite seeded from the migrated template (on disk, so files can be scanned),
 * and PostgreSQL in a fresh database of its own when STENO_PG_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgres } from '../../packages/server/src/store/pg-client.ts';
import { openPglite } from '../../packages/server/src/store/pglite-client.ts';
import type { SqlClient } from '../../packages/server/src/store/sql-client.ts';

export const PG_URL = process.env.STENO_PG_URL;

/** In CI the PostgreSQL suite must run: a missing URL there is a failure, not a skip. */
export function requirePgInCi(): void {
  if (process.env.CI && !PG_URL)
    throw new Error('STENO_PG_URL must be set in CI so the PostgreSQL suite runs');
}

export function tempDir(prefix = 'steno-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function pgliteFromTemplate(dataDir: string): Promise<SqlClient> {
  const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
  return openPglite(dataDir, { loadDataDir: blob });
}

export interface PgDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates a throw-away database on the PostgreSQL server named by STENO_PG_URL. */
export async function createPgDatabase(): Promise<PgDatabase> {
  if (!PG_URL) throw new Error('STENO_PG_URL is not set');
  const name = `steno_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: PG_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export async function openPgTestStore(): Promise<{ db: SqlClient; drop(): Promise<void> }> {
  const database = await createPgDatabase();
  const db = await openPostgres(database.url, { max: 4 });
  return {
    db,
    async drop() {
      await db.close();
      await database.drop();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
