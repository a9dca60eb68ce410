/**
 * Encryption at rest of dataset files, each dataset under its own random 256-bit key (the caller
 * wraps the key in its key store; erasing it shreds the dataset). AES-256-GCM with a fresh 96-bit
 * nonce per file. Stored form:
 *
 *   magic "STDF" | version 0x01 | nonce (12 bytes) | ciphertext | tag (16 bytes)
 *
 * The associated data is the 17-byte header followed by the file's name in UTF-8, so a file cannot
 * be passed off under another name (steps.parquet as episodes.jsonl) or another format version.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { DatasetError } from './datasets-error.ts';

const MAGIC = new Uint8Array([0x53, 0x54, 0x44, 0x46]); // "STDF"
export const DATASET_FILE_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + NONCE_BYTES;
const KEY_BYTES = 32;

export type DecryptResult =
  | { ok: true; value: Uint8Array }
  | { ok: false; error: { code: 'DATASET_FILE_MALFORMED' | 'DATASET_FILE_TAMPERED' } };

/** A fresh dataset file key (32 random bytes). */
export function generateDatasetKey(): Uint8Array {
  return new Uint8Array(randomBytes(KEY_BYTES));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function checkKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.byteLength !== KEY_BYTES)
    throw new DatasetError('DATASET_KEY_INVALID');
}

function checkName(name: string): void {
  let bad = name.length < 1 || name.length > 255 || name === '.' || name === '..';
  for (let i = 0; i < name.length && !bad; i++) {
    const c = name.charCodeAt(i);
    bad = c < 0x20 || c === 0x7f || c === 0x2f || c === 0x5c; // control, '/', '\\'
  }
  if (bad) throw new DatasetError('DATASET_FILE_NAME_INVALID');
}

function aad(header: Uint8Array, name: string): Buffer {
  return Buffer.concat([header, Buffer.from(name, 'utf8')]);
}

/** Encrypts one dataset file's bytes under the dataset key, bound to its name. */
export function encryptDatasetFile(key: Uint8Array, name: string, plaintext: Uint8Array): Uint8Array {
  checkKey(key);
  checkName(name);
  const header = new Uint8Array(HEADER_BYTES);
  header.set(MAGIC, 0);
  header[MAGIC.length] = DATASET_FILE_VERSION;
  header.set(randomBytes(NONCE_BYTES), MAGIC.length + 1);
  const cipher = createCipheriv('aes-256-gcm', key, header.subarray(MAGIC.length + 1), {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(aad(header, name));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const out = new Uint8Array(HEADER_BYTES + body.length + TAG_BYTES);
  out.set(header, 0);
  out.set(body, HEADER_BYTES);
  out.set(cipher.getAuthTag(), HEADER_BYTES + body.length);
  return out;
}

/** Decrypts and authenticates; a wrong key, wrong name or any altered byte gives DATASET_FILE_TAMPERED. */
export function decryptDatasetFile(key: Uint8Array, name: string, stored: Uint8Array): DecryptResult {
  checkKey(key);
  checkName(name);
  if (
    stored.byteLength < HEADER_BYTES + TAG_BYTES ||
    !MAGIC.every((b, i) => stored[i] === b) ||
    stored[MAGIC.length] !== DATASET_FILE_VERSION
  )
    return { ok: false, error: { code: 'DATASET_FILE_MALFORMED' } };
  const header = stored.subarray(0, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(MAGIC.length + 1), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(aad(header, name));
  decipher.setAuthTag(stored.subarray(stored.byteLength - TAG_BYTES));
  try {
    const body = stored.subarray(HEADER_BYTES, stored.byteLength - TAG_BYTES);
    return { ok: true, value: new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()])) };
  } catch {
    return { ok: false, error: { code: 'DATASET_FILE_TAMPERED' } };
  }
}
