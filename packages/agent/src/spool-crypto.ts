/**
 * Encryption of spool entries at rest: AES-256-GCM under the device's spool key, a random
 * 12-byte nonce per entry, and associated data binding the format version, the device id and
 * the sequence number, so an entry copied to another name or device fails to open.
 * Stored form: version byte (1) | nonce (12) | ciphertext | tag (16).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const SPOOL_FORMAT_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function associatedData(deviceId: string, seq: number): Buffer {
  return Buffer.from(`steno-spool-v${SPOOL_FORMAT_VERSION}\n${deviceId}\n${seq}`, 'utf8');
}

function checkKey(key: Uint8Array): void {
  if (key.length !== 32) throw new RangeError('the spool key is 32 bytes');
}

export function encryptEntry(
  key: Uint8Array,
  deviceId: string,
  seq: number,
  plaintext: Uint8Array,
): Uint8Array {
  checkKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(associatedData(deviceId, seq));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(SPOOL_FORMAT_VERSION), nonce, body, cipher.getAuthTag()]);
}

/** Opens an entry; throws when the version, key, device, seq or any byte does not match. */
export function decryptEntry(key: Uint8Array, deviceId: string, seq: number, stored: Uint8Array): Uint8Array {
  checkKey(key);
  const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  if (bytes.length < 1 + NONCE_BYTES + TAG_BYTES) throw new Error('spool entry too short');
  if (bytes[0] !== SPOOL_FORMAT_VERSION) throw new Error('unknown spool entry version');
  const nonce = bytes.subarray(1, 1 + NONCE_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(associatedData(deviceId, seq));
  decipher.setAuthTag(tag);
  return Buffer.concat([
    decipher.update(bytes.subarray(1 + NONCE_BYTES, bytes.length - TAG_BYTES)),
    decipher.final(),
  ]);
}
