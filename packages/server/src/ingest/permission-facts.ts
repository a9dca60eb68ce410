/**
 * Reads what the permission check needs for a batch: every lease this server issued to the device
 * (named by the batch or not: an agent cannot leave out the newer lease that paused it or narrowed
 * its scope and be judged by an older one), the pause intervals that touch the device, the
 * region's legal basis, the consent notices and the contributor's consent history.
 *
 * Cost: on the embedded store a query of this shape takes ~3 ms, a tenth of a batch's ingest, so
 * there the facts of a device are cached while the store's change counter over these tables stands
 * (`SqlClient.changeCounter`: one connection in one process, so every write passes it, and it
 * counts a write once it is committed). The counter is read before the facts, so a write between
 * the two only costs a second read later, never a stale answer. On PostgreSQL other processes
 * write too, so the facts are read for every batch (one indexed query). Scope versions are
 * immutable, so their compiled form is cached in both.
 *
 * (A database-side epoch bumped by triggers was tried first: PGlite's plpgsql triggers crashed the
 * process with a V8 fatal error under concurrent load, so the embedded store counts in process.)
 */
import { CompiledScope } from '@steno/privacy';
import { CaptureScope } from '@steno/protocol';
import { EMPTY_SCOPE } from '../program/capture-scope.ts';
import type { SqlClient, SqlExecutor } from '../store/sql-client.ts';
import { num } from '../store/sql-client.ts';
import type { LeaseFact, PermissionFacts } from './capture-permission.ts';

/** The tables the facts come from: a write to any of them may change a decision. */
const FACT_TABLES = [
  'capture_leases',
  'capture_pause_log',
  'program_regions',
  'consent_notices',
  'consent_records',
  'subjects',
] as const;

/** The device's facts from `$3` (epoch ms) on; one row per fact, tagged by kind. */
const FACTS_SQL = `
SELECT CASE WHEN state = 'active' THEN 'l' ELSE 'L' END AS k, lease_id AS id, issued_at AS a, expires_at AS b,
       policy_version AS v
  FROM capture_leases WHERE device_id = $1 AND subject_id = $2 AND expires_at > $3
UNION ALL
SELECT 'p', NULL, started_at, ended_at, NULL FROM capture_pause_log
 WHERE (ended_at IS NULL OR ended_at > $3)
   AND (scope_kind = 'global' OR (scope_kind = 'device' AND scope_id = $1) OR (scope_kind = 'subject' AND scope_id = $2)
        OR (scope_kind = 'org_unit' AND scope_id = (SELECT org_unit FROM subjects WHERE id = $2)))
UNION ALL
SELECT 'r', NULL, r.recorded_at, NULL, NULL FROM subjects s JOIN program_regions r ON r.region = s.region WHERE s.id = $2
UNION ALL
SELECT 'n', NULL, published_at, NULL, version FROM consent_notices
UNION ALL
SELECT CASE WHEN decision = 'given' THEN 'g' ELSE 'w' END, NULL, at, seq, version
  FROM consent_records WHERE subject_id = $2`;

type Facts = Omit<PermissionFacts, 'namedAll' | 'scopeOf'>;

interface Cached {
  changes: number;
  /** The facts hold everything from this time on. */
  from: number;
  facts: Facts;
}

/** Most devices whose facts are kept (then the cache starts over). */
const MAX_CACHED = 10_000;
/** How far before a batch's first event a cache entry reaches, so a device's next batches hit it. */
const REACH_BACK_MS = 3_600_000;

export class PermissionFactsReader {
  readonly #db: SqlClient;
  readonly #changes: (() => number) | undefined;
  readonly #scopes = new Map<number, CompiledScope>([[0, new CompiledScope(EMPTY_SCOPE)]]);
  readonly #cache = new Map<string, Cached>();

  constructor(db: SqlClient) {
    this.#db = db;
    this.#changes = db.changeCounter?.(FACT_TABLES);
  }

  /** The facts for a batch of `deviceId`/`subject` naming `leaseIds`, with events from `fromT` on. */
  async read(q: {
    deviceId: string;
    subject: string;
    leaseIds: readonly string[];
    fromT: number;
  }): Promise<PermissionFacts> {
    const db = this.#db;
    const changes = this.#changes?.();
    const key = `${q.deviceId}|${q.subject}`;
    let hit = changes === undefined ? undefined : this.#cache.get(key);
    if (!hit || hit.changes !== changes || hit.from > q.fromT) {
      const from = q.fromT - REACH_BACK_MS;
      hit = {
        changes: changes ?? -1,
        from,
        facts: toFacts(await db.query(FACTS_SQL, [q.deviceId, q.subject, from])),
      };
      if (changes !== undefined) {
        if (this.#cache.size >= MAX_CACHED) this.#cache.clear();
        this.#cache.set(key, hit);
      }
    }
    const facts = hit.facts;
    const missing = [...new Set(facts.leases.map((l) => l.policyVersion))].filter(
      (v) => !this.#scopes.has(v),
    );
    if (missing.length > 0) await this.#loadScopes(db, missing);
    const known = new Set(facts.leases.map((l) => l.leaseId));
    let namedAll = q.leaseIds.every((id) => known.has(id));
    if (!namedAll) {
      // A named lease that ended before the cached window: ask the store whether it is this device's.
      const rows = await db.query(
        'SELECT count(*) AS n FROM capture_leases WHERE lease_id = ANY($1::text[]) AND device_id = $2 AND subject_id = $3',
        [[...new Set(q.leaseIds)], q.deviceId, q.subject],
      );
      namedAll = num(rows[0]?.n ?? 0) === new Set(q.leaseIds).size;
    }
    const scopes = this.#scopes;
    return {
      ...facts,
      namedAll,
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

function toFacts(rows: Record<string, unknown>[]): Facts {
  const leases: LeaseFact[] = [];
  const pauses: { start: number; end: number }[] = [];
  const notices: { version: number; publishedAt: number }[] = [];
  const consent: { version: number; decision: 'given' | 'withdrawn'; at: number; seq: number }[] = [];
  let basisSince: number | undefined;
  for (const r of rows) {
    switch (r.k) {
      case 'l':
      case 'L':
        leases.push({
          leaseId: String(r.id),
          issuedAt: num(r.a),
          expiresAt: num(r.b),
          policyVersion: num(r.v),
          state: r.k === 'l' ? 'active' : 'paused',
        });
        break;
      case 'p':
        pauses.push({ start: num(r.a), end: r.b === null ? Number.POSITIVE_INFINITY : num(r.b) });
        break;
      case 'r':
        basisSince = num(r.a);
        break;
      case 'n':
        notices.push({ version: num(r.v), publishedAt: num(r.a) });
        break;
      default:
        consent.push({
          version: num(r.v),
          decision: r.k === 'g' ? 'given' : 'withdrawn',
          at: num(r.a),
          seq: num(r.b),
        });
    }
  }
  notices.sort((x, y) => x.version - y.version);
  consent.sort((x, y) => x.seq - y.seq);
  return { leases, pauses, basisSince, notices, consent };
}
