/**
 * The program-pause notice: a pause of the whole program is one fact, so the server signs it once
 * (Ed25519 with the lease key, domain steno-program-pause-v1) and writes the same bytes to every
 * connected agent, before the per-device paused leases that follow it (issue 19: 10,000 agents
 * within a second). An agent that verifies it stops capture at once. A notice can only pause:
 * capture resumes only with an active lease issued after it. Ordering is by the server's clock:
 * a notice older than the lease an agent holds is stale and changes nothing.
 */
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { Base64Url, EpochMs } from './ids.ts';
import { signCanonical, verifyCanonical } from './signing.ts';

export const ProgramPauseNotice = z
  .object({
    v: z.literal(1),
    kind: z.literal('program-pause'),
    /** The global pause this notice announces; increases with every global pause of the program. */
    epoch: z.number().int().min(1),
    /** Server time after the pause was recorded: leases issued up to this instant predate it. */
    issuedAt: EpochMs,
  })
  .strict();
export type ProgramPauseNotice = z.infer<typeof ProgramPauseNotice>;

export const SignedProgramPause = z
  .object({ v: z.literal(1), notice: ProgramPauseNotice, sig: Base64Url.length(86) })
  .strict();
export type SignedProgramPause = z.infer<typeof SignedProgramPause>;

/**
 * The notice in `input` if it parses and its signature verifies with `publicKey` (the server's
 * lease key, pinned at enrolment); otherwise why not. Deny by default: anything else is refused.
 */
export function verifyProgramPause(
  input: unknown,
  publicKey: KeyObject,
): { ok: true; notice: ProgramPauseNotice } | { ok: false; error: 'INVALID' | 'SIGNATURE_INVALID' } {
  const parsed = SignedProgramPause.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'INVALID' };
  const { notice, sig } = parsed.data;
  return verifyCanonical('steno-program-pause-v1', notice, sig, publicKey)
    ? { ok: true, notice }
    : { ok: false, error: 'SIGNATURE_INVALID' };
}

/** Signs a notice with the server's lease key (the server signs each pause once). */
export function signProgramPause(notice: ProgramPauseNotice, privateKey: KeyObject): SignedProgramPause {
  return { v: 1, notice, sig: signCanonical('steno-program-pause-v1', notice, privateKey) };
}
