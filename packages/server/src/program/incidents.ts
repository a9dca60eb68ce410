/**
 * Incidents: opened with a severity on the SEV0–SEV5 scale (docs/operations.md), with a timeline,
 * the 72-hour regulator-notification clock for personal-data breaches, and an automatic pause of
 * the program at or above the configured severity. An investigation report is built from the
 * verified audit log — every access to the given subjects in the given window, by whom and under
 * which grant — and carries the signed checkpoint and an inclusion proof per entry, so whoever
 * receives it can verify it offline with the audit verifier key (`verifyIncidentReport`).
 */
import { randomBytes } from 'node:crypto';
import {
  decodeBase64,
  hashesEqual,
  leafHash,
  parseCosignerKey,
  RootAccumulator,
  verifyCheckpoint,
  verifyCosignatures,
  verifyInclusion,
} from '@steno/tlog';
import { z } from 'zod';
import type { AuditLog, StoredAuditEntry } from '../audit/audit-log.ts';
import type { SqlExecutor } from '../store/sql-client.ts';
import { num } from '../store/sql-client.ts';

/** The scale, worst first. Exposure of captured content beyond its purpose is SEV1 by default. */
export const SEVERITIES = [
  { level: 0, name: 'SEV0', meaning: 'captured content exposed widely or publicly, or exposure ongoing' },
  {
    level: 1,
    name: 'SEV1',
    meaning: 'captured content exposed beyond its purpose (the default when unsure)',
  },
  {
    level: 2,
    name: 'SEV2',
    meaning: 'a control failed (a policy, the filter, the guard) without known exposure',
  },
  { level: 3, name: 'SEV3', meaning: 'a suspected misuse or policy breach under investigation' },
  { level: 4, name: 'SEV4', meaning: 'a degraded safeguard with a working fallback' },
  { level: 5, name: 'SEV5', meaning: 'informational: a near miss or a question worth a record' },
] as const;

