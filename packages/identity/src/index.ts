/**
 * @steno/identity: who is signing in. OpenID Connect (authorisation code with PKCE) against the
 * organisation's provider, or, when none is configured, local accounts by invitation with scrypt
 * password hashes; then sessions in HttpOnly, Secure, SameSite cookies with a CSRF token. A
 * library: the server's routes call it and implement its store interfaces in SQL.
 */
export {
  type AccountStore,
  createMemoryAccountStore,
  type Invitation,
  type LocalAccount,
  type RedeemOutcome,
} from './account-store.ts';
export {
  type CookieOptions,
  clearSessionCookie,
  clearSignInCookie,
  readCookie,
  sessionCookie,
  sessionCookieName,
  signInCookie,
  signInCookieName,
} from './cookies.ts';
export { IDENTITY_ERROR_CODES, IdentityError, type IdentityErrorCode } from './identity-error.ts';
export {
  type CredentialsFailure,
  createLocalAccounts,
  type InvitationFailure,
  type LocalAccounts,
  type LocalAccountsOptions,
  type SignedInAccount,
} from './local-accounts.ts';
export {
  type IdentityMode,
  type IdentityModeConfig,
  identityMode,
  type LocalAccountsDisabled,
  localAccountsAllowed,
} from './mode.ts';
export {
  createOidcClient,
  type OidcClient,
  type OidcClientConfig,
  type OidcIdentity,
  type PendingSignIn,
} from './oidc-client.ts';
export { OIDC_FAILURE_CODES, type OidcFailure, type OidcFailureCode } from './oidc-failure.ts';
export {
  CURRENT_SCRYPT_PARAMS,
  hashPassword,
  needsRehash,
  passwordMatches,
  type ScryptParams,
} from './password-hash.ts';
export {
  checkPasswordPolicy,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordPolicyFailure,
} from './password-policy.ts';
export {
  createMemoryPendingSignInStore,
  createPendingSignIns,
  type PendingSignInStore,
  type PendingSignIns,
} from './pending-sign-ins.ts';
export type { Result } from './result.ts';
export { createMemorySessionStore, type SessionRecord, type SessionStore } from './session-store.ts';
export {
  type ActiveSession,
  checkCsrf,
  checkOrigin,
  createSessions,
  csrfTokenFor,
  type SessionFailure,
  type SessionOptions,
  type Sessions,
} from './sessions.ts';
