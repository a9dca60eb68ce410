/**
 * Sessions and their cookies: attributes, hash-only storage, idle and absolute expiry, a new id at
 * sign-in (the old one dies), CSRF tokens checked in constant time, Origin checks.
 */
import { describe, expect, it } from 'vitest';
import { clearSessionCookie, readCookie, sessionCookie, signInCookie } from './cookies.ts';
import { tokenDigest } from './random-token.ts';
import { createMemorySessionStore } from './session-store.ts';
import { checkCsrf, checkOrigin, createSessions } from './sessions.ts';

const who = { subject: 'sub-1', role: 'contributor', authMethod: 'oidc' as const };

function setup() {
  let t = 1_700_000_000_000;
  const store = createMemorySessionStore();
  const sessions = createSessions({
    store,
    idleTimeoutMs: 30 * 60_000,
    absoluteTimeoutMs: 8 * 3_600_000,
    now: () => t,
  });
  return { store, sessions, advance: (ms: number) => (t += ms) };
}

describe('session cookies', () => {
  it('are __Host- prefixed, HttpOnly, Secure, SameSite=Strict, Path=/', () => {
    const id = 'a'.repeat(43);
    const c = sessionCookie(id, { secure: true });
    expect(c).toBe(`__Host-steno_session=${id}; Path=/; HttpOnly; Secure; SameSite=Strict`);
    expect(c).not.toMatch(/Domain=/i);
    expect(clearSessionCookie({ secure: true })).toBe(
      '__Host-steno_session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict',
    );
    expect(sessionCookie(id, { secure: false })).toBe(
      `steno_session=${id}; Path=/; HttpOnly; SameSite=Strict`,
    );
  });

  it('the pending sign-in cookie is SameSite=Lax (the provider redirect is cross-site) and short-lived', () => {
    expect(signInCookie('b'.repeat(43), { secure: true })).toBe(
      `__Host-steno_signin=${'b'.repeat(43)}; Path=/; Max-Age=600; HttpOnly; Secure; SameSite=Lax`,
    );
  });

  it('refuse values that could inject attributes, and read back a single cookie only', () => {
    expect(() => sessionCookie('abc; Domain=evil.example', { secure: true })).toThrow(/base64url/);
    const id = 'c'.repeat(43);
    expect(readCookie(`x=1; __Host-steno_session=${id}`, '__Host-steno_session')).toBe(id);
    expect(
      readCookie(
        `__Host-steno_session=${id}; __Host-steno_session=${'d'.repeat(43)}`,
        '__Host-steno_session',
      ),
    ).toBe(undefined);
    expect(readCookie(undefined, '__Host-steno_session')).toBeUndefined();
  });
});

describe('sessions', () => {
  it('have 256-bit random ids of which the store keeps only a digest', async () => {
    const { store, sessions } = setup();
    const { id } = await sessions.signIn(who);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await store.get(id)).toBeUndefined();
    expect(await store.get(tokenDigest('session', id))).toMatchObject({ subject: 'sub-1' });
    expect(await sessions.resolve(id)).toMatchObject({
      ok: true,
      value: { subject: 'sub-1', role: 'contributor' },
    });
  });

  it('rotate at sign-in: the previous id stops working', async () => {
    const { sessions } = setup();
    const before = await sessions.signIn(who);
    const after = await sessions.signIn(who, before.id);
    expect(after.id).not.toBe(before.id);
    expect(await sessions.resolve(before.id)).toEqual({ ok: false, error: { code: 'SESSION_INVALID' } });
    expect((await sessions.resolve(after.id)).ok).toBe(true);
    expect(after.session.csrfToken).not.toBe(before.session.csrfToken);
  });

  it('expire when idle, and at their absolute end however active', async () => {
    const idle = setup();
    const a = await idle.sessions.signIn(who);
    idle.advance(29 * 60_000);
    expect((await idle.sessions.resolve(a.id)).ok).toBe(true);
    idle.advance(29 * 60_000);
    expect((await idle.sessions.resolve(a.id)).ok).toBe(true);
    idle.advance(30 * 60_000);
    expect(await idle.sessions.resolve(a.id)).toEqual({ ok: false, error: { code: 'SESSION_EXPIRED' } });
    expect(await idle.sessions.resolve(a.id)).toEqual({ ok: false, error: { code: 'SESSION_INVALID' } });

    const busy = setup();
    const b = await busy.sessions.signIn(who);
    for (let i = 0; i < 16; i++) {
      busy.advance(29 * 60_000);
      expect((await busy.sessions.resolve(b.id)).ok).toBe(true);
    }
    busy.advance(29 * 60_000); // 8 h 12 min after sign-in
    expect(await busy.sessions.resolve(b.id)).toEqual({ ok: false, error: { code: 'SESSION_EXPIRED' } });
  });

  it('end at sign-out and everywhere for a subject', async () => {
    const { sessions } = setup();
    const a = await sessions.signIn(who);
    const b = await sessions.signIn(who);
    await sessions.signOut(a.id);
    expect((await sessions.resolve(a.id)).ok).toBe(false);
    expect((await sessions.resolve(b.id)).ok).toBe(true);
    await sessions.signOutEverywhere('sub-1');
    expect((await sessions.resolve(b.id)).ok).toBe(false);
  });

  it('check the CSRF token: right accepted, wrong, missing or another session’s refused', async () => {
    const { sessions } = setup();
    const a = await sessions.signIn(who);
    const b = await sessions.signIn({ ...who, subject: 'sub-2' });
    const resolved = await sessions.resolve(a.id);
    if (!resolved.ok) throw new Error('no session');
    expect(resolved.value.csrfToken).toBe(a.session.csrfToken);
    expect(resolved.value.csrfToken).not.toBe(a.id);
    expect(checkCsrf(resolved.value, a.session.csrfToken)).toEqual({ ok: true, value: undefined });
    const refused = { ok: false, error: { code: 'CSRF_INVALID' } };
    expect(checkCsrf(resolved.value, b.session.csrfToken)).toEqual(refused);
    expect(checkCsrf(resolved.value, `${a.session.csrfToken}x`)).toEqual(refused);
    expect(checkCsrf(resolved.value, '')).toEqual(refused);
    expect(checkCsrf(resolved.value, undefined)).toEqual(refused);
    expect(checkCsrf(resolved.value, a.id)).toEqual(refused);
  });

  it('check the Origin of state-changing requests', () => {
    expect(checkOrigin('https://steno.example.test', 'https://steno.example.test/')).toEqual({
      ok: true,
      value: undefined,
    });
    expect(checkOrigin('https://evil.example', 'https://steno.example.test')).toMatchObject({ ok: false });
    expect(checkOrigin(undefined, 'https://steno.example.test')).toMatchObject({ ok: false });
  });
});
