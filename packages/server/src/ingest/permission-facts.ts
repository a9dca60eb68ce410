/**
 * Reads what the permission check needs for one batch in a single round trip: the named leases
 * (only those issued to this device), the pause intervals touching the batch's time span, the
 * region's legal basis, the consent notices and the contributor's consent history. Scope versions
 * are immutable, so their compiled form is cached per version.
 */
import { CompiledScope } from '@steno/privacy';
import { CaptureScope } from '@steno/protocol';
import { EMPTY_SCOPE } from '../program/capture-scope.ts';
import type { SqlExecutor } from '../store/sql-client.ts';
import { num } from '../store/sql-client.ts';
import type { LeaseFact, PermissionFacts } from './capture-permission.ts';

const FACTS_SQL = `
SELECT
  (SELECT coalesce(json_agg(json_build_object('id', l.lease_id, 'i', l.issued_at, 'e', l.expires_at,
                                               'v', l.policy_version, 's', l.state)), '[]'::json)
     FROM capture_leases l WHERE l.lease_id = ANY($1::text[]) AND l.device_id = $2 AND l.subject_id = $3) AS leases,
  (SELECT coalesce(json_agg(json_build_object('s', p.started_at, 'e', p.ended_at)), '[]'::json)
     FROM capture_pause_log p
    WHERE p.started_at <= $5 AND (p.ended_at IS NULL OR p.ended_at > $4)
      AND (p.scope_kind = 'global'
           OR (p.scope_kind = 'device' AND p.scope_id = $2)
           OR (p.scope_kind = 'subject' AND p.scope_id = $3)
           OR (p.scope_kind = 'org_unit' AND p.scope_id = (SELECT org_unit FROM subjects WHERE id = $3)))) AS pauses,
  (SELECT r.recorded_at FROM subjects s JOIN program_regions r ON r.region = s.region WHERE s.id = $3) AS basis_at,
  (SELECT coalesce(json_agg(json_build_object('v', n.version, 'at', n.published_at) ORDER BY n.version), '[]'::json)
     FROM consent_notices n) AS notices,
  (SELECT coalesce(json_agg(json_build_object('v', c.version, 'd', c.decision, 'at', c.at) ORDER BY c.seq), '[]'::json)
     FROM consent_records c WHERE c.subject_id = $3) AS consent`;

function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export class PermissionFactsReader {
  readonly #scopes = new Map<number, CompiledScope>([[0, new CompiledScope(EMPTY_SCOPE)]]);

  /** The facts for a batch of `deviceId`/`subject` naming `leaseIds`, with events in [fromT, toT]. */
  async read(
    db: SqlExecutor,
    q: { deviceId: string; subject: string; leaseIds: readonly string[]; fromT: number; toT: number },
  ): Promise<PermissionFacts> {
    const row = (
      await db.query(FACTS_SQL, [[...q.leaseIds], q.deviceId, q.subject, q.fromT, q.toT])
    )[0] as Record<string, unknown>;
    const leases: LeaseFact[] = json<{ id: string; i: number; e: number; v: number; s: string }[]>(
      row.leases,
    ).map((l) => ({
      leaseId: l.id,
      issuedAt: num(l.i),
      expiresAt: num(l.e),
      policyVersion: num(l.v),
      state: l.s === 'active' ? 'active' : 'paused',
    }));
    const missing = [...new Set(leases.map((l) => l.policyVersion))].filter((v) => !this.#scopes.has(v));
    if (missing.length > 0) await this.#loadScopes(db, missing);
    const scopes = this.#scopes;
    return {
      leases,
      pauses: json<{ s: number; e: number | null }[]>(row.pauses).map((p) => ({
        start: num(p.s),
        end: p.e === null ? Number.POSITIVE_INFINITY : num(p.e),
      })),
      basisSince: row.basis_at === null || row.basis_at === undefined ? undefined : num(row.basis_at),
      notices: json<{ v: number; at: number }[]>(row.notices).map((n) => ({
        version: num(n.v),
        publishedAt: num(n.at),
      })),
      consent: json<{ v: number; d: string; at: number }[]>(row.consent).map((c) => ({
        version: num(c.v),
        decision: c.d === 'given' ? 'given' : 'withdrawn',
        at: num(c.at),
      })),
      // A version with no stored scope (never the case for a lease this server issued) captures nothing.
      scopeOf: (v) => scopes.get(v) ?? (scopes.get(0) as CompiledScope),
    };
  }

  async #loadScopes(db: SqlExecutor, versions: number[]): Promise<void> {
    const rows = await db.query('SELECT version, scope FROM capture_scopes WHERE version = ANY($1::int[])', [
      versions,
    ]);
    for (const r of rows)
      this.#scopes.set(num(r.version), new CompiledScope(CaptureScope.parse(JSON.parse(String(r.scope)))));
  }
}
