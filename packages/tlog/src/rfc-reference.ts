/**
 * Test reference only (not exported): RFC 9162 §2.1.1–2.1.4 transcribed literally — recursive
 * MTH, PATH and PROOF over a list of leaf hashes, with its own SHA-256 calls — so the tests
 * compare the incremental tree against the definitions rather than against itself.
 */
import { createHash } from 'node:crypto';

function h(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p);
  return new Uint8Array(hash.digest());
}

export function refLeafHash(data: Uint8Array): Uint8Array {
  return h(Uint8Array.of(0), data);
}

function k(n: number): number {
  let p = 1;
  while (p * 2 < n) p *= 2;
  return p;
}

/** MTH(D[n]) where `leaves` are already leaf hashes. */
export function refRoot(leaves: readonly Uint8Array[]): Uint8Array {
  const n = leaves.length;
  if (n === 0) return h();
  if (n === 1) return leaves[0] as Uint8Array;
  const s = k(n);
  return h(Uint8Array.of(1), refRoot(leaves.slice(0, s)), refRoot(leaves.slice(s)));
}

/** PATH(m, D[n]). */
export function refPath(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  const n = leaves.length;
  if (n <= 1) return [];
  const s = k(n);
  if (m < s) return [...refPath(m, leaves.slice(0, s)), refRoot(leaves.slice(s))];
  return [...refPath(m - s, leaves.slice(s)), refRoot(leaves.slice(0, s))];
}

function subproof(m: number, leaves: readonly Uint8Array[], b: boolean): Uint8Array[] {
  const n = leaves.length;
  if (m === n) return b ? [] : [refRoot(leaves)];
  const s = k(n);
  if (m <= s) return [...subproof(m, leaves.slice(0, s), b), refRoot(leaves.slice(s))];
  return [...subproof(m - s, leaves.slice(s), false), refRoot(leaves.slice(0, s))];
}

/** PROOF(m, D[n]) for 0 < m < n. */
export function refConsistency(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  return subproof(m, leaves, true);
}

/** Which side each PATH(m, D[n]) node sits on, leaf first ('L' = left sibling). */
export function refPathSides(m: number, n: number): string {
  if (n <= 1) return '';
  const s = k(n);
  return m < s ? `${refPathSides(m, s)}R` : `${refPathSides(m - s, n - s)}L`;
}

function subproofSides(m: number, n: number, b: boolean): string {
  if (m === n) return b ? '' : 'S';
  const s = k(n);
  return m <= s ? `${subproofSides(m, s, b)}R` : `${subproofSides(m - s, n - s, false)}L`;
}

/**
 * The shape of PROOF(m, D[n]) as the verifier consumes it: whether the first root is the seed
 * (m a power of two) and the sides of the nodes; two size pairs with the same shape are
 * indistinguishable to RFC 9162's verifier.
 */
export function refConsistencySides(m: number, n: number): string {
  return subproofSides(m, n, true);
}
