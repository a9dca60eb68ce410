/**
 * OpenID Connect sign-in end to end against a real provider (oidc-provider on 127.0.0.1): success,
 * state mismatch, replayed state, wrong audience, expired ID token, PKCE verifier mismatch, and a
 * tampered or substituted token. Every failure below is a value from `completeSignIn`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcClient, type OidcClient, type PendingSignIn } from './oidc-client.ts';
import { createMemoryPendingSignInStore, createPendingSignIns } from './pending-sign-ins.ts';
import { authorizeWithDevLogin } from './test-support/dev-interaction-driver.ts';
import { startTestProvider, type TestClient, type TestProvider } from './test-support/oidc-test-provider.ts';

let op: TestProvider;

beforeAll(async () => {
  op = await startTestProvider();
});
afterAll(async () => {
  await op.close();
});

function client(c: TestClient, extra: Partial<Parameters<typeof createOidcClient>[0]> = {}): OidcClient {
  return createOidcClient({
    issuer: op.issuer,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    redirectUri: c.redirectUri,
    clockToleranceSeconds: 0,
    ...extra,
  });
}

/** Begin a sign-in and log in at the provider: the callback URL a browser would bring back. */
async function signInAtProvider(rp: OidcClient, c: TestClient, login = 'alice') {
  const { url, pending } = await rp.beginSignIn();
  const callback = await authorizeWithDevLogin(url, c.redirectUri, login);
  return { url, pending, callback };
}

/** A fetch that lets a test rewrite the token endpoint's JSON answer (an attacker in the middle). */
function tokenResponseRewriter(rewrite: (json: Record<string, unknown>) => Promise<Record<string, unknown>>) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const res = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith('/token') || !res.ok) return res;
    const json = (await res.json()) as Record<string, unknown>;
    return Response.json(await rewrite(json), { status: res.status });
  };
}

