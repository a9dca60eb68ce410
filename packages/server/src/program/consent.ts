/**
 * Consent: capture requires the contributor's consent to the current notice. Publishing a new
 * notice version suspends capture until it is accepted; withdrawing stops it at once.
 */
import type { SqlExecutor } from '../store/sql-client.ts';
import { num } from '../store/sql-client.ts';

export interface Notice {
  version: number;
  markdown: string;
  publishedAt: number;
}

export interface ConsentState {
  notice: Notice | undefined;
  /** Consent to the current notice, given and not withdrawn since. */
  current: boolean;
  history: { version: number; decision: 'given' | 'withdrawn'; channel: string; at: number }[];
}

export async function currentNotice(db: SqlExecutor): Promise<Notice | undefined> {
  const rows = await db.query(
    'SELECT version, markdown, published_at FROM consent_notices ORDER BY version DESC LIMIT 1',
  );
  const r = rows[0];
  return r
    ? { version: num(r.version), markdown: String(r.markdown), publishedAt: num(r.published_at) }
    : undefined;
}

export async function publishNotice(
  db: SqlExecutor,
  markdown: string,
  by: string,
  now: number,
): Promise<number> {
  await db.exec('LOCK TABLE consent_notices IN EXCLUSIVE MODE');
  const rows = await db.query('SELECT coalesce(max(version), 0) + 1 AS v FROM consent_notices');
  const version = num(rows[0]?.v ?? 1);
  await db.query(
    'INSERT INTO consent_notices (version, markdown, published_by, published_at) VALUES ($1, $2, $3, $4)',
    [version, markdown, by, now],
  );
  return version;
}

export async function recordConsent(
  db: SqlExecutor,
  subject: string,
  version: number,
  decision: 'given' | 'withdrawn',
  channel: string,
  now: number,
): Promise<void> {
  await db.query(
    'INSERT INTO consent_records (subject_id, version, decision, channel, at) VALUES ($1, $2, $3, $4, $5)',
    [subject, version, decision, channel, now],
  );
}

export async function consentState(db: SqlExecutor, subject: string): Promise<ConsentState> {
  const notice = await currentNotice(db);
  const rows = await db.query(
    'SELECT version, decision, channel, at FROM consent_records WHERE subject_id = $1 ORDER BY seq',
    [subject],
  );
  const history = rows.map((r) => ({
    version: num(r.version),
    decision: String(r.decision) as 'given' | 'withdrawn',
    channel: String(r.channel),
    at: num(r.at),
  }));
  const last = history.filter((h) => notice && h.version === notice.version).at(-1);
  return { notice, current: last?.decision === 'given', history };
}

/** Subjects with current consent, for many devices at once (lease broadcasts). */
export async function subjectsWithConsent(db: SqlExecutor): Promise<Set<string>> {
  const notice = await currentNotice(db);
  if (!notice) return new Set();
  const rows = await db.query(
    `SELECT DISTINCT ON (subject_id) subject_id, decision FROM consent_records
      WHERE version = $1 ORDER BY subject_id, seq DESC`,
    [notice.version],
  );
  return new Set(rows.filter((r) => r.decision === 'given').map((r) => String(r.subject_id)));
}
