/**
 * The HTTP edge: builds Fastify from the route table. It authenticates, asks the policy for
 * every declared action and audits the decision, parses every input by its schema, and maps
 * error codes to statuses. Logs carry method, route and status, never bodies, tokens or queries.
 */
import { randomUUID } from 'node:crypto';
import { checkCsrf, checkOrigin, readCookie, sessionCookieName } from '@steno/identity';
import { ERROR_CODES, type ErrorCode, LIMITS } from '@steno/protocol';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AuditLog } from '../audit/audit-log.ts';
import type { SecurityLog } from '../audit/security-log.ts';
import { checkApiToken } from '../auth/api-tokens.ts';
import type { People } from '../auth/people.ts';
import type { Principal } from '../auth/principal.ts';
import { isStenoError } from '../errors.ts';
import type { AccessPolicy } from '../guard/access-policy.ts';
import type { StenoMetrics } from '../ops/metrics.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { codeForFastifyError, STATUS_OF } from './error-status.ts';
import { openApiDocument } from './openapi.ts';
import { addSecurityHeaders, registerPortal } from './portal.ts';
import type { RouteContext, RouteDef } from './route-table.ts';

export interface AppDeps {
  routes: RouteDef[];
  db: SqlClient;
  policy: AccessPolicy;
  audit: AuditLog;
  /** Security entries for refusals that are not policy decisions (see security-log.ts). */
  security?: SecurityLog;
  now: () => number;
  metrics?: StenoMetrics;
  /** Browser sign-in (sessions); without it only API tokens authenticate. */
  people?: People;
  logLevel: string;
  /** The built portal to serve at `/` (default packages/portal/dist); null: no portal. */
  portalDir?: string | null;
  /** Where log lines go (default standard output); tests read them. */
  logStream?: NodeJS.WritableStream;
}

function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  requestId: string,
  details?: Readonly<Record<string, number | string>>,
): FastifyReply {
  return reply
    .status(STATUS_OF[code])
    .send({ error: { code, message, requestId, ...(details ? { details } : {}) } });
}

/** Codes a route's handler returns that are security-relevant by themselves. */
const HANDLER_SECURITY_CODES = new Set<ErrorCode>(['DATASET_PURPOSE_REFUSED']);

/** Query or body keys that name a person or a device: a refused request carrying them targets one. */
const TARGET_KEYS = ['subject', 'subjectId', 'subject[]', 'deviceId'] as const;

function targetOf(input: unknown): { key: string; value: string } | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  for (const key of TARGET_KEYS) {
    const v = (input as Record<string, unknown>)[key];
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string' && value.length <= 128) return { key, value };
  }
  return undefined;
}

function headerOf(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string' || !h.startsWith('Bearer ')) return undefined;
  return h.slice(7).trim();
}

