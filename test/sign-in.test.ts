/**
 * Issue 5, identities: people sign in through the server's routes — local accounts by invitation
 * on the embedded default, OpenID Connect against a real provider (oidc-provider) when configured —
 * into HttpOnly, SameSite=Strict session cookies with a CSRF token; sessions map to roles the Cedar
 * policies decide about; every sign-in is audited with the e-mail address HMAC'd.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeWithDevLogin } from '../packages/identity/src/test-support/dev-interaction-driver.ts';
import {
  startTestProvider,
  type TestProvider,
} from '../packages/identity/src/test-support/oidc-test-provider.ts';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import { enrolTestDevice, post, sampleEvents } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const ORIGIN = 'http://127.0.0.1:8787';

function cookieOf(setCookie: string | string[] | undefined, name: string): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const hit = all.find((c) => c.startsWith(`${name}=`));
  return hit?.split(';')[0]?.slice(name.length + 1);
}

async function officerToken(ts: TestServer, name = 'po'): Promise<string> {
  return (
    await issueApiToken(
      ts.server.db,
      {
        principal: `person:${name}`,
        role: 'privacy_officer',
        scopes: ['program:admin', 'audit:read'],
        ttlMs: 3_600_000,
      },
      Date.now(),
    )
  ).token;
}

describe('local accounts (embedded default)', () => {
  let ts: TestServer;
  let po: string;
  beforeAll(async () => {
    ts = await startTestServer('pglite', { config: { publicOrigin: ORIGIN } });
    po = await officerToken(ts);
    const alice = await enrolTestDevice(ts.server, 'alice');
    await post(ts.server.app, '/v1/batches', alice.batch(sampleEvents(Date.now() - 60_000, 'alicetext')));
    const bob = await enrolTestDevice(ts.server, 'bob');
    await post(ts.server.app, '/v1/batches', bob.batch(sampleEvents(Date.now() - 60_000, 'bobtext')));
  });
  afterAll(async () => {
    await ts?.close();
  });

  const invite = (body: object, token = po) =>
    ts.server.app.inject({
      method: 'POST',
      url: '/v1/auth/invitations',
      headers: { authorization: `Bearer ${token}` },
      payload: body,
    });
  const accept = (token: string, password: string, origin = ORIGIN) =>
    ts.server.app.inject({
      method: 'POST',
      url: '/v1/auth/invitations/accept',
      headers: { origin },
      payload: { token, password },
    });
  const withSession = (
    method: 'GET' | 'POST',
    url: string,
    sid: string,
    extra: Record<string, string> = {},
    payload?: object,
  ) =>
    ts.server.app.inject({
      method,
      url,
      headers: { cookie: `steno_session=${sid}`, ...extra },
      ...(payload ? { payload } : {}),
    });

  it('an invited contributor sets a password, gets a Strict HttpOnly session and reads only their own events', async () => {
    const inv = await invite({ email: 'Alice@Example.test', role: 'contributor', subject: 'alice' });
    expect(inv.statusCode, inv.body).toBe(201);
    const { link } = inv.json() as { link: string };
    expect(link.startsWith(`${ORIGIN}/#/invite/`)).toBe(true);
    const token = link.split('/').pop() as string;

    // A weak password is refused and does not use up the invitation; a wrong Origin changes nothing.
    const weak = await accept(token, 'password1234');
    expect(weak.json().error.code).toBe('PASSWORD_REJECTED');
    expect((await accept(token, 'a long enough passphrase', 'https://evil.example')).json().error.code).toBe(
      'ORIGIN_INVALID',
    );
    const ok = await accept(token, 'a long enough passphrase');
    expect(ok.statusCode, ok.body).toBe(201);
    const set = ok.headers['set-cookie'] as string;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Path=\//);
    const sid = cookieOf(set, 'steno_session') as string;
    expect(sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await accept(token, 'a long enough passphrase')).json().error.code).toBe('INVITATION_USED');

    const session = await withSession('GET', '/v1/auth/session', sid);
    expect(session.json()).toMatchObject({ subject: 'alice', role: 'contributor', scopes: ['me:read'] });

    const own = await withSession('GET', '/v1/me/events', sid);
    expect(own.statusCode, own.body).toBe(200);
    expect(JSON.stringify(own.json())).toContain('alicetext'.slice(0, 3));
    // Nobody else's data, whatever route is tried.
    const other = await withSession(
      'GET',
      '/v1/breakglass/grants/bg_AAAAAAAAAAAAAAAA/events?subject=bob',
      sid,
    );
    expect([403, 404]).toContain(other.statusCode);
    expect(other.body).not.toContain('bobtext');
  });

  it('changes need the CSRF token and our own Origin; sign-out ends the session', async () => {
    const inv = await invite({ email: 'carol@example.test', role: 'contributor', subject: 'carol' });
    const token = (inv.json() as { link: string }).link.split('/').pop() as string;
    const ok = await accept(token, 'carol has a passphrase');
    const sid = cookieOf(ok.headers['set-cookie'], 'steno_session') as string;
    const { csrfToken } = ok.json() as { csrfToken: string };

    const consent = { version: 1, decision: 'withdraw' };
    const noCsrf = await withSession('POST', '/v1/me/consent', sid, { origin: ORIGIN }, consent);
    expect(noCsrf.json().error.code).toBe('CSRF_INVALID');
    const badOrigin = await withSession(
      'POST',
      '/v1/me/consent',
      sid,
      { origin: 'https://evil.example', 'x-csrf-token': csrfToken },
      consent,
    );
    expect(badOrigin.json().error.code).toBe('ORIGIN_INVALID');
    // Both refusals are security entries on carol's own access page (issue 15).
    const access = await withSession('GET', '/v1/me/access', sid);
    const seen = (access.json().entries as { action: string; reason: string }[]).map(
      (e) => `${e.action} ${e.reason}`,
    );
    expect(seen).toContain('security.http.session CSRF_INVALID');
    expect(seen).toContain('security.http.session ORIGIN_INVALID');

    const out = await withSession('POST', '/v1/auth/logout', sid, {
      origin: ORIGIN,
      'x-csrf-token': csrfToken,
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.headers['set-cookie']).toMatch(/Max-Age=0/);
    expect((await withSession('GET', '/v1/auth/session', sid)).json().error.code).toBe('UNAUTHENTICATED');
  });

  it('the session check answers "nobody" without a credential (no 401 on every portal load: issue 18), and still refuses an API token or a bad cookie', async () => {
    const nobody = await ts.server.app.inject({ method: 'GET', url: '/v1/auth/session' });
    expect(nobody.statusCode).toBe(200);
    expect(nobody.json()).toEqual({ signedIn: false });
    expect(nobody.headers['cache-control']).toBe('no-store');
    const token = await ts.server.app.inject({
      method: 'GET',
      url: '/v1/auth/session',
      headers: { authorization: `Bearer ${po}` },
    });
    expect(token.statusCode).toBe(401);
    const bad = await ts.server.app.inject({
      method: 'GET',
      url: '/v1/auth/session',
      headers: { authorization: 'Bearer stk_not-a-token' },
    });
    expect(bad.statusCode).toBe(401);
    expect((await withSession('GET', '/v1/auth/session', 'A'.repeat(43))).statusCode).toBe(401);
  });

  it('password sign-in: wrong passwords are refused, audited with the address HMAC-ed, and rate-limited', async () => {
    const before = await ts.server.audit.size();
    const login = (email: string, password: string) =>
      ts.server.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        headers: { origin: ORIGIN },
        payload: { email, password },
      });
    expect((await login('alice@example.test', 'a long enough passphrase')).statusCode).toBe(200);
    expect((await login('alice@example.test', 'wrong password here')).json().error.code).toBe(
      'INVALID_CREDENTIALS',
    );
    expect((await login('nobody@example.test', 'wrong password here')).json().error.code).toBe(
      'INVALID_CREDENTIALS',
    );
    const entries = await ts.server.audit.list(before, 100);
    const signIns = entries.filter((e) => e.action === 'auth.sign_in');
    expect(signIns.map((e) => e.decision)).toEqual(['allow', 'deny', 'deny']);
    for (const e of signIns) expect(e.text).not.toMatch(/example\.test/);
    expect(signIns[0]?.details?.email).toBe(ts.server.audit.hmac('alice@example.test'));

    for (let i = 0; i < 9; i++) await login('alice@example.test', `wrong password ${i}`);
    const limited = await login('alice@example.test', 'a long enough passphrase');
    expect(limited.json().error.code).toBe('RATE_LIMITED');
  });

  it('only a privacy officer invites; a contributor invitation names its subject; bad input changes nothing', async () => {
    // The investigator role takes two privacy officers (issue 15): the first call only asks.
    const inv = await invite({ email: 'dave@example.test', role: 'investigator' });
    expect(inv.statusCode, inv.body).toBe(201);
    expect(inv.json()).toMatchObject({ state: 'pending_second_officer', link: null });
    const approve = (id: string, token: string) =>
      ts.server.app.inject({
        method: 'POST',
        url: `/v1/auth/invitations/requests/${id}/approve`,
        headers: { authorization: `Bearer ${token}` },
        payload: {},
      });
    const self = await approve(inv.json().requestId, po);
    expect(self.statusCode).toBe(403);
    const po2 = await officerToken(ts, 'po2');
    const approved = await approve(inv.json().requestId, po2);
    expect(approved.statusCode, approved.body).toBe(201);
    expect(approved.json()).toMatchObject({ state: 'invited', role: 'investigator' });
    const operator = (
      await issueApiToken(
        ts.server.db,
        {
          principal: 'person:op',
          role: 'operator',
          scopes: ['devices:admin', 'audit:read'],
          ttlMs: 3_600_000,
        },
        Date.now(),
      )
    ).token;
    expect((await invite({ email: 'eve@example.test', role: 'privacy_officer' }, operator)).statusCode).toBe(
      403,
    );
    const noSubject = await invite({ email: 'frank@example.test', role: 'contributor' });
    expect(noSubject.json().error?.code, noSubject.body).toBe('SCHEMA_INVALID');
    // A role the server does not know is refused with the ones it does (issue 18).
    const badRole = await invite({ email: 'gil@example.test', role: 'ml-engineer' });
    expect(badRole.json().error).toMatchObject({
      code: 'SCHEMA_INVALID',
      message: expect.stringContaining(
        'role: invalid_value (one of contributor, privacy_officer, investigator, ml_engineer, operator)',
      ),
    });
    // A lost invitation can be sent again; once the person has an account, not any more.
    const again = await approve(
      (await invite({ email: 'dave@example.test', role: 'investigator' })).json().requestId,
      po2,
    );
    expect(again.statusCode).toBe(201);
    const token = (again.json() as { link: string }).link.split('/').pop() as string;
    expect((await accept(token, 'dave investigates things')).statusCode).toBe(201);
    expect((await invite({ email: 'dave@example.test', role: 'ml_engineer' })).json().error.code).toBe(
      'ACCOUNT_EXISTS',
    );
    // Nor can an invitation point someone else's subject (alice's data) at a new address.
    const hijack = await invite({ email: 'mallory@example.test', role: 'contributor', subject: 'alice' });
    expect(hijack.json().error.code).toBe('ACCOUNT_EXISTS');
    expect((await invite({ email: 'svc@example.test', role: 'training_service' })).statusCode).toBe(400);
    const people = await ts.server.app.inject({
      method: 'GET',
      url: '/v1/people',
      headers: { authorization: `Bearer ${po}` },
    });
    expect(people.json().people).toContainEqual({
      principal: expect.stringMatching(/^person:/),
      email: 'dave@example.test',
      role: 'investigator',
    });
    const denied = await ts.server.app.inject({
      method: 'GET',
      url: '/v1/people',
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('a signed-in person creates, lists and revokes scoped API tokens; never beyond their own scopes', async () => {
    const inv = await invite({ email: 'mia@example.test', role: 'ml_engineer' });
    const token = (inv.json() as { link: string }).link.split('/').pop() as string;
    const ok = await accept(token, 'mia builds datasets');
    const sid = cookieOf(ok.headers['set-cookie'], 'steno_session') as string;
    const { csrfToken } = ok.json() as { csrfToken: string };
    const h = { origin: ORIGIN, 'x-csrf-token': csrfToken };
    const tooMuch = await withSession('POST', '/v1/tokens', sid, h, { name: 'cli', scopes: ['me:read'] });
    expect(tooMuch.statusCode).toBe(403);
    const made = await withSession('POST', '/v1/tokens', sid, h, {
      name: 'cli',
      scopes: ['datasets:read'],
      ttlDays: 7,
    });
    expect(made.statusCode, made.body).toBe(201);
    const { id, token: apiToken } = made.json() as { id: string; token: string };
    const list = await withSession('GET', '/v1/tokens', sid);
    expect(list.json().tokens).toEqual([
      expect.objectContaining({ id, name: 'cli', scopes: ['datasets:read'] }),
    ]);
    expect(list.body).not.toContain(apiToken);
    // The new token works, cannot mint more tokens itself, and stops working once revoked.
    const status = () =>
      ts.server.app.inject({
        method: 'GET',
        url: '/v1/program/status',
        headers: { authorization: `Bearer ${apiToken}` },
      });
    expect((await status()).statusCode).toBe(200);
    const viaToken = await ts.server.app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: { authorization: `Bearer ${apiToken}` },
      payload: { name: 'more', scopes: [] },
    });
    expect(viaToken.statusCode).toBe(403);
    const del = await ts.server.app.inject({
      method: 'DELETE',
      url: `/v1/tokens/${id}`,
      headers: { cookie: `steno_session=${sid}`, ...h },
    });
    expect(del.json()).toEqual({ revoked: true });
    expect((await status()).json().error.code).toBe('TOKEN_REVOKED');
  });
});

describe('OpenID Connect against a real provider', () => {
  let op: TestProvider;
  let ts: TestServer;
  let po: string;
  beforeAll(async () => {
    op = await startTestProvider();
    ts = await startTestServer('pglite', {
      config: {
        publicOrigin: ORIGIN,
        oidcIssuer: op.issuer,
        oidcClientId: op.steno.clientId,
        oidcClientSecret: op.steno.clientSecret,
      },
    });
    po = await officerToken(ts);
    const inv = await ts.server.app.inject({
      method: 'POST',
      url: '/v1/auth/invitations',
      headers: { authorization: `Bearer ${po}` },
      payload: { email: 'alice@example.test', role: 'investigator' },
    });
    expect(inv.statusCode, inv.body).toBe(201);
    // A second privacy officer approves the role (issue 15).
    const approved = await ts.server.app.inject({
      method: 'POST',
      url: `/v1/auth/invitations/requests/${inv.json().requestId}/approve`,
      headers: { authorization: `Bearer ${await officerToken(ts, 'po2')}` },
      payload: {},
    });
    expect(approved.statusCode, approved.body).toBe(201);
  });
  afterAll(async () => {
    await ts?.close();
    await op?.close();
  });

  /** GET /v1/auth/login, the provider's login and consent, and the redirect back (not yet followed). */
  async function toCallback(login: string) {
    const start = await ts.server.app.inject({ method: 'GET', url: '/v1/auth/login' });
    expect(start.statusCode).toBe(302);
    const signin = cookieOf(start.headers['set-cookie'], 'steno_signin') as string;
    expect(start.headers['set-cookie']).toMatch(/SameSite=Lax/);
    const callback = await authorizeWithDevLogin(String(start.headers.location), op.steno.redirectUri, login);
    return { signin, path: `${callback.pathname}${callback.search}` };
  }
  const callback = (path: string, signin?: string) =>
    ts.server.app.inject({
      method: 'GET',
      url: path,
      headers: signin ? { cookie: `steno_signin=${signin}` } : {},
    });

  it('local accounts are off; an invited person signs in with PKCE and gets a session with their role', async () => {
    expect((await ts.server.app.inject({ method: 'GET', url: '/v1/auth/mode' })).json().mode).toBe('oidc');
    const local = await ts.server.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { origin: ORIGIN },
      payload: { email: 'alice@example.test', password: 'whatever password' },
    });
    expect(local.json().error.code).toBe('LOCAL_ACCOUNTS_DISABLED');

    const { signin, path } = await toCallback('alice');
    const done = await callback(path, signin);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.headers['content-type']).toMatch(/text\/html/);
    const sid = cookieOf(done.headers['set-cookie'], 'steno_session') as string;
    const session = await ts.server.app.inject({
      method: 'GET',
      url: '/v1/auth/session',
      headers: { cookie: `steno_session=${sid}` },
    });
    expect(session.json()).toMatchObject({ role: 'investigator', authMethod: 'oidc' });

    // The same callback again (replayed state) is refused, and so is a callback without the cookie.
    const replay = await callback(path, signin);
    expect(replay.json().error).toMatchObject({ code: 'SIGN_IN_FAILED' });
    expect(replay.json().error.message).toMatch(/OIDC_STATE_REPLAYED/);
    expect((await callback(path)).json().error.code).toBe('SIGN_IN_FAILED');
  });

  it('refuses someone the provider knows but Steno does not, and an expired ID token', async () => {
    const stranger = await toCallback('mallory');
    const refused = await callback(stranger.path, stranger.signin);
    expect(refused.json().error.code).toBe('PERSON_UNKNOWN');
    expect(refused.headers['set-cookie'] ?? '').not.toMatch(/steno_session=[A-Za-z0-9]/);

    // A 1 s ID token delivered when Steno's clock reads two minutes later (past the 30 s tolerance).
    op.setIdTokenTtl(1);
    try {
      const late = await toCallback('alice');
      ts.clock.offsetMs = 120_000;
      const expired = await callback(late.path, late.signin);
      expect(expired.json().error.code, expired.body).toBe('SIGN_IN_FAILED');
      expect(expired.json().error.message).toMatch(/OIDC_TOKEN_EXPIRED/);
    } finally {
      op.setIdTokenTtl(600);
      ts.clock.offsetMs = 0;
    }
  });
});
