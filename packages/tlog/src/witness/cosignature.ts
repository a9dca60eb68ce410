/**
 * C2SP tlog-cosignature v1 with Ed25519 (https://c2sp.org/tlog-cosignature): a witness's statement
 * that, at a time, the largest consistent tree it has seen of a log has this root. It is a signed
 * note signature line over the checkpoint:
 *
 *   — <cosigner name> base64(key id[4] || u64 timestamp (big-endian) || Ed25519 signature[64])
 *
 * signing "cosignature/v1\ntime <timestamp>\n" followed by the checkpoint text. Key id =
 * SHA-256(name || 0x0A || 0x04 || public key)[:4]; the verifier key string uses type 0x04.
 */
import { sign, verify } from 'node:crypto';
import { decodeBase64, encodeBase64 } from '../base64.ts';
import { sha256 } from '../hashing.ts';
import { isValidKeyName, type NoteSigner, rawPublicKey, toPrivateKey, toPublicKey } from '../note-key.ts';
import { parseSignedNote } from '../signed-note.ts';
import { TlogError } from '../tlog-error.ts';

/** The signed-note signature type of Ed25519 cosignature/v1. */
export const COSIGNATURE_V1_TYPE = 0x04;
const MAX_TIMESTAMP = 2n ** 63n - 1n;
const utf8 = new TextEncoder();

/** A witness as a verifier knows it: name, key id and raw Ed25519 public key. */
export interface Cosigner {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
}

export interface VerifiedCosignature {
  name: string;
  /** POSIX seconds at which the witness cosigned. */
  timestamp: number;
}

/** SHA-256(name || 0x0A || 0x04 || public key)[:4] as a uint32. */
export function cosignerKeyId(name: string, publicKey: Uint8Array): number {
  if (!isValidKeyName(name)) throw new TlogError('TLOG_INVALID_KEY', 'invalid key name');
  const d = sha256(Buffer.concat([utf8.encode(name), Uint8Array.of(0x0a, COSIGNATURE_V1_TYPE), publicKey]));
  return Buffer.from(d.buffer, d.byteOffset, 4).readUInt32BE(0);
}

/** `name+hex(keyid)+base64(0x04 || public key)`: what log owners and verifiers configure. */
export function cosignerVerifierKey(name: string, publicKey: Uint8Array): string {
  const raw = rawPublicKey(publicKey);
  const id = cosignerKeyId(name, raw).toString(16).padStart(8, '0');
  return `${name}+${id}+${encodeBase64(Buffer.concat([Uint8Array.of(COSIGNATURE_V1_TYPE), raw]))}`;
}

/** Parses a cosigner verifier key (type 0x04); the key id must match the name and key. */
export function parseCosignerKey(text: string): { ok: true; cosigner: Cosigner } | { ok: false } {
  if (typeof text !== 'string') return { ok: false };
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  if (first < 0 || second < 0) return { ok: false };
  const name = text.slice(0, first);
  const hex = text.slice(first + 1, second);
  const key = decodeBase64(text.slice(second + 1));
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/i.test(hex) || !key) return { ok: false };
  if (key.length !== 33 || key[0] !== COSIGNATURE_V1_TYPE) return { ok: false };
  const publicKey = key.slice(1);
  try {
    toPublicKey(publicKey);
  } catch {
    return { ok: false };
  }
  const keyId = Number.parseInt(hex, 16);
  if (cosignerKeyId(name, publicKey) !== keyId) return { ok: false };
  return { ok: true, cosigner: { name, keyId, publicKey } };
}

/** The bytes a cosigner signs: the header line, the time line, then the checkpoint text. */
export function cosignatureMessage(checkpointText: string, timestamp: number): Uint8Array {
  return utf8.encode(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`);
}

/** One cosignature line (ending in a newline) over `checkpointText` at `timestamp` (POSIX seconds). */
export function cosignLine(checkpointText: string, signer: NoteSigner, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new TlogError('TLOG_INVALID_ARGUMENT', 'a cosignature timestamp is a non-negative integer');
  if (!isValidKeyName(signer.name)) throw new TlogError('TLOG_INVALID_KEY', 'invalid key name');
  const privateKey = toPrivateKey(signer.privateKey);
  const head = Buffer.alloc(12);
  head.writeUInt32BE(cosignerKeyId(signer.name, rawPublicKey(privateKey)), 0);
  head.writeBigUInt64BE(BigInt(timestamp), 4);
  const sig = sign(null, cosignatureMessage(checkpointText, timestamp), privateKey);
  return `\u2014 ${signer.name} ${encodeBase64(Buffer.concat([head, sig]))}\n`;
}

export type CosignatureResult =
  | { ok: true; text: string; cosignedBy: VerifiedCosignature[] }
  | { ok: false; reason: 'MALFORMED_NOTE' | 'NOTE_TOO_LARGE' | 'BAD_COSIGNATURE' };

/**
 * The cosignatures on a note from the cosigners given (others are ignored). A line that names a
 * known cosigner (name and key id) but does not verify rejects the note, as in signed-note.
 */
export function verifyCosignatures(
  note: string | Uint8Array,
  cosigners: readonly Cosigner[],
): CosignatureResult {
  const parsed = parseSignedNote(note);
  if (!parsed.ok)
    return { ok: false, reason: parsed.reason === 'NOTE_TOO_LARGE' ? parsed.reason : 'MALFORMED_NOTE' };
  const cosignedBy: VerifiedCosignature[] = [];
  for (const sig of parsed.note.signatures) {
    const c = cosigners.find((x) => x.name === sig.name && x.keyId === sig.keyId);
    if (!c) continue;
    if (sig.signature.length !== 72) return { ok: false, reason: 'BAD_COSIGNATURE' };
    const blob = Buffer.from(sig.signature.buffer, sig.signature.byteOffset, 72);
    const ts = blob.readBigUInt64BE(0);
    if (ts > MAX_TIMESTAMP || ts > BigInt(Number.MAX_SAFE_INTEGER))
      return { ok: false, reason: 'BAD_COSIGNATURE' };
    const timestamp = Number(ts);
    let good = false;
    try {
      good = verify(
        null,
        cosignatureMessage(parsed.note.text, timestamp),
        toPublicKey(c.publicKey),
        blob.subarray(8),
      );
    } catch {
      good = false;
    }
    if (!good) return { ok: false, reason: 'BAD_COSIGNATURE' };
    if (!cosignedBy.some((x) => x.name === c.name)) cosignedBy.push({ name: c.name, timestamp });
  }
  return { ok: true, text: parsed.note.text, cosignedBy };
}