export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    bodyLimit: LIMITS.maxBatchBytes,
    genReqId: () => randomUUID(),
    logger: {
      level: deps.logLevel,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      serializers: {
        req: (req: { method: string; routeOptions?: { url?: string }; id: string }) => ({
          method: req.method,
          route: req.routeOptions?.url ?? 'unmatched',
          id: req.id,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  });

  addSecurityHeaders(app);
  app.setErrorHandler((err: Error & { code?: string; statusCode?: number }, req, reply) => {
    if (isStenoError(err)) {
      if (STATUS_OF[err.code] >= 500)
        req.log.error({ code: err.code, err: { message: err.message } }, 'request failed');
      return sendError(reply, err.code, err.message, req.id, err.details);
    }
    const mapped =
      codeForFastifyError(err.code) ??
      (err instanceof SyntaxError && err.statusCode === 400 ? 'MALFORMED_JSON' : undefined);
    if (mapped) return sendError(reply, mapped, ERROR_CODES[mapped], req.id);
    req.log.error({ code: 'INTERNAL', errName: err.name, errCode: err.code }, 'unexpected fault');
    return sendError(reply, 'INTERNAL', ERROR_CODES.INTERNAL, req.id);
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, 'NOT_FOUND', 'no such route', req.id));

  for (const def of deps.routes) {
    app.route({
      method: def.method,
      url: def.url,
      handler: async (req, reply) => {
        let principal: Principal | undefined;
        let session: RouteContext<unknown, unknown, unknown>['session'];
        if (def.auth === 'token' || def.auth === 'optional') {
          const token = bearer(req);
          const sessionId = deps.people
            ? readCookie(req.headers.cookie, sessionCookieName(deps.people.cookies))
            : undefined;
          if (token) {
            const check = await checkApiToken(deps.db, token, deps.now());
            if (!check.ok) {
              if (check.code === 'TOKEN_REVOKED')
                await deps.security?.refused({
                  actor: { id: check.principal ?? 'unknown', role: 'token', tokenId: check.tokenId },
                  action: 'auth.token',
                  code: check.code,
                  subject: check.subject,
                  id: def.url,
                });
              return sendError(reply, check.code, ERROR_CODES[check.code], req.id);
            }
            principal = check.principal;
          } else if (deps.people && sessionId) {
            const resolved = await deps.people.sessions.resolve(sessionId);
            if (!resolved.ok) {
              const code = resolved.error.code === 'SESSION_EXPIRED' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED';
              return sendError(reply, code, ERROR_CODES[code], req.id);
            }
            if (req.method !== 'GET' && req.method !== 'HEAD') {
              // A cookie rides along on any request the browser makes: a change needs proof that
              // Steno's own page made it (its Origin and the session's CSRF token).
              const who = deps.people.principalOf(resolved.value);
              const crossSite = !checkOrigin(headerOf(req, 'origin'), deps.people.publicOrigin).ok
                ? ('ORIGIN_INVALID' as const)
                : !checkCsrf(resolved.value, headerOf(req, 'x-csrf-token')).ok
                  ? ('CSRF_INVALID' as const)
                  : undefined;
              if (crossSite) {
                await deps.security?.refused({
                  actor: { id: who.id, role: who.role },
                  action: 'http.session',
                  code: crossSite,
                  subject: who.subject,
                  id: def.url,
                });
                return sendError(reply, crossSite, ERROR_CODES[crossSite], req.id);
              }
            }
            principal = deps.people.principalOf(resolved.value);
            session = { id: sessionId, active: resolved.value };
          } else if (def.auth === 'token') {
            return sendError(reply, 'UNAUTHENTICATED', 'sign in or present a bearer token', req.id);
          }
        }
        const parse = <T>(
          schema: RouteDef['query'],
          value: unknown,
          what: string,
        ): { ok: true; value: T } | { ok: false } => {
          if (!schema) return { ok: true, value: value as T };
          const r = schema.safeParse(value ?? {});
          if (r.success) return { ok: true, value: r.data as T };
          // A choice names what it may be (a role, a basis kind): the caller can correct it at once.
          const choices = (i: (typeof r.error.issues)[number]) =>
            i.code === 'invalid_value' && i.values.length <= 12
              ? ` (one of ${i.values.map((v) => String(v)).join(', ')})`
              : '';
          const where = r.error.issues
            .slice(0, 5)
            .map((i) => `${i.path.join('.') || what}: ${i.code}${choices(i)}`)
            .join('; ');
          sendError(reply, 'SCHEMA_INVALID', `${what} does not match the schema (${where})`, req.id);
          return { ok: false };
        };
        /** A refused input that names someone else (a cross-subject query trick) leaves an entry. */
        const refusedInput = async (input: unknown, schema: RouteDef['query']): Promise<void> => {
          const target = targetOf(input);
          if (!target || !deps.security) return;
          // A field the route takes (an operator's `?subject=`, an invitation's subject) is no trick.
          const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
          if (shape && target.key in shape) return;
          let subject = target.key === 'deviceId' ? undefined : target.value;
          if (target.key === 'deviceId') {
            const d = await deps.db.query('SELECT subject_id FROM devices WHERE id = $1', [target.value]);
            subject = d[0] ? String(d[0].subject_id) : undefined;
          }
          if (principal && subject === principal.subject) return;
          await deps.security.refused({
            actor: principal
              ? { id: principal.id, role: principal.role, tokenId: principal.tokenId }
              : { id: 'unauthenticated', role: 'none' },
            action: 'http.input',
            code: 'SCHEMA_INVALID',
            subject,
            id: def.url,
          });
        };
        const query = parse(def.query, req.query, 'query');
        if (!query.ok) {
          await refusedInput(req.query, def.query);
          return reply;
        }
        const params = parse(def.params, req.params, 'params');
        if (!params.ok) return reply;
        let body: unknown = req.body;
        if (!def.rawBody && def.body) {
          const b = parse(def.body, req.body, 'body');
          if (!b.ok) {
            await refusedInput(req.body, def.body);
            return reply;
          }
          body = b.value;
        }
        const ctx: RouteContext<unknown, unknown, unknown> = {
          body,
          query: query.value,
          params: params.value,
          principal,
          requestId: req.id,
          locals: {},
          request: { url: req.url, headers: req.headers },
          ...(session ? { session } : {}),
          hijack: () => {
            reply.hijack();
            return reply.raw;
          },
        };
        if (def.action) {
          if (!principal) return sendError(reply, 'UNAUTHENTICATED', 'a bearer token is required', req.id);
          // The context first: it may load what the resource names (a new grant's id).
          const context = def.context ? await def.context(ctx) : undefined;
          const resource = def.resource ? def.resource(ctx) : { type: 'program' as const };
          const decision = deps.policy.authorize(principal, def.action, resource, context);
          deps.metrics?.decisions.inc({ action: def.action, outcome: decision.allow ? 'allow' : 'deny' });
          try {
            await deps.audit.append({
              at: deps.now(),
              actor: { id: principal.id, role: principal.role, tokenId: principal.tokenId },
              action: def.action,
              resource,
              decision: decision.allow ? 'allow' : 'deny',
              reason: decision.reason,
            });
          } catch (cause) {
            // A tampered log says so (with the first bad index); any other failure is unavailability.
            if (isStenoError(cause) && cause.code === 'AUDIT_TAMPERED') throw cause;
            req.log.error(
              { code: 'AUDIT_UNAVAILABLE', errName: (cause as Error).name },
              'audit append failed',
            );
            return sendError(reply, 'AUDIT_UNAVAILABLE', ERROR_CODES.AUDIT_UNAVAILABLE, req.id);
          }
          if (!decision.allow) {
            req.log.info({ action: def.action, reason: decision.reason }, 'denied');
            return sendError(reply, 'FORBIDDEN', `denied: ${decision.reason}`, req.id);
          }
        }
        const out = await def.handler(ctx);
        if (!out.ok) {
          if (HANDLER_SECURITY_CODES.has(out.code) && principal)
            await deps.security?.refused({
              actor: { id: principal.id, role: principal.role, tokenId: principal.tokenId },
              action: def.action ?? 'http.handler',
              code: out.code,
              id: def.url,
            });
          return sendError(reply, out.code, out.message, req.id);
        }
        if (out.hijacked) return reply;
        if (def.contentType) reply.type(def.contentType);
        if (out.headers) for (const [k, v] of Object.entries(out.headers)) reply.header(k, v);
        return reply.status(out.status ?? def.successStatus ?? 200).send(out.value);
      },
    });
  }
  const doc = openApiDocument(deps.routes);
  app.get('/openapi.json', async () => doc);
  if (deps.portalDir !== null) registerPortal(app, deps.portalDir);
  return app;
}
