/**
 * Ed25519 keys for C2SP signed notes: key names, key ids, and the verifier-key string
 * `name+hex(keyid)+base64(0x01 || public key)` that a verifier is configured with.
 * key id = SHA-256(name || 0x0A || 0x01 || 32-byte public key)[:4], big-endian.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { sha256 } from './hashing.ts';
import { TlogError } from './tlog-error.ts';

/** The signed-note signature type byte for Ed25519. */
export const ED25519_SIGNATURE_TYPE = 0x01;

/** A key that signs notes: the key name and the Ed25519 private key (32-byte seed or KeyObject). */
export interface NoteSigner {
  name: string;
  privateKey: Uint8Array | KeyObject;
}

/** A key that verifies notes, as parsed from a verifier-key string. */
export interface NoteVerifier {
  name: string;
  /** uint32 key id. */
  keyId: number;
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const utf8 = new TextEncoder();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Non-empty, valid UTF-8, no Unicode space, no '+', no control character. */
export function isValidKeyName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the spec forbids exactly these control characters
    !/[\s\u0085+\u0000-\u001f\u007f]/u.test(name) &&
    !LONE_SURROGATE.test(name)
  );
}

/** The Ed25519 private key as a KeyObject (from a 32-byte seed or a private KeyObject). */
export function toPrivateKey(key: Uint8Array | KeyObject): KeyObject {
  if (key instanceof KeyObject) {
    if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') {
      throw new TlogError('TLOG_INVALID_KEY', 'expected an Ed25519 private key');
    }
    return key;
  }
  if (!(key instanceof Uint8Array) || key.length !== 32) {
    throw new TlogError('TLOG_INVALID_KEY', 'an Ed25519 private key seed is 32 bytes');
  }
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, key]), format: 'der', type: 'pkcs8' });
}

/** The Ed25519 public key as a KeyObject (from 32 raw bytes or a public/private KeyObject). */
export function toPublicKey(key: Uint8Array | KeyObject): KeyObject {
  if (key instanceof KeyObject) {
    if (key.asymmetricKeyType !== 'ed25519')
      throw new TlogError('TLOG_INVALID_KEY', 'expected an Ed25519 key');
    return key.type === 'private' ? createPublicKey(key) : key;
  }
  if (!(key instanceof Uint8Array) || key.length !== 32) {
    throw new TlogError('TLOG_INVALID_KEY', 'an Ed25519 public key is 32 bytes');
  }
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, key]), format: 'der', type: 'spki' });
  } catch (cause) {
    throw new TlogError('TLOG_INVALID_KEY', 'not an Ed25519 public key', { cause });
  }
}

/** The raw 32-byte Ed25519 public key of any accepted key form. */
export function rawPublicKey(key: Uint8Array | KeyObject): Uint8Array {
  if (key instanceof Uint8Array) {
    if (key.length !== 32) throw new TlogError('TLOG_INVALID_KEY', 'an Ed25519 public key is 32 bytes');
    return key;
  }
  const der = toPublicKey(key).export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(SPKI_ED25519_PREFIX.length));
}

/** The signed-note key id of an Ed25519 key: SHA-256(name || 0x0A || 0x01 || key)[:4] as a uint32. */
export function noteKeyId(name: string, publicKey: Uint8Array | KeyObject): number {
  if (!isValidKeyName(name)) throw new TlogError('TLOG_INVALID_KEY', 'invalid key name');
  const raw = rawPublicKey(publicKey);
  const digest = sha256(Buffer.concat([utf8.encode(name), Uint8Array.of(0x0a, ED25519_SIGNATURE_TYPE), raw]));
  return Buffer.from(digest.buffer, digest.byteOffset, 4).readUInt32BE(0);
}

/** `name+hex(keyid)+base64(0x01 || public key)`: what a verifier is configured with. */
export function verifierKeyString(name: string, publicKey: Uint8Array | KeyObject): string {
  const raw = rawPublicKey(publicKey);
  const id = noteKeyId(name, raw).toString(16).padStart(8, '0');
  return `${name}+${id}+${encodeBase64(Buffer.concat([Uint8Array.of(ED25519_SIGNATURE_TYPE), raw]))}`;
}

export type ParseVerifierKeyResult =
  | { ok: true; verifier: NoteVerifier }
  | { ok: false; reason: 'MALFORMED_VERIFIER_KEY' };

/** Parses a verifier-key string; the key id must match the name and key it claims to hash. */
export function parseVerifierKey(text: string): ParseVerifierKeyResult {
  const bad = { ok: false, reason: 'MALFORMED_VERIFIER_KEY' } as const;
  if (typeof text !== 'string') return bad;
  // The name has no '+', the hex id has none; base64 may, so split at the first two only.
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  if (first < 0 || second < 0) return bad;
  const name = text.slice(0, first);
  const hex = text.slice(first + 1, second);
  const key = decodeBase64(text.slice(second + 1));
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/i.test(hex) || !key) return bad;
  if (key.length !== 33 || key[0] !== ED25519_SIGNATURE_TYPE) return bad;
  const publicKey = key.slice(1);
  try {
    toPublicKey(publicKey);
  } catch {
    return bad;
  }
  const keyId = Number.parseInt(hex, 16);
  if (noteKeyId(name, publicKey) !== keyId) return bad;
  return { ok: true, verifier: { name, keyId, publicKey } };
}

/** A fresh Ed25519 note key: the signer to keep secret and the verifier key to publish. */
export function generateNoteKey(name: string): { signer: NoteSigner; verifierKey: string } {
  if (!isValidKeyName(name)) throw new TlogError('TLOG_INVALID_KEY', 'invalid key name');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signer: { name, privateKey }, verifierKey: verifierKeyString(name, publicKey) };
}
