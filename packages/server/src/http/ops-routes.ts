/**
 * Operations: readiness (database, key store, queue), Prometheus metrics, and the program-wide
 * volume of captured events over time. Aggregates only: no route here can name a person, and a
 * time bucket with fewer than K_MIN distinct contributors is suppressed.
 */
import { z } from 'zod';
import type { KeyStore } from '../crypto/key-store.ts';
import type { StenoMetrics } from '../ops/metrics.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { num } from '../store/sql-client.ts';
import { type RouteDef, route } from './route-table.ts';

/** A volume bucket is shown only when at least this many contributors are in it. */
export const K_MIN = 5;

export function opsRoutes(s: {
  db: SqlClient;
  keys: KeyStore;
  metrics: StenoMetrics;
  queueReady?: () => Promise<boolean>;
  now: () => number;
}): RouteDef[] {
  const probe = async (fn: () => Promise<unknown>) => {
    try {
      return (await Promise.race([
        fn().then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 2_000).unref()),
      ])) as boolean;
    } catch {
      return false;
    }
  };
  return [
    route({
      method: 'GET',
      url: '/readyz',
      summary: 'Readiness: the database, the key store and (in production mode) the queue answer.',
      auth: 'none',
      response: z
        .object({ status: z.enum(['ready', 'not_ready']), checks: z.record(z.string(), z.boolean()) })
        .strict(),
      handler: async () => {
        const checks: Record<string, boolean> = {
          database: await probe(() => s.db.query('SELECT 1')),
          keyStore: await probe(() => s.keys.check()),
        };
        if (s.queueReady)
          checks.queue = await probe(async () => {
            if (!(await s.queueReady?.())) throw new Error('queue not ready');
          });
        const ready = Object.values(checks).every(Boolean);
        return {
          ok: true,
          status: ready ? 200 : 503,
          value: { status: ready ? 'ready' : 'not_ready', checks },
        };
      },
    }),
    route({
      method: 'GET',
      url: '/metrics',
      summary: 'Prometheus metrics of this process (aggregates only; `program:read` scope).',
      auth: 'token',
      action: 'metrics.read',
      resource: () => ({ type: 'program' }),
      response: z.string(),
      contentType: 'text/plain; version=0.0.4; charset=utf-8',
      handler: async () => ({ ok: true, value: await s.metrics.text() }),
    }),
    route({
      method: 'GET',
      url: '/v1/program/volume',
      summary: `Program-wide captured events per hour or day (buckets with fewer than ${K_MIN} contributors suppressed).`,
      auth: 'token',
      action: 'metrics.read',
      resource: () => ({ type: 'program' }),
      query: z
        .object({
          days: z.coerce.number().int().min(1).max(90).default(7),
          bucket: z.enum(['hour', 'day']).default('day'),
        })
        .strict(),
      response: z
        .object({
          bucket: z.enum(['hour', 'day']),
          kMin: z.number().int(),
          series: z.array(
            z
              .object({
                start: z.number().int(),
                events: z.number().int().nullable(),
                batches: z.number().int().nullable(),
              })
              .strict(),
          ),
        })
        .strict(),
      handler: async (ctx) => {
        const width = ctx.query.bucket === 'hour' ? 3_600_000 : 86_400_000;
        const since = Math.floor((s.now() - ctx.query.days * 86_400_000) / width) * width;
        const rows = await s.db.query(
          `SELECT (received_at / $2) * $2 AS start, sum(event_count) AS events, count(*) AS batches,
                  count(DISTINCT subject_id) AS people
             FROM batches WHERE received_at >= $1 GROUP BY 1 ORDER BY 1`,
          [since, width],
        );
        return {
          ok: true,
          value: {
            bucket: ctx.query.bucket,
            kMin: K_MIN,
            series: rows.map((r) => {
              const shown = num(r.people) >= K_MIN;
              return {
                start: num(r.start),
                events: shown ? num(r.events) : null,
                batches: shown ? num(r.batches) : null,
              };
            }),
          },
        };
      },
    }),
  ];
}
