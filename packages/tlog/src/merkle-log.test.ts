/**
 * The incremental tree against the literal RFC 9162 definitions: for random sizes and random
 * append batching, every root, inclusion proof and consistency proof equals the recursive
 * reference and verifies; reopening and store failures keep the log consistent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leafHash } from './hashing.ts';
import { MemoryNodeStore } from './memory-node-store.ts';
import { MerkleLog } from './merkle-log.ts';
import type { NodeKey, NodeStore, StoredNode } from './node-store.ts';
import { refConsistency, refLeafHash, refPath, refRoot } from './rfc-reference.ts';
import { rootFromLeaves } from './root-from-leaves.ts';
import { TlogError } from './tlog-error.ts';
import { verifyConsistency } from './verify-consistency.ts';
import { verifyInclusion } from './verify-inclusion.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const hexes = (bs: readonly Uint8Array[]) => bs.map(hex);

function leaves(n: number, salt = 0): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => refLeafHash(Buffer.from(`entry ${salt}:${i}`)));
}

/** Appends `all` in batches whose sizes come from `cuts`. */
async function build(all: Uint8Array[], cuts: number[], store: NodeStore = new MemoryNodeStore()) {
  const log = MerkleLog.create(store);
  let at = 0;
  for (const c of cuts) {
    if (at >= all.length) break;
    await log.append(all.slice(at, at + c));
    at += c;
  }
  if (at < all.length) await log.append(all.slice(at));
  return log;
}

const sizeAndCuts = fc.record({
  n: fc.integer({ min: 1, max: 140 }),
  cuts: fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 30 }),
});

