/**
 * The expected ways an OpenID Connect sign-in is refused. Each is a value the server turns into a
 * "sign-in failed, start again" page; none carries a token, code, state or nonce.
 */

export const OIDC_FAILURE_CODES = {
  OIDC_CALLBACK_INVALID: 'The callback is not at the redirect URI, or lacks or repeats a parameter.',
  OIDC_STATE_MISMATCH: 'The callback state is not the one this browser started with.',
  OIDC_STATE_REPLAYED: 'The pending sign-in is unknown or was already completed.',
  OIDC_STATE_EXPIRED: 'The pending sign-in is older than its lifetime.',
  OIDC_ISSUER_MISMATCH: 'The authorisation response names another issuer (RFC 9207 mix-up defence).',
  OIDC_PROVIDER_ERROR: 'The provider answered with an OAuth error (for example access_denied).',
  OIDC_GRANT_INVALID: 'The provider refused the code: used, expired, for another client, or PKCE failed.',
  OIDC_TOKEN_INVALID: 'The ID token is malformed, badly signed, or has a wrong nonce or claim.',
  OIDC_AUDIENCE_INVALID: 'The ID token was issued for another client.',
  OIDC_TOKEN_EXPIRED: 'The ID token has expired.',
} as const;

export type OidcFailureCode = keyof typeof OIDC_FAILURE_CODES;

export interface OidcFailure {
  code: OidcFailureCode;
  /** A short, fixed reason for logs (never a value from the token or the URL). */
  reason?: string;
  /** For OIDC_PROVIDER_ERROR and OIDC_GRANT_INVALID: the OAuth error code, if it is well-formed. */
  providerError?: string;
}

/** An OAuth error code from the provider or the URL, kept only if it has the registered shape. */
export function safeOAuthError(value: unknown): string | undefined {
  return typeof value === 'string' && /^[a-z_]{1,64}$/.test(value) ? value : undefined;
}
