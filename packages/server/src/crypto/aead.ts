/**
 * AES-256-GCM with the nonce and tag packed beside the ciphertext: version(1) | nonce(12) | ct | tag(16).
 * The version byte lets the stored form change without ambiguity.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const NONCE = 12;
const TAG = 16;

export function aeadSeal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const ct = cipher.update(plaintext);
  const final = cipher.final();
  const out = new Uint8Array(1 + NONCE + ct.length + final.length + TAG);
  out[0] = VERSION;
  out.set(nonce, 1);
  out.set(ct, 1 + NONCE);
  out.set(final, 1 + NONCE + ct.length);
  out.set(cipher.getAuthTag(), out.length - TAG);
  return out;
}

/** Returns undefined when the key, the associated data or the bytes are wrong: never partial plaintext. */
export function aeadOpen(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array | undefined {
  if (sealed.length < 1 + NONCE + TAG || sealed[0] !== VERSION) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + NONCE));
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
    const pt = decipher.update(sealed.subarray(1 + NONCE, sealed.length - TAG));
    return new Uint8Array(Buffer.concat([pt, decipher.final()]));
  } catch {
    return undefined;
  }
}
