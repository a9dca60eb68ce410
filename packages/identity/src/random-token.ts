/**
 * Random bearer values (session ids, invitation tokens, OAuth state) and the one-way form in
 * which they are stored. A leaked table of SHA-256 digests of 256-bit random values yields nothing
 * an attacker can present, so stores only ever see `tokenDigest(token)`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A base64url string of `bytes` random bytes (32 bytes = 256 bits by default). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The stored form of a bearer token: hex SHA-256 of its UTF-8 bytes, with a purpose label. */
export function tokenDigest(purpose: string, token: string): string {
  return createHash('sha256').update(`steno-identity:${purpose}:`).update(token, 'utf8').digest('hex');
}

/**
 * Constant-time string equality. Both sides are hashed first so that neither the content nor the
 * length of the expected value is revealed by timing.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}
