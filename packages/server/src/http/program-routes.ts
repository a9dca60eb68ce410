/** The capture program over HTTP: the scope (versioned, audited), leases and the push stream to agents. */
import { CaptureScope, LeaseRequest, SignedLease } from '@steno/protocol';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import { checkDeviceRequest } from '../ingest/device-request.ts';
import { currentScope, invalidPatterns, setScope } from '../program/capture-scope.ts';
import type { Shredder } from '../program/crypto-shredding.ts';
import type { DatasetBuilds } from '../program/dataset-builds.ts';
import type { DeviceStreams } from '../program/device-streams.ts';
import type { KillSwitch, PauseScope } from '../program/kill-switch.ts';
import type { LeaseIssuer } from '../program/lease-issuer.ts';
import type { SqlClient } from '../store/sql-client.ts';
import type { DeviceRow } from '../store/subjects-repo.ts';
import { revokeDatasets } from './consent-routes.ts';
import { type RouteDef, route } from './route-table.ts';

export interface ProgramServices {
  db: SqlClient;
  audit: AuditLog;
  leases: LeaseIssuer;
  streams: DeviceStreams;
  now: () => number;
}

const ScopeResponse = z
  .object({
    version: z.number().int(),
    scope: CaptureScope,
    /** null for version 0: no privacy officer has set a scope yet. */
    createdAt: z.number().int().nullable(),
  })
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

const PauseScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('global') }).strict(),
  z.object({ kind: z.literal('org_unit'), id: z.string().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('device'), id: z.string().min(1).max(100) }).strict(),
]);
const PauseBody = z.object({ scope: PauseScopeSchema, reason: z.string().min(1).max(200) }).strict();
const ResumeBody = z.object({ scope: PauseScopeSchema }).strict();

export interface KillSwitchServices extends ProgramServices {
  datasets?: DatasetBuilds;
  killSwitch: KillSwitch;
  shredder: Shredder;
  retentionMs: number;
}

export function killSwitchRoutes(s: KillSwitchServices): RouteDef[] {
  const affects = (scope: PauseScope) => (device: DeviceRow) =>
    scope.kind === 'global' ||
    (scope.kind === 'device' && device.id === scope.id) ||
    scope.kind === 'org_unit';
  return [
    route({
      method: 'GET',
      url: '/v1/program/status',
      summary: 'Program state: every pause in force (global, org unit, device), and pending resume requests.',
      auth: 'token',
      action: 'program.status',
      resource: () => ({ type: 'program' }),
      response: z
        .object({ paused: z.boolean(), states: z.array(z.record(z.string(), z.unknown())) })
        .strict(),
      handler: async (ctx) => {
        const states = (await s.killSwitch.status()).map(({ resumeRequestedBy, ...st }) => ({
          ...st,
          // Whether the caller is the officer who asked: a second officer must confirm.
          resumeRequestedByMe: resumeRequestedBy !== null && resumeRequestedBy === ctx.principal?.id,
        }));
        return {
          ok: true,
          value: { paused: states.some((x) => x.kind === 'global' && x.state === 'paused'), states },
        };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/program/pause',
      summary:
        'The kill switch: pause capture (global, org unit or device); pushed to connected agents at once.',
      auth: 'token',
      action: 'program.pause',
      resource: () => ({ type: 'program' }),
      body: PauseBody,
      response: z.object({ state: z.literal('paused'), devicesNotified: z.number().int() }).strict(),
      handler: async (ctx) => {
        const b = ctx.body as z.infer<typeof PauseBody>;
        const { epoch } = await s.killSwitch.pause(
          b.scope,
          b.reason,
          ctx.principal?.id ?? 'unknown',
          s.now(),
        );
        // A global pause reaches every connected agent first as one signed notice (issue 19).
        if (b.scope.kind === 'global') await s.streams.announcePause(epoch);
        const devicesNotified = await s.streams.broadcast(affects(b.scope));
        return { ok: true, value: { state: 'paused' as const, devicesNotified } };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/program/resume',
      summary: 'Resume capture: a second privacy officer must confirm the first one’s request.',
      auth: 'token',
      action: 'program.resume',
      resource: () => ({ type: 'program' }),
      body: ResumeBody,
      response: z
        .object({ state: z.enum(['active', 'resume_pending']), devicesNotified: z.number().int() })
        .strict(),
      handler: async (ctx) => {
        const b = ctx.body as z.infer<typeof ResumeBody>;
        const out = await s.killSwitch.resume(b.scope, ctx.principal?.id ?? 'unknown', s.now());
        if (!out.ok) {
          return out.reason === 'same_officer'
            ? { ok: false, code: 'FORBIDDEN', message: 'resuming needs a second privacy officer' }
            : { ok: false, code: 'NOT_FOUND', message: 'that scope is not paused' };
        }
        const devicesNotified = out.state === 'active' ? await s.streams.broadcast(affects(b.scope)) : 0;
        return { ok: true, value: { state: out.state, devicesNotified } };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/program/retention/run',
      summary:
        'Apply retention now (it also runs hourly): delete expired ciphertext, destroy expired month keys.',
      auth: 'token',
      action: 'retention.run',
      resource: () => ({ type: 'program' }),
      body: z.object({}).strict(),
      response: z.object({ keysDestroyed: z.number().int(), chunksDeleted: z.number().int() }).strict(),
      handler: async () => ({ ok: true, value: await s.shredder.applyRetention(s.retentionMs, s.now()) }),
    }),
    route({
      method: 'POST',
      url: '/v1/me/erase',
      summary:
        'Erase me: destroy all my data keys (crypto-shredding), delete my ciphertext, revoke my devices and tokens.',
      auth: 'token',
      action: 'me.erase',
      resource: (ctx) => ({ type: 'subject', subject: ctx.principal?.subject }),
      body: z.object({ confirm: z.literal('erase my data') }).strict(),
      response: z.object({ keysDestroyed: z.number().int(), chunksDeleted: z.number().int() }).strict(),
      handler: async (ctx) => {
        const subject = ctx.principal?.subject;
        if (!subject) return { ok: false, code: 'FORBIDDEN', message: 'no subject' };
        await s.streams.broadcast((d) => d.subjectId === subject);
        const out = await s.shredder.eraseSubject(subject, s.now());
        await revokeDatasets(s, subject, 'erased');
        return { ok: true, value: out };
      },
    }),
  ];
}
