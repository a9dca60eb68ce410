/** The routes of the walking skeleton: health, enrolment, ingest, own-data reads and device admin. */
import {
  BatchAck,
  DeviceTokenRequest,
  EnrolRequest,
  EnrolResponse,
  SignedBatch,
  SignedBatchV2,
  StenoEvent,
  SubjectId,
  TokenResponse,
} from '@steno/protocol';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Guard } from '../guard/guard.ts';
import type { Ingest } from '../ingest/batch-ingest.ts';
import {
  createEnrolToken,
  type EnrolmentDeps,
  enrolDevice,
  issueDeviceToken,
} from '../ingest/device-enrolment.ts';
import type { StenoMetrics } from '../ops/metrics.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { listDevices, revokeDevice } from '../store/subjects-repo.ts';
import {
  decodeAccessCursor,
  decodeEventCursor,
  encodeAccessCursor,
  encodeEventCursor,
  MAX_ACCESS_PAGE,
  MAX_EVENTS_PAGE,
} from './page-cursor.ts';
import { type RouteDef, route } from './route-table.ts';

export interface ApiServices {
  db: SqlClient;
  ingest: Ingest;
  metrics?: StenoMetrics;
  guard: Guard;
  audit: AuditLog;
  enrolment: EnrolmentDeps;
  now: () => number;
}

const Empty = z.object({}).strict();
const Health = z.object({ status: z.literal('ok') }).strict();

export const EventsQuery = z
  .object({
    from: z.coerce.number().int().min(0).optional(),
    to: z.coerce.number().int().min(0).optional(),
    /** Events in this page (default 1,000, at most 5,000). */
    limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE).optional(),
    /** `nextCursor` of the previous page (same from/to). */
    cursor: z.string().min(1).max(512).optional(),
  })
  .strict();
const AccessQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_ACCESS_PAGE).optional(),
    cursor: z.string().min(1).max(128).optional(),
  })
  .strict();
const EventsResponse = z
  .object({
    subject: SubjectId,
    events: z.array(z.object({ batchId: z.string(), deviceId: z.string(), event: StenoEvent }).strict()),
    /** Chunks whose data key was destroyed (retention or erasure): they can never be read again. */
    shredded: z.number().int(),
    /** Pass as `cursor` for the next page; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .strict();
const AccessEntry = z
  .object({
    idx: z.number().int(),
    at: z.number().int(),
    actor: z.object({ id: z.string(), role: z.string() }).strict(),
    action: z.string(),
    decision: z.enum(['allow', 'deny']),
    reason: z.string(),
    /** The entry's exact bytes in the audit log, to check its inclusion proof against a checkpoint. */
    text: z.string(),
  })
  .strict();
const EnrolTokenBody = z
  .object({
    subject: SubjectId,
    /** The subject's region (capture there needs its legal basis); default `default`. */
    region: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/)
      .optional(),
    ttlMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .optional(),
  })
  .strict();
const EnrolTokenResponse = z
  .object({ subject: SubjectId, token: z.string(), expiresAt: z.number().int() })
  .strict();
/**
 * What an operator sees of a device (issue 15): enough to manage the fleet and revoke a lost
 * laptop, nothing of a person's upload rhythm (no sequence numbers, no last-upload time: those are
 * per-person activity signals, invariant 6). The subject shows only when the operator asked for
 * one person's devices by name (`?subject=`), which is a decision on that subject, audited.
 */
const DeviceInfo = z
  .object({
    id: z.string(),
    subject: SubjectId.optional(),
    name: z.string(),
    createdAt: z.number().int(),
    revokedAt: z.number().int().nullable(),
  })
  .strict();
const DevicesQuery = z.object({ subject: SubjectId.optional() }).strict();
const IdParams = z.object({ id: z.string().min(1).max(100) }).strict();

