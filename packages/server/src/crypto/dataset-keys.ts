/**
 * A dataset's two secrets — its file key and its pseudonym secret — wrapped together by the KEK
 * and bound to the dataset id, so wrapped keys copied to another dataset's row do not open.
 * Destroying the wrapped keys (erasing the row's column) shreds the dataset's files.
 */
import { StenoError } from '../errors.ts';
import { aeadOpen, aeadSeal } from './aead.ts';
import type { Kek } from './kek.ts';

const aad = (datasetId: string) => new TextEncoder().encode(`steno-dataset-keys-v1|${datasetId}`);

export function wrapDatasetKeys(
  kek: Kek,
  datasetId: string,
  fileKey: Uint8Array,
  pseudonymSecret: Uint8Array,
): Uint8Array {
  if (fileKey.length !== 32 || pseudonymSecret.length !== 32)
    throw new TypeError('dataset keys are 32 bytes');
  const plain = new Uint8Array(64);
  plain.set(fileKey, 0);
  plain.set(pseudonymSecret, 32);
  return aeadSeal(kek.key, plain, aad(datasetId));
}

export function unwrapDatasetKeys(
  kek: Kek,
  datasetId: string,
  wrapped: Uint8Array,
): { fileKey: Uint8Array; pseudonymSecret: Uint8Array } {
  const plain = aeadOpen(kek.key, wrapped, aad(datasetId));
  if (plain?.length !== 64) throw new StenoError('KEY_UNAVAILABLE', 'the dataset keys do not unwrap');
  return { fileKey: plain.slice(0, 32), pseudonymSecret: plain.slice(32) };
}