describe('OIDC sign-in against a real provider', () => {
  it('signs in: authorisation request carries PKCE S256, state and nonce; the identity comes back', async () => {
    const rp = client(op.steno);
    const { url, pending, callback } = await signInAtProvider(rp, op.steno, 'alice');
    const auth = new URL(url);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.searchParams.get('code_challenge')).not.toBe(pending.codeVerifier);
    expect(auth.searchParams.get('state')).toBe(pending.state);
    expect(auth.searchParams.get('nonce')).toBe(pending.nonce);
    expect(auth.searchParams.get('response_type')).toBe('code');
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(callback.searchParams.get('iss')).toBe(op.issuer);

    const result = await rp.completeSignIn(callback, pending);
    expect(result).toMatchObject({
      ok: true,
      value: {
        issuer: op.issuer,
        subject: 'alice',
        email: 'alice@example.test',
        emailVerified: true,
        name: 'Test alice',
      },
    });
  });

  it('refuses a callback whose state is not the pending one (state mismatch)', async () => {
    const rp = client(op.steno);
    const first = await signInAtProvider(rp, op.steno);
    const second = await rp.beginSignIn();
    // The browser brings back the first sign-in's callback, but its cookie points at the second.
    const result = await rp.completeSignIn(first.callback, second.pending);
    expect(result).toEqual({ ok: false, error: { code: 'OIDC_STATE_MISMATCH' } });
    // A callback without state at all.
    const stripped = new URL(first.callback);
    stripped.searchParams.delete('state');
    expect(await rp.completeSignIn(stripped, first.pending)).toEqual({
      ok: false,
      error: { code: 'OIDC_STATE_MISMATCH' },
    });
  });

  it('completes a pending sign-in once: the replayed callback is refused (state replay)', async () => {
    const rp = client(op.steno);
    const pendings = createPendingSignIns(createMemoryPendingSignInStore());
    const { pending, callback } = await signInAtProvider(rp, op.steno);
    const id = await pendings.save(pending);

    const taken = await pendings.take(id);
    expect(taken.ok).toBe(true);
    if (!taken.ok) return;
    expect((await rp.completeSignIn(callback, taken.value)).ok).toBe(true);

    // The same cookie and the same callback again: the pending sign-in is gone.
    expect(await pendings.take(id)).toEqual({ ok: false, error: { code: 'OIDC_STATE_REPLAYED' } });
    // Even a server that kept the pending object around cannot complete twice: the provider
    // refuses the already-redeemed code.
    const again = await rp.completeSignIn(callback, pending);
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'OIDC_GRANT_INVALID', providerError: 'invalid_grant' },
    });
  });

  it('refuses an ID token issued by the same provider to another client (wrong audience)', async () => {
    // The attacker signs in to another application of the same provider, with the nonce of the
    // victim's pending Steno sign-in, and obtains a genuine, correctly signed ID token for it.
    const victimRp = client(op.steno);
    const { url, pending } = await victimRp.beginSignIn();
    expect(url).toBeTruthy();

    let foreignIdToken: string | undefined;
    const otherRp = client(op.other, {
      fetch: tokenResponseRewriter(async (json) => {
        foreignIdToken = json.id_token as string;
        return json;
      }),
    });
    const otherBegin = await otherRp.beginSignIn();
    const otherUrl = new URL(otherBegin.url);
    otherUrl.searchParams.set('nonce', pending.nonce);
    const otherCallback = await authorizeWithDevLogin(otherUrl.href, op.other.redirectUri, 'mallory');
    const otherResult = await otherRp.completeSignIn(otherCallback, {
      ...otherBegin.pending,
      nonce: pending.nonce,
    });
    expect(otherResult.ok).toBe(true);
    expect(foreignIdToken).toBeDefined();

    // The foreign ID token is injected into Steno's token response (token substitution).
    const injected = client(op.steno, {
      fetch: tokenResponseRewriter(async (json) => ({ ...json, id_token: foreignIdToken })),
    });
    const callback = await authorizeWithDevLogin(url, op.steno.redirectUri, 'alice');
    const result = await injected.completeSignIn(callback, pending);
    expect(result).toEqual({ ok: false, error: { code: 'OIDC_AUDIENCE_INVALID', reason: 'aud' } });
  });

  it('refuses a code obtained for another client redeemed by Steno (the provider binds codes to clients)', async () => {
    const otherRp = client(op.other);
    const { pending, callback } = await signInAtProvider(otherRp, op.other);
    // Steno's client, configured with Steno's client id, is handed the other client's code.
    const stenoRp = client(op.steno);
    const forged = new URL(op.steno.redirectUri);
    for (const [k, v] of callback.searchParams) forged.searchParams.set(k, v);
    const result = await stenoRp.completeSignIn(forged, pending);
    expect(result).toMatchObject({ ok: false, error: { code: 'OIDC_GRANT_INVALID' } });
  });

  it('refuses an expired ID token (1 s lifetime, no clock tolerance, delivered late)', async () => {
    op.setIdTokenTtl(1);
    try {
      const rp = client(op.steno, {
        clockToleranceSeconds: 0,
        fetch: tokenResponseRewriter(async (json) => {
          await new Promise((r) => setTimeout(r, 2_200));
          return json;
        }),
      });
      const { pending, callback } = await signInAtProvider(rp, op.steno);
      const result = await rp.completeSignIn(callback, pending);
      expect(result).toEqual({ ok: false, error: { code: 'OIDC_TOKEN_EXPIRED' } });
    } finally {
      op.setIdTokenTtl(600);
    }
  });

  it('refuses an ID token that the relying party clock sees as expired (clock option)', async () => {
    let skew = 0;
    const rp = client(op.steno, { now: () => Date.now() + skew });
    const { pending, callback } = await signInAtProvider(rp, op.steno);
    skew = 601_000; // the provider's tokens live 600 s
    const shifted = { ...pending, createdAt: pending.createdAt + skew };
    expect(await rp.completeSignIn(callback, shifted)).toEqual({
      ok: false,
      error: { code: 'OIDC_TOKEN_EXPIRED' },
    });
  });

  it('refuses a code redeemed with another PKCE verifier', async () => {
    const rp = client(op.steno);
    const { pending, callback } = await signInAtProvider(rp, op.steno);
    const result = await rp.completeSignIn(callback, {
      ...pending,
      codeVerifier: `${pending.codeVerifier.slice(1)}x`,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'OIDC_GRANT_INVALID', providerError: 'invalid_grant' },
    });
  });

  it('refuses an ID token with a tampered signature or a nonce from another sign-in', async () => {
    const tampered = client(op.steno, {
      fetch: tokenResponseRewriter(async (json) => {
        const [h, p, s] = String(json.id_token).split('.');
        const flipped = `${s?.[0] === 'A' ? 'B' : 'A'}${s?.slice(1)}`;
        return { ...json, id_token: `${h}.${p}.${flipped}` };
      }),
    });
    const a = await signInAtProvider(tampered, op.steno);
    expect(await tampered.completeSignIn(a.callback, a.pending)).toMatchObject({
      ok: false,
      error: { code: 'OIDC_TOKEN_INVALID', reason: 'signature' },
    });

    // The provider puts the authorisation request's nonce in the token; a pending sign-in with
    // another nonce (and the right state) must not accept it.
    const rp = client(op.steno);
    const b = await signInAtProvider(rp, op.steno);
    const other: PendingSignIn = { ...b.pending, nonce: 'n'.repeat(43) };
    expect(await rp.completeSignIn(b.callback, other)).toMatchObject({
      ok: false,
      error: { code: 'OIDC_TOKEN_INVALID', reason: 'nonce' },
    });
  });

  it('refuses a callback from another issuer (RFC 9207), a provider error, and a foreign redirect path', async () => {
    const rp = client(op.steno);
    const { pending, callback } = await signInAtProvider(rp, op.steno);
    const mixedUp = new URL(callback);
    mixedUp.searchParams.set('iss', 'https://evil.example');
    expect(await rp.completeSignIn(mixedUp, pending)).toEqual({
      ok: false,
      error: { code: 'OIDC_ISSUER_MISMATCH' },
    });

    const denied = new URL(op.steno.redirectUri);
    denied.searchParams.set('error', 'access_denied');
    denied.searchParams.set('state', pending.state);
    denied.searchParams.set('iss', op.issuer);
    expect(await rp.completeSignIn(denied, pending)).toEqual({
      ok: false,
      error: { code: 'OIDC_PROVIDER_ERROR', providerError: 'access_denied' },
    });

    const elsewhere = new URL(callback);
    elsewhere.pathname = '/somewhere-else';
    expect(await rp.completeSignIn(elsewhere, pending)).toMatchObject({
      ok: false,
      error: { code: 'OIDC_CALLBACK_INVALID' },
    });
    // After all that, the genuine callback still works once.
    expect((await rp.completeSignIn(callback, pending)).ok).toBe(true);
  });

  it('refuses a pending sign-in older than its lifetime', async () => {
    const rp = client(op.steno, { pendingLifetimeMs: 60_000 });
    const { pending, callback } = await signInAtProvider(rp, op.steno);
    const old = { ...pending, createdAt: pending.createdAt - 61_000 };
    expect(await rp.completeSignIn(callback, old)).toEqual({
      ok: false,
      error: { code: 'OIDC_STATE_EXPIRED' },
    });
  });
});
