/**
 * Tampering is always detected: flipping any bit of a leaf, a proof node or a root, changing an
 * index, or forking the log makes the RFC 9162 verifiers fail. Sizes are checked precisely too:
 * a changed size verifies exactly when the proof has the same shape under it (RFC 9162 proofs do
 * not carry the size; the signed checkpoint binds size and root together).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryNodeStore } from './memory-node-store.ts';
import { MerkleLog } from './merkle-log.ts';
import { refConsistencySides, refLeafHash, refPathSides } from './rfc-reference.ts';
import { verifyConsistency } from './verify-consistency.ts';
import { verifyInclusion } from './verify-inclusion.ts';

function leaves(n: number, salt = ''): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => refLeafHash(Buffer.from(`${salt}entry ${i}`)));
}

function flip(h: Uint8Array, bit: number): Uint8Array {
  const out = new Uint8Array(h);
  out[(bit >> 3) % out.length] = (out[(bit >> 3) % out.length] as number) ^ (1 << (bit & 7));
  return out;
}

const N = 150;
const all = leaves(N);
const logPromise = (async () => {
  const log = MerkleLog.create(new MemoryNodeStore());
  await log.append(all);
  return log;
})();

const bit = fc.integer({ min: 0, max: 255 });

describe('verifyInclusion under tampering', () => {
  it('fails for any flipped bit of the leaf, a proof node or the root, and for any other index', async () => {
    const log = await logPromise;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: N }),
        fc.nat(),
        bit,
        fc.nat(),
        fc.integer({ min: 0, max: 8 }),
        async (size, i, b, which, ib) => {
          const index = i % size;
          const leaf = all[index] as Uint8Array;
          const root = await log.root(size);
          const proof = await log.inclusionProof(index, size);
          expect(verifyInclusion(leaf, index, size, proof, root)).toBe(true);
          expect(verifyInclusion(flip(leaf, b), index, size, proof, root)).toBe(false);
          expect(verifyInclusion(leaf, index, size, proof, flip(root, b))).toBe(false);
          if (proof.length > 0) {
            const j = which % proof.length;
            const bad = proof.map((p, k) => (k === j ? flip(p, b) : p));
            expect(verifyInclusion(leaf, index, size, bad, root)).toBe(false);
            expect(verifyInclusion(leaf, index, size, proof.slice(0, -1), root)).toBe(false);
          }
          expect(verifyInclusion(leaf, index, size, [...proof, root], root)).toBe(false);
          const otherIndex = index ^ (1 << ib);
          expect(verifyInclusion(leaf, otherIndex, size, proof, root)).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a flipped size verifies exactly when the path keeps its shape', async () => {
    const log = await logPromise;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: N }),
        fc.nat(),
        fc.integer({ min: 0, max: 9 }),
        async (size, i, sb) => {
          const index = i % size;
          const root = await log.root(size);
          const proof = await log.inclusionProof(index, size);
          const other = size ^ (1 << sb);
          const same = index < other && refPathSides(index, other) === refPathSides(index, size);
          expect(verifyInclusion(all[index] as Uint8Array, index, other, proof, root)).toBe(same);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('what RFC 9162 proofs do not bind', () => {
  it('accepts the proof for (0, 5) under size 7 too: same shape, so only the checkpoint binds size', async () => {
    const log = await logPromise;
    const root5 = await log.root(5);
    expect(verifyInclusion(all[0] as Uint8Array, 0, 7, await log.inclusionProof(0, 5), root5)).toBe(true);
    expect(verifyConsistency(4, 7, await log.consistencyProof(4, 5), await log.root(4), root5)).toBe(true);
  });
});

describe('verifyConsistency under tampering', () => {
  it('fails for any flipped bit of either root or a proof node, or a dropped node', async () => {
    const log = await logPromise;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: N }),
        fc.nat(),
        bit,
        fc.nat(),
        async (size2, s, b, which) => {
          const size1 = 1 + (s % (size2 - 1));
          const [root1, root2] = [await log.root(size1), await log.root(size2)];
          const proof = await log.consistencyProof(size1, size2);
          expect(verifyConsistency(size1, size2, proof, root1, root2)).toBe(true);
          expect(verifyConsistency(size1, size2, proof, flip(root1, b), root2)).toBe(false);
          expect(verifyConsistency(size1, size2, proof, root1, flip(root2, b))).toBe(false);
          const j = which % proof.length;
          const bad = proof.map((p, k) => (k === j ? flip(p, b) : p));
          expect(verifyConsistency(size1, size2, bad, root1, root2)).toBe(false);
          expect(verifyConsistency(size1, size2, proof.slice(0, -1), root1, root2)).toBe(false);
          expect(verifyConsistency(size1, size2, [], root1, root2)).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a flipped size verifies exactly when the proof keeps its shape', async () => {
    const log = await logPromise;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: N }),
        fc.nat(),
        fc.integer({ min: 0, max: 9 }),
        fc.boolean(),
        async (size2, s, sb, first) => {
          const size1 = 1 + (s % (size2 - 1));
          const [root1, root2] = [await log.root(size1), await log.root(size2)];
          const proof = await log.consistencyProof(size1, size2);
          const m = first ? size1 ^ (1 << sb) : size1;
          const n = first ? size2 : size2 ^ (1 << sb);
          const same = m > 0 && m < n && refConsistencySides(m, n) === refConsistencySides(size1, size2);
          expect(verifyConsistency(m, n, proof, root1, root2)).toBe(same);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('detects a forked log: same size, one leaf different', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 60 }), fc.nat(), fc.nat(), async (size1, g, f) => {
        const size2 = size1 + 1 + (g % 40);
        const honest = leaves(size2);
        const forked = honest.slice();
        const at = f % size1;
        forked[at] = refLeafHash(Buffer.from('rewritten'));
        const [a, b] = [MerkleLog.create(new MemoryNodeStore()), MerkleLog.create(new MemoryNodeStore())];
        await a.append(honest);
        await b.append(forked);
        const forkRoot1 = await b.root(size1);
        const honestRoot1 = await a.root(size1);
        // The log shows root1 from the fork to one client, then proves the honest extension.
        expect(
          verifyConsistency(size1, size2, await a.consistencyProof(size1, size2), forkRoot1, await a.root()),
        ).toBe(false);
        // Or it keeps the fork and proves it against the head the client already holds.
        expect(
          verifyConsistency(
            size1,
            size2,
            await b.consistencyProof(size1, size2),
            honestRoot1,
            await b.root(),
          ),
        ).toBe(false);
        expect(
          verifyInclusion(
            forked[at] as Uint8Array,
            at,
            size2,
            await b.inclusionProof(at, size2),
            await a.root(),
          ),
        ).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});

describe('verifiers on malformed input', () => {
  it('return false and never throw', () => {
    const h = new Uint8Array(32);
    fc.assert(
      fc.property(
        fc.anything(),
        fc.anything(),
        fc.anything(),
        fc.anything(),
        fc.anything(),
        (a, b, c, d, e) => {
          const call1 = () =>
            verifyInclusion(a as Uint8Array, b as number, c as number, d as Uint8Array[], e as Uint8Array);
          const call2 = () =>
            verifyConsistency(a as number, b as number, c as Uint8Array[], d as Uint8Array, e as Uint8Array);
          expect(call1).not.toThrow();
          expect(call2).not.toThrow();
          expect(call1()).toBe(false);
        },
      ),
    );
    expect(verifyInclusion(h, 0, 1, [], h)).toBe(true);
    expect(verifyInclusion(h, 0, 1, [], new Uint8Array(31))).toBe(false);
    expect(verifyInclusion(h, -1, 1, [], h)).toBe(false);
    expect(verifyInclusion(h, 0, Number.NaN, [], h)).toBe(false);
    expect(verifyInclusion(h, 0, 2 ** 60, [], h)).toBe(false);
    expect(verifyInclusion(h, 0, 2, [new Uint8Array(33)], h)).toBe(false);
    expect(verifyConsistency(1, 0, [], h, h)).toBe(false);
    expect(verifyConsistency(2, 2, [], h, h)).toBe(true);
    expect(verifyConsistency(2, 2, [h], h, h)).toBe(false);
    expect(verifyConsistency(0, 5, [], h, h)).toBe(false);
  });
});
