/**
 * The portal's browser verifier (WebCrypto) agrees with packages/tlog, which the server's audit
 * log uses: the same leaf and node hashes, the same verdict on every inclusion and consistency
 * proof the real tree produces, tampering always detected, and the server's signed checkpoints.
 */
import { describe, expect, it } from 'vitest';
import {
  cosignerVerifierKey,
  cosignLine,
  generateNoteKey,
  MemoryNodeStore,
  MerkleLog,
  rawPublicKey,
  signCheckpoint,
  leafHash as tlogLeafHash,
} from '../../tlog/src/index.ts';
import {
  decodeBase64,
  leafHash,
  parseCheckpoint,
  rootOfEntries,
  toHex,
  verifyCheckpoint,
  verifyConsistency,
  verifyCosignatures,
  verifyInclusion,
} from './tlog-verify.ts';

const entries = Array.from({ length: 37 }, (_, i) => JSON.stringify({ idx: i, action: `a${i}`, t: i * 7 }));

async function buildLog() {
  const log = MerkleLog.create(new MemoryNodeStore());
  await log.append(entries.map((e) => tlogLeafHash(new TextEncoder().encode(e))));
  return log;
}

const flip = (h: Uint8Array) => {
  // A copy: a Buffer's slice() is a view, and flipping it would corrupt the tree under test.
  const c = new Uint8Array(h);
  c[0] = (c[0] as number) ^ 1;
  return c;
};

describe('browser audit-log verifier', () => {
  it('hashes leaves exactly as packages/tlog does', async () => {
    for (const e of ['', 'a', entries[3] as string, 'ünïcødé'])
      expect(toHex(await leafHash(e))).toBe(toHex(tlogLeafHash(new TextEncoder().encode(e))));
  });

  it('verifies every inclusion proof of the real tree and rejects tampered ones', async () => {
    const log = await buildLog();
    for (const size of [1, 2, 3, 5, 8, 13, 37]) {
      const root = await log.root(size);
      for (let index = 0; index < size; index++) {
        const proof = await log.inclusionProof(index, size);
        const leaf = await leafHash(entries[index] as string);
        expect(await verifyInclusion(leaf, index, size, proof, root), `${index}/${size}`).toBe(true);
        expect(await verifyInclusion(await leafHash(`${entries[index]} `), index, size, proof, root)).toBe(
          false,
        );
        if (size > 1) expect(await verifyInclusion(leaf, (index + 1) % size, size, proof, root)).toBe(false);
        if (proof.length > 0)
          expect(
            await verifyInclusion(leaf, index, size, [flip(proof[0] as Uint8Array), ...proof.slice(1)], root),
          ).toBe(false);
        expect(await verifyInclusion(leaf, index, size, proof, flip(root))).toBe(false);
      }
    }
  });

  it('verifies consistency proofs between every pair of sizes and rejects wrong roots', async () => {
    const log = await buildLog();
    for (let s1 = 0; s1 <= 20; s1++) {
      for (const s2 of [s1, s1 + 1, s1 + 5, 37]) {
        if (s2 > 37) continue;
        const proof = s1 > 0 && s1 < s2 ? await log.consistencyProof(s1, s2) : [];
        const [r1, r2] = [await log.root(s1), await log.root(s2)];
        expect(await verifyConsistency(s1, s2, proof, r1, r2)).toBe(true);
        if (s1 > 0 && s1 < s2) {
          expect(await verifyConsistency(s1, s2, proof, flip(r1), r2)).toBe(false);
          expect(await verifyConsistency(s1, s2, proof, r1, flip(r2))).toBe(false);
        }
      }
    }
  });

  it('verifies checkpoints signed by packages/tlog (Ed25519) and refuses tampered or foreign ones', async () => {
    const log = await buildLog();
    const { signer, verifierKey } = generateNoteKey('steno.test/audit');
    const other = generateNoteKey('steno.test/audit');
    const note = signCheckpoint({ origin: 'steno.test/audit', size: 37, rootHash: await log.root() }, signer);
    const ok = await verifyCheckpoint(note, verifierKey, { origin: 'steno.test/audit' });
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.checkpoint.size).toBe(37);
      expect(toHex(ok.checkpoint.rootHash)).toBe(toHex(await log.root()));
    }
    expect(await verifyCheckpoint(note.replace('\n37\n', '\n38\n'), verifierKey)).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
    expect(await verifyCheckpoint(note, other.verifierKey)).toEqual({
      ok: false,
      reason: 'NO_KNOWN_SIGNATURE',
    });
    expect(await verifyCheckpoint(note, verifierKey, { origin: 'elsewhere' })).toEqual({
      ok: false,
      reason: 'ORIGIN_MISMATCH',
    });
    expect(await verifyCheckpoint(note, 'not a key')).toEqual({
      ok: false,
      reason: 'MALFORMED_VERIFIER_KEY',
    });
  });

  it('parses only canonical checkpoint text and base64', () => {
    const root = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';
    expect(parseCheckpoint(`o\n5\n${root}\n`).ok).toBe(true);
    for (const bad of [`o\n05\n${root}\n`, `o\n5\n${root}`, `o\n-1\n${root}\n`, `\n5\n${root}\n`])
      expect(parseCheckpoint(bad).ok).toBe(false);
    expect(decodeBase64('QQ==')).toEqual(new Uint8Array([65]));
    expect(decodeBase64('QR==')).toBeUndefined();
    expect(decodeBase64('Q Q==')).toBeUndefined();
  });
});

