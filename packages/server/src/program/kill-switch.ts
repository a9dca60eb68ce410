/**
 * The kill switch: pause capture globally, for an org unit, or for one device, at once. A pause is
 * pushed to connected agents as a paused lease and no active lease is issued while it holds.
 * Resuming takes two different privacy officers: one asks, another confirms.
 */
import type { SqlClient, SqlExecutor } from '../store/sql-client.ts';
import type { DeviceRow } from '../store/subjects-repo.ts';

export type PauseScope =
  | { kind: 'global' }
  | { kind: 'org_unit'; id: string }
  | { kind: 'device'; id: string };

export type ResumeOutcome =
  | { ok: true; state: 'active' | 'resume_pending' }
  | { ok: false; reason: 'not_paused' | 'same_officer' };

const scopeId = (s: PauseScope) => (s.kind === 'global' ? '*' : s.id);

export class KillSwitch {
  readonly #db: SqlClient;
  #paused = false;
  constructor(db: SqlClient) {
    this.#db = db;
  }

  /**
   * Whether the program is paused globally, as last read: the policy engine decides synchronously.
   * Refreshed on every pause and resume here and before every guarded read (see the guard).
   */
  get pausedNow(): boolean {
    return this.#paused;
  }

  async refresh(): Promise<boolean> {
    this.#paused = await this.globallyPaused();
    return this.#paused;
  }

