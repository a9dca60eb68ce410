/**
 * Break-glass over HTTP: an investigator requests access to named subjects' events for a stated
 * reason; two people other than the requester approve; the grant is read-only, expires (default
 * 4 h, at most 72 h), and every read under it goes through the guard and is shown to the subject.
 */
import { BREAKGLASS_REASON_CODES, type GrantInfo } from '@steno/policy';
import { StenoEvent, SubjectId } from '@steno/protocol';
import { z } from 'zod';
import type { Guard } from '../guard/guard.ts';
import {
  addApprover,
  findGrant,
  type GrantRecord,
  insertGrant,
  listGrantsOf,
  listPendingGrants,
  newGrantId,
} from '../program/breakglass-grants.ts';
import { isIncidentOpen } from '../program/incidents.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { type RouteDef, route } from './route-table.ts';

const HOUR = 3_600_000;

const RequestBody = z
  .object({
    reasonCode: z.enum(BREAKGLASS_REASON_CODES),
    reason: z.string().min(10).max(2_000),
    subjects: z.array(SubjectId).min(1).max(20),
    windowFrom: z.number().int().min(0),
    windowTo: z.number().int().min(0),
    ttlHours: z.number().min(0.25).max(72).optional(),
    /** The incident this investigation serves (reads may continue while it pauses the program). */
    incidentId: z
      .string()
      .regex(/^inc_[A-Za-z0-9_-]{12}$/)
      .optional(),
  })
  .strict();
const IdParams = z.object({ id: z.string().regex(/^bg_[A-Za-z0-9_-]{16}$/) }).strict();
const GrantView = z
  .object({
    id: z.string(),
    requester: z.string(),
    reasonCode: z.string(),
    subjects: z.array(z.string()),
    windowFrom: z.number().int(),
    windowTo: z.number().int(),
    incidentId: z.string().nullable(),
    notBefore: z.number().int(),
    expiresAt: z.number().int(),
    approvals: z.number().int(),
    usable: z.boolean(),
  })
  .strict();
const ReadQuery = z
  .object({
    subject: SubjectId,
    from: z.coerce.number().int().min(0).optional(),
    to: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(1_000).optional(),
  })
  .strict();

const view = (g: GrantRecord, now: number) => ({
  id: g.id,
  requester: g.requester,
  reasonCode: g.reasonCode,
  subjects: [...g.subjects],
  windowFrom: g.windowFrom,
  windowTo: g.windowTo,
  incidentId: g.incidentId ?? null,
  notBefore: g.notBefore,
  expiresAt: g.expiresAt,
  approvals: g.approvers.filter((a) => a !== g.requester).length,
  usable:
    g.approvers.filter((a) => a !== g.requester).length >= 2 &&
    !g.approvers.includes(g.requester) &&
    now < g.expiresAt,
});

