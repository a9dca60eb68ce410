/**
 * The HTTP API as data: every route declares its method, path, schemas, how the caller
 * authenticates and which policy action it needs. Fastify registration, the OpenAPI document
 * and the access-matrix test are all generated from this one table.
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { ActiveSession } from '@steno/identity';
import type { ErrorCode } from '@steno/protocol';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import type { AccessContext, Action, ResourceRef } from '../guard/access-policy.ts';

export type AuthKind =
  /** No credential (health, OpenAPI, enrolment with its own token, batches signed by a device key). */
  | 'none'
  /**
   * A signed-in principal: an API token in `Authorization: Bearer`, or a browser session cookie
   * (then state-changing methods also need the CSRF header and Steno's own Origin).
   */
  | 'token'
  /**
   * As `token` when a credential is presented (a bad one is refused the same way); without any,
   * the handler runs with no principal. Only for "who am I" (the portal's session check), where
   * "nobody" is an answer, not an error.
   */
  | 'optional';

export interface RouteContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  principal: Principal | undefined;
  requestId: string;
  /** Takes the raw response over (server-sent events); the route then answers `{ ok: true, hijacked: true }`. */
  hijack: () => ServerResponse;
  /** Per-request values shared between `context` and the handler. */
  locals: Record<string, unknown>;
  /** The raw request line's path and query, and the headers (auth routes read cookies and Origin). */
  request: { url: string; headers: IncomingHttpHeaders };
  /** The browser session the principal came from, if it came from one. */
  session?: { id: string; active: ActiveSession };
}

export type RouteResult<R> =
  | { ok: true; status?: number; value: R; hijacked?: false; headers?: Record<string, string | string[]> }
  | { ok: true; hijacked: true }
  | { ok: false; code: ErrorCode; message: string };

export interface RouteDef<B = unknown, Q = unknown, P = unknown, R = unknown> {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  url: string;
  summary: string;
  auth: AuthKind;
  /**
   * The policy action the route needs. Routes that read event data leave the decision to the
   * guard (`guarded`), which authorises and audits each read itself.
   */
  action?: Action;
  guarded?: Action;
  resource?: (ctx: RouteContext<B, Q, P>) => ResourceRef;
  /** What else the decision needs (a break-glass grant); may stash values in `ctx.locals`. */
  context?: (ctx: RouteContext<B, Q, P>) => Promise<AccessContext>;
  body?: z.ZodType<B>;
  /**
   * The handler parses the body itself (version first, then signature over the raw object, then
   * schema); `body` then only documents it.
   */
  rawBody?: boolean;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  response: z.ZodType<R>;
  successStatus?: number;
  /** For non-JSON responses (e.g. a signed checkpoint as text/plain). */
  contentType?: string;
  handler: (ctx: RouteContext<B, Q, P>) => Promise<RouteResult<R>>;
}

/** Helper that keeps each route's generic types while collecting them in one array. */
export function route<B, Q, P, R>(def: RouteDef<B, Q, P, R>): RouteDef {
  return def as unknown as RouteDef;
}
