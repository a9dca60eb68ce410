/**
 * Break-glass grants as stored: a request names a reason code from a fixed list plus free text,
 * the subjects and the event-time window; approvals are appended in order. Whether a grant lets
 * anyone read is decided by the Cedar policies (two approvers other than the requester, within
 * its validity, at most 72 hours), never here.
 */
import { randomBytes } from 'node:crypto';
import type { GrantInfo } from '@steno/policy';
import type { SqlExecutor } from '../store/sql-client.ts';
import { num } from '../store/sql-client.ts';

export interface GrantRecord extends GrantInfo {
  reasonText: string;
  createdAt: number;
  /** The incident this investigation serves: while it is open, reads go on even if the program is paused. */
  incidentId?: string;
}

function toGrant(r: Record<string, unknown>): GrantRecord {
  return {
    id: String(r.id),
    requester: String(r.requester),
    reasonCode: String(r.reason_code) as GrantInfo['reasonCode'],
    reasonText: String(r.reason_text),
    subjects: JSON.parse(String(r.subjects)) as string[],
    windowFrom: num(r.window_from),
    windowTo: num(r.window_to),
    notBefore: num(r.not_before),
    expiresAt: num(r.expires_at),
    approvers: JSON.parse(String(r.approvers)) as string[],
    readOnly: true,
    createdAt: num(r.created_at),
    ...(r.incident_id === null || r.incident_id === undefined ? {} : { incidentId: String(r.incident_id) }),
  };
}

export function newGrantId(): string {
  return `bg_${randomBytes(12).toString('base64url')}`;
}

export async function insertGrant(db: SqlExecutor, g: GrantRecord): Promise<void> {
  await db.query(
    `INSERT INTO breakglass_grants (id, requester, reason_code, reason_text, subjects, window_from, window_to, not_before, expires_at, approvers, created_at, incident_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      g.id,
      g.requester,
      g.reasonCode,
      g.reasonText,
      JSON.stringify(g.subjects),
      g.windowFrom,
      g.windowTo,
      g.notBefore,
      g.expiresAt,
      JSON.stringify(g.approvers),
      g.createdAt,
      g.incidentId ?? null,
    ],
  );
}

export async function findGrant(db: SqlExecutor, id: string): Promise<GrantRecord | undefined> {
  const rows = await db.query('SELECT * FROM breakglass_grants WHERE id = $1', [id]);
  return rows[0] ? toGrant(rows[0]) : undefined;
}

/** Appends an approver once; returns the updated grant. */
export async function addApprover(
  db: SqlExecutor,
  id: string,
  approver: string,
): Promise<GrantRecord | undefined> {
  const g = await findGrant(db, id);
  if (!g) return undefined;
  if (g.approvers.includes(approver)) return g;
  const approvers = [...g.approvers, approver];
  await db.query('UPDATE breakglass_grants SET approvers = $2 WHERE id = $1', [
    id,
    JSON.stringify(approvers),
  ]);
  return { ...g, approvers };
}

export async function listPendingGrants(db: SqlExecutor, now: number): Promise<GrantRecord[]> {
  const rows = await db.query('SELECT * FROM breakglass_grants WHERE expires_at > $1 ORDER BY created_at', [
    now,
  ]);
  return rows.map(toGrant).filter((g) => g.approvers.length < 2);
}

/** The grants `requester` asked for, newest first (pending, usable and expired alike). */
export async function listGrantsOf(
  db: SqlExecutor,
  requester: string,
  limit: number,
): Promise<GrantRecord[]> {
  const rows = await db.query(
    'SELECT * FROM breakglass_grants WHERE requester = $1 ORDER BY created_at DESC, id LIMIT $2',
    [requester, limit],
  );
  return rows.map(toGrant);
}
