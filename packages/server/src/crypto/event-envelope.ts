/**
 * Sealing event payloads under their (subject, month) data key, with the ids bound as associated
 * data so a ciphertext cannot be moved to another subject, device, batch or month.
 * `openEventPayload` is for the guard alone: an architecture test fails if anything else imports it.
 */
import { aeadOpen, aeadSeal } from './aead.ts';

export interface PayloadIds {
  subject: string;
  deviceId: string;
  batchId: string;
  month: string;
}

function aad(ids: PayloadIds): Uint8Array {
  return new TextEncoder().encode(
    `steno-event-v1\n${ids.subject}\n${ids.deviceId}\n${ids.batchId}\n${ids.month}`,
  );
}

export function sealEventPayload(key: Uint8Array, plaintext: Uint8Array, ids: PayloadIds): Uint8Array {
  return aeadSeal(key, plaintext, aad(ids));
}

export function openEventPayload(
  key: Uint8Array,
  sealed: Uint8Array,
  ids: PayloadIds,
): Uint8Array | undefined {
  return aeadOpen(key, sealed, aad(ids));
}
