/**
 * Offline verification of the audit log: a signed checkpoint is checked against the pinned
 * verifier key and must carry a quorum of cosignatures from the pinned witnesses (issue 20: a
 * checkpoint the log's owner signed alone proves nothing against the owner), the root is
 * recomputed from every entry's exact bytes, and an earlier checkpoint, if given, must be
 * consistent with the new one (a rewritten or forked log fails).
 *
 * The checkpoint lags the entries, and reading entries and proofs is itself audited, so the log
 * grows while it is read: the checkpoint is fetched first and pins the size; entries beyond it
 * are ignored here and covered by the next checkpoint.
 */
import {
  decodeBase64,
  hashesEqual,
  leafHash,
  parseCosignerKey,
  RootAccumulator,
  verifyCheckpoint,
  verifyConsistency,
  verifyCosignatures,
} from '@steno/tlog';

export interface AuditVerifyInput {
  checkpoint: string;
  verifierKey: string;
  /** Witness cosigner keys to trust (`name+keyid+base64(0x04 || key)`). */
  witnesses: readonly string[];
  /** How many of them must have cosigned the checkpoint (and the previous one). */
  quorum: number;
  /** Every entry in order, as the exact text hashed into the tree. */
  entries: readonly { idx: number; text: string }[];
  previous?: { checkpoint: string; consistencyProof: string[] };
}

export type AuditVerifyResult = { ok: true; size: number; root: string } | { ok: false; reason: string };

/** Whether `note` carries at least `quorum` valid cosignatures from `witnesses`; else why not. */
export function checkQuorum(note: string, witnesses: readonly string[], quorum: number): string | undefined {
  const cosigners = [];
  for (const w of witnesses) {
    const c = parseCosignerKey(w);
    if (!c.ok) return `not a witness key: ${w}`;
    cosigners.push(c.cosigner);
  }
  if (!Number.isSafeInteger(quorum) || quorum < 1) return 'the quorum must be at least 1';
  const v = verifyCosignatures(note, cosigners);
  if (!v.ok) return v.reason;
  if (v.cosignedBy.length < quorum)
    return `NO_QUORUM (${v.cosignedBy.length} of the ${quorum} witness cosignatures needed)`;
  return undefined;
}

export function verifyAuditLog(input: AuditVerifyInput): AuditVerifyResult {
  const cp = verifyCheckpoint(input.checkpoint, input.verifierKey);
  if (!cp.ok) return { ok: false, reason: `checkpoint: ${cp.reason}` };
  const unwitnessed = checkQuorum(input.checkpoint, input.witnesses, input.quorum);
  if (unwitnessed) return { ok: false, reason: `checkpoint: ${unwitnessed}` };
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
    const prevUnwitnessed = checkQuorum(input.previous.checkpoint, input.witnesses, input.quorum);
    if (prevUnwitnessed) return { ok: false, reason: `previous checkpoint: ${prevUnwitnessed}` };
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
