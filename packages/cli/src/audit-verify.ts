/**
 * Offline verification of the audit log: a signed checkpoint is checked against the pinned
 * verifier key, the root is recomputed from every entry's exact bytes, and an earlier
 * checkpoint, if given, must be consistent with the new one (a rewritten or forked log fails).
 */
import {
  decodeBase64,
  hashesEqual,
  leafHash,
  RootAccumulator,
  verifyCheckpoint,
  verifyConsistency,
} from '@steno/tlog';

export interface AuditVerifyInput {
  checkpoint: string;
  verifierKey: string;
  /** Every entry in order, as the exact text hashed into the tree. */
  entries: readonly { idx: number; text: string }[];
  previous?: { checkpoint: string; consistencyProof: string[] };
}

export type AuditVerifyResult = { ok: true; size: number; root: string } | { ok: false; reason: string };

export function verifyAuditLog(input: AuditVerifyInput): AuditVerifyResult {
  const cp = verifyCheckpoint(input.checkpoint, input.verifierKey);
  if (!cp.ok) return { ok: false, reason: `checkpoint: ${cp.reason}` };
  const { size, rootHash } = cp.checkpoint;
  // Entries appended after the checkpoint was signed are checked by the next checkpoint.
  if (input.entries.length < size)
    return {
      ok: false,
      reason: `the log holds ${input.entries.length} entries, the checkpoint ${size}: entries were deleted`,
    };
  const acc = new RootAccumulator();
  for (const [i, e] of input.entries.slice(0, size).entries()) {
    if (e.idx !== i)
      return {
        ok: false,
        reason: `entry ${i} carries index ${e.idx}: entries are missing, reordered or inserted`,
      };
    acc.push(leafHash(new TextEncoder().encode(e.text)));
  }
  if (!hashesEqual(acc.root(), rootHash))
    return { ok: false, reason: 'the entries do not hash to the checkpoint root: an entry was changed' };
  if (input.previous) {
    const prev = verifyCheckpoint(input.previous.checkpoint, input.verifierKey);
    if (!prev.ok) return { ok: false, reason: `previous checkpoint: ${prev.reason}` };
    const proof = input.previous.consistencyProof.map((p) => decodeBase64(p));
    if (proof.some((p) => p === undefined)) return { ok: false, reason: 'consistency proof is malformed' };
    const consistent = verifyConsistency(
      prev.checkpoint.size,
      size,
      proof as Uint8Array[],
      prev.checkpoint.rootHash,
      rootHash,
    );
    if (!consistent)
      return {
        ok: false,
        reason: 'the log is not an extension of the previous checkpoint: history was rewritten or forked',
      };
  }
  return { ok: true, size, root: Buffer.from(rootHash).toString('base64') };
}
