/**
 * Known-answer tests for RFC 9162 hashing and tree roots: small trees worked out by hand from
 * the definitions, and the roots of the eight-leaf tree used by the RFC 6962 reference test
 * suite (certificate-transparency), which this implementation and the literal reference both hit.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyRoot, hashesEqual, leafHash, nodeHash } from './hashing.ts';
import { MemoryNodeStore } from './memory-node-store.ts';
import { MerkleLog } from './merkle-log.ts';
import { rootFromLeaves } from './root-from-leaves.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const sha = (...parts: (number[] | string)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' ? Buffer.from(p, 'hex') : Buffer.from(p));
  return h.digest('hex');
};

const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('RFC 9162 hashing', () => {
  it('hashes the empty tree as SHA-256 of nothing', () => {
    expect(hex(emptyRoot())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('prefixes leaves with 0x00 and nodes with 0x01', () => {
    expect(hex(leafHash(new Uint8Array(0)))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    expect(hex(leafHash(Buffer.from('abc')))).toBe(sha([0], '616263'));
    const l = leafHash(Buffer.from('l'));
    const r = leafHash(Buffer.from('r'));
    expect(hex(nodeHash(l, r))).toBe(sha([1], hex(l), hex(r)));
    expect(hashesEqual(nodeHash(l, r), nodeHash(r, l))).toBe(false);
  });

  it('computes a hand-worked five-leaf tree: ((ab)(cd))e', async () => {
    // MTH(D[5]): k = 4, so the root is H(1 || MTH(a..d) || MTH(e)), MTH(a..d) = H(1 || H(1||a||b) || H(1||c||d)).
    const [a, b, c, d, e] = ['61', '62', '63', '64', '65'].map((x) => sha([0], x)) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const expected = sha([1], sha([1], sha([1], a, b), sha([1], c, d)), e);
    const leaves = ['a', 'b', 'c', 'd', 'e'].map((x) => leafHash(Buffer.from(x)));
    expect(hex(rootFromLeaves(leaves))).toBe(expected);
    const log = MerkleLog.create(new MemoryNodeStore());
    await log.append(leaves);
    expect(hex(await log.root())).toBe(expected);
    // Three leaves: H(1 || H(1||a||b) || c); the right edge is not a perfect subtree.
    expect(hex(await log.root(3))).toBe(sha([1], sha([1], a, b), c));
  });

  it('matches the RFC 6962 reference suite roots for sizes 0..8', async () => {
    const leaves = CT_LEAVES.map((x) => leafHash(Buffer.from(x, 'hex')));
    const log = MerkleLog.create(new MemoryNodeStore());
    await log.append(leaves);
    for (let n = 0; n <= 8; n++) {
      expect(hex(await log.root(n))).toBe(CT_ROOTS[n]);
      expect(hex(rootFromLeaves(leaves.slice(0, n)))).toBe(CT_ROOTS[n]);
    }
  });

  it('compares hashes without throwing on wrong lengths', () => {
    expect(hashesEqual(new Uint8Array(31), new Uint8Array(31))).toBe(false);
    expect(hashesEqual(new Uint8Array(32), new Uint8Array(32))).toBe(true);
  });
});