export function breakglassRoutes(s: { db: SqlClient; guard: Guard; now: () => number }): RouteDef[] {
  const loaded = async (ctx: {
    params: unknown;
    locals: Record<string, unknown>;
  }): Promise<GrantRecord | undefined> => {
    if (!('grant' in ctx.locals))
      ctx.locals.grant = await findGrant(s.db, (ctx.params as z.infer<typeof IdParams>).id);
    return ctx.locals.grant as GrantRecord | undefined;
  };
  return [
    route({
      method: 'GET',
      url: '/v1/breakglass/requests',
      summary:
        'The approval queue: requests still short of two approvals and not expired, with their reason, subjects and window.',
      auth: 'token',
      action: 'breakglass.list',
      resource: () => ({ type: 'program' }),
      response: z
        .object({
          requests: z.array(
            GrantView.extend({ reason: z.string(), mine: z.boolean(), approvedByMe: z.boolean() }).strict(),
          ),
        })
        .strict(),
      handler: async (ctx) => {
        const me = ctx.principal?.id ?? '';
        const pending = await listPendingGrants(s.db, s.now());
        return {
          ok: true,
          value: {
            requests: pending.map((g) => ({
              ...view(g, s.now()),
              reason: g.reasonText,
              mine: g.requester === me,
              approvedByMe: g.approvers.includes(me),
            })),
          },
        };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/breakglass/grants',
      summary:
        "The caller's own break-glass requests, newest first (at most 200): waiting, usable or expired, with reason and approvers.",
      auth: 'token',
      action: 'breakglass.list',
      resource: () => ({ type: 'program' }),
      response: z
        .object({
          grants: z.array(GrantView.extend({ reason: z.string(), approvers: z.array(z.string()) }).strict()),
        })
        .strict(),
      handler: async (ctx) => {
        const me = ctx.principal?.id;
        const mine = me ? await listGrantsOf(s.db, me, 200) : [];
        const now = s.now();
        return {
          ok: true,
          value: {
            grants: mine.map((g) => ({
              ...view(g, now),
              reason: g.reasonText,
              approvers: g.approvers.filter((a) => a !== g.requester),
            })),
          },
        };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/breakglass/requests',
      summary:
        'Request break-glass access (investigators): reason code and text, subjects, event-time window, lifetime.',
      auth: 'token',
      action: 'breakglass.request',
      resource: (ctx) => ({ type: 'grant', id: ctx.locals.grantId as string }),
      context: async (ctx) => {
        const b = ctx.body as z.infer<typeof RequestBody>;
        const now = s.now();
        const grant: GrantRecord = {
          id: newGrantId(),
          requester: ctx.principal?.id ?? '',
          reasonCode: b.reasonCode,
          reasonText: b.reason,
          subjects: b.subjects,
          windowFrom: b.windowFrom,
          windowTo: b.windowTo,
          notBefore: now,
          expiresAt: now + (b.ttlHours ?? 4) * HOUR,
          approvers: [],
          readOnly: true,
          createdAt: now,
          ...(b.incidentId ? { incidentId: b.incidentId } : {}),
        };
        ctx.locals.grantId = grant.id;
        ctx.locals.grant = grant;
        return { grant };
      },
      body: RequestBody,
      response: GrantView,
      successStatus: 201,
      handler: async (ctx) => {
        const grant = ctx.locals.grant as GrantRecord;
        await insertGrant(s.db, grant);
        return { ok: true, value: view(grant, s.now()) };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/breakglass/requests/:id/approve',
      summary: 'Approve a break-glass request (two approvers, neither of them the requester).',
      auth: 'token',
      action: 'breakglass.approve',
      params: IdParams,
      body: z.object({}).strict(),
      resource: (ctx) => ({ type: 'grant', id: (ctx.params as z.infer<typeof IdParams>).id }),
      context: async (ctx) => {
        const g = await loaded(ctx);
        return g ? { grant: g as GrantInfo } : {};
      },
      response: GrantView,
      handler: async (ctx) => {
        const g = await loaded(ctx);
        if (!g) return { ok: false, code: 'NOT_FOUND', message: 'no such request' };
        if (ctx.principal?.id === g.requester)
          return { ok: false, code: 'FORBIDDEN', message: 'nobody approves their own request' };
        const updated = await s.db.transaction((tx) => addApprover(tx, g.id, ctx.principal?.id ?? ''));
        return updated
          ? { ok: true, value: view(updated, s.now()) }
          : { ok: false, code: 'NOT_FOUND', message: 'no such request' };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/breakglass/grants/:id/events',
      summary:
        "Read a named subject's events under an approved grant (through the guard; the subject sees the read).",
      auth: 'token',
      guarded: 'breakglass.read_events',
      params: IdParams,
      query: ReadQuery,
      response: z
        .object({
          grant: z.string(),
          subject: SubjectId,
          events: z.array(
            z.object({ batchId: z.string(), deviceId: z.string(), event: StenoEvent }).strict(),
          ),
        })
        .strict(),
      handler: async (ctx) => {
        const p = ctx.principal;
        if (!p) return { ok: false, code: 'UNAUTHENTICATED', message: 'sign in first' };
        const g = await loaded(ctx);
        if (!g) return { ok: false, code: 'NOT_FOUND', message: 'no such grant' };
        const q = ctx.query as z.infer<typeof ReadQuery>;
        const res = await s.guard.readEvents(
          p,
          { subject: q.subject, from: q.from ?? g.windowFrom, to: q.to ?? g.windowTo, limit: q.limit ?? 200 },
          { grant: g, incidentOpen: await isIncidentOpen(s.db, g.incidentId) },
        );
        if (!res.ok) return { ok: false, code: 'FORBIDDEN', message: `denied: ${res.reason}` };
        return { ok: true, value: { grant: g.id, subject: q.subject, events: res.value.events } };
      },
    }),
  ];
}
