/**
 * Sealing a contributor's task description (issue 17) under their (subject, month) data key, with
 * the subject, task and month bound as associated data, so a sealed description cannot be moved to
 * another subject or task. `openReviewText` is for the guard alone (an architecture test checks).
 */
import { aeadOpen, aeadSeal } from './aead.ts';

export interface ReviewIds {
  subject: string;
  taskId: string;
  month: string;
}

function aad(ids: ReviewIds): Uint8Array {
  return new TextEncoder().encode(`steno-review-v1\n${ids.subject}\n${ids.taskId}\n${ids.month}`);
}

export function sealReviewText(key: Uint8Array, text: string, ids: ReviewIds): Uint8Array {
  return aeadSeal(key, new TextEncoder().encode(text), aad(ids));
}

/** The description, or undefined when the key or the ids do not fit. */
export function openReviewText(key: Uint8Array, sealed: Uint8Array, ids: ReviewIds): string | undefined {
  const plain = aeadOpen(key, sealed, aad(ids));
  return plain ? new TextDecoder().decode(plain) : undefined;
}
