/** The capture scope in force: versioned, default deny (no scope: nothing is captured). */
import { CaptureScope } from '@steno/protocol';
import type { SqlExecutor } from '../store/sql-client.ts';
import { num } from '../store/sql-client.ts';

export interface VersionedScope {
  version: number;
  scope: CaptureScope;
  createdBy: string;
  /** When it was set; null for version 0, the default scope nobody set (nothing is captured). */
  createdAt: number | null;
}

export const EMPTY_SCOPE: CaptureScope = Object.freeze({ apps: [], sites: [] }) as CaptureScope;

export async function currentScope(db: SqlExecutor): Promise<VersionedScope> {
  const rows = await db.query('SELECT * FROM capture_scopes ORDER BY version DESC LIMIT 1');
  const r = rows[0];
  if (!r) return { version: 0, scope: EMPTY_SCOPE, createdBy: 'default', createdAt: null };
  return {
    version: num(r.version),
    scope: CaptureScope.parse(JSON.parse(String(r.scope))),
    createdBy: String(r.created_by),
    createdAt: num(r.created_at),
  };
}

/** Stores a new version; the caller has validated it (regular expressions included). */
export async function setScope(
  db: SqlExecutor,
  scope: CaptureScope,
  by: string,
  now: number,
): Promise<number> {
  await db.exec('LOCK TABLE capture_scopes IN EXCLUSIVE MODE');
  const rows = await db.query('SELECT coalesce(max(version), 0) + 1 AS v FROM capture_scopes');
  const version = num(rows[0]?.v ?? 1);
  await db.query(
    'INSERT INTO capture_scopes (version, scope, created_by, created_at) VALUES ($1, $2, $3, $4)',
    [version, JSON.stringify(scope), by, now],
  );
  return version;
}

/** Title patterns and org-rule patterns are regular expressions: refuse any that does not compile. */
export function invalidPatterns(scope: CaptureScope): string[] {
  const bad: string[] = [];
  const check = (where: string, source: string) => {
    try {
      new RegExp(source, 'i');
    } catch {
      bad.push(where);
    }
  };
  for (const [i, a] of scope.apps.entries()) if (a.title !== undefined) check(`apps.${i}.title`, a.title);
  for (const [i, p] of (scope.rules?.patterns ?? []).entries()) check(`rules.patterns.${i}.regex`, p.regex);
  return bad;
}
