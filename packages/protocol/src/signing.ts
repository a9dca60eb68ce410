/** Ed25519 keys and signatures with node:crypto; public keys travel as raw 32 bytes, base64url. */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { canonicalBytes, type SigningDomain } from './canonical.ts';

export interface Ed25519KeyPair {
  /** Raw 32-byte public key, base64url. */
  publicKey: string;
  /** PKCS#8 DER private key, base64url: keep it in a 0600 file. */
  privateKey: string;
}

export function generateEd25519(): Ed25519KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('ed25519 export failed');
  return {
    publicKey: jwk.x,
    privateKey: Buffer.from(privateKey.export({ format: 'der', type: 'pkcs8' })).toString('base64url'),
  };
}

export function importPublicKey(rawBase64Url: string): KeyObject {
  const raw = Buffer.from(rawBase64Url, 'base64url');
  if (raw.length !== 32) throw new RangeError('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: rawBase64Url }, format: 'jwk' });
}

export function importPrivateKey(pkcs8Base64Url: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(pkcs8Base64Url, 'base64url'), format: 'der', type: 'pkcs8' });
}

/** Signs the canonical bytes of `value` in `domain`; returns base64url. */
export function signCanonical(domain: SigningDomain, value: unknown, privateKey: KeyObject): string {
  return sign(null, canonicalBytes(domain, value), privateKey).toString('base64url');
}

/** Verifies without throwing: a malformed key or signature is simply `false`. */
export function verifyCanonical(
  domain: SigningDomain,
  value: unknown,
  sig: string,
  publicKey: KeyObject,
): boolean {
  try {
    const sigBytes = Buffer.from(sig, 'base64url');
    if (sigBytes.length !== 64) return false;
    return verify(null, canonicalBytes(domain, value), publicKey, sigBytes);
  } catch {
    return false;
  }
}
