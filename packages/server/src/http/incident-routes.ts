/**
 * Incidents and regions over HTTP. Opening an incident at or above the configured severity pauses
 * the program at once (pushed to connected agents); the investigation report is built from the
 * verified audit log and verifies offline. Regions: capture stays off in a region until a privacy
 * officer records its legal basis.
 */
import { SubjectId } from '@steno/protocol';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import type { DeviceStreams } from '../program/device-streams.ts';
import {
  addTimeline,
  buildInvestigationReport,
  findIncident,
  INCIDENT_CATEGORIES,
  type Incident,
  InvestigationReport,
  insertIncident,
  listIncidents,
  NOTIFY_WITHIN_MS,
  newIncidentId,
  notificationClock,
  SEVERITIES,
  timelineOf,
} from '../program/incidents.ts';
import type { KillSwitch } from '../program/kill-switch.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { num } from '../store/sql-client.ts';
import { type RouteDef, route } from './route-table.ts';

const IncidentParams = z.object({ id: z.string().regex(/^inc_[A-Za-z0-9_-]{12}$/) }).strict();
const OpenBody = z
  .object({
    title: z.string().min(3).max(200),
    category: z.enum(INCIDENT_CATEGORIES),
    /** When unsure, leave it out: SEV1 (assume the worse). */
    severity: z.number().int().min(0).max(5).optional(),
    /** Whether personal data may be affected (starts the 72-hour clock); default true. */
    personalDataBreach: z.boolean().default(true),
  })
  .strict();
const Clock = z.union([
  z
    .object({ running: z.literal(true), notifyBy: z.number(), msLeft: z.number(), overdue: z.boolean() })
    .strict(),
  z.object({ running: z.literal(false), reason: z.string(), notifiedAt: z.number().optional() }).strict(),
]);
const IncidentView = z
  .object({
    id: z.string(),
    severity: z.number().int(),
    severityName: z.string(),
    category: z.string(),
    title: z.string(),
    status: z.enum(['open', 'closed']),
    personalDataBreach: z.boolean(),
    openedBy: z.string(),
    openedAt: z.number().int(),
    autoPaused: z.boolean(),
    closedAt: z.number().int().nullable(),
    regulatorReference: z.string().nullable(),
    notificationClock: Clock,
  })
  .strict();
const TimelineView = z.array(
  z.object({ at: z.number().int(), actor: z.string(), kind: z.string(), note: z.string() }).strict(),
);
const ReportBody = z
  .object({
    subjects: z.array(SubjectId).min(1).max(100),
    from: z.number().int().min(0),
    to: z.number().int().min(0),
  })
  .strict()
  .refine((b) => b.from <= b.to, { message: 'from must not be after to', path: ['to'] });
const RegionParams = z.object({ region: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/) }).strict();
const RegionBody = z
  .object({
    basis: z.enum(['dpia', 'works_council_agreement', 'collective_agreement', 'other']),
    reference: z.string().min(3).max(200),
  })
  .strict();

export interface IncidentServices {
  db: SqlClient;
  audit: AuditLog;
  killSwitch: KillSwitch;
  streams: DeviceStreams;
  now: () => number;
  /** Incidents at this severity or worse (lower number) pause the program; default 1. */
  autoPauseSeverity: number;
  /** The latest witnessed checkpoint (issue 20): a report is built against it, never an unwitnessed one. */
  witnessedCheckpoint?: () => Promise<string | undefined>;
}

