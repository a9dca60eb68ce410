/**
 * ID token validation (OpenID Connect Core §3.1.3.7) on top of jose's JWS verification: signature
 * by a key from the provider's JWKS with an asymmetric algorithm it advertises, exact issuer, our
 * client id in the audience (and as `azp` when there are several), not expired, our nonce, and
 * `at_hash` bound to the access token when present.
 */
import { createHash } from 'node:crypto';
import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { OidcFailure } from './oidc-failure.ts';
import { constantTimeEqual } from './random-token.ts';
import { fail, ok, type Result } from './result.ts';

/** Asymmetric algorithms only: never `none`, never an HMAC keyed with the client secret. */
const ASYMMETRIC_ALGS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce: string;
  /** Algorithms the provider advertises; intersected with the asymmetric allow-list. */
  providerAlgs: string[];
  accessToken?: string;
  now: Date;
  clockToleranceSeconds: number;
}

export async function verifyIdToken(
  idToken: string,
  keys: JWTVerifyGetKey,
  expect: IdTokenExpectations,
): Promise<Result<JWTPayload, OidcFailure>> {
  const algorithms = ASYMMETRIC_ALGS.filter((a) => expect.providerAlgs.includes(a));
  let payload: JWTPayload;
  let alg: string;
  try {
    const verified = await jwtVerify(idToken, keys, {
      issuer: expect.issuer,
      audience: expect.clientId,
      algorithms,
      currentDate: expect.now,
      clockTolerance: expect.clockToleranceSeconds,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
    });
    payload = verified.payload;
    alg = verified.protectedHeader.alg;
  } catch (e) {
    return fail(mapJoseError(e));
  }
  const aud = payload.aud;
  if (Array.isArray(aud) && aud.length > 1 && payload.azp !== expect.clientId) {
    return fail({ code: 'OIDC_AUDIENCE_INVALID', reason: 'azp' });
  }
  if (payload.azp !== undefined && payload.azp !== expect.clientId) {
    return fail({ code: 'OIDC_AUDIENCE_INVALID', reason: 'azp' });
  }
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255) {
    return fail({ code: 'OIDC_TOKEN_INVALID', reason: 'sub' });
  }
  if (typeof payload.nonce !== 'string' || !constantTimeEqual(payload.nonce, expect.nonce)) {
    return fail({ code: 'OIDC_TOKEN_INVALID', reason: 'nonce' });
  }
  if (payload.at_hash !== undefined && expect.accessToken !== undefined) {
    const expected = halfHash(alg, expect.accessToken);
    if (
      expected === undefined ||
      typeof payload.at_hash !== 'string' ||
      !constantTimeEqual(payload.at_hash, expected)
    ) {
      return fail({ code: 'OIDC_TOKEN_INVALID', reason: 'at_hash' });
    }
  }
  return ok(payload);
}

function mapJoseError(e: unknown): OidcFailure {
  if (e instanceof errors.JWTExpired) return { code: 'OIDC_TOKEN_EXPIRED' };
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'aud') return { code: 'OIDC_AUDIENCE_INVALID', reason: 'aud' };
    return { code: 'OIDC_TOKEN_INVALID', reason: `claim_${e.claim.replace(/[^a-z_]/g, '')}` };
  }
  if (e instanceof errors.JWSSignatureVerificationFailed)
    return { code: 'OIDC_TOKEN_INVALID', reason: 'signature' };
  if (e instanceof errors.JOSEAlgNotAllowed) return { code: 'OIDC_TOKEN_INVALID', reason: 'alg' };
  if (e instanceof errors.JWKSNoMatchingKey) return { code: 'OIDC_TOKEN_INVALID', reason: 'key' };
  return { code: 'OIDC_TOKEN_INVALID', reason: 'malformed' };
}

/** The left half of the hash of an access token, with the hash of the ID token's algorithm. */
function halfHash(alg: string, token: string): string | undefined {
  const bits = alg === 'EdDSA' || alg === 'Ed25519' ? '512' : alg.slice(2);
  const hash = { '256': 'sha256', '384': 'sha384', '512': 'sha512' }[bits];
  if (hash === undefined) return undefined;
  const digest = createHash(hash).update(token, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}
