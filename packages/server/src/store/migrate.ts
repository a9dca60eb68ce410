/** Applies the numbered SQL migrations in order, each in its own transaction, once. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlClient } from './sql-client.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  id: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: f.slice(0, -4), sql: readFileSync(join(dir, f), 'utf8') }));
}

/** Returns the ids of the migrations it applied. */
export async function migrate(db: SqlClient, migrations = loadMigrations()): Promise<string[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at bigint NOT NULL)',
  );
  const done = new Set((await db.query<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [m.id, Date.now()]);
    });
    applied.push(m.id);
  }
  await grantAppRole(db);
  return applied;
}

/**
 * What the application role may do, re-applied after every migration run: read and write the
 * tables it needs — but chunks only SELECT (row-level security) and INSERT, never a partition
 * directly, and shredding only through the owner's functions.
 */
async function grantAppRole(db: SqlClient): Promise<void> {
  await db.exec(`
    DO $$
    DECLARE t record;
    BEGIN
      FOR t IN
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
           AND c.relname <> 'event_chunks'
      LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO steno_app', t.relname);
      END LOOP;
      GRANT SELECT, INSERT ON event_chunks TO steno_app;
      EXECUTE format('GRANT USAGE ON SCHEMA %I TO steno_app', current_schema());
      EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO steno_app', current_schema());
      GRANT EXECUTE ON FUNCTION steno_month_partition(text), steno_shred_subject(text), steno_shred_before(bigint) TO steno_app;
    END
    $$;`);
}
