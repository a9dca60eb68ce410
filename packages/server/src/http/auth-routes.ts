/**
 * Signing in and out, invitations, and API tokens over HTTP. OIDC (authorisation code with PKCE)
 * when an issuer is configured, local accounts by invitation otherwise. Every sign-in, success or
 * failure, is an audit entry whose e-mail address is HMAC'd. Nothing here logs a cookie, a code,
 * a state, an invitation token or a password.
 */
import {
  checkOrigin,
  clearSessionCookie,
  clearSignInCookie,
  readCookie,
  sessionCookie,
  sessionCookieName,
  signInCookie,
  signInCookieName,
} from '@steno/identity';
import { type ErrorCode, SubjectId } from '@steno/protocol';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import { issueApiToken, revokeApiToken } from '../auth/api-tokens.ts';
import { findPersonByEmail, findPersonByOidc, linkOidc, upsertPerson } from '../auth/identity-stores.ts';
import { PERSON_ROLES, type People, SESSION_SCOPES } from '../auth/people.ts';
import type { Principal, Role } from '../auth/principal.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { num } from '../store/sql-client.ts';
import { type RouteContext, type RouteDef, type RouteResult, route } from './route-table.ts';

const Email = z.string().trim().toLowerCase().email().max(254);
const LoginBody = z.object({ email: z.string().max(320), password: z.string().max(1_024) }).strict();
const AcceptBody = z.object({ token: z.string().min(16).max(128), password: z.string().max(1_024) }).strict();
const InviteBody = z
  .object({
    email: Email,
    role: z.enum(PERSON_ROLES as [string, ...string[]]),
    /** Contributors: the subject id their devices are enrolled under. */
    subject: SubjectId.optional(),
  })
  .strict()
  .refine((b) => b.role !== 'contributor' || b.subject !== undefined, {
    message: 'a contributor invitation names the subject',
    path: ['subject'],
  });
/** Roles that take a second privacy officer to grant (issue 15: two-person rules hold). */
const TWO_OFFICER_ROLES = new Set(['privacy_officer', 'investigator']);
const InviteResponse = z
  .object({
    email: z.string(),
    role: z.string(),
    subject: z.string(),
    /** The invitation link; null while a second privacy officer has not approved. */
    link: z.string().nullable(),
    expiresAt: z.number().int().nullable(),
    state: z.enum(['invited', 'pending_second_officer']),
    /** The request a second privacy officer approves. */
    requestId: z.string().optional(),
  })
  .strict();
const SessionView = z
  .object({
    subject: z.string(),
    /** The person's e-mail address, to show who is signed in (null for a person without one). */
    email: z.string().nullable(),
    role: z.string(),
    authMethod: z.enum(['oidc', 'local']),
    scopes: z.array(z.string()),
    csrfToken: z.string(),
    expiresAt: z.number().int(),
  })
  .strict();
/** The session check's answer when no one is signed in (no session cookie, no token). */
const SignedOut = z.object({ signedIn: z.literal(false) }).strict();
const TokenBody = z
  .object({
    name: z.string().min(1).max(100),
    scopes: z.array(z.string().max(40)).max(10),
    ttlDays: z.number().int().min(1).max(90).default(30),
  })
  .strict();
const TokenInfo = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(z.string()),
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
    revokedAt: z.number().int().nullable(),
  })
  .strict();

/** Failed password sign-ins allowed per address in a window, before RATE_LIMITED. */
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60_000;

type Ctx = RouteContext<unknown, unknown, unknown>;

