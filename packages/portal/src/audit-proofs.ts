/**
 * What the portal checks about the audit log, in the browser: the signed checkpoint (Ed25519 over
 * the C2SP note, with the log's verifier key), an entry's inclusion in the tree that checkpoint
 * commits to, and that a newer checkpoint extends an older one. The server only supplies hashes;
 * every verdict is computed here.
 */
import { api, type Proof, query } from './api.ts';
import {
  type Checkpoint,
  decodeBase64,
  leafHash,
  parseVerifierKey,
  verifyCheckpoint,
  verifyConsistency,
  verifyCosignatures,
  verifyInclusion,
  type WitnessPolicy,
} from './tlog-verify.ts';

export interface VerifiedCheckpoint {
  checkpoint: Checkpoint;
  note: string;
  verifierKey: string;
  /** `name+keyid` of the key that signed it, to compare with the published one. */
  keyLabel: string;
  /** The witnesses whose cosignatures were checked (a quorum of them), and when they cosigned. */
  cosignedBy: { name: string; timestamp: number }[];
  witnesses: WitnessPolicy;
}

export type CheckpointOutcome =
  | { ok: true; value: VerifiedCheckpoint }
  | { ok: false; code: string; message: string };

/** The log's key, the witnesses' keys and the quorum, as the server publishes them. */
export async function loadKeys(): Promise<
  | { ok: true; value: { verifierKey: string; witnesses: WitnessPolicy } }
  | { ok: false; code: string; message: string }
> {
  const key = await api.get<{ verifierKey: string; witnesses: { verifierKey: string }[]; quorum: number }>(
    '/v1/audit/key',
  );
  if (!key.ok) return key;
  return {
    ok: true,
    value: {
      verifierKey: key.value.verifierKey,
      witnesses: { keys: key.value.witnesses.map((w) => w.verifierKey), quorum: key.value.quorum },
    },
  };
}

export async function loadCheckpoint(pinned?: {
  verifierKey: string;
  witnesses: WitnessPolicy;
}): Promise<CheckpointOutcome> {
  const keys = pinned ? { ok: true as const, value: pinned } : await loadKeys();
  if (!keys.ok) return keys;
  const note = await api.text('/v1/audit/checkpoint');
  if (!note.ok) return note;
  return checkNote(note.value, keys.value.verifierKey, keys.value.witnesses);
}

/**
 * Verifies a checkpoint note (fetched, or pasted by a person who kept an older one): the log's
 * signature and a quorum of witness cosignatures (a checkpoint the log signed alone is refused).
 */
export async function checkNote(
  note: string,
  verifierKey: string,
  witnesses: WitnessPolicy,
): Promise<CheckpointOutcome> {
  const v = await verifyCheckpoint(note, verifierKey);
  if (!v.ok) return { ok: false, code: v.reason, message: `the checkpoint does not verify (${v.reason})` };
  const cos = await verifyCosignatures(note, witnesses);
  if (!cos.ok)
    return { ok: false, code: cos.reason, message: `the checkpoint is not witnessed (${cos.reason})` };
  const parsed = await parseVerifierKey(verifierKey);
  const keyLabel = parsed ? `${parsed.name}+${parsed.keyId.toString(16).padStart(8, '0')}` : '?';
  return {
    ok: true,
    value: { checkpoint: v.checkpoint, note, verifierKey, keyLabel, cosignedBy: cos.cosignedBy, witnesses },
  };
}

const hashes = (proof: readonly string[]): Uint8Array[] | undefined => {
  const out = proof.map(decodeBase64);
  return out.every((h): h is Uint8Array => h !== undefined) ? out : undefined;
};

/** True iff the entry's exact bytes are leaf `idx` of the tree the checkpoint signs. */
export async function verifyEntry(idx: number, text: string, cp: Checkpoint): Promise<boolean> {
  if (idx >= cp.size) return false;
  const res = await api.get<Proof>(`/v1/audit/proof/inclusion${query({ index: idx, size: cp.size })}`);
  if (!res.ok) return false;
  const proof = hashes(res.value.proof);
  if (!proof) return false;
  return verifyInclusion(await leafHash(text), idx, cp.size, proof, cp.rootHash);
}

/** True iff the newer checkpoint's tree extends the older one (nothing rewritten or removed). */
export async function verifyExtends(older: Checkpoint, newer: Checkpoint): Promise<boolean> {
  if (older.size === newer.size || older.size === 0)
    return verifyConsistency(older.size, newer.size, [], older.rootHash, newer.rootHash);
  const res = await api.get<{ proof: string[] }>(
    `/v1/audit/proof/consistency${query({ from: older.size, to: newer.size })}`,
  );
  if (!res.ok) return false;
  const proof = hashes(res.value.proof);
  return proof ? verifyConsistency(older.size, newer.size, proof, older.rootHash, newer.rootHash) : false;
}

/** Runs `work` over items with at most `limit` in flight. */
export async function inBatches<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}
