/** PostgreSQL through node-postgres: a pool; each transaction holds one client. */
import pg from 'pg';
import type { SqlClient, SqlExecutor, SqlParam } from './sql-client.ts';

function executor(q: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<T extends Record<string, unknown>>(sql: string, params: readonly SqlParam[] = []) {
      const res = await q.query<T>(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  };
}

export async function openPostgres(
  url: string,
  options?: { max?: number; role?: string },
): Promise<SqlClient> {
  const role = options?.role;
  if (role !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new TypeError('not a role name');
  // With a role, every connection of this pool works as it from its start (a startup parameter).
  const pool = new pg.Pool({
    connectionString: url,
    max: options?.max ?? 10,
    ...(role ? { options: `-c role=${role}` } : {}),
  });
  // An idle connection the server drops (a restart, a terminated backend) must not crash the
  // process: the pool discards it and the next query opens a new one.
  pool.on('error', () => undefined);
  // Fail fast with a clear error if the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const base = executor(pool);
  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(executor(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
    asRole: (r: string) => openPostgres(url, { max: options?.max ?? 10, role: r }),
  };
}