describe('MerkleLog', () => {
  it('an empty log has the empty root and empty proofs', async () => {
    const log = MerkleLog.create(new MemoryNodeStore());
    expect(hex(await log.root())).toBe(hex(refRoot([])));
    expect(await log.consistencyProof(0, 0)).toEqual([]);
    await expect(log.inclusionProof(0, 0)).rejects.toMatchObject({ code: 'TLOG_INVALID_ARGUMENT' });
  });

  it('roots for every past size equal the recursive MTH', async () => {
    await fc.assert(
      fc.asyncProperty(sizeAndCuts, async ({ n, cuts }) => {
        const all = leaves(n);
        const log = await build(all, cuts);
        expect(log.size).toBe(n);
        for (let s = 0; s <= n; s++) expect(hex(await log.root(s))).toBe(hex(refRoot(all.slice(0, s))));
        expect(hex(rootFromLeaves(all))).toBe(hex(refRoot(all)));
      }),
      { numRuns: 60 },
    );
  });

  it('inclusion proofs equal PATH(m, D[n]) and verify', async () => {
    await fc.assert(
      fc.asyncProperty(sizeAndCuts, fc.nat(), fc.nat(), async ({ n, cuts }, a, b) => {
        const all = leaves(n);
        const log = await build(all, cuts);
        const size = 1 + (a % n);
        const index = b % size;
        const proof = await log.inclusionProof(index, size);
        const prefix = all.slice(0, size);
        expect(hexes(proof)).toEqual(hexes(refPath(index, prefix)));
        expect(verifyInclusion(all[index] as Uint8Array, index, size, proof, refRoot(prefix))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('consistency proofs equal PROOF(m, D[n]) and verify', async () => {
    await fc.assert(
      fc.asyncProperty(sizeAndCuts, fc.nat(), fc.nat(), async ({ n, cuts }, a, b) => {
        const all = leaves(n);
        const log = await build(all, cuts);
        const size2 = a % (n + 1);
        const size1 = b % (size2 + 1);
        const proof = await log.consistencyProof(size1, size2);
        if (size1 > 0 && size1 < size2) {
          expect(hexes(proof)).toEqual(hexes(refConsistency(size1, all.slice(0, size2))));
        } else {
          expect(proof).toEqual([]);
        }
        const root1 = refRoot(all.slice(0, size1));
        const root2 = refRoot(all.slice(0, size2));
        expect(verifyConsistency(size1, size2, proof, root1, root2)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('every proof of every size verifies (exhaustive to 33 leaves)', async () => {
    const all = leaves(33);
    const log = await build(all, [1, 2, 3, 5, 8, 13]);
    const roots = [];
    for (let s = 0; s <= 33; s++) roots.push(await log.root(s));
    for (let n = 1; n <= 33; n++) {
      for (let m = 0; m < n; m++) {
        const p = await log.inclusionProof(m, n);
        expect(verifyInclusion(all[m] as Uint8Array, m, n, p, roots[n] as Uint8Array)).toBe(true);
      }
      for (let m = 0; m <= n; m++) {
        const p = await log.consistencyProof(m, n);
        expect(verifyConsistency(m, n, p, roots[m] as Uint8Array, roots[n] as Uint8Array)).toBe(true);
      }
    }
  });

  it('reopens from the store with the same roots and keeps appending', async () => {
    const store = new MemoryNodeStore();
    const all = leaves(77);
    await build(all.slice(0, 50), [7, 11], store);
    const reopened = await MerkleLog.open(store, 50);
    expect(hex(await reopened.root())).toBe(hex(refRoot(all.slice(0, 50))));
    await reopened.append(all.slice(50));
    expect(hex(await reopened.root())).toBe(hex(refRoot(all)));
    expect(hex(await reopened.root(31))).toBe(hex(refRoot(all.slice(0, 31))));
  });

  it('writes each append as one batch of the leaf and the nodes it completes', async () => {
    const batches: StoredNode[][] = [];
    const inner = new MemoryNodeStore();
    const store: NodeStore = {
      getNodes: (keys: readonly NodeKey[]) => inner.getNodes(keys),
      putNodes: async (nodes) => {
        batches.push([...nodes]);
        await inner.putNodes(nodes);
      },
    };
    const log = MerkleLog.create(store);
    await log.append(leaves(3));
    await log.append(leaves(1, 1));
    expect(batches.map((b) => b.map((n) => `${n.level}/${n.index}`))).toEqual([
      ['0/0', '0/1', '1/0', '0/2'],
      ['0/3', '1/1', '2/0'],
    ]);
  });

  it('serialises concurrent appends in call order', async () => {
    const all = leaves(40);
    const log = MerkleLog.create(new MemoryNodeStore());
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => log.append([all[i] as Uint8Array])),
    );
    expect(results.map((r) => r.firstIndex)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(hex(await log.root())).toBe(hex(refRoot(all)));
  });

  it('leaves the log unchanged when the store fails, so a retry succeeds', async () => {
    const inner = new MemoryNodeStore();
    let fail = true;
    const store: NodeStore = {
      getNodes: (keys) => inner.getNodes(keys),
      putNodes: async (nodes) => {
        if (fail) throw new Error('disk full');
        await inner.putNodes(nodes);
      },
    };
    const all = leaves(5);
    const log = MerkleLog.create(store);
    fail = false;
    await log.append(all.slice(0, 3));
    fail = true;
    const err = await log.append(all.slice(3)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TlogError);
    expect((err as TlogError).code).toBe('TLOG_STORE_FAILED');
    expect(log.size).toBe(3);
    fail = false;
    await log.append(all.slice(3));
    expect(hex(await log.root())).toBe(hex(refRoot(all)));
  });

  it('throws TLOG_INVALID_ARGUMENT for sizes and indexes outside the log', async () => {
    const log = await build(leaves(10), []);
    const bad: (() => Promise<unknown>)[] = [
      () => log.root(11),
      () => log.root(-1),
      () => log.root(1.5),
      () => log.inclusionProof(10, 10),
      () => log.inclusionProof(0, 11),
      () => log.consistencyProof(5, 4),
      () => log.consistencyProof(3, 11),
      () => log.append([new Uint8Array(31)]),
      () => MerkleLog.open(new MemoryNodeStore(), -1),
    ];
    for (const f of bad) await expect(f()).rejects.toMatchObject({ code: 'TLOG_INVALID_ARGUMENT' });
    await expect(MerkleLog.open(new MemoryNodeStore(), 3)).rejects.toMatchObject({
      code: 'TLOG_NODE_MISSING',
    });
  });

  it('accepts entries hashed with leafHash', async () => {
    const log = MerkleLog.create(new MemoryNodeStore());
    const entries = ['{"a":1}', '{"b":2}', '{"c":3}'].map((s) => Buffer.from(s));
    await log.append(entries.map(leafHash));
    expect(hex(await log.root())).toBe(hex(refRoot(entries.map(refLeafHash))));
  });
});
