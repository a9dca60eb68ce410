/**
 * The spool's small state file (state.json, written atomically): the highest sequence number
 * and source cursor that have left the spool (uploaded, rejected or forgotten), and the
 * transition in progress, which recovery completes after a crash. It holds no event content.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.ts';

const Finishing = z
  .object({
    seq: z.number().int().min(0),
    action: z.enum(['ack', 'reject', 'forget']),
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,63}$/)
      .optional(),
  })
  .strict();
export type Finishing = z.infer<typeof Finishing>;

export const SpoolState = z
  .object({
    v: z.literal(1),
    /** Highest seq that left the spool; -1 before the first. */
    lastSeq: z.number().int().min(-1),
    /** Highest source cursor that left the spool. */
    cursor: z.number().int().min(0),
    /**
     * Written before a transition's file operations; recovery redoes them (idempotently), so
     * an entry acknowledged or forgotten just before a crash is never sent again.
     */
    finishing: z.array(Finishing),
  })
  .strict();
export type SpoolState = z.infer<typeof SpoolState>;

export const INITIAL_STATE: SpoolState = Object.freeze({ v: 1, lastSeq: -1, cursor: 0, finishing: [] });

export type StateRead = { ok: true; state: SpoolState } | { ok: false; reason: 'missing' | 'unreadable' };

export async function readSpoolState(path: string): Promise<StateRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT')
      return { ok: false, reason: 'missing' };
    throw err;
  }
  try {
    const parsed = SpoolState.safeParse(JSON.parse(text));
    return parsed.success ? { ok: true, state: parsed.data } : { ok: false, reason: 'unreadable' };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

export async function writeSpoolState(path: string, state: SpoolState): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(state)}\n`);
}