export function apiRoutes(s: ApiServices): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/healthz',
      summary: 'Liveness: the process is up.',
      auth: 'none',
      response: Health,
      handler: async () => ({ ok: true, value: { status: 'ok' as const } }),
    }),
    route({
      method: 'POST',
      url: '/v1/enrol',
      summary: 'Enrol a device: its public key, a single-use enrolment token and a proof of possession.',
      auth: 'none',
      body: EnrolRequest,
      rawBody: true,
      response: EnrolResponse,
      successStatus: 201,
      handler: async (ctx) => {
        const out = await enrolDevice(s.enrolment, ctx.body);
        if (out.ok) {
          await s.audit.append({
            at: s.now(),
            actor: { id: `device:${out.value.deviceId}`, role: 'device' },
            action: 'devices.enrol',
            resource: { type: 'device', subject: out.value.subject, id: out.value.deviceId },
            decision: 'allow',
            reason: 'enrol_token_valid',
          });
        }
        return out;
      },
    }),
    route({
      method: 'POST',
      url: '/v1/batches',
      summary:
        'Upload one device-signed batch (envelope v2: the batch as JSON text, signed as sent; v1 still taken). Idempotent by batch id: a retry gets the same acknowledgement.',
      auth: 'none',
      body: z.union([SignedBatchV2, SignedBatch]),
      rawBody: true,
      response: BatchAck,
      handler: async (ctx) => {
        const out = await s.ingest.ingest(ctx.body);
        const m = s.metrics;
        if (out.ok && out.duplicate) m?.batchesReplayed.inc();
        else if (out.ok) {
          m?.batchesAccepted.inc();
          m?.eventsAccepted.inc(out.ack.events);
        } else m?.batchesRejected.inc({ code: out.code });
        // Reason codes and counts only: nothing of a dropped event reaches a label or a log.
        const dropped = out.ok ? (out.duplicate ? undefined : out.ack.dropped) : out.dropped;
        for (const [code, n] of Object.entries(dropped ?? {})) m?.eventsDropped.inc({ code }, n);
        if (!out.ok) return { ok: false, code: out.code, message: out.message };
        return { ok: true, value: out.ack };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/device/tokens',
      summary: "Issue a personal read token for the device's own subject (the contributor at the device).",
      auth: 'none',
      body: DeviceTokenRequest,
      rawBody: true,
      response: TokenResponse,
      successStatus: 201,
      handler: async (ctx) => issueDeviceToken(s.enrolment, ctx.body),
    }),
    route({
      method: 'GET',
      url: '/v1/me/events',
      summary: 'Read my own captured events (through the guard: authorise, audit, decrypt).',
      auth: 'token',
      guarded: 'events.read',
      query: EventsQuery,
      response: EventsResponse,
      handler: async (ctx) => {
        const p = ctx.principal;
        const subject = p?.subject ?? '';
        if (!p) return { ok: false, code: 'UNAUTHENTICATED', message: 'sign in first' };
        const q = ctx.query as z.infer<typeof EventsQuery>;
        const cursor = q.cursor === undefined ? undefined : decodeEventCursor(q.cursor);
        if (q.cursor !== undefined && !cursor)
          return {
            ok: false,
            code: 'SCHEMA_INVALID',
            message: 'query.cursor: not a cursor this server issued',
          };
        const res = await s.guard.readEvents(p, {
          subject,
          from: q.from ?? 0,
          to: q.to ?? Number.MAX_SAFE_INTEGER,
          limit: 0,
          page: { cursor, maxEvents: q.limit ?? 1_000 },
        });
        if (!res.ok) return { ok: false, code: 'FORBIDDEN', message: `denied: ${res.reason}` };
        const next = res.value.nextCursor;
        return {
          ok: true,
          value: {
            subject,
            events: res.value.events,
            shredded: res.value.shredded,
            nextCursor: next ? encodeEventCursor(next) : null,
          },
        };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/me/access',
      summary: 'Every recorded access to my data, from the audit log.',
      auth: 'token',
      action: 'me.access.read',
      resource: (ctx) => ({ type: 'subject', subject: ctx.principal?.subject }),
      query: AccessQuery,
      response: z.object({ entries: z.array(AccessEntry), nextCursor: z.string().nullable() }).strict(),
      handler: async (ctx) => {
        const q = ctx.query as z.infer<typeof AccessQuery>;
        const after = q.cursor === undefined ? -1 : decodeAccessCursor(q.cursor);
        if (after === undefined)
          return {
            ok: false,
            code: 'SCHEMA_INVALID',
            message: 'query.cursor: not a cursor this server issued',
          };
        const limit = q.limit ?? MAX_ACCESS_PAGE;
        // One more than asked: whether another page exists, without a count.
        const found = await s.audit.listForSubject(ctx.principal?.subject ?? '', limit + 1, after);
        const entries = found.slice(0, limit);
        const last = entries[entries.length - 1];
        return {
          ok: true,
          value: {
            nextCursor: found.length > limit && last ? encodeAccessCursor(last.idx) : null,
            entries: entries.map((e) => ({
              idx: e.idx,
              at: e.at,
              actor: { id: e.actor.id, role: e.actor.role },
              action: e.action,
              decision: e.decision,
              reason: e.reason,
              text: e.text,
            })),
          },
        };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/admin/enrol-tokens',
      summary: 'Create a single-use, expiring enrolment token for a subject.',
      auth: 'token',
      action: 'enrol_tokens.create',
      resource: (ctx) => ({ type: 'subject', subject: (ctx.body as z.infer<typeof EnrolTokenBody>).subject }),
      body: EnrolTokenBody,
      response: EnrolTokenResponse,
      successStatus: 201,
      handler: async (ctx) => {
        const b = ctx.body as z.infer<typeof EnrolTokenBody>;
        const erased = await s.db.query('SELECT 1 FROM subjects WHERE id = $1 AND erased_at IS NOT NULL', [
          b.subject,
        ]);
        if (erased.length > 0)
          return {
            ok: false,
            code: 'SUBJECT_ERASED',
            message: `subject ${b.subject} was erased; a privacy officer must re-invite them (steno invite EMAIL --role contributor --subject ${b.subject}) before a device can be enrolled`,
          };
        const t = await createEnrolToken(
          s.enrolment,
          b.subject,
          ctx.principal?.id ?? 'unknown',
          b.ttlMinutes ? b.ttlMinutes * 60_000 : undefined,
          b.region,
        );
        return { ok: true, value: { subject: b.subject, token: t.token, expiresAt: t.expiresAt } };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/admin/devices',
      summary:
        "List enrolled devices: id, name, enrolled, revoked (no keys, no data, no activity); `?subject=` for one person's devices.",
      auth: 'token',
      action: 'devices.list',
      resource: (ctx) => {
        const subject = (ctx.query as z.infer<typeof DevicesQuery>).subject;
        return subject ? { type: 'subject', subject } : { type: 'program' };
      },
      query: DevicesQuery,
      response: z.object({ devices: z.array(DeviceInfo) }).strict(),
      handler: async (ctx) => {
        const subject = (ctx.query as z.infer<typeof DevicesQuery>).subject;
        const devices = await listDevices(s.db, subject);
        return {
          ok: true,
          value: {
            devices: devices.map((d) => ({
              id: d.id,
              ...(subject ? { subject: d.subjectId } : {}),
              name: d.name,
              createdAt: d.createdAt,
              revokedAt: d.revokedAt,
            })),
          },
        };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/admin/devices/:id/revoke',
      summary: 'Revoke a device: its batches are refused from now on.',
      auth: 'token',
      action: 'devices.revoke',
      resource: (ctx) => ({ type: 'device', id: (ctx.params as z.infer<typeof IdParams>).id }),
      params: IdParams,
      body: Empty,
      response: z.object({ id: z.string(), revoked: z.boolean() }).strict(),
      handler: async (ctx) => {
        const id = (ctx.params as z.infer<typeof IdParams>).id;
        const revoked = await revokeDevice(s.db, id, s.now());
        if (!revoked) return { ok: false, code: 'NOT_FOUND', message: 'no such active device' };
        return { ok: true, value: { id, revoked } };
      },
    }),
  ];
}
