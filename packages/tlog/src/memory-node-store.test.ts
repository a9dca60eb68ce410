/** The in-memory node store: chunk boundaries, contiguity, conflicts and all-or-nothing batches. */
import { describe, expect, it } from 'vitest';
import { MemoryNodeStore } from './memory-node-store.ts';
import { MerkleLog } from './merkle-log.ts';
import { refLeafHash, refPath, refRoot } from './rfc-reference.ts';

const h = (i: number) => refLeafHash(Buffer.from(String(i)));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('MemoryNodeStore', () => {
  it('reads back what it stored, across chunk boundaries, as copies', async () => {
    const store = new MemoryNodeStore();
    const n = 70_000; // more than two 32,768-node chunks at level 0
    store.putNodesSync(Array.from({ length: n }, (_, i) => ({ level: 0, index: i, hash: h(i) })));
    expect(store.count(0)).toBe(n);
    for (const i of [0, 32_767, 32_768, 65_535, 65_536, n - 1])
      expect(hex(store.getNode({ level: 0, index: i }))).toBe(hex(h(i)));
    const copy = store.getNode({ level: 0, index: 5 });
    copy.fill(0);
    expect(hex(store.getNode({ level: 0, index: 5 }))).toBe(hex(h(5)));
  });

  it('refuses missing nodes, gaps and conflicting rewrites; accepts identical rewrites', async () => {
    const store = new MemoryNodeStore();
    await store.putNodes([{ level: 0, index: 0, hash: h(0) }]);
    await expect(store.getNodes([{ level: 0, index: 1 }])).rejects.toMatchObject({
      code: 'TLOG_NODE_MISSING',
    });
    await expect(store.getNodes([{ level: 3, index: 0 }])).rejects.toMatchObject({
      code: 'TLOG_NODE_MISSING',
    });
    await expect(store.putNodes([{ level: 0, index: 2, hash: h(2) }])).rejects.toMatchObject({
      code: 'TLOG_INVALID_ARGUMENT',
    });
    await expect(store.putNodes([{ level: 0, index: 0, hash: h(9) }])).rejects.toMatchObject({
      code: 'TLOG_NODE_CONFLICT',
    });
    await store.putNodes([{ level: 0, index: 0, hash: h(0) }]);
    expect(store.count(0)).toBe(1);
  });

  it('writes nothing from a batch that fails', async () => {
    const store = new MemoryNodeStore();
    const bad = [
      { level: 0, index: 0, hash: h(0) },
      { level: 0, index: 1, hash: new Uint8Array(5) },
    ];
    expect(() => store.putNodesSync(bad)).toThrow();
    expect(store.count(0)).toBe(0);
  });

  it('serves a log of 40,000 leaves (past the first chunk) with correct roots and proofs', async () => {
    const store = new MemoryNodeStore();
    const log = MerkleLog.create(store);
    const all = Array.from({ length: 40_000 }, (_, i) => h(i));
    for (let i = 0; i < all.length; i += 4096) await log.append(all.slice(i, i + 4096));
    expect(store.count(0)).toBe(40_000);
    expect(store.count(1)).toBe(20_000);
    expect(hex(await log.root(39_999))).toBe(hex(refRoot(all.slice(0, 39_999))));
    const proof = await log.inclusionProof(32_769, 39_999);
    expect(proof.map(hex)).toEqual(refPath(32_769, all.slice(0, 39_999)).map(hex));
  });
});