describe('witness cosignatures in the browser (issue 20)', () => {
  // A real checkpoint of transparency.dev's arche2025h1 staging log, cosigned by the public witness
  // remora.n621.de (the same vector as packages/tlog/src/witness/witness.test.ts).
  const ARCHE = `arche2025h1.staging.ct.transparency.dev
1432088532
U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=

— arche2025h1.staging.ct.transparency.dev ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=
— remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==
`;
  const REMORA = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';

  it("verifies a real public witness's cosignature and refuses a changed checkpoint or a missing quorum", async () => {
    expect(await verifyCosignatures(ARCHE, { keys: [REMORA], quorum: 1 })).toEqual({
      ok: true,
      cosignedBy: [{ name: 'remora.n621.de', timestamp: 0x6a122120 }],
    });
    expect(
      await verifyCosignatures(ARCHE.replace('1432088532', '1432088531'), { keys: [REMORA], quorum: 1 }),
    ).toEqual({ ok: false, reason: 'BAD_COSIGNATURE' });
    expect(await verifyCosignatures(ARCHE, { keys: [REMORA], quorum: 2 })).toEqual({
      ok: false,
      reason: 'NO_QUORUM',
    });
    expect(await verifyCosignatures(ARCHE, { keys: ['not a key'], quorum: 1 })).toEqual({
      ok: false,
      reason: 'MALFORMED_WITNESS_KEY',
    });
  });

  it('agrees with packages/tlog on cosignatures it makes, and on the root of all entries', async () => {
    const log = await buildLog();
    const { signer } = generateNoteKey('steno.test/audit');
    const note = signCheckpoint({ origin: 'steno.test/audit', size: 37, rootHash: await log.root() }, signer);
    const w = generateNoteKey('witness.test/w1').signer;
    const cosigned = note + cosignLine(`${note.split('\n\n')[0]}\n`, w, 1_700_000_000);
    const key = cosignerVerifierKey(w.name, rawPublicKey(w.privateKey));
    expect(await verifyCosignatures(cosigned, { keys: [key], quorum: 1 })).toMatchObject({ ok: true });
    expect(await verifyCosignatures(note, { keys: [key], quorum: 1 })).toEqual({
      ok: false,
      reason: 'NO_QUORUM',
    });
    expect(toHex(await rootOfEntries(entries))).toBe(toHex(await log.root()));
    expect(toHex(await rootOfEntries([]))).toBe(toHex(await log.root(0)));
  });
});
