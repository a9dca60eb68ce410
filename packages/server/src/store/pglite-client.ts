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
  // Change counters (see SqlClient.changeCounter): a statement that may write and names a watched
  // table marks its counter; the mark becomes a count when the statement (or its transaction) ends.
  const counters: { table: RegExp; n: number; marked: boolean }[] = [];
  const mark = (sql: string, all = false) => {
    if (counters.length === 0) return;
    const writes = all || !/^\s*select\b/i.test(sql) || /\b(insert|update|delete)\b/i.test(sql);
    if (!writes) return;
    for (const c of counters) if (all || c.table.test(sql)) c.marked = true;
  };
  const settle = () => {
    for (const c of counters)
      if (c.marked) {
        c.n += 1;
        c.marked = false;
      }
  };
  const direct: SqlExecutor = {
    async query<T extends Record<string, unknown>>(sql: string, params: readonly SqlParam[] = []) {
      mark(sql);
      const res = await db.query<T>(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string) {
      mark(sql, true);
      await db.exec(sql);
    },
  };
  const settled =
    <T>(fn: () => Promise<T>) =>
    async () => {
      try {
        return await fn();
      } finally {
        settle();
      }
    };
  return {
    kind: 'pglite',
    query: (sql, params) => lock.run(settled(() => direct.query(sql, params))),
    exec: (sql) => lock.run(settled(() => direct.exec(sql))),
    transaction: (fn) =>
      lock.run(
        settled(async () => {
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
      ),
    changeCounter(tables) {
      const counter = {
        table: new RegExp(`\\b(?:${tables.map((t) => t.replace(/\W/g, '')).join('|')})\\b`, 'i'),
        n: 0,
        marked: false,
      };
      counters.push(counter);
      return () => counter.n;
    },
    close: () => lock.run(() => db.close()),
    dump: () => lock.run(async () => (await db.dumpDataDir('gzip')) as Blob),
  };
}
