/**
 * Contributors appear in a dataset only as pseudonyms: HMAC-SHA-256 of the subject id under a
 * secret of that dataset. Within a dataset the same person always gets the same pseudonym (so
 * episodes can be grouped); across datasets the pseudonyms cannot be linked without both secrets;
 * and without the secret a pseudonym cannot be turned back into a subject id by trying ids.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { DatasetError } from './datasets-error.ts';

const DOMAIN = 'steno/dataset-pseudonym/v1\0';
export const MIN_SECRET_BYTES = 32;

/** A fresh 256-bit pseudonym secret for a new dataset (the caller keeps it wrapped in its key store). */
export function generatePseudonymSecret(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

export type Pseudonymiser = (subjectId: string) => string;

/** `c_` + 32 hex characters (128 bits of the HMAC). */
export function createPseudonymiser(secret: Uint8Array): Pseudonymiser {
  if (!(secret instanceof Uint8Array) || secret.byteLength < MIN_SECRET_BYTES)
    throw new DatasetError('DATASET_SECRET_INVALID');
  const key = Buffer.from(secret);
  const cache = new Map<string, string>();
  return (subjectId) => {
    let p = cache.get(subjectId);
    if (p === undefined) {
      const mac = createHmac('sha256', key).update(DOMAIN).update(subjectId, 'utf8').digest('hex');
      p = `c_${mac.slice(0, 32)}`;
      cache.set(subjectId, p);
    }
    return p;
  };
}
