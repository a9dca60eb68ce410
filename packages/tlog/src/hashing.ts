/**
 * RFC 9162 §2.1.1 hashing: the leaf and interior-node domain separation that makes a leaf hash
 * impossible to pass off as a node hash (second-preimage resistance of the tree).
 * SHA-256 only; every hash is 32 bytes.
 */
import * as nodeCrypto from 'node:crypto';
import { TlogError } from './tlog-error.ts';

export const HASH_SIZE = 32;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

type OneShotHash = (algorithm: string, data: Uint8Array, outputEncoding: 'buffer') => Buffer;

// `crypto.hash` (Node ≥ 20.12) skips the Hash object and is about a third faster than createHash;
// fall back to createHash where it is missing (engines allow 20.11).
const oneShot = (nodeCrypto as unknown as { hash?: OneShotHash }).hash;

/** SHA-256 of `data` as a fresh Uint8Array (a Buffer, which is one). */
export function sha256(data: Uint8Array): Uint8Array {
  if (oneShot) return oneShot('sha256', data, 'buffer');
  return nodeCrypto.createHash('sha256').update(data).digest();
}

/** MTH({}) = SHA-256(""): the root of the empty tree. */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/** MTH({d}) = SHA-256(0x00 || d): the hash of one log entry. */
export function leafHash(data: Uint8Array): Uint8Array {
  const buf = new Uint8Array(1 + data.length);
  buf[0] = LEAF_PREFIX;
  buf.set(data, 1);
  return sha256(buf);
}

const nodeBuf = new Uint8Array(1 + 2 * HASH_SIZE);

/** SHA-256(0x01 || left || right): the hash of an interior node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    // Concatenating hashes of other lengths would make the encoding ambiguous.
    throw new TlogError('TLOG_INVALID_ARGUMENT', 'node children must be 32-byte hashes');
  }
  // One reusable buffer: hashing is synchronous, so no caller can observe it in between.
  nodeBuf[0] = NODE_PREFIX;
  nodeBuf.set(left, 1);
  nodeBuf.set(right, 1 + HASH_SIZE);
  return sha256(nodeBuf);
}

/** True when `h` is a 32-byte Uint8Array. */
export function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_SIZE;
}

/** Constant-time equality of two hashes; false (not a throw) when either is not a 32-byte hash. */
export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (!isHash(a) || !isHash(b)) return false;
  return nodeCrypto.timingSafeEqual(a, b);
}