export function incidentRoutes(s: IncidentServices): RouteDef[] {
  const view = (i: Incident) => ({
    id: i.id,
    severity: i.severity,
    severityName: SEVERITIES[i.severity]?.name ?? `SEV${i.severity}`,
    category: i.category,
    title: i.title,
    status: i.status,
    personalDataBreach: i.personalDataBreach,
    openedBy: i.openedBy,
    openedAt: i.openedAt,
    autoPaused: i.autoPaused,
    closedAt: i.closedAt,
    regulatorReference: i.regulatorReference,
    notificationClock: notificationClock(i, s.now()),
  });
  const incidentResource = (ctx: { params: unknown }) => ({
    type: 'incident' as const,
    id: (ctx.params as z.infer<typeof IncidentParams>).id,
  });
  const actor = (ctx: { principal?: { id: string } | undefined }) => ctx.principal?.id ?? 'unknown';

  return [
    route({
      method: 'GET',
      url: '/v1/incidents/severities',
      summary:
        'The SEV0–SEV5 scale (worst first) and the level at which opening an incident pauses the program.',
      auth: 'token',
      action: 'incidents.read',
      resource: () => ({ type: 'program' }),
      response: z
        .object({
          autoPauseAtOrAbove: z.number().int(),
          scale: z.array(z.object({ level: z.number(), name: z.string(), meaning: z.string() }).strict()),
        })
        .strict(),
      handler: async () => ({
        ok: true,
        value: { autoPauseAtOrAbove: s.autoPauseSeverity, scale: SEVERITIES.map((x) => ({ ...x })) },
      }),
    }),
    route({
      method: 'POST',
      url: '/v1/incidents',
      summary:
        'Open an incident (severity SEV0–SEV5, default SEV1). At or above the configured severity the program pauses at once.',
      auth: 'token',
      action: 'incidents.open',
      resource: () => ({ type: 'program' }),
      body: OpenBody,
      response: z.object({ incident: IncidentView, devicesNotified: z.number().int() }).strict(),
      successStatus: 201,
      handler: async (ctx) => {
        const b = ctx.body;
        const now = s.now();
        const severity = b.severity ?? 1;
        const incident: Incident = {
          id: newIncidentId(),
          severity,
          category: b.category,
          title: b.title,
          status: 'open',
          personalDataBreach: b.personalDataBreach,
          openedBy: actor(ctx),
          openedAt: now,
          notifyBy: b.personalDataBreach ? now + NOTIFY_WITHIN_MS : null,
          regulatorNotifiedAt: null,
          regulatorReference: null,
          autoPaused: severity <= s.autoPauseSeverity,
          closedAt: null,
        };
        await s.db.transaction(async (tx) => {
          await insertIncident(tx, incident);
          await addTimeline(tx, incident.id, {
            at: now,
            actor: actor(ctx),
            kind: 'opened',
            note: `${SEVERITIES[severity]?.name}: ${b.category}`,
          });
        });
        let devicesNotified = 0;
        if (incident.autoPaused) {
          const { epoch } = await s.killSwitch.pause(
            { kind: 'global' },
            `incident ${incident.id}`,
            actor(ctx),
            now,
          );
          await s.streams.announcePause(epoch);
          devicesNotified = await s.streams.broadcast();
          await addTimeline(s.db, incident.id, {
            at: s.now(),
            actor: 'steno',
            kind: 'program_paused',
            note: `severity at or above SEV${s.autoPauseSeverity}: program paused, ${devicesNotified} connected devices told`,
          });
        }
        await s.audit.append({
          at: now,
          actor: { id: actor(ctx), role: ctx.principal?.role ?? 'none', tokenId: ctx.principal?.tokenId },
          action: 'incidents.opened',
          resource: { type: 'incident', id: incident.id },
          decision: 'allow',
          reason: incident.autoPaused ? 'opened_and_paused' : 'opened',
          details: { severity, category: b.category },
          sensitive: { title: b.title },
        });
        return { ok: true, value: { incident: view(incident), devicesNotified } };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/incidents',
      summary: 'Incidents, newest first, each with its 72-hour notification clock.',
      auth: 'token',
      action: 'incidents.read',
      resource: () => ({ type: 'program' }),
      response: z.object({ incidents: z.array(IncidentView) }).strict(),
      handler: async () => ({ ok: true, value: { incidents: (await listIncidents(s.db)).map(view) } }),
    }),
    route({
      method: 'GET',
      url: '/v1/incidents/:id',
      summary: 'One incident with its timeline.',
      auth: 'token',
      action: 'incidents.read',
      params: IncidentParams,
      resource: incidentResource,
      response: z.object({ incident: IncidentView, timeline: TimelineView }).strict(),
      handler: async (ctx) => {
        const i = await findIncident(s.db, ctx.params.id);
        if (!i) return { ok: false, code: 'NOT_FOUND', message: 'no such incident' };
        return { ok: true, value: { incident: view(i), timeline: await timelineOf(s.db, i.id) } };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/incidents/:id/timeline',
      summary: 'Add a note to the incident timeline.',
      auth: 'token',
      action: 'incidents.update',
      params: IncidentParams,
      resource: incidentResource,
      body: z.object({ note: z.string().min(1).max(4_000) }).strict(),
      response: z.object({ timeline: TimelineView }).strict(),
      successStatus: 201,
      handler: async (ctx) => {
        const i = await findIncident(s.db, ctx.params.id);
        if (!i) return { ok: false, code: 'NOT_FOUND', message: 'no such incident' };
        await addTimeline(s.db, i.id, { at: s.now(), actor: actor(ctx), kind: 'note', note: ctx.body.note });
        return { ok: true, value: { timeline: await timelineOf(s.db, i.id) } };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/incidents/:id/regulator-notified',
      summary: 'Record that the regulator was notified (stops the 72-hour clock).',
      auth: 'token',
      action: 'incidents.update',
      params: IncidentParams,
      resource: incidentResource,
      body: z.object({ reference: z.string().min(1).max(200) }).strict(),
      response: IncidentView,
      handler: async (ctx) => {
        const now = s.now();
        const rows = await s.db.query(
          'UPDATE incidents SET regulator_notified_at = $2, regulator_reference = $3 WHERE id = $1 AND regulator_notified_at IS NULL RETURNING id',
          [ctx.params.id, now, ctx.body.reference],
        );
        if (rows.length === 0)
          return { ok: false, code: 'NOT_FOUND', message: 'no such incident, or already notified' };
        await addTimeline(s.db, ctx.params.id, {
          at: now,
          actor: actor(ctx),
          kind: 'regulator_notified',
          note: ctx.body.reference,
        });
        return { ok: true, value: view((await findIncident(s.db, ctx.params.id)) as Incident) };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/incidents/:id/close',
      summary: 'Close the incident (the program stays paused until two privacy officers resume it).',
      auth: 'token',
      action: 'incidents.update',
      params: IncidentParams,
      resource: incidentResource,
      body: z.object({ summary: z.string().min(1).max(4_000) }).strict(),
      response: IncidentView,
      handler: async (ctx) => {
        const now = s.now();
        const rows = await s.db.query(
          "UPDATE incidents SET status = 'closed', closed_at = $2, closed_by = $3 WHERE id = $1 AND status = 'open' RETURNING id",
          [ctx.params.id, now, actor(ctx)],
        );
        if (rows.length === 0) return { ok: false, code: 'NOT_FOUND', message: 'no such open incident' };
        await addTimeline(s.db, ctx.params.id, {
          at: now,
          actor: actor(ctx),
          kind: 'closed',
          note: ctx.body.summary,
        });
        return { ok: true, value: view((await findIncident(s.db, ctx.params.id)) as Incident) };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/incidents/:id/report',
      summary:
        'Investigation report from the verified audit log: every access to the subjects in the window, by whom, under which grant, with the checkpoint and inclusion proofs (verify with `steno incident verify`).',
      auth: 'token',
      action: 'incidents.read',
      params: IncidentParams,
      resource: incidentResource,
      body: ReportBody,
      response: InvestigationReport,
      handler: async (ctx) => {
        const i = await findIncident(s.db, ctx.params.id);
        if (!i) return { ok: false, code: 'NOT_FOUND', message: 'no such incident' };
        const out = await buildInvestigationReport(s.audit, {
          ...(s.witnessedCheckpoint ? { checkpoint: s.witnessedCheckpoint } : {}),
          incident: i,
          subjects: ctx.body.subjects,
          from: ctx.body.from,
          to: ctx.body.to,
          by: actor(ctx),
          now: s.now(),
        });
        if (!out.ok) return { ok: false, code: 'AUDIT_UNAVAILABLE', message: out.reason };
        await addTimeline(s.db, i.id, {
          at: s.now(),
          actor: actor(ctx),
          kind: 'report',
          note: `investigation report: ${out.report.accesses.length} accesses to ${ctx.body.subjects.length} subjects, log of ${out.report.entriesVerified} entries verified`,
        });
        return { ok: true, value: out.report };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/program/regions',
      summary: 'Regions and their recorded legal basis; capture is off in a region without one.',
      auth: 'token',
      action: 'scope.read',
      resource: () => ({ type: 'program' }),
      response: z
        .object({
          regions: z.array(
            z
              .object({
                region: z.string(),
                subjects: z.number().int(),
                basis: z.string().nullable(),
                reference: z.string().nullable(),
                recordedAt: z.number().int().nullable(),
              })
              .strict(),
          ),
        })
        .strict(),
      handler: async () => {
        const rows = await s.db.query(
          `SELECT coalesce(r.region, x.region) AS region, coalesce(x.n, 0) AS n, r.basis_kind, r.reference, r.recorded_at
             FROM program_regions r
             FULL JOIN (SELECT region, count(*) AS n FROM subjects GROUP BY region) x ON x.region = r.region
            ORDER BY 1`,
        );
        return {
          ok: true,
          value: {
            regions: rows.map((r) => ({
              region: String(r.region),
              subjects: num(r.n),
              basis: r.basis_kind === null ? null : String(r.basis_kind),
              reference: r.reference === null ? null : String(r.reference),
              recordedAt: r.recorded_at === null ? null : num(r.recorded_at),
            })),
          },
        };
      },
    }),
    route({
      method: 'PUT',
      url: '/v1/program/regions/:region',
      summary:
        "Record a region's legal basis (e.g. a DPIA or works-council agreement reference); capture may then start there.",
      auth: 'token',
      action: 'scope.write',
      params: RegionParams,
      resource: () => ({ type: 'program' }),
      body: RegionBody,
      response: z.object({ region: z.string(), devicesNotified: z.number().int() }).strict(),
      handler: async (ctx) => {
        const now = s.now();
        await s.db.query(
          `INSERT INTO program_regions (region, basis_kind, reference, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (region) DO UPDATE SET basis_kind = $2, reference = $3, recorded_by = $4, recorded_at = $5`,
          [ctx.params.region, ctx.body.basis, ctx.body.reference, actor(ctx), now],
        );
        await s.audit.append({
          at: now,
          actor: { id: actor(ctx), role: ctx.principal?.role ?? 'none', tokenId: ctx.principal?.tokenId },
          action: 'regions.basis_recorded',
          resource: { type: 'program' },
          decision: 'allow',
          reason: ctx.body.basis,
          details: { region: ctx.params.region, reference: ctx.body.reference },
        });
        const devicesNotified = await s.streams.broadcast();
        return { ok: true, value: { region: ctx.params.region, devicesNotified } };
      },
    }),
  ];
}
