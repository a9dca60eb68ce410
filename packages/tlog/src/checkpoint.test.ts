/** C2SP checkpoints: the exact text format, round-trips, and every way a checkpoint can be wrong. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, parseCheckpoint, signCheckpoint, verifyCheckpoint } from './checkpoint.ts';
import { sha256 } from './hashing.ts';
import { generateNoteKey, parseVerifierKey } from './note-key.ts';

const ROOT = Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64');

describe('checkpoints', () => {
  it('formats the spec example byte for byte', () => {
    expect(formatCheckpoint({ origin: 'example.com/behind-the-sofa', size: 20852163, rootHash: ROOT })).toBe(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
    expect(formatCheckpoint({ origin: 'o', size: 0, rootHash: ROOT, extensions: ['x y'] })).toBe(
      'o\n0\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\nx y\n',
    );
  });

  it('round-trips through sign and verify, and the verifier key string or object both work', () => {
    const { signer, verifierKey } = generateNoteKey('steno.example/audit');
    const parsed = parseVerifierKey(verifierKey);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(fc.stringMatching(/^[a-z0-9 =:]{1,20}$/), { maxLength: 3 }),
        (size, root, extensions) => {
          const note = signCheckpoint(
            { origin: 'steno.example/audit', size, rootHash: root, extensions },
            signer,
          );
          const r = verifyCheckpoint(note, verifierKey, { origin: 'steno.example/audit' });
          expect(r).toEqual({
            ok: true,
            checkpoint: { origin: 'steno.example/audit', size, rootHash: new Uint8Array(root), extensions },
          });
          if (parsed.ok) expect(verifyCheckpoint(note, parsed.verifier).ok).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('fails on a modified body, a modified signature, a wrong key or a wrong origin', () => {
    const { signer, verifierKey } = generateNoteKey('steno.example/audit');
    const other = generateNoteKey('steno.example/audit');
    const note = signCheckpoint(
      { origin: 'steno.example/audit', size: 41, rootHash: sha256(Buffer.from('x')) },
      signer,
    );
    expect(verifyCheckpoint(note, verifierKey).ok).toBe(true);
    expect(verifyCheckpoint(note.replace('\n41\n', '\n42\n'), verifierKey)).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
    const sigStart = note.lastIndexOf(' ') + 1;
    const sig = Buffer.from(note.slice(sigStart, -1), 'base64');
    sig[10] = (sig[10] as number) ^ 1;
    expect(verifyCheckpoint(`${note.slice(0, sigStart)}${sig.toString('base64')}\n`, verifierKey)).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
    expect(verifyCheckpoint(note, other.verifierKey)).toEqual({ ok: false, reason: 'NO_KNOWN_SIGNATURE' });
    expect(verifyCheckpoint(note, verifierKey, { origin: 'other.example/log' })).toEqual({
      ok: false,
      reason: 'ORIGIN_MISMATCH',
    });
    expect(verifyCheckpoint(note, 'not a key')).toEqual({ ok: false, reason: 'MALFORMED_VERIFIER_KEY' });
  });

  it('refuses malformed checkpoint text, even when properly signed', () => {
    const { signer, verifierKey } = generateNoteKey('k.example');
    const root = ROOT.toString('base64');
    const bad = [
      'o\n5\n',
      `o\n05\n${root}\n`,
      `o\n-5\n${root}\n`,
      `o\n5.0\n${root}\n`,
      `o\n99999999999999999999\n${root}\n`,
      `o\n5\n${root.slice(0, -4)}\n`,
      `o\n5\n${root}\n\n`,
      `\n5\n${root}\n`,
    ];
    for (const text of bad) {
      expect(parseCheckpoint(text).ok).toBe(false);
      if (!text.includes('\n\n'))
        expect(verifyCheckpoint(`${text}\n${signer.name}`, verifierKey).ok).toBe(false);
    }
    expect(parseCheckpoint(`o\n5\n${root}\next\n`).ok).toBe(true);
    expect(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash: ROOT })).toThrow();
    expect(() => formatCheckpoint({ origin: 'o', size: -1, rootHash: ROOT })).toThrow();
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: ROOT.subarray(1) })).toThrow();
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: ROOT, extensions: [''] })).toThrow();
  });
});
