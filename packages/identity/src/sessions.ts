/**
 * Sessions after sign-in: 256-bit random ids of which only a digest is stored, an idle timeout and
 * an absolute lifetime, a fresh id at every sign-in (the previous one is destroyed, against
 * session fixation), and a CSRF token per session that the page sends back in a header.
 *
 * The CSRF token is derived from the session id by a one-way hash with its own label, so it needs
 * no storage, cannot be turned back into the session id, and differs from the stored digest.
 */
import { constantTimeEqual, randomToken, tokenDigest } from './random-token.ts';
import { fail, ok, type Result } from './result.ts';
import type { SessionRecord, SessionStore } from './session-store.ts';

export interface ActiveSession {
  subject: string;
  role: string;
  authMethod: 'oidc' | 'local';
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  /** Give this to the page (e.g. in the response body of GET /v1/auth/session), never in a cookie. */
  csrfToken: string;
}

export type SessionFailure = { code: 'SESSION_INVALID' } | { code: 'SESSION_EXPIRED' };

export interface Sessions {
  /**
   * Start a session after a successful sign-in. `previousId` (the session cookie the browser sent,
   * if any) is destroyed: a sign-in always yields a new id.
   */
  signIn(
    who: { subject: string; role: string; authMethod: 'oidc' | 'local' },
    previousId?: string,
  ): Promise<{ id: string; session: ActiveSession }>;
  /** The session for a cookie value, refreshing its idle timer. */
  resolve(id: string | undefined): Promise<Result<ActiveSession, SessionFailure>>;
  signOut(id: string): Promise<void>;
  signOutEverywhere(subject: string): Promise<void>;
}

export interface SessionOptions {
  store: SessionStore;
  /** Default 30 minutes. */
  idleTimeoutMs?: number;
  /** Default 12 hours. */
  absoluteTimeoutMs?: number;
  now?: () => number;
}

/** Writes of `lastSeenAt` are skipped when the last one is this recent. */
const TOUCH_INTERVAL_MS = 60_000;

export function createSessions(options: SessionOptions): Sessions {
  const { store } = options;
  const idle = options.idleTimeoutMs ?? 30 * 60_000;
  const absolute = options.absoluteTimeoutMs ?? 12 * 3_600_000;
  const now = options.now ?? Date.now;

  return {
    async signIn(who, previousId) {
      if (previousId !== undefined) await store.delete(tokenDigest('session', previousId));
      const id = randomToken(32);
      const t = now();
      const record: SessionRecord = {
        idDigest: tokenDigest('session', id),
        subject: who.subject,
        role: who.role,
        authMethod: who.authMethod,
        createdAt: t,
        lastSeenAt: t,
        expiresAt: t + absolute,
      };
      await store.create(record);
      return { id, session: active(record, id) };
    },

    async resolve(id) {
      if (id === undefined || !/^[A-Za-z0-9_-]{43}$/.test(id)) return fail({ code: 'SESSION_INVALID' });
      const digest = tokenDigest('session', id);
      const record = await store.get(digest);
      if (record === undefined) return fail({ code: 'SESSION_INVALID' });
      const t = now();
      if (t >= record.expiresAt || t - record.lastSeenAt >= idle) {
        await store.delete(digest);
        return fail({ code: 'SESSION_EXPIRED' });
      }
      if (t - record.lastSeenAt >= TOUCH_INTERVAL_MS) {
        await store.touch(digest, t);
        record.lastSeenAt = t;
      }
      return ok(active(record, id));
    },

    async signOut(id) {
      await store.delete(tokenDigest('session', id));
    },

    async signOutEverywhere(subject) {
      await store.deleteForSubject(subject);
    },
  };
}

/** The CSRF token of a session id. */
export function csrfTokenFor(sessionId: string): string {
  return Buffer.from(tokenDigest('csrf', sessionId), 'hex').toString('base64url');
}

/**
 * Check the CSRF header (`X-CSRF-Token`) of a state-changing request against the session, in
 * constant time. Missing or wrong is CSRF_INVALID.
 */
export function checkCsrf(
  session: Pick<ActiveSession, 'csrfToken'>,
  headerValue: string | undefined,
): Result<void, { code: 'CSRF_INVALID' }> {
  if (headerValue === undefined || headerValue.length === 0) return fail({ code: 'CSRF_INVALID' });
  return constantTimeEqual(headerValue, session.csrfToken) ? ok(undefined) : fail({ code: 'CSRF_INVALID' });
}

/**
 * A second, independent check for state-changing requests, including those made before there is a
 * session (local sign-in, invitation acceptance): the browser's `Origin` must be Steno's own.
 */
export function checkOrigin(
  originHeader: string | undefined,
  expectedOrigin: string,
): Result<void, { code: 'ORIGIN_INVALID' }> {
  return originHeader !== undefined && originHeader === new URL(expectedOrigin).origin
    ? ok(undefined)
    : fail({ code: 'ORIGIN_INVALID' });
}

function active(r: SessionRecord, id: string): ActiveSession {
  return {
    subject: r.subject,
    role: r.role,
    authMethod: r.authMethod,
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    expiresAt: r.expiresAt,
    csrfToken: csrfTokenFor(id),
  };
}
