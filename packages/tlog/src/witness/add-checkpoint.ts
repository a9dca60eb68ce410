/**
 * The body of a C2SP tlog-witness `add-checkpoint` request (https://c2sp.org/tlog-witness):
 *
 *   old <size of the checkpoint the witness last cosigned, decimal>
 *   <consistency proof from that size to the new one: one base64 hash a line, at most 63>
 *   <empty line>
 *   <the new checkpoint, a signed note>
 */
import { decodeBase64, encodeBase64 } from '../base64.ts';
import { isHash } from '../hashing.ts';
import { isTreeSize } from '../tree-shape.ts';

export const MAX_PROOF_LINES = 63;

export interface AddCheckpointRequest {
  oldSize: number;
  proof: Uint8Array[];
  /** The signed checkpoint note. */
  checkpoint: string;
}

export function formatAddCheckpoint(r: AddCheckpointRequest): string {
  return `old ${r.oldSize}\n${r.proof.map((h) => `${encodeBase64(h)}\n`).join('')}\n${r.checkpoint}`;
}

/** Parses a request body; `reason` says what is wrong (the witness answers 400 with it). */
export function parseAddCheckpoint(
  body: string,
): { ok: true; request: AddCheckpointRequest } | { ok: false; reason: string } {
  if (typeof body !== 'string') return { ok: false, reason: 'no body' };
  const nl = body.indexOf('\n');
  const first = nl < 0 ? '' : body.slice(0, nl);
  const m = /^old (0|[1-9][0-9]*)$/.exec(first);
  if (!m) return { ok: false, reason: 'the first line must be "old <size>"' };
  const oldSize = Number(m[1]);
  if (!isTreeSize(oldSize)) return { ok: false, reason: 'old size out of range' };
  const proof: Uint8Array[] = [];
  let at = nl + 1;
  for (;;) {
    const end = body.indexOf('\n', at);
    if (end < 0) return { ok: false, reason: 'no empty line before the checkpoint' };
    const line = body.slice(at, end);
    at = end + 1;
    if (line === '') break;
    const h = decodeBase64(line);
    if (!h || !isHash(h)) return { ok: false, reason: 'a consistency proof line is not a base64 hash' };
    proof.push(h);
    if (proof.length > MAX_PROOF_LINES) return { ok: false, reason: 'more than 63 proof lines' };
  }
  if (oldSize === 0 && proof.length > 0) return { ok: false, reason: 'a proof from size 0 must be empty' };
  return { ok: true, request: { oldSize, proof, checkpoint: body.slice(at) } };
}
