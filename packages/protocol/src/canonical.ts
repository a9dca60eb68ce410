/**
 * Canonical bytes for signing: RFC 8785 (JSON Canonicalization Scheme) behind a domain
 * separator, so a signature over one kind of message can never be replayed as another.
 */
import canonicalizeModule from 'canonicalize';

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export type SigningDomain =
  | 'steno-batch-v1'
  | 'steno-lease-v1'
  | 'steno-program-pause-v1'
  | 'steno-enrol-v1'
  | 'steno-device-request-v1';

export function canonicalJson(value: unknown): string {
  const out = canonicalize(value);
  if (out === undefined) throw new TypeError('value cannot be canonicalised');
  return out;
}

export function canonicalBytes(domain: SigningDomain, value: unknown): Uint8Array {
  return new TextEncoder().encode(`${domain}\n${canonicalJson(value)}`);
}