  /**
   * Records a pause. Returns its epoch: the id of the pause interval in force for this scope, which
   * grows with every new pause (a global pause's notice to agents carries it).
   */
  async pause(scope: PauseScope, reason: string, by: string, now: number): Promise<{ epoch: number }> {
    const epoch = await this.#db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO program_state (scope_kind, scope_id, state, reason, changed_by, changed_at, resume_requested_by)
       VALUES ($1, $2, 'paused', $3, $4, $5, NULL)
       ON CONFLICT (scope_kind, scope_id) DO UPDATE
         SET state = 'paused', reason = $3, changed_by = $4, changed_at = $5, resume_requested_by = NULL`,
        [scope.kind, scopeId(scope), reason, by, now],
      );
      // The pause as an interval (ingest refuses events captured inside it): open one unless open.
      await tx.query(
        `INSERT INTO capture_pause_log (scope_kind, scope_id, started_at)
         SELECT $1, $2, $3 WHERE NOT EXISTS (
           SELECT 1 FROM capture_pause_log WHERE scope_kind = $1 AND scope_id = $2 AND ended_at IS NULL)`,
        [scope.kind, scopeId(scope), now],
      );
      const open = await tx.query(
        'SELECT max(id) AS id FROM capture_pause_log WHERE scope_kind = $1 AND scope_id = $2 AND ended_at IS NULL',
        [scope.kind, scopeId(scope)],
      );
      return Number(open[0]?.id);
    });
    await this.refresh();
    return { epoch };
  }

  /** The first officer's call records the request; a different officer's call resumes. */
  resume(scope: PauseScope, by: string, now: number): Promise<ResumeOutcome> {
    return this.#db
      .transaction(async (tx) => {
        const rows = await tx.query(
          "SELECT resume_requested_by FROM program_state WHERE scope_kind = $1 AND scope_id = $2 AND state = 'paused' FOR UPDATE",
          [scope.kind, scopeId(scope)],
        );
        const row = rows[0];
        if (!row) return { ok: false, reason: 'not_paused' } as const;
        const requested = row.resume_requested_by === null ? undefined : String(row.resume_requested_by);
        if (requested === undefined) {
          await tx.query(
            'UPDATE program_state SET resume_requested_by = $3 WHERE scope_kind = $1 AND scope_id = $2',
            [scope.kind, scopeId(scope), by],
          );
          return { ok: true, state: 'resume_pending' } as const;
        }
        if (requested === by) return { ok: false, reason: 'same_officer' } as const;
        await tx.query(
          "UPDATE program_state SET state = 'active', reason = 'resumed', changed_by = $3, changed_at = $4, resume_requested_by = NULL WHERE scope_kind = $1 AND scope_id = $2",
          [scope.kind, scopeId(scope), by, now],
        );
        await tx.query(
          'UPDATE capture_pause_log SET ended_at = $3 WHERE scope_kind = $1 AND scope_id = $2 AND ended_at IS NULL',
          [scope.kind, scopeId(scope), now],
        );
        return { ok: true, state: 'active' } as const;
      })
      .then(async (out) => {
        await this.refresh();
        return out;
      });
  }

  /** Why capture is paused for this device, if it is (a pause, or no legal basis in its region). */
  async pausedReason(device: DeviceRow, db: SqlExecutor = this.#db): Promise<string | undefined> {
    const basis = await db.query(
      `SELECT r.region FROM subjects s JOIN program_regions r ON r.region = s.region WHERE s.id = $1`,
      [device.subjectId],
    );
    if (basis.length === 0) return 'region_no_legal_basis';
    const own = await db.query('SELECT 1 FROM contributor_pauses WHERE subject_id = $1 AND until > $2', [
      device.subjectId,
      Date.now(),
    ]);
    if (own.length > 0) return 'paused_by_contributor';
    const rows = await db.query(
      `SELECT p.scope_kind, p.reason FROM program_state p
        LEFT JOIN subjects s ON s.id = $2
        WHERE p.state = 'paused' AND (
          (p.scope_kind = 'global') OR
          (p.scope_kind = 'device' AND p.scope_id = $1) OR
          (p.scope_kind = 'org_unit' AND p.scope_id = s.org_unit))
        ORDER BY p.scope_kind LIMIT 1`,
      [device.id, device.subjectId],
    );
    const r = rows[0];
    return r ? `paused_${String(r.scope_kind)}` : undefined;
  }

  /**
   * All pauses in force, read once, as a function of the device: what a broadcast to a thousand
   * connected agents uses instead of two queries per device.
   */
  async snapshot(): Promise<(device: DeviceRow) => string | undefined> {
    const states = await this.#db.query(
      "SELECT scope_kind, scope_id FROM program_state WHERE state = 'paused'",
    );
    // Subjects whose region has no recorded legal basis: capture stays off for them.
    const offRegion = new Set(
      (
        await this.#db.query(
          'SELECT s.id FROM subjects s LEFT JOIN program_regions r ON r.region = s.region WHERE r.region IS NULL',
        )
      ).map((r) => String(r.id)),
    );
    const selfPaused = new Set(
      (await this.#db.query('SELECT subject_id FROM contributor_pauses WHERE until > $1', [Date.now()])).map(
        (r) => String(r.subject_id),
      ),
    );
    if (states.length === 0)
      return (device) =>
        offRegion.has(device.subjectId)
          ? 'region_no_legal_basis'
          : selfPaused.has(device.subjectId)
            ? 'paused_by_contributor'
            : undefined;
    const global = states.some((s) => s.scope_kind === 'global');
    const devices = new Set(states.filter((s) => s.scope_kind === 'device').map((s) => String(s.scope_id)));
    const units = new Set(states.filter((s) => s.scope_kind === 'org_unit').map((s) => String(s.scope_id)));
    const orgOf = new Map<string, string>();
    if (units.size > 0) {
      for (const r of await this.#db.query('SELECT id, org_unit FROM subjects WHERE org_unit IS NOT NULL'))
        orgOf.set(String(r.id), String(r.org_unit));
    }
    return (device) => {
      if (offRegion.has(device.subjectId)) return 'region_no_legal_basis';
      if (global) return 'paused_global';
      if (selfPaused.has(device.subjectId)) return 'paused_by_contributor';
      if (devices.has(device.id)) return 'paused_device';
      const unit = orgOf.get(device.subjectId);
      return unit !== undefined && units.has(unit) ? 'paused_org_unit' : undefined;
    };
  }

  async globallyPaused(): Promise<boolean> {
    const rows = await this.#db.query(
      "SELECT 1 FROM program_state WHERE scope_kind = 'global' AND state = 'paused'",
    );
    return rows.length > 0;
  }

  async status(): Promise<
    {
      kind: string;
      id: string;
      state: string;
      reason: string;
      changedAt: number;
      resumeRequested: boolean;
      /** Who asked (internal: the route says only whether it was the caller). */
      resumeRequestedBy: string | null;
    }[]
  > {
    const rows = await this.#db.query('SELECT * FROM program_state ORDER BY scope_kind, scope_id');
    return rows.map((r) => ({
      kind: String(r.scope_kind),
      id: String(r.scope_id),
      state: String(r.state),
      reason: String(r.reason),
      changedAt: Number(r.changed_at),
      resumeRequested: r.resume_requested_by !== null,
      resumeRequestedBy: r.resume_requested_by === null ? null : String(r.resume_requested_by),
    }));
  }
}
