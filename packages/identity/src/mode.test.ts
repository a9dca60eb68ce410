/** Identity mode: OIDC when an issuer is configured, local accounts otherwise and only then. */
import { describe, expect, it } from 'vitest';
import { identityMode, localAccountsAllowed } from './mode.ts';

describe('identity mode', () => {
  it('is oidc with an issuer and local without one', () => {
    expect(identityMode({ oidc: { issuer: 'https://idp.example.test' } })).toBe('oidc');
    expect(identityMode({})).toBe('local');
    expect(identityMode({ oidc: { issuer: '  ' } })).toBe('local');
    expect(identityMode({ oidc: undefined })).toBe('local');
  });

  it('refuses local accounts in oidc mode', () => {
    expect(localAccountsAllowed('local')).toEqual({ ok: true, value: undefined });
    expect(localAccountsAllowed('oidc')).toEqual({ ok: false, error: { code: 'LOCAL_ACCOUNTS_DISABLED' } });
  });
});
