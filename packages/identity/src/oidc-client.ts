/**
 * The relying party side of OpenID Connect: authorisation code flow with PKCE (S256), state and
 * nonce, against the organisation's identity provider. It has no HTTP server of its own: the Steno
 * server calls `beginSignIn` from GET /v1/auth/login and `completeSignIn` from the callback route,
 * keeping `pending` server-side (see pending-sign-ins.ts, which makes a pending sign-in single-use).
 */
import { createRemoteJWKSet, customFetch, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { verifyIdToken } from './id-token.ts';
import { IdentityError } from './identity-error.ts';
import { discoverProvider, isAcceptableEndpoint, type ProviderMetadata } from './oidc-discovery.ts';
import { type OidcFailure, safeOAuthError } from './oidc-failure.ts';
import { codeChallengeS256, createCodeVerifier } from './pkce.ts';
import { constantTimeEqual, randomToken } from './random-token.ts';
import { fail, ok, type Result } from './result.ts';

export interface OidcClientConfig {
  /** The issuer identifier, exactly as the provider's metadata states it. */
  issuer: string;
  clientId: string;
  /** With a secret the client authenticates with client_secret_basic; without, it is public. */
  clientSecret?: string;
  redirectUri: string;
  /** Defaults to openid, email, profile. `openid` is always included. */
  scopes?: string[];
  /** Allowed clock skew when checking the ID token's times; default 30 s. */
  clockToleranceSeconds?: number;
  /** How long a pending sign-in may take; default 10 minutes. */
  pendingLifetimeMs?: number;
  /** Back-channel request timeout; default 10 s. */
  timeoutMs?: number;
  /** Clock in milliseconds since the epoch; default Date.now. */
  now?: () => number;
  /** Back-channel fetch (discovery, JWKS, token, userinfo); default the global fetch. */
  fetch?: typeof fetch;
}

/** What the server keeps server-side between the redirect and the callback. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export interface OidcIdentity {
  issuer: string;
  /** The provider's `sub`: unique and stable within `issuer`. Link accounts by (issuer, subject). */
  subject: string;
  email?: string;
  emailVerified: boolean;
  name?: string;
  /** ID token claims, completed from userinfo when the ID token lacks email or name. */
  claims: Record<string, unknown>;
}

export interface OidcClient {
  readonly issuer: string;
  readonly clientId: string;
  beginSignIn(): Promise<{ url: string; pending: PendingSignIn }>;
  completeSignIn(
    callbackUrl: string | URL,
    pending: PendingSignIn,
  ): Promise<Result<OidcIdentity, OidcFailure>>;
}

const DEFAULT_SCOPES = ['openid', 'email', 'profile'];

