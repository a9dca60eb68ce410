/**
 * The narrow SQL interface the server needs. One schema and one migration set serve both the
 * embedded PGlite store and PostgreSQL; everything above this file is driver-agnostic.
 */
export type SqlParam =
  | string
  | number
  | bigint
  | boolean
  | null
  | Uint8Array
  | readonly string[]
  | readonly number[];

export interface SqlExecutor {
  query<T extends Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlClient extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; commits if it resolves, rolls back if it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PostgreSQL: a second client whose connections all work as `role` (the application role). */
  asRole?(role: string): Promise<SqlClient>;
  /**
   * The embedded store only (one connection in one process, so every write passes this client): a
   * counter of completed writes to any of `tables` (after commit, for a transaction). A cache of
   * what those tables hold is current while the counter stands. PostgreSQL has no such counter:
   * other processes write to it too.
   */
  changeCounter?(tables: readonly string[]): () => number;
}

/** PostgreSQL's unique_violation. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/** int8 columns arrive as string (pg) or number/bigint (PGlite): normalise to a safe number. */
export function num(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new TypeError('expected a numeric column');
}

/** bytea columns arrive as Buffer (pg) or Uint8Array (PGlite). */
export function bytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new TypeError('expected a bytea column');
}