export const INCIDENT_CATEGORIES = [
  'exposure_beyond_purpose',
  'unauthorised_access',
  'filter_miss',
  'device_compromise',
  'policy_breach',
  'other',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

/** The regulator must hear of a personal-data breach within 72 hours (GDPR art. 33). */
export const NOTIFY_WITHIN_MS = 72 * 3_600_000;

/** Audit actions that read or export a subject's event data: what an investigation report lists. */
export const DATA_ACCESS_ACTIONS: ReadonlySet<string> = new Set([
  'events.read',
  'breakglass.read_events',
  'me.export',
  'datasets.build',
]);

export interface Incident {
  id: string;
  severity: number;
  category: string;
  title: string;
  status: 'open' | 'closed';
  personalDataBreach: boolean;
  openedBy: string;
  openedAt: number;
  notifyBy: number | null;
  regulatorNotifiedAt: number | null;
  regulatorReference: string | null;
  autoPaused: boolean;
  closedAt: number | null;
}

export interface TimelineEntry {
  at: number;
  actor: string;
  kind: string;
  note: string;
}

function toIncident(r: Record<string, unknown>): Incident {
  const opt = (v: unknown) => (v === null || v === undefined ? null : num(v));
  return {
    id: String(r.id),
    severity: num(r.severity),
    category: String(r.category),
    title: String(r.title),
    status: String(r.status) as 'open' | 'closed',
    personalDataBreach: Boolean(r.personal_data_breach),
    openedBy: String(r.opened_by),
    openedAt: num(r.opened_at),
    notifyBy: opt(r.notify_by),
    regulatorNotifiedAt: opt(r.regulator_notified_at),
    regulatorReference: r.regulator_reference === null ? null : String(r.regulator_reference),
    autoPaused: Boolean(r.auto_paused),
    closedAt: opt(r.closed_at),
  };
}

export function newIncidentId(): string {
  return `inc_${randomBytes(9).toString('base64url')}`;
}

export async function insertIncident(db: SqlExecutor, i: Incident): Promise<void> {
  await db.query(
    `INSERT INTO incidents (id, severity, category, title, status, personal_data_breach, opened_by, opened_at, notify_by, auto_paused)
     VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9)`,
    [
      i.id,
      i.severity,
      i.category,
      i.title,
      i.personalDataBreach,
      i.openedBy,
      i.openedAt,
      i.notifyBy,
      i.autoPaused,
    ],
  );
}

export async function findIncident(db: SqlExecutor, id: string): Promise<Incident | undefined> {
  const r = (await db.query('SELECT * FROM incidents WHERE id = $1', [id]))[0];
  return r ? toIncident(r) : undefined;
}

export async function listIncidents(db: SqlExecutor): Promise<Incident[]> {
  return (await db.query('SELECT * FROM incidents ORDER BY opened_at DESC LIMIT 500')).map(toIncident);
}

export async function addTimeline(db: SqlExecutor, id: string, e: TimelineEntry): Promise<void> {
  await db.query(
    'INSERT INTO incident_timeline (incident_id, at, actor, kind, note) VALUES ($1, $2, $3, $4, $5)',
    [id, e.at, e.actor, e.kind, e.note],
  );
}

export async function timelineOf(db: SqlExecutor, id: string): Promise<TimelineEntry[]> {
  const rows = await db.query(
    'SELECT at, actor, kind, note FROM incident_timeline WHERE incident_id = $1 ORDER BY seq',
    [id],
  );
  return rows.map((r) => ({
    at: num(r.at),
    actor: String(r.actor),
    kind: String(r.kind),
    note: String(r.note),
  }));
}

export async function isIncidentOpen(db: SqlExecutor, id: string | undefined): Promise<boolean> {
  if (!id) return false;
  const rows = await db.query("SELECT 1 FROM incidents WHERE id = $1 AND status = 'open'", [id]);
  return rows.length > 0;
}

/** What the contributor-facing clock shows: time left to notify the regulator, or why none runs. */
export function notificationClock(i: Incident, now: number) {
  if (i.notifyBy === null) return { running: false as const, reason: 'not_a_personal_data_breach' };
  if (i.regulatorNotifiedAt !== null)
    return { running: false as const, reason: 'regulator_notified', notifiedAt: i.regulatorNotifiedAt };
  return {
    running: true as const,
    notifyBy: i.notifyBy,
    msLeft: i.notifyBy - now,
    overdue: now > i.notifyBy,
  };
}

// ---------------------------------------------------------------------------------------------
// Investigation reports

export const ReportAccess = z
  .object({
    idx: z.number().int(),
    at: z.number().int(),
    actor: z.object({ id: z.string(), role: z.string() }).passthrough(),
    action: z.string(),
    subject: z.string(),
    decision: z.enum(['allow', 'deny']),
    reason: z.string(),
    grant: z.string().nullable(),
    /** The entry's exact bytes in the log. */
    text: z.string(),
    /** Inclusion proof of the entry in the checkpoint's tree (base64 hashes). */
    proof: z.array(z.string()),
  })
  .strict();

export const InvestigationReport = z
  .object({
    v: z.literal(1),
    incident: z.object({ id: z.string(), severity: z.number().int(), title: z.string() }).strict(),
    subjects: z.array(z.string()),
    from: z.number().int(),
    to: z.number().int(),
    generatedAt: z.number().int(),
    generatedBy: z.string(),
    /** The signed checkpoint (C2SP signed note) every proof is checked against. */
    checkpoint: z.string(),
    /** How many entries of the log were read and re-hashed to the checkpoint's root. */
    entriesVerified: z.number().int(),
    accesses: z.array(ReportAccess),
  })
  .strict();
export type InvestigationReport = z.infer<typeof InvestigationReport>;

/**
 * Builds the report: reads the whole log up to a fresh checkpoint, recomputes its root (a tampered
 * log refuses to produce a report), and selects every data access to the subjects in the window.
 */
export async function buildInvestigationReport(
  audit: AuditLog,
  input: {
    incident: Incident;
    subjects: string[];
    from: number;
    to: number;
    by: string;
    now: number;
    /** The witnessed checkpoint to build against (issue 20); default: a fresh unwitnessed one. */
    checkpoint?: () => Promise<string | undefined>;
  },
): Promise<{ ok: true; report: InvestigationReport } | { ok: false; reason: string }> {
  const checkpoint = input.checkpoint ? await input.checkpoint() : await audit.checkpoint();
  if (checkpoint === undefined) return { ok: false, reason: 'no checkpoint is witnessed yet' };
  const cp = verifyCheckpointUnsigned(checkpoint);
  if (!cp) return { ok: false, reason: 'the checkpoint does not parse' };
  const subjects = new Set(input.subjects);
  const acc = new RootAccumulator();
  const picked: StoredAuditEntry[] = [];
  for (let from = 0; from < cp.size; ) {
    const page = await audit.list(from, Math.min(1_000, cp.size - from));
    if (page.length === 0) break;
    for (const e of page) {
      if (e.idx !== from) return { ok: false, reason: `audit entry ${from} is missing` };
      acc.push(leafHash(new TextEncoder().encode(e.text)));
      const named = Array.isArray(e.details?.subjects) ? (e.details.subjects as string[]) : [];
      const subject = e.resource.subject ?? named.find((x) => subjects.has(x));
      if (
        subject !== undefined &&
        subjects.has(subject) &&
        DATA_ACCESS_ACTIONS.has(e.action) &&
        e.at >= input.from &&
        e.at <= input.to
      )
        picked.push(e);
      from += 1;
    }
  }
  if (!hashesEqual(acc.root(), cp.rootHash))
    return { ok: false, reason: 'the audit log does not hash to its checkpoint: it was tampered with' };
  const accesses = [];
  for (const e of picked) {
    const proof = await audit.inclusionProof(e.idx, cp.size);
    const grant = e.details?.grant;
    accesses.push({
      idx: e.idx,
      at: e.at,
      actor: { id: e.actor.id, role: e.actor.role },
      action: e.action,
      subject:
        e.resource.subject ??
        ((e.details?.subjects as string[] | undefined) ?? []).find((x) => subjects.has(x)) ??
        '',
      decision: e.decision,
      reason: e.reason,
      grant: typeof grant === 'string' ? grant : null,
      text: e.text,
      proof: proof.proof,
    });
  }
  return {
    ok: true,
    report: {
      v: 1,
      incident: { id: input.incident.id, severity: input.incident.severity, title: input.incident.title },
      subjects: [...subjects],
      from: input.from,
      to: input.to,
      generatedAt: input.now,
      generatedBy: input.by,
      checkpoint,
      entriesVerified: cp.size,
      accesses,
    },
  };
}

function verifyCheckpointUnsigned(note: string): { size: number; rootHash: Uint8Array } | undefined {
  // The server trusts its own checkpoint here; the receiver checks the signature (below).
  const body = note.split('\n\n')[0] ?? '';
  const [, sizeLine, rootLine] = body.split('\n');
  const size = Number(sizeLine);
  const rootHash = rootLine ? decodeBase64(rootLine) : undefined;
  return Number.isSafeInteger(size) && rootHash ? { size, rootHash } : undefined;
}

export type ReportVerification = { ok: true; accesses: number; size: number } | { ok: false; reason: string };

/**
 * Verifies a report offline: the checkpoint's signature under the audit verifier key, then each
 * listed entry's inclusion in that checkpoint's tree, and that each entry's bytes say what the
 * report says (actor, action, subject, decision).
 */
export function verifyIncidentReport(
  input: unknown,
  verifierKey: string,
  /** Witness cosigner keys and quorum (issue 20): with them, the checkpoint must carry a quorum. */
  witnesses?: { keys: readonly string[]; quorum: number },
): ReportVerification {
  const parsed = InvestigationReport.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'the report does not match its schema' };
  const report = parsed.data;
  const cp = verifyCheckpoint(report.checkpoint, verifierKey);
  if (!cp.ok) return { ok: false, reason: `checkpoint: ${cp.reason}` };
  if (witnesses) {
    const cosigners = [];
    for (const k of witnesses.keys) {
      const c = parseCosignerKey(k);
      if (!c.ok) return { ok: false, reason: 'checkpoint: MALFORMED_WITNESS_KEY' };
      cosigners.push(c.cosigner);
    }
    const cos = verifyCosignatures(report.checkpoint, cosigners);
    if (!cos.ok) return { ok: false, reason: `checkpoint: ${cos.reason}` };
    if (cos.cosignedBy.length < Math.max(1, witnesses.quorum))
      return { ok: false, reason: 'checkpoint: NO_QUORUM' };
  }
  const { size, rootHash } = cp.checkpoint;
  for (const a of report.accesses) {
    const proof = a.proof.map((p) => decodeBase64(p));
    if (proof.some((p) => p === undefined)) return { ok: false, reason: `entry ${a.idx}: malformed proof` };
    const leaf = leafHash(new TextEncoder().encode(a.text));
    if (!verifyInclusion(leaf, a.idx, size, proof as Uint8Array[], rootHash))
      return { ok: false, reason: `entry ${a.idx} is not in the log the checkpoint commits to` };
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(a.text) as Record<string, unknown>;
    } catch {
      return { ok: false, reason: `entry ${a.idx}: its text is not JSON` };
    }
    const actor = entry.actor as { id?: unknown } | undefined;
    const resource = entry.resource as { subject?: unknown } | undefined;
    const named = (entry.details as { subjects?: unknown } | undefined)?.subjects;
    const aboutSubject =
      resource?.subject === a.subject || (Array.isArray(named) && named.includes(a.subject));
    if (
      actor?.id !== a.actor.id ||
      entry.action !== a.action ||
      !aboutSubject ||
      entry.decision !== a.decision ||
      entry.at !== a.at
    )
      return { ok: false, reason: `entry ${a.idx}: the report's summary differs from the logged entry` };
    if (!report.subjects.includes(a.subject) || a.at < report.from || a.at > report.to)
      return { ok: false, reason: `entry ${a.idx} lies outside the report's subjects or window` };
  }
  return { ok: true, accesses: report.accesses.length, size };
}