function header(ctx: Ctx, name: string): string | undefined {
  const v = ctx.request.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function fail<R>(code: ErrorCode, message: string): RouteResult<R> {
  return { ok: false, code, message };
}

/** The page the OIDC callback answers with: the new SameSite=Strict cookie is sent on the next, same-site navigation. */
const SIGNED_IN_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/"><title>Signed in</title></head><body><p>Signed in. <a href="/">Continue to Steno</a>.</p></body></html>';

export function authRoutes(s: {
  db: SqlClient;
  people: People;
  audit: AuditLog;
  now: () => number;
}): RouteDef[] {
  const { people } = s;
  const failures = new Map<string, { count: number; since: number }>();

  const limited = (key: string): boolean => {
    const f = failures.get(key);
    if (!f) return false;
    if (s.now() - f.since > FAILURE_WINDOW_MS) {
      failures.delete(key);
      return false;
    }
    return f.count >= MAX_FAILURES;
  };
  const noteFailure = (key: string) => {
    // Bounded: a flood of made-up addresses cannot grow this map without limit. Expired windows go
    // first; if that is not enough, the oldest entries (insertion order) make room.
    if (failures.size > 50_000) {
      for (const [k, f] of failures) if (s.now() - f.since > FAILURE_WINDOW_MS) failures.delete(k);
      for (const k of failures.keys()) {
        if (failures.size <= 45_000) break;
        failures.delete(k);
      }
    }
    const f = failures.get(key);
    if (!f || s.now() - f.since > FAILURE_WINDOW_MS) failures.set(key, { count: 1, since: s.now() });
    else f.count += 1;
  };

  const auditSignIn = (
    who: { id: string; role: string },
    decision: 'allow' | 'deny',
    reason: string,
    method: string,
    email?: string,
  ) =>
    s.audit.append({
      at: s.now(),
      actor: who,
      action: 'auth.sign_in',
      resource: { type: 'program' },
      decision,
      reason,
      details: { method },
      ...(email ? { sensitive: { email } } : {}),
    });

  /** Starts a session for a person, replacing any session cookie the browser sent. */
  const startSession = async (
    ctx: Ctx,
    who: { subject: string; role: string; authMethod: 'oidc' | 'local' },
  ) => {
    const previous = readCookie(ctx.request.headers.cookie, sessionCookieName(people.cookies));
    const { id, session } = await people.sessions.signIn(who, previous);
    const cookie = sessionCookie(id, {
      ...people.cookies,
      maxAgeSeconds: (session.expiresAt - s.now()) / 1000,
    });
    return { cookie, session };
  };

  const sessionView = async (session: {
    subject: string;
    role: string;
    authMethod: 'oidc' | 'local';
    csrfToken: string;
    expiresAt: number;
  }) => ({
    subject: session.subject,
    email:
      ((await s.db.query('SELECT email FROM people WHERE subject = $1', [session.subject]))[0]?.email as
        | string
        | undefined) ?? null,
    role: session.role,
    authMethod: session.authMethod,
    scopes: [...people.principalOf({ ...session, createdAt: 0, lastSeenAt: 0 }).scopes],
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  });

  /** Why an invitation cannot be made (an existing person, a subject already someone's), if it cannot. */
  const inviteRefusal = async (email: string, subject: string | undefined) => {
    if (await findPersonByEmail(s.db, email))
      return fail('ACCOUNT_EXISTS', 'this e-mail address already has a role');
    // A subject belongs to one person: an invitation never re-points someone's data at another address.
    if (subject && (await s.db.query('SELECT 1 FROM people WHERE subject = $1', [subject])).length > 0)
      return fail('ACCOUNT_EXISTS', 'this subject already belongs to a person with a role');
    return undefined;
  };
  const auditPeople = async (
    who: Principal | undefined,
    action: string,
    id: string,
    role: string,
    email: string,
  ): Promise<void> => {
    await s.audit.append({
      at: s.now(),
      actor: { id: who?.id ?? 'unknown', role: who?.role ?? 'none', tokenId: who?.tokenId },
      action,
      resource: { type: 'program', id },
      decision: 'allow',
      reason: action.slice('people.'.length),
      details: { role, mode: people.mode },
      sensitive: { email },
    });
  };
  /** Creates the invitation (local link or OIDC role) and audits it. */
  const invite = async (
    who: Principal | undefined,
    email: string,
    role: string,
    subject: string | undefined,
  ): Promise<
    | { ok: true; value: { subject: string; link: string; expiresAt: number | null } }
    | { ok: false; code: ErrorCode; message: string }
  > => {
    if (subject) {
      await s.db.query('INSERT INTO subjects (id, created_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
        subject,
        s.now(),
      ]);
      // Invited again after an erasure: devices may be enrolled for the subject again.
      await s.db.query('UPDATE subjects SET erased_at = NULL WHERE id = $1', [subject]);
    }
    let out: { subject: string; link: string; expiresAt: number | null };
    if (people.mode === 'oidc') {
      const id = subject ?? `oidc.${randomId()}`;
      await upsertPerson(s.db, {
        subject: id,
        email,
        role: role as Role,
        invitedBy: who?.id ?? 'unknown',
        now: s.now(),
      });
      out = { subject: id, link: `${people.publicOrigin}/v1/auth/login`, expiresAt: null };
    } else {
      const inv = await people.local.createInvitation({
        email,
        role: role as Role,
        ...(subject ? { subject } : {}),
      });
      if (!inv.ok)
        return { ok: false, code: 'LOCAL_ACCOUNTS_DISABLED', message: 'local accounts are off' } as const;
      // The token travels in the fragment: browsers never send it to a server or a log.
      out = {
        subject: inv.value.subject,
        link: `${people.publicOrigin}/#/invite/${inv.value.token}`,
        expiresAt: inv.value.expiresAt,
      };
    }
    await auditPeople(who, 'people.invited', out.subject, role, email);
    return { ok: true, value: out };
  };
  return [
    route({
      method: 'GET',
      url: '/v1/auth/mode',
      summary: "How people sign in here: `oidc` (the organisation's provider) or `local` (invited accounts).",
      auth: 'none',
      response: z.object({ mode: z.enum(['oidc', 'local']), signInUrl: z.string() }).strict(),
      handler: async () => ({ ok: true, value: { mode: people.mode, signInUrl: '/v1/auth/login' } }),
    }),
    route({
      method: 'GET',
      url: '/v1/auth/login',
      summary:
        'OIDC: redirects to the identity provider (authorisation code with PKCE, state and nonce kept server-side). Local mode: redirects to the sign-in page.',
      auth: 'none',
      response: z.null(),
      handler: async (): Promise<RouteResult<null>> => {
        if (!people.oidc) return { ok: true, status: 302, value: null, headers: { location: '/#/sign-in' } };
        const { url, pending } = await people.oidc.beginSignIn();
        const id = await people.pendings.save(pending);
        return {
          ok: true,
          status: 302,
          value: null,
          headers: {
            location: url,
            'set-cookie': signInCookie(id, people.cookies),
            'cache-control': 'no-store',
          },
        };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/auth/callback',
      summary:
        'OIDC redirect target: checks state (single use), exchanges the code with the PKCE verifier, validates the ID token, and starts a session for an invited person.',
      auth: 'none',
      contentType: 'text/html; charset=utf-8',
      response: z.string(),
      handler: async (ctx) => {
        if (!people.oidc) return fail('LOCAL_ACCOUNTS_DISABLED', 'no identity provider is configured');
        const clear = clearSignInCookie(people.cookies);
        const pendingId = readCookie(ctx.request.headers.cookie, signInCookieName(people.cookies));
        const pending = pendingId ? await people.pendings.take(pendingId) : undefined;
        if (!pending?.ok) {
          await auditSignIn(
            { id: 'anonymous', role: 'none' },
            'deny',
            pending?.error.code ?? 'OIDC_STATE_MISSING',
            'oidc',
          );
          return fail(
            'SIGN_IN_FAILED',
            `${pending?.error.code ?? 'OIDC_STATE_MISSING'}: start the sign-in again`,
          );
        }
        // The callback URL is rebuilt from the configured origin, never from the Host header.
        const callbackUrl = new URL(ctx.request.url, people.publicOrigin);
        const done = await people.oidc.completeSignIn(callbackUrl, pending.value);
        if (!done.ok) {
          await auditSignIn({ id: 'anonymous', role: 'none' }, 'deny', done.error.code, 'oidc');
          return fail('SIGN_IN_FAILED', `${done.error.code}: start the sign-in again`);
        }
        const identity = done.value;
        let person = await findPersonByOidc(s.db, identity.issuer, identity.subject);
        if (!person && identity.email && identity.emailVerified) {
          const invited = await findPersonByEmail(s.db, identity.email.toLowerCase());
          if (
            invited &&
            !invited.oidcIssuer &&
            (await linkOidc(s.db, invited.subject, identity.issuer, identity.subject))
          )
            person = { ...invited, oidcIssuer: identity.issuer, oidcSub: identity.subject };
        }
        if (!person || person.disabled) {
          await auditSignIn(
            { id: 'anonymous', role: 'none' },
            'deny',
            'person_unknown',
            'oidc',
            identity.email,
          );
          return fail(
            'PERSON_UNKNOWN',
            'this person has no role in Steno; ask a privacy officer for an invitation',
          );
        }
        const { cookie } = await startSession(ctx, {
          subject: person.subject,
          role: person.role,
          authMethod: 'oidc',
        });
        await auditSignIn(
          { id: `person:${person.subject}`, role: person.role },
          'allow',
          'oidc_verified',
          'oidc',
          person.email,
        );
        return {
          ok: true,
          value: SIGNED_IN_PAGE,
          headers: { 'set-cookie': [clear, cookie], 'cache-control': 'no-store' },
        };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/auth/login',
      summary:
        'Local mode: sign in with e-mail address and password (Origin checked, failures rate-limited).',
      auth: 'none',
      body: LoginBody,
      response: SessionView,
      handler: async (ctx) => {
        if (!checkOrigin(header(ctx, 'origin'), people.publicOrigin).ok)
          return fail('ORIGIN_INVALID', "sign in from Steno's own page");
        const key = ctx.body.email.trim().toLowerCase();
        if (limited(key))
          return fail('RATE_LIMITED', 'too many failed sign-ins for this address; wait 15 minutes');
        const out = await people.local.verifyPassword(ctx.body.email, ctx.body.password);
        if (!out.ok) {
          if (out.error.code === 'LOCAL_ACCOUNTS_DISABLED')
            return fail('LOCAL_ACCOUNTS_DISABLED', "sign in with the organisation's identity provider");
          noteFailure(key);
          await auditSignIn({ id: 'anonymous', role: 'none' }, 'deny', 'invalid_credentials', 'local', key);
          return fail('INVALID_CREDENTIALS', ERROR_MESSAGE_INVALID);
        }
        failures.delete(key);
        const { cookie, session } = await startSession(ctx, { ...out.value, authMethod: 'local' });
        await auditSignIn(
          { id: `person:${out.value.subject}`, role: out.value.role },
          'allow',
          'password_valid',
          'local',
          out.value.email,
        );
        return {
          ok: true,
          value: await sessionView(session),
          headers: { 'set-cookie': cookie, 'cache-control': 'no-store' },
        };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/auth/invitations/accept',
      summary:
        'Local mode: accept an invitation by setting a password (≥ 12 characters, not a common one); signs in.',
      auth: 'none',
      body: AcceptBody,
      response: SessionView,
      successStatus: 201,
      handler: async (ctx) => {
        if (!checkOrigin(header(ctx, 'origin'), people.publicOrigin).ok)
          return fail('ORIGIN_INVALID', "accept the invitation from Steno's own page");
        const out = await people.local.acceptInvitation(ctx.body.token, ctx.body.password);
        if (!out.ok) {
          const code = out.error.code;
          if (code === 'PASSWORD_TOO_SHORT' || code === 'PASSWORD_TOO_LONG' || code === 'PASSWORD_TOO_COMMON')
            return fail(
              'PASSWORD_REJECTED',
              `${code}: choose a password of at least 12 characters that is not a common one`,
            );
          return fail(code, `${code.toLowerCase().replaceAll('_', ' ')}`);
        }
        const { cookie, session } = await startSession(ctx, { ...out.value, authMethod: 'local' });
        await auditSignIn(
          { id: `person:${out.value.subject}`, role: out.value.role },
          'allow',
          'invitation_accepted',
          'local',
          out.value.email,
        );
        return {
          ok: true,
          value: await sessionView(session),
          headers: { 'set-cookie': cookie, 'cache-control': 'no-store' },
        };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/auth/invitations',
      summary:
        'Invite a person with a role. Local mode: returns a single-use link (72 h) to give them once. OIDC: records the role for their verified e-mail address at the provider. The privacy-officer and investigator roles need a second privacy officer: the call records a request, and another officer approves it (POST /v1/auth/invitations/requests/:id/approve).',
      auth: 'token',
      action: 'people.invite',
      resource: () => ({ type: 'program' }),
      body: InviteBody,
      response: InviteResponse,
      successStatus: 201,
      handler: async (ctx) => {
        const { email, role, subject } = ctx.body;
        const refused = await inviteRefusal(email, subject);
        if (refused) return refused;
        if (TWO_OFFICER_ROLES.has(role)) {
          // One person must not be able to give themselves a second officer (two-person rules).
          const id = `rg_${randomId()}`;
          await s.db.query(
            `INSERT INTO role_grant_requests (id, email, role, subject_id, requested_by, requested_at)
             VALUES ($1, $2, $3, $4, $5, $6)`,
            [id, email, role, subject ?? null, ctx.principal?.id ?? 'unknown', s.now()],
          );
          await auditPeople(ctx.principal, 'people.role_grant_requested', id, role, email);
          return {
            ok: true,
            value: {
              email,
              role,
              subject: subject ?? '',
              link: null,
              expiresAt: null,
              state: 'pending_second_officer',
              requestId: id,
            },
          };
        }
        const out = await invite(ctx.principal, email, role, subject);
        if (!out.ok) return out;
        return { ok: true, value: { email, role, ...out.value, state: 'invited' } };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/auth/invitations/requests',
      summary:
        'Requests to grant the privacy-officer or investigator role, waiting for a second privacy officer.',
      auth: 'token',
      action: 'people.invite',
      resource: () => ({ type: 'program' }),
      response: z
        .object({
          requests: z.array(
            z
              .object({
                id: z.string(),
                email: z.string(),
                role: z.string(),
                requestedBy: z.string(),
                requestedAt: z.number().int(),
              })
              .strict(),
          ),
        })
        .strict(),
      handler: async () => {
        const rows = await s.db.query(
          'SELECT id, email, role, requested_by, requested_at FROM role_grant_requests WHERE decided_at IS NULL ORDER BY requested_at',
        );
        return {
          ok: true,
          value: {
            requests: rows.map((r) => ({
              id: String(r.id),
              email: String(r.email),
              role: String(r.role),
              requestedBy: String(r.requested_by),
              requestedAt: num(r.requested_at),
            })),
          },
        };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/auth/invitations/requests/:id/approve',
      summary:
        'Approve a request to grant the privacy-officer or investigator role (a privacy officer other than the one who asked); returns the invitation.',
      auth: 'token',
      action: 'people.invite',
      resource: () => ({ type: 'program' }),
      params: z.object({ id: z.string().min(1).max(64) }).strict(),
      body: z.object({}).strict(),
      response: InviteResponse,
      successStatus: 201,
      handler: async (ctx) => {
        const r = (
          await s.db.query(
            'SELECT email, role, subject_id, requested_by FROM role_grant_requests WHERE id = $1 AND decided_at IS NULL',
            [ctx.params.id],
          )
        )[0];
        if (!r) return fail('NOT_FOUND', 'no such waiting request');
        if (String(r.requested_by) === ctx.principal?.id)
          return fail('FORBIDDEN', 'a second privacy officer, not the one who asked, must approve this role');
        const email = String(r.email);
        const role = String(r.role);
        const subject = r.subject_id === null ? undefined : String(r.subject_id);
        const refused = await inviteRefusal(email, subject);
        if (refused) return refused;
        const out = await invite(ctx.principal, email, role, subject);
        if (!out.ok) return out;
        await s.db.query('UPDATE role_grant_requests SET decided_by = $2, decided_at = $3 WHERE id = $1', [
          ctx.params.id,
          ctx.principal?.id ?? 'unknown',
          s.now(),
        ]);
        await auditPeople(ctx.principal, 'people.role_grant_approved', ctx.params.id, role, email);
        return { ok: true, value: { email, role, ...out.value, state: 'invited' } };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/people',
      summary:
        'People with a role (privacy officers): principal id, e-mail address and role, to show who did what in the portal.',
      auth: 'token',
      action: 'people.invite',
      resource: () => ({ type: 'program' }),
      response: z
        .object({
          people: z.array(z.object({ principal: z.string(), email: z.string(), role: z.string() }).strict()),
        })
        .strict(),
      handler: async () => {
        const rows = await s.db.query('SELECT subject, email, role FROM people ORDER BY email LIMIT 10000');
        return {
          ok: true,
          value: {
            people: rows.map((r) => ({
              principal: `person:${String(r.subject)}`,
              email: String(r.email),
              role: String(r.role),
            })),
          },
        };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/auth/session',
      summary:
        'The signed-in person (from the session cookie): subject, role, scopes and the CSRF token for changes; `{signedIn: false}` without any credential.',
      // Nobody signed in is an answer here, not an error (the portal asks on every load).
      auth: 'optional',
      response: z.union([SessionView, SignedOut]),
      handler: async (ctx) => {
        if (!ctx.principal)
          return { ok: true, value: { signedIn: false as const }, headers: { 'cache-control': 'no-store' } };
        if (!ctx.session)
          return fail('UNAUTHENTICATED', 'this route needs a browser session, not an API token');
        return {
          ok: true,
          value: await sessionView(ctx.session.active),
          headers: { 'cache-control': 'no-store' },
        };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/auth/logout',
      summary: 'Ends the browser session (CSRF-checked) and clears its cookie.',
      auth: 'token',
      response: z.object({ signedOut: z.boolean() }).strict(),
      handler: async (ctx) => {
        if (!ctx.session)
          return fail('UNAUTHENTICATED', 'this route needs a browser session, not an API token');
        await people.sessions.signOut(ctx.session.id);
        return {
          ok: true,
          value: { signedOut: true },
          headers: { 'set-cookie': clearSessionCookie(people.cookies) },
        };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/tokens',
      summary:
        'Create an API token for myself (for the CLI or a script): hashed at rest, shown once, scoped to a subset of my scopes, expiring (≤ 90 days).',
      auth: 'token',
      action: 'tokens.manage',
      resource: () => ({ type: 'program' }),
      body: TokenBody,
      response: z
        .object({
          id: z.string(),
          token: z.string(),
          scopes: z.array(z.string()),
          expiresAt: z.number().int(),
        })
        .strict(),
      successStatus: 201,
      handler: async (ctx) => {
        const p = ctx.principal;
        if (!p || !ctx.session)
          return fail('FORBIDDEN', 'API tokens are created from a signed-in browser session');
        const allowed = new Set(SESSION_SCOPES[p.role]);
        const extra = ctx.body.scopes.filter((sc) => !allowed.has(sc));
        if (extra.length > 0) return fail('FORBIDDEN', `not among your scopes: ${extra.join(', ')}`);
        const issued = await issueApiToken(
          s.db,
          {
            principal: p.id,
            role: p.role,
            ...(p.subject ? { subject: p.subject } : {}),
            scopes: ctx.body.scopes,
            ttlMs: ctx.body.ttlDays * 86_400_000,
            name: ctx.body.name,
          },
          s.now(),
        );
        return {
          ok: true,
          value: { id: issued.id, token: issued.token, scopes: ctx.body.scopes, expiresAt: issued.expiresAt },
        };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/tokens',
      summary: 'My API tokens (never their values).',
      auth: 'token',
      action: 'tokens.manage',
      resource: () => ({ type: 'program' }),
      response: z.object({ tokens: z.array(TokenInfo) }).strict(),
      handler: async (ctx) => {
        // Mine: issued to me, or (a contributor) minted for my subject by one of my devices.
        const rows = await s.db.query(
          `SELECT id, name, scopes, created_at, expires_at, revoked_at FROM api_tokens
            WHERE principal = $1 OR (role = 'contributor' AND $2::text IS NOT NULL AND subject_id = $2)
            ORDER BY created_at`,
          [
            ctx.principal?.id ?? '',
            ctx.principal?.role === 'contributor' ? (ctx.principal.subject ?? null) : null,
          ],
        );
        return {
          ok: true,
          value: {
            tokens: rows.map((r) => ({
              id: String(r.id),
              name: String(r.name ?? ''),
              scopes: (r.scopes as string[]) ?? [],
              createdAt: num(r.created_at),
              expiresAt: num(r.expires_at),
              revokedAt: r.revoked_at === null ? null : num(r.revoked_at),
            })),
          },
        };
      },
    }),
    route({
      method: 'DELETE',
      url: '/v1/tokens/:id',
      summary: 'Revoke one of my API tokens.',
      auth: 'token',
      action: 'tokens.manage',
      resource: () => ({ type: 'program' }),
      params: z.object({ id: z.string().min(1).max(100) }).strict(),
      response: z.object({ revoked: z.boolean() }).strict(),
      handler: async (ctx) => {
        const own = await s.db.query(
          `SELECT 1 FROM api_tokens WHERE id = $1
              AND (principal = $2 OR (role = 'contributor' AND $3::text IS NOT NULL AND subject_id = $3))`,
          [
            ctx.params.id,
            ctx.principal?.id ?? '',
            ctx.principal?.role === 'contributor' ? (ctx.principal.subject ?? null) : null,
          ],
        );
        if (own.length === 0) return fail('NOT_FOUND', 'no such token of yours');
        return { ok: true, value: { revoked: await revokeApiToken(s.db, ctx.params.id, s.now()) } };
      },
    }),
  ];
}

const ERROR_MESSAGE_INVALID = 'the e-mail address or password is wrong';

function randomId(): string {
  return globalThis.crypto.randomUUID().replaceAll('-', '').slice(0, 16);
}
