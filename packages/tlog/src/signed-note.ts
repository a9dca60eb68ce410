/**
 * C2SP signed notes: text ending in a newline, a blank line, then one line per signature,
 * `— <key name> base64(uint32 key id || signature)`. Ed25519 signatures cover the text bytes
 * including its final newline. Verification follows the spec: signatures from unknown keys are
 * ignored, a known key whose signature fails rejects the note, and at least one known key must
 * have signed.
 */
import { sign, verify } from 'node:crypto';
import { decodeBase64, encodeBase64 } from './base64.ts';
import {
  isValidKeyName,
  type NoteSigner,
  type NoteVerifier,
  noteKeyId,
  rawPublicKey,
  toPrivateKey,
  toPublicKey,
} from './note-key.ts';
import { TlogError } from './tlog-error.ts';

/** Notes larger than this are refused unread. */
export const MAX_NOTE_BYTES = 1 << 20;
/** More signature lines than this are refused (the spec requires accepting at least 16). */
export const MAX_NOTE_SIGNATURES = 100;

const SIG_PREFIX = '\u2014 ';
const ED25519_SIGNATURE_BYTES = 64;
// ASCII controls other than newline, and unpaired UTF-16 surrogates (not valid UTF-8).
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the spec forbids exactly these control characters
  /[\u0000-\u0009\u000b-\u001f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface NoteSignature {
  name: string;
  keyId: number;
  /** The signature bytes after the key id. */
  signature: Uint8Array;
}

export interface SignedNote {
  /** The signed text, including its final newline. */
  text: string;
  signatures: NoteSignature[];
}

export type NoteFailureReason =
  | 'MALFORMED_NOTE'
  | 'NOTE_TOO_LARGE'
  | 'MALFORMED_VERIFIER_KEY'
  | 'NO_KNOWN_SIGNATURE'
  | 'BAD_SIGNATURE';

export type ParseNoteResult = { ok: true; note: SignedNote } | { ok: false; reason: NoteFailureReason };

export type VerifyNoteResult =
  | { ok: true; text: string; verifiedBy: NoteVerifier[] }
  | { ok: false; reason: NoteFailureReason };

/** Signs `text` (non-empty, ending in a newline) with each signer; returns the whole note. */
export function signNote(text: string, signers: NoteSigner | readonly NoteSigner[]): string {
  if (typeof text !== 'string' || !text.endsWith('\n') || FORBIDDEN.test(text)) {
    throw new TlogError(
      'TLOG_INVALID_NOTE',
      'note text must end in a newline and hold no control characters',
    );
  }
  const list = Array.isArray(signers) ? signers : [signers as NoteSigner];
  if (list.length === 0) throw new TlogError('TLOG_INVALID_NOTE', 'a note needs at least one signer');
  const bytes = utf8.encode(text);
  const lines = list.map((s) => {
    if (!isValidKeyName(s.name)) throw new TlogError('TLOG_INVALID_KEY', 'invalid key name');
    const privateKey = toPrivateKey(s.privateKey);
    const id = Buffer.alloc(4);
    id.writeUInt32BE(noteKeyId(s.name, privateKey));
    const sig = sign(null, bytes, privateKey);
    return `${SIG_PREFIX}${s.name} ${encodeBase64(Buffer.concat([id, sig]))}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/**
 * A signer whose private key lives elsewhere (a KMS, an HSM, another process): it is asked to sign
 * the bytes and returns the 64-byte Ed25519 signature. `publicKey` is what verifiers are given.
 */
export interface RemoteNoteSigner {
  name: string;
  publicKey: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** signNote for one remote signer; the returned signature is checked before it is used. */
export async function signNoteRemote(text: string, signer: RemoteNoteSigner): Promise<string> {
  if (typeof text !== 'string' || !text.endsWith('\n') || FORBIDDEN.test(text)) {
    throw new TlogError(
      'TLOG_INVALID_NOTE',
      'note text must end in a newline and hold no control characters',
    );
  }
  if (!isValidKeyName(signer.name)) throw new TlogError('TLOG_INVALID_KEY', 'invalid key name');
  const bytes = utf8.encode(text);
  const sig = await signer.sign(bytes);
  if (!ed25519Verify(bytes, signer.publicKey, sig))
    throw new TlogError('TLOG_INVALID_KEY', 'the remote signer returned a signature that does not verify');
  const id = Buffer.alloc(4);
  id.writeUInt32BE(noteKeyId(signer.name, signer.publicKey));
  return `${text}\n${SIG_PREFIX}${signer.name} ${encodeBase64(Buffer.concat([id, sig]))}\n`;
}

/** A local Ed25519 key as a RemoteNoteSigner (the file-backed default behind the same seam). */
export function localNoteSigner(signer: NoteSigner): RemoteNoteSigner {
  const privateKey = toPrivateKey(signer.privateKey);
  const publicKey = rawPublicKey(privateKey);
  return {
    name: signer.name,
    publicKey,
    sign: async (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}

/** Splits a note into text and signature lines, checking syntax only (no signature is verified). */
export function parseSignedNote(note: string | Uint8Array): ParseNoteResult {
  const bad = { ok: false, reason: 'MALFORMED_NOTE' } as const;
  let s: string;
  if (note instanceof Uint8Array) {
    if (note.length > MAX_NOTE_BYTES) return { ok: false, reason: 'NOTE_TOO_LARGE' };
    try {
      s = strictUtf8.decode(note);
    } catch {
      return bad;
    }
  } else if (typeof note === 'string') {
    // Each UTF-16 unit is at most 3 UTF-8 bytes; only measure exactly when it could matter.
    if (note.length * 3 > MAX_NOTE_BYTES && utf8.encode(note).length > MAX_NOTE_BYTES) {
      return { ok: false, reason: 'NOTE_TOO_LARGE' };
    }
    s = note;
  } else {
    return bad;
  }
  if (FORBIDDEN.test(s) || !s.endsWith('\n')) return bad;
  // The text ends at the last blank line; everything after it is signature lines.
  const split = s.lastIndexOf('\n\n');
  if (split < 0) return bad;
  const text = s.slice(0, split + 1);
  const lines = s.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) return bad;
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    if (!line.startsWith(SIG_PREFIX)) return bad;
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    if (space < 0) return bad;
    const name = rest.slice(0, space);
    const blob = decodeBase64(rest.slice(space + 1));
    if (!isValidKeyName(name) || !blob || blob.length < 5) return bad;
    const keyId = Buffer.from(blob.buffer, blob.byteOffset, 4).readUInt32BE(0);
    signatures.push({ name, keyId, signature: blob.slice(4) });
  }
  return { ok: true, note: { text, signatures } };
}

/**
 * Verifies a note against the verifiers the caller trusts. ok only if at least one trusted key
 * signed and no signature line naming a trusted key (same name and key id) fails.
 */
export function verifyNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): VerifyNoteResult {
  const parsed = parseSignedNote(note);
  if (!parsed.ok) return parsed;
  const bytes = utf8.encode(parsed.note.text);
  const verifiedBy: NoteVerifier[] = [];
  for (const sig of parsed.note.signatures) {
    const verifier = verifiers.find((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (!verifier) continue; // Unknown keys are ignored, even when they share a name or an id.
    if (!ed25519Verify(bytes, verifier.publicKey, sig.signature))
      return { ok: false, reason: 'BAD_SIGNATURE' };
    if (!verifiedBy.includes(verifier)) verifiedBy.push(verifier);
  }
  if (verifiedBy.length === 0) return { ok: false, reason: 'NO_KNOWN_SIGNATURE' };
  return { ok: true, text: parsed.note.text, verifiedBy };
}

function ed25519Verify(message: Uint8Array, publicKey: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    return verify(null, message, toPublicKey(publicKey), signature);
  } catch {
    return false;
  }
}