export function createOidcClient(config: OidcClientConfig): OidcClient {
  const issuer = config.issuer;
  const redirect = parseRedirectUri(config.redirectUri);
  if (!isAcceptableEndpoint(issuer) || config.clientId.length === 0) {
    throw new IdentityError(
      'IDENTITY_CONFIG_INVALID',
      'The issuer must be an https URL and the client id set.',
    );
  }
  const scopes = [...new Set(['openid', ...(config.scopes ?? DEFAULT_SCOPES)])];
  const fetchImpl = config.fetch ?? globalThis.fetch;
  const now = config.now ?? Date.now;
  const timeoutMs = config.timeoutMs ?? 10_000;
  const pendingLifetimeMs = config.pendingLifetimeMs ?? 10 * 60_000;
  const clockToleranceSeconds = config.clockToleranceSeconds ?? 30;

  let discovered: Promise<{ meta: ProviderMetadata; keys: JWTVerifyGetKey }> | undefined;
  function provider(): Promise<{ meta: ProviderMetadata; keys: JWTVerifyGetKey }> {
    if (discovered === undefined) {
      discovered = discoverProvider(issuer, fetchImpl, timeoutMs).then((meta) => ({
        meta,
        keys: createRemoteJWKSet(new URL(meta.jwksUri), {
          timeoutDuration: timeoutMs,
          [customFetch]: fetchImpl,
        }),
      }));
      // A failed discovery is retried on the next sign-in instead of being cached.
      discovered.catch(() => {
        discovered = undefined;
      });
    }
    return discovered;
  }

  async function beginSignIn(): Promise<{ url: string; pending: PendingSignIn }> {
    const { meta } = await provider();
    const pending: PendingSignIn = {
      state: randomToken(32),
      nonce: randomToken(32),
      codeVerifier: createCodeVerifier(),
      createdAt: now(),
    };
    const url = new URL(meta.authorizationEndpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', config.clientId);
    url.searchParams.set('redirect_uri', config.redirectUri);
    url.searchParams.set('scope', scopes.join(' '));
    url.searchParams.set('state', pending.state);
    url.searchParams.set('nonce', pending.nonce);
    url.searchParams.set('code_challenge', codeChallengeS256(pending.codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    return { url: url.href, pending };
  }

  async function completeSignIn(
    callbackUrl: string | URL,
    pending: PendingSignIn,
  ): Promise<Result<OidcIdentity, OidcFailure>> {
    const { meta, keys } = await provider();
    let url: URL;
    try {
      url = new URL(callbackUrl);
    } catch {
      return fail({ code: 'OIDC_CALLBACK_INVALID', reason: 'url' });
    }
    if (url.origin !== redirect.origin || url.pathname !== redirect.pathname) {
      return fail({ code: 'OIDC_CALLBACK_INVALID', reason: 'redirect_uri' });
    }
    const params = url.searchParams;
    for (const name of ['state', 'code', 'iss', 'error']) {
      if (params.getAll(name).length > 1) return fail({ code: 'OIDC_CALLBACK_INVALID', reason: 'repeated' });
    }
    const age = now() - pending.createdAt;
    if (!(age >= 0 && age <= pendingLifetimeMs)) return fail({ code: 'OIDC_STATE_EXPIRED' });
    // State first: nothing else in an unsolicited response deserves attention, not even an error.
    const state = params.get('state');
    if (state === null || !constantTimeEqual(state, pending.state))
      return fail({ code: 'OIDC_STATE_MISMATCH' });
    const iss = params.get('iss');
    if (iss !== null ? iss !== meta.issuer : meta.issParameterSupported) {
      return fail({ code: 'OIDC_ISSUER_MISMATCH' });
    }
    const error = params.get('error');
    if (error !== null) {
      const providerError = safeOAuthError(error);
      return fail({ code: 'OIDC_PROVIDER_ERROR', ...(providerError ? { providerError } : {}) });
    }
    const code = params.get('code');
    if (code === null || code.length === 0) return fail({ code: 'OIDC_CALLBACK_INVALID', reason: 'code' });

    const tokens = await exchangeCode(meta, code, pending.codeVerifier);
    if (!tokens.ok) return tokens;
    const verified = await verifyIdToken(tokens.value.idToken, keys, {
      issuer: meta.issuer,
      clientId: config.clientId,
      nonce: pending.nonce,
      providerAlgs: meta.idTokenSigningAlgs,
      accessToken: tokens.value.accessToken,
      now: new Date(now()),
      clockToleranceSeconds,
    });
    if (!verified.ok) return verified;
    const idClaims: JWTPayload = verified.value;
    let claims: Record<string, unknown> = { ...idClaims };
    if (
      (idClaims.email === undefined || idClaims.name === undefined) &&
      meta.userinfoEndpoint !== undefined
    ) {
      const info = await fetchUserinfo(meta.userinfoEndpoint, tokens.value.accessToken);
      if (info !== undefined) {
        // OpenID Connect Core §5.3.2: userinfo about another subject must not be used.
        if (info.sub !== idClaims.sub) return fail({ code: 'OIDC_TOKEN_INVALID', reason: 'userinfo_sub' });
        claims = { ...info, ...idClaims };
      }
    }
    return ok({
      issuer: meta.issuer,
      subject: idClaims.sub as string,
      ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
      emailVerified: claims.email_verified === true,
      ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
      claims,
    });
  }

  async function exchangeCode(
    meta: ProviderMetadata,
    code: string,
    codeVerifier: string,
  ): Promise<Result<{ idToken: string; accessToken: string }, OidcFailure>> {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: config.redirectUri,
      code_verifier: codeVerifier,
    });
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
    };
    if (config.clientSecret !== undefined) {
      // RFC 6749 §2.3.1: id and secret are form-encoded before being joined.
      const basic = `${formEncode(config.clientId)}:${formEncode(config.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(basic, 'utf8').toString('base64')}`;
    } else {
      body.set('client_id', config.clientId);
    }
    const res = await backChannel(meta.tokenEndpoint, { method: 'POST', headers, body });
    const json = await readJsonObject(res);
    if (!res.ok) {
      const providerError = safeOAuthError(json?.error);
      const code = providerError === 'invalid_grant' ? 'OIDC_GRANT_INVALID' : 'OIDC_PROVIDER_ERROR';
      return fail({ code, reason: 'token_endpoint', ...(providerError ? { providerError } : {}) });
    }
    if (json === undefined || typeof json.id_token !== 'string' || typeof json.access_token !== 'string') {
      return fail({ code: 'OIDC_TOKEN_INVALID', reason: 'token_response' });
    }
    if (typeof json.token_type !== 'string' || json.token_type.toLowerCase() !== 'bearer') {
      return fail({ code: 'OIDC_TOKEN_INVALID', reason: 'token_type' });
    }
    return ok({ idToken: json.id_token, accessToken: json.access_token });
  }

  async function fetchUserinfo(
    endpoint: string,
    accessToken: string,
  ): Promise<Record<string, unknown> | undefined> {
    const res = await backChannel(endpoint, {
      headers: { accept: 'application/json', authorization: `Bearer ${accessToken}` },
    });
    if (!res.ok) return undefined;
    return readJsonObject(res);
  }

  async function backChannel(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetchImpl(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    } catch (cause) {
      throw new IdentityError('OIDC_PROVIDER_UNREACHABLE', undefined, { cause });
    }
  }

  return { issuer, clientId: config.clientId, beginSignIn, completeSignIn };
}

function parseRedirectUri(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new IdentityError('IDENTITY_CONFIG_INVALID', 'The redirect URI is not a URL.', { cause });
  }
  if (url.search !== '' || url.hash !== '' || !isAcceptableEndpoint(value)) {
    throw new IdentityError(
      'IDENTITY_CONFIG_INVALID',
      'The redirect URI must be https, without query or fragment.',
    );
  }
  return url;
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

async function readJsonObject(res: Response): Promise<Record<string, unknown> | undefined> {
  try {
    const json: unknown = await res.json();
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
