/** Consent over HTTP: privacy officers publish notices; contributors read, give and withdraw consent. */
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import { revokeSubjectDeviceTokens } from '../auth/api-tokens.ts';
import type { Guard } from '../guard/guard.ts';
import { consentState, currentNotice, publishNotice, recordConsent } from '../program/consent.ts';
import type { DatasetBuilds } from '../program/dataset-builds.ts';
import type { DeviceStreams } from '../program/device-streams.ts';
import { exportSubject } from '../program/subject-export.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { type RouteDef, route } from './route-table.ts';

const NoticeBody = z.object({ markdown: z.string().min(20).max(100_000) }).strict();
const ConsentBody = z
  .object({
    version: z.number().int().min(1),
    decision: z.enum(['give', 'withdraw']),
    channel: z.enum(['portal', 'cli', 'agent']).optional(),
  })
  .strict();
const ConsentView = z
  .object({
    notice: z
      .object({ version: z.number().int(), markdown: z.string(), publishedAt: z.number().int() })
      .strict()
      .nullable(),
    current: z.boolean(),
    history: z.array(
      z
        .object({
          version: z.number().int(),
          decision: z.enum(['given', 'withdrawn']),
          channel: z.string(),
          at: z.number().int(),
        })
        .strict(),
    ),
  })
  .strict();

/** A contributor left: every dataset version holding their data is revoked, and the revocation audited. */
export async function revokeDatasets(
  s: { datasets?: DatasetBuilds; audit: AuditLog; now: () => number },
  subject: string,
  reason: 'consent_withdrawn' | 'erased',
): Promise<void> {
  const revoked = (await s.datasets?.revokeForSubject(subject, reason)) ?? [];
  for (const d of revoked)
    await s.audit.append({
      at: s.now(),
      actor: { id: 'steno', role: 'system' },
      action: 'datasets.revoked',
      resource: { type: 'dataset', id: d.id },
      decision: 'allow',
      reason,
      details: { name: d.name, version: d.version },
    });
}

const PauseView = z
  .object({ paused: z.boolean(), until: z.number().int().nullable(), devicesNotified: z.number().int() })
  .strict();

