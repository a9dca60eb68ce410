/** The capture program over HTTP: the scope (versioned, audited), leases and the push stream to agents. */
import { CaptureScope, LeaseRequest, SignedLease } from '@steno/protocol';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import { checkDeviceRequest } from '../ingest/device-request.ts';
import { currentScope, invalidPatterns, setScope } from '../program/capture-scope.ts';
import type { DeviceStreams } from '../program/device-streams.ts';
import type { LeaseIssuer } from '../program/lease-issuer.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { type RouteDef, route } from './route-table.ts';

export interface ProgramServices {
  db: SqlClient;
  audit: AuditLog;
  leases: LeaseIssuer;
  streams: DeviceStreams;
  now: () => number;
}

const ScopeResponse = z
  .object({ version: z.number().int(), scope: CaptureScope, createdAt: z.number().int() })
  .strict();
const StreamQuery = z
  .object({
    deviceId: z.string().min(1).max(100),
    issuedAt: z.coerce.number().int(),
    nonce: z.string().min(16).max(64),
    proof: z.string().length(86),
  })
  .strict();

export function programRoutes(s: ProgramServices): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/v1/program/scope',
      summary:
        'The capture scope in force: which applications, titles and sites are captured, at which level.',
      auth: 'token',
      action: 'scope.read',
      resource: () => ({ type: 'program' }),
      response: ScopeResponse,
      handler: async () => {
        const cur = await currentScope(s.db);
        return { ok: true, value: { version: cur.version, scope: cur.scope, createdAt: cur.createdAt } };
      },
    }),
    route({
      method: 'PUT',
      url: '/v1/program/scope',
      summary:
        'Set a new capture scope version (privacy officers). It reaches agents with their next lease or push.',
      auth: 'token',
      action: 'scope.write',
      resource: () => ({ type: 'program' }),
      body: CaptureScope,
      response: z.object({ version: z.number().int(), devicesNotified: z.number().int() }).strict(),
      handler: async (ctx) => {
        const scope = ctx.body as CaptureScope;
        const bad = invalidPatterns(scope);
        if (bad.length)
          return {
            ok: false,
            code: 'SCHEMA_INVALID',
            message: `invalid regular expression at ${bad.join(', ')}`,
          };
        const by = ctx.principal?.id ?? 'unknown';
        const version = await s.db.transaction((tx) => setScope(tx, scope, by, s.now()));
        await s.audit.append({
          at: s.now(),
          actor: { id: by, role: ctx.principal?.role ?? 'unknown' },
          action: 'scope.changed',
          resource: { type: 'program', id: `scope:${version}` },
          decision: 'allow',
          reason: 'new_version',
          details: { version, apps: scope.apps.length, sites: scope.sites.length },
        });
        const devicesNotified = await s.streams.broadcast();
        return { ok: true, value: { version, devicesNotified } };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/device/lease',
      summary: 'A fresh capture lease for the calling device (device-signed request).',
      auth: 'none',
      body: LeaseRequest,
      response: SignedLease,
      handler: async (ctx) => {
        const req = ctx.body as LeaseRequest;
        const check = await checkDeviceRequest(s.db, req, s.now());
        if (!check.ok) return check;
        return { ok: true, value: await s.leases.issue(check.device) };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/device/stream',
      summary:
        'Server-sent events to a connected agent: each event is a fresh signed lease (a pause is a paused lease).',
      auth: 'none',
      query: StreamQuery,
      response: z.string(),
      contentType: 'text/event-stream',
      handler: async (ctx) => {
        const q = ctx.query as z.infer<typeof StreamQuery>;
        const check = await checkDeviceRequest(s.db, { ...q, purpose: 'stream' }, s.now());
        if (!check.ok) return check;
        await s.streams.open(check.device, ctx.hijack());
        return { ok: true, hijacked: true };
      },
    }),
  ];
}
