/**
 * C2SP tlog-checkpoint: the signed tree head of the audit log. The note text is the origin line,
 * the decimal tree size, the base64 root hash, then optional non-empty extension lines:
 *
 *   steno.example/audit
 *   20852163
 *   CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
 */
import { decodeBase64, encodeBase64 } from './base64.ts';
import { isHash } from './hashing.ts';
import { type NoteSigner, type NoteVerifier, parseVerifierKey } from './note-key.ts';
import { type NoteFailureReason, signNote, verifyNote } from './signed-note.ts';
import { TlogError } from './tlog-error.ts';
import { isTreeSize } from './tree-shape.ts';

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions: string[];
}

export interface CheckpointInput {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions?: readonly string[];
}

export type CheckpointFailureReason = NoteFailureReason | 'MALFORMED_CHECKPOINT' | 'ORIGIN_MISMATCH';

export type CheckpointResult =
  | { ok: true; checkpoint: Checkpoint }
  | { ok: false; reason: CheckpointFailureReason };

// A line: non-empty, no newline, no other control character.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the spec forbids exactly these control characters
const LINE = /^[^\u0000-\u001f]+$/;

/** The checkpoint note text (ending in a newline), ready for signNote. */
export function formatCheckpoint(c: CheckpointInput): string {
  const extensions = c.extensions ?? [];
  if (typeof c.origin !== 'string' || !LINE.test(c.origin)) {
    throw new TlogError('TLOG_INVALID_NOTE', 'origin must be one non-empty line');
  }
  if (!isTreeSize(c.size)) throw new TlogError('TLOG_INVALID_NOTE', 'size must be a non-negative integer');
  if (!isHash(c.rootHash)) throw new TlogError('TLOG_INVALID_NOTE', 'root hash must be 32 bytes');
  if (!extensions.every((e) => typeof e === 'string' && LINE.test(e))) {
    throw new TlogError('TLOG_INVALID_NOTE', 'extension lines must be non-empty single lines');
  }
  return [c.origin, String(c.size), encodeBase64(c.rootHash), ...extensions, ''].join('\n');
}

/** Parses checkpoint note text (already verified; see verifyCheckpoint). */
export function parseCheckpoint(text: string): CheckpointResult {
  const bad = { ok: false, reason: 'MALFORMED_CHECKPOINT' } as const;
  if (typeof text !== 'string' || !text.endsWith('\n')) return bad;
  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (origin === undefined || sizeLine === undefined || rootLine === undefined) return bad;
  if (!lines.every((l) => LINE.test(l))) return bad;
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeLine)) return bad;
  const size = Number(sizeLine);
  // Sizes beyond 2^53 cannot be held exactly in a number; no Steno log comes near.
  if (!isTreeSize(size)) return bad;
  const rootHash = decodeBase64(rootLine);
  if (!rootHash || !isHash(rootHash)) return bad;
  return { ok: true, checkpoint: { origin, size, rootHash, extensions } };
}

/** Formats and signs a checkpoint in one step. */
export function signCheckpoint(c: CheckpointInput, signer: NoteSigner | readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(c), signer);
}

/**
 * Verifies a signed checkpoint against the log's verifier key (string or parsed) and returns the
 * tree head it commits to. With `origin`, the checkpoint must also name that log.
 */
export function verifyCheckpoint(
  note: string | Uint8Array,
  verifierKey: string | NoteVerifier,
  options: { origin?: string } = {},
): CheckpointResult {
  let verifier: NoteVerifier;
  if (typeof verifierKey === 'string') {
    const parsed = parseVerifierKey(verifierKey);
    if (!parsed.ok) return parsed;
    verifier = parsed.verifier;
  } else {
    verifier = verifierKey;
  }
  const verified = verifyNote(note, [verifier]);
  if (!verified.ok) return verified;
  const cp = parseCheckpoint(verified.text);
  if (!cp.ok) return cp;
  if (options.origin !== undefined && cp.checkpoint.origin !== options.origin) {
    return { ok: false, reason: 'ORIGIN_MISMATCH' };
  }
  return cp;
}