export function consentRoutes(s: {
  db: SqlClient;
  streams: DeviceStreams;
  guard: Guard;
  audit: AuditLog;
  now: () => number;
  datasets?: DatasetBuilds;
}): RouteDef[] {
  const view = async (subject: string) => {
    const st = await consentState(s.db, subject);
    return { notice: st.notice ?? null, current: st.current, history: st.history };
  };
  return [
    route({
      method: 'POST',
      url: '/v1/program/notices',
      summary:
        'Publish a new consent notice version (Markdown); capture is suspended until each contributor accepts it.',
      auth: 'token',
      action: 'consent.notice.publish',
      resource: () => ({ type: 'program' }),
      body: NoticeBody,
      response: z.object({ version: z.number().int(), devicesNotified: z.number().int() }).strict(),
      successStatus: 201,
      handler: async (ctx) => {
        const b = ctx.body as z.infer<typeof NoticeBody>;
        const version = await s.db.transaction((tx) =>
          publishNotice(tx, b.markdown, ctx.principal?.id ?? 'unknown', s.now()),
        );
        return { ok: true, value: { version, devicesNotified: await s.streams.broadcast() } };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/me/consent',
      summary: 'The current consent notice and my consent history.',
      auth: 'token',
      action: 'me.consent',
      resource: (ctx) => ({ type: 'subject', subject: ctx.principal?.subject }),
      response: ConsentView,
      handler: async (ctx) => ({ ok: true, value: await view(ctx.principal?.subject ?? '') }),
    }),
    route({
      method: 'POST',
      url: '/v1/me/consent',
      summary:
        'Give or withdraw my consent to a notice version; withdrawal stops capture on my devices at once.',
      auth: 'token',
      action: 'me.consent',
      resource: (ctx) => ({ type: 'subject', subject: ctx.principal?.subject }),
      body: ConsentBody,
      response: ConsentView,
      handler: async (ctx) => {
        const subject = ctx.principal?.subject ?? '';
        const b = ctx.body as z.infer<typeof ConsentBody>;
        const st = await consentState(s.db, subject);
        if (!st.notice || st.notice.version !== b.version) {
          return { ok: false, code: 'NOT_FOUND', message: 'that is not the current notice version' };
        }
        await recordConsent(
          s.db,
          subject,
          b.version,
          b.decision === 'give' ? 'given' : 'withdrawn',
          b.channel ?? 'portal',
          s.now(),
        );
        await s.streams.broadcast((d) => d.subjectId === subject);
        if (b.decision === 'withdraw') {
          await revokeDatasets(s, subject, 'consent_withdrawn');
          // The read tokens the contributor's devices minted go with the consent (issue 15); the
          // contributor keeps the portal to see, export and erase what was captured.
          await revokeSubjectDeviceTokens(s.db, subject, s.now());
        }
        return { ok: true, value: await view(subject) };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/me/pause',
      summary:
        'Pause capture on all my devices for a while (pushed to them at once); only I decide it, both ways.',
      auth: 'token',
      action: 'me.consent',
      resource: (ctx) => ({ type: 'subject', subject: ctx.principal?.subject }),
      body: z
        .object({
          minutes: z
            .number()
            .int()
            .min(1)
            .max(7 * 24 * 60),
        })
        .strict(),
      response: PauseView,
      handler: async (ctx) => {
        const subject = ctx.principal?.subject;
        if (!subject) return { ok: false, code: 'FORBIDDEN', message: 'no subject' };
        const until = s.now() + ctx.body.minutes * 60_000;
        const now = s.now();
        await s.db.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO contributor_pauses (subject_id, until, paused_at) VALUES ($1, $2, $3)
             ON CONFLICT (subject_id) DO UPDATE SET until = $2, paused_at = $3`,
            [subject, until, now],
          );
          // The interval ingest judges events by (issue 15); a new pause replaces a running one.
          await tx.query(
            "UPDATE capture_pause_log SET ended_at = $2 WHERE scope_kind = 'subject' AND scope_id = $1 AND ended_at > $2",
            [subject, now],
          );
          await tx.query(
            "INSERT INTO capture_pause_log (scope_kind, scope_id, started_at, ended_at) VALUES ('subject', $1, $2, $3)",
            [subject, now, until],
          );
        });
        const devicesNotified = await s.streams.broadcast((d) => d.subjectId === subject);
        return { ok: true, value: { paused: true, until, devicesNotified } };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/me/resume',
      summary: 'End my pause: capture resumes on my devices (within the program scope and my consent).',
      auth: 'token',
      action: 'me.consent',
      resource: (ctx) => ({ type: 'subject', subject: ctx.principal?.subject }),
      body: z.object({}).strict(),
      response: PauseView,
      handler: async (ctx) => {
        const subject = ctx.principal?.subject;
        if (!subject) return { ok: false, code: 'FORBIDDEN', message: 'no subject' };
        await s.db.transaction(async (tx) => {
          await tx.query('DELETE FROM contributor_pauses WHERE subject_id = $1', [subject]);
          await tx.query(
            "UPDATE capture_pause_log SET ended_at = $2 WHERE scope_kind = 'subject' AND scope_id = $1 AND ended_at > $2",
            [subject, s.now()],
          );
        });
        const devicesNotified = await s.streams.broadcast((d) => d.subjectId === subject);
        return { ok: true, value: { paused: false, until: null, devicesNotified } };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/me/pause',
      summary: 'Whether I paused capture, and until when.',
      auth: 'token',
      action: 'me.consent',
      resource: (ctx) => ({ type: 'subject', subject: ctx.principal?.subject }),
      response: PauseView,
      handler: async (ctx) => {
        const r = (
          await s.db.query('SELECT until FROM contributor_pauses WHERE subject_id = $1 AND until > $2', [
            ctx.principal?.subject ?? '',
            s.now(),
          ])
        )[0];
        return { ok: true, value: { paused: !!r, until: r ? Number(r.until) : null, devicesNotified: 0 } };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/program/notices/current',
      summary: 'The consent notice in force (what every contributor is asked to accept).',
      auth: 'token',
      action: 'scope.read',
      resource: () => ({ type: 'program' }),
      response: z
        .object({
          notice: z
            .object({ version: z.number().int(), markdown: z.string(), publishedAt: z.number().int() })
            .strict()
            .nullable(),
        })
        .strict(),
      handler: async () => {
        const n = await currentNotice(s.db);
        return {
          ok: true,
          value: {
            notice: n ? { version: n.version, markdown: n.markdown, publishedAt: n.publishedAt } : null,
          },
        };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/me/export',
      summary:
        'Everything Steno holds about me — events, consent history, access log, devices — as a zip of JSON and a readable page.',
      auth: 'token',
      action: 'me.export',
      resource: (ctx) => ({ type: 'subject', subject: ctx.principal?.subject }),
      response: z.custom<Uint8Array>(),
      contentType: 'application/zip',
      handler: async (ctx) => {
        const p = ctx.principal;
        if (!p?.subject) return { ok: false, code: 'FORBIDDEN', message: 'no subject' };
        const out = await exportSubject(s, p, p.subject);
        if (!out.ok) return { ok: false, code: 'FORBIDDEN', message: `denied: ${out.reason}` };
        return { ok: true, value: Buffer.from(out.zip) };
      },
    }),
  ];
}
