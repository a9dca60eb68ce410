/**
 * Break-glass requests as the audit log records them: an investigator's own history (the approval
 * queue, `GET /v1/breakglass/requests`, lists only requests still waiting). Every request and
 * approval is an audited decision that people with `audit:read` may list.
 */
import { api, query } from './api.ts';

export interface AuditRecord {
  idx: number;
  at: number;
  actor: { id: string; role: string };
  action: string;
  resource: { type: string; id?: string; subject?: string };
  decision: 'allow' | 'deny';
  reason: string;
  details?: Record<string, unknown>;
  text: string;
}

export interface LoggedRequest {
  /** The audit entry of the request. */
  idx: number;
  /** The grant id (entries written before the server named it in requests lack it). */
  grantId: string | undefined;
  requester: string;
  requestedAt: number;
}

export function parseEntry(idx: number, text: string): AuditRecord | undefined {
  try {
    const e = JSON.parse(text) as Omit<AuditRecord, 'idx' | 'text'>;
    if (typeof e.action !== 'string' || typeof e.actor?.id !== 'string') return undefined;
    return { ...e, idx, text };
  } catch {
    return undefined;
  }
}

/** Requests (allowed), newest first. */
export function requestsFromLog(entries: readonly AuditRecord[]): LoggedRequest[] {
  return entries
    .filter((e) => e.action === 'breakglass.request' && e.decision === 'allow')
    .map((e) => ({ idx: e.idx, grantId: e.resource?.id, requester: e.actor.id, requestedAt: e.at }))
    .sort((a, b) => b.requestedAt - a.requestedAt);
}

/** Distinct approvers (allowed approvals) per grant id. */
export function approvalsFromLog(entries: readonly AuditRecord[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of entries) {
    const id = e.resource?.type === 'grant' ? e.resource.id : undefined;
    if (!id || e.action !== 'breakglass.approve' || e.decision !== 'allow') continue;
    const list = out.get(id) ?? [];
    if (!list.includes(e.actor.id)) list.push(e.actor.id);
    out.set(id, list);
  }
  return out;
}

/** The newest `count` audit entries (or fewer), parsed. */
export async function recentEntries(count: number) {
  const cp = await api.text('/v1/audit/checkpoint');
  if (!cp.ok) return cp;
  const total = Number(cp.value.split('\n')[1] ?? 0);
  const from = Math.max(0, total - count);
  const res = await api.get<{ entries: { idx: number; text: string }[] }>(
    `/v1/audit/entries${query({ from, limit: Math.min(count, 10_000) + 100 })}`,
  );
  if (!res.ok) return res;
  return {
    ok: true as const,
    status: res.status,
    value: res.value.entries
      .map((e) => parseEntry(e.idx, e.text))
      .filter((e): e is AuditRecord => e !== undefined),
  };
}
