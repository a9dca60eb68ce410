/**
 * OpenID Connect discovery: fetch the provider's metadata once and check what the sign-in flow
 * relies on. The metadata's `issuer` must equal the configured issuer exactly (OpenID Connect
 * Discovery §4.3), which is what stops one provider's metadata from standing in for another's.
 */
import { IdentityError } from './identity-error.ts';

export interface ProviderMetadata {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  userinfoEndpoint?: string;
  /** RFC 9207: the provider puts `iss` in every authorisation response. */
  issParameterSupported: boolean;
  /** Signing algorithms the provider may use for ID tokens. */
  idTokenSigningAlgs: string[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** An endpoint must be https, except on a loopback host (a provider started locally for tests). */
export function isAcceptableEndpoint(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '' || url.hash !== '') return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

export async function discoverProvider(
  issuer: string,
  fetchImpl: typeof fetch,
  timeoutMs: number,
): Promise<ProviderMetadata> {
  const wellKnown = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let body: unknown;
  try {
    const res = await fetchImpl(wellKnown, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new IdentityError('OIDC_DISCOVERY_FAILED', `Discovery answered HTTP ${res.status}.`);
    body = await res.json();
  } catch (cause) {
    if (cause instanceof IdentityError) throw cause;
    throw new IdentityError('OIDC_DISCOVERY_FAILED', undefined, { cause });
  }
  if (typeof body !== 'object' || body === null) {
    throw new IdentityError('OIDC_DISCOVERY_FAILED', 'Discovery document is not a JSON object.');
  }
  const m = body as Record<string, unknown>;
  if (m.issuer !== issuer) {
    throw new IdentityError('OIDC_DISCOVERY_FAILED', 'Discovery document names a different issuer.');
  }
  for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    if (!isAcceptableEndpoint(m[field])) {
      throw new IdentityError('OIDC_DISCOVERY_FAILED', `Discovery field ${field} is missing or not https.`);
    }
  }
  const methods = m.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256')) {
    throw new IdentityError('OIDC_DISCOVERY_FAILED', 'The provider does not support PKCE with S256.');
  }
  const algs = Array.isArray(m.id_token_signing_alg_values_supported)
    ? m.id_token_signing_alg_values_supported.filter((a): a is string => typeof a === 'string')
    : ['RS256'];
  return {
    issuer,
    authorizationEndpoint: m.authorization_endpoint as string,
    tokenEndpoint: m.token_endpoint as string,
    jwksUri: m.jwks_uri as string,
    ...(isAcceptableEndpoint(m.userinfo_endpoint) ? { userinfoEndpoint: m.userinfo_endpoint } : {}),
    issParameterSupported: m.authorization_response_iss_parameter_supported === true,
    idTokenSigningAlgs: algs,
  };
}
