/**
 * The one fault class of @steno/identity. Faults are things the caller cannot handle as a normal
 * outcome: a misconfiguration, an identity provider that cannot be reached, a store that breaks
 * its contract. Messages never carry a token, password, authorisation code, state or nonce.
 */

export const IDENTITY_ERROR_CODES = {
  IDENTITY_CONFIG_INVALID: 'The identity configuration is invalid (issuer, client or redirect URI).',
  OIDC_DISCOVERY_FAILED: 'The identity provider metadata could not be fetched or is not acceptable.',
  OIDC_PROVIDER_UNREACHABLE: 'The identity provider did not answer a back-channel request.',
  PASSWORD_HASH_INVALID: 'A stored password hash is malformed or uses parameters out of bounds.',
  IDENTITY_STORE_FAILED: 'An identity store broke its contract (for example a duplicate id).',
} as const;

export type IdentityErrorCode = keyof typeof IDENTITY_ERROR_CODES;

export class IdentityError extends Error {
  override readonly name = 'IdentityError';
  readonly code: IdentityErrorCode;

  constructor(
    code: IdentityErrorCode,
    message: string = IDENTITY_ERROR_CODES[code],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
  }
}
