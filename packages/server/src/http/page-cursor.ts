/**
 * Cursors for the lists of a person's own data (issue 20): opaque to clients (base64url of a small
 * JSON array), stable — they name a place in a total order (an event chunk's time and id and how
 * many of its events were read; an audit index), never an offset — and checked on the way back in.
 */
import { z } from 'zod';
import type { EventCursor } from '../guard/guard.ts';

/** Largest page of `/v1/me/events` (events) and `/v1/me/access` (entries); see docs/api.md. */
export const MAX_EVENTS_PAGE = 5_000;
export const MAX_ACCESS_PAGE = 1_000;

const EventCursorForm = z.tuple([
  z.literal('e'),
  z.number().int().min(0),
  z.number().int().min(0),
  z.string().uuid(),
  z.string().regex(/^[0-9]{4}-[0-9]{2}$/),
  z.number().int().min(0),
]);
const AccessCursorForm = z.tuple([z.literal('a'), z.number().int().min(-1)]);

const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

function decode(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export function encodeEventCursor(c: EventCursor): string {
  return encode(['e', c.lastT, c.firstT, c.batchId, c.month, c.skip]);
}

export function decodeEventCursor(text: string): EventCursor | undefined {
  const p = EventCursorForm.safeParse(decode(text));
  if (!p.success) return undefined;
  const [, lastT, firstT, batchId, month, skip] = p.data;
  return { lastT, firstT, batchId, month, skip };
}

/** The access log's cursor: the index of the last entry returned. */
export function encodeAccessCursor(lastIdx: number): string {
  return encode(['a', lastIdx]);
}

export function decodeAccessCursor(text: string): number | undefined {
  const p = AccessCursorForm.safeParse(decode(text));
  return p.success ? p.data[1] : undefined;
}
