import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptEntry, encryptEntry, SPOOL_FORMAT_VERSION } from './spool-crypto.ts';

const key = new Uint8Array(randomBytes(32));
const device = 'dev_AAAAAAAAAAAAAAAAAAAA';

describe('spool entry encryption', () => {
  it('round-trips any plaintext', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.nat(), (plaintext, seq) => {
        const stored = encryptEntry(key, device, seq, plaintext);
        expect(stored[0]).toBe(SPOOL_FORMAT_VERSION);
        expect(Buffer.from(decryptEntry(key, device, seq, stored))).toEqual(Buffer.from(plaintext));
      }),
    );
  });

  it('uses a fresh nonce each time', () => {
    const plaintext = Buffer.from('same bytes');
    expect(Buffer.from(encryptEntry(key, device, 1, plaintext))).not.toEqual(
      Buffer.from(encryptEntry(key, device, 1, plaintext)),
    );
  });

  it('fails with the wrong key, seq, device or version, or any flipped bit', () => {
    const stored = encryptEntry(key, device, 7, Buffer.from('{"hello":"world"}'));
    expect(() => decryptEntry(new Uint8Array(randomBytes(32)), device, 7, stored)).toThrow();
    expect(() => decryptEntry(key, device, 8, stored)).toThrow();
    expect(() => decryptEntry(key, 'dev_BBBBBBBBBBBBBBBBBBBB', 7, stored)).toThrow();
    const badVersion = Buffer.from(stored);
    badVersion[0] = 2;
    expect(() => decryptEntry(key, device, 7, badVersion)).toThrow(/version/);
    fc.assert(
      fc.property(fc.nat({ max: stored.length * 8 - 1 }), (bit) => {
        const tampered = Buffer.from(stored);
        tampered[bit >> 3] = (tampered[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        expect(() => decryptEntry(key, device, 7, tampered)).toThrow();
      }),
    );
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => encryptEntry(new Uint8Array(16), device, 0, new Uint8Array(1))).toThrow(RangeError);
  });
});
