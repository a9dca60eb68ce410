/**
 * A contributor's review of the tasks they marked (issue 17): keep or drop each one, and describe
 * it in their own words. Reads and writes go through the guard (`me.review`: authorised, audited,
 * sealed under the contributor's data key); the description passes the privacy filter like typed
 * text before anything stores it. Dataset builds honour the reviews (a dropped task never enters
 * a dataset; the spec's `reviewedOnly` keeps only kept ones).
 */
import { redactText } from '@steno/privacy';
import { z } from 'zod';
import type { Guard } from '../guard/guard.ts';
import { type RouteDef, route } from './route-table.ts';

const TaskIdParams = z.object({ taskId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict();
const ReviewBody = z
  .object({
    decision: z.enum(['keep', 'drop']),
    /** In the contributor's words (1-200 characters once trimmed); null or absent: none. */
    description: z.string().trim().min(1).max(200).nullable().optional(),
  })
  .strict();
const Review = z
  .object({
    taskId: z.string(),
    decision: z.enum(['keep', 'drop']),
    /** As stored: filtered on the server like typed text; null when none (or its key was destroyed). */
    description: z.string().nullable(),
    reviewedAt: z.number().int(),
  })
  .strict();

export function reviewRoutes(s: { guard: Guard }): RouteDef[] {
  const mine = (ctx: { principal?: { subject?: string | undefined } | undefined }) => ({
    type: 'subject' as const,
    subject: ctx.principal?.subject,
  });
  return [
    route({
      method: 'GET',
      url: '/v1/me/reviews',
      summary:
        'My reviews of the tasks I marked: keep or drop, and my description (through the guard, audited).',
      auth: 'token',
      guarded: 'me.review',
      resource: mine,
      response: z.object({ reviews: z.array(Review) }).strict(),
      handler: async (ctx) => {
        const p = ctx.principal;
        if (!p) return { ok: false, code: 'UNAUTHENTICATED', message: 'sign in first' };
        // A principal with no subject is asked too: the guard refuses and audits the refusal.
        const out = await s.guard.readReviews(p, p.subject ?? '');
        if (!out.ok) return { ok: false, code: 'FORBIDDEN', message: `denied: ${out.reason}` };
        return { ok: true, value: { reviews: out.value } };
      },
    }),
    route({
      method: 'PUT',
      url: '/v1/me/reviews/:taskId',
      summary:
        'Review one of my tasks: keep it or drop it from every later dataset, and describe it (filtered like typed text; through the guard, audited).',
      auth: 'token',
      guarded: 'me.review',
      resource: mine,
      params: TaskIdParams,
      body: ReviewBody,
      response: Review,
      handler: async (ctx) => {
        const p = ctx.principal;
        if (!p) return { ok: false, code: 'UNAUTHENTICATED', message: 'sign in first' };
        const b = ctx.body as z.infer<typeof ReviewBody>;
        // Secrets and personal data in the description become markers before anything stores it.
        const description = b.description ? redactText(b.description).text : null;
        if (description !== null && description.length > 200)
          return {
            ok: false,
            code: 'SCHEMA_INVALID',
            message: 'body.description: longer than 200 characters once filtered; shorten it',
          };
        const out = await s.guard.writeReview(p, p.subject ?? '', {
          taskId: (ctx.params as z.infer<typeof TaskIdParams>).taskId,
          decision: b.decision,
          description,
        });
        if (!out.ok) return { ok: false, code: 'FORBIDDEN', message: `denied: ${out.reason}` };
        return { ok: true, value: out.value };
      },
    }),
  ];
}
