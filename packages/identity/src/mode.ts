/**
 * Which way people sign in. With an identity provider configured, OpenID Connect is the only way
 * in: local accounts are refused, so a forgotten invitation or password cannot bypass the
 * organisation's provider (its MFA, its leaver process). Without one, the embedded default offers
 * local accounts so `npm start` needs no provider.
 */
import { fail, ok, type Result } from './result.ts';

export type IdentityMode = 'oidc' | 'local';

export interface IdentityModeConfig {
  oidc?: { issuer?: string | undefined } | undefined;
}

export function identityMode(config: IdentityModeConfig): IdentityMode {
  const issuer = config.oidc?.issuer;
  return typeof issuer === 'string' && issuer.trim() !== '' ? 'oidc' : 'local';
}

export type LocalAccountsDisabled = { code: 'LOCAL_ACCOUNTS_DISABLED' };

/** `ok` in local mode; a LOCAL_ACCOUNTS_DISABLED value when an OIDC issuer is configured. */
export function localAccountsAllowed(mode: IdentityMode): Result<void, LocalAccountsDisabled> {
  return mode === 'local' ? ok(undefined) : fail({ code: 'LOCAL_ACCOUNTS_DISABLED' });
}
