/** The embedded store: PGlite (PostgreSQL in WASM) in a data folder, one connection, serialised. */
import { PGlite } from '@electric-sql/pglite';
import { AsyncLock } from './async-lock.ts';
import type { SqlClient, SqlExecutor, SqlParam } from './sql-client.ts';

export interface PgliteClient extends SqlClient {
  /** A gzipped tarball of the data directory (used to seed test stores quickly). */
  dump(): Promise<Blob>;
}

export async function openPglite(
  dataDir: string | undefined,
  options?: { loadDataDir?: Blob },
): Promise<PgliteClient> {
  const db = new PGlite({ dataDir, loadDataDir: options?.loadDataDir });
  await db.waitReady;
  const lock = new AsyncLock();
  const direct: SqlExecutor = {
    async query<T extends Record<string, unknown>>(sql: string, params: readonly SqlParam[] = []) {
      const res = await db.query<T>(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
  return {
    kind: 'pglite',
    query: (sql, params) => lock.run(() => direct.query(sql, params)),
    exec: (sql) => lock.run(() => direct.exec(sql)),
    transaction: (fn) =>
      lock.run(async () => {
        await db.exec('BEGIN');
        try {
          const out = await fn(direct);
          await db.exec('COMMIT');
          return out;
        } catch (err) {
          await db.exec('ROLLBACK');
          throw err;
        }
      }),
    close: () => lock.run(() => db.close()),
    dump: () => lock.run(async () => (await db.dumpDataDir('gzip')) as Blob),
  };
}
