/**
 * Proof Key for Code Exchange (RFC 7636), S256 only: the plain method would put the verifier in
 * the browser's address bar, which defeats its purpose.
 */
import { createHash } from 'node:crypto';
import { randomToken } from './random-token.ts';

/** A fresh code verifier: 43 base64url characters (256 bits), within RFC 7636's 43..128. */
export function createCodeVerifier(): string {
  return randomToken(32);
}

/** BASE64URL(SHA256(ASCII(code_verifier))). */
export function codeChallengeS256(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}
