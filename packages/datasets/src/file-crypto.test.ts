import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptDatasetFile, encryptDatasetFile, generateDatasetKey } from './file-crypto.ts';

const key = generateDatasetKey();
const plain = new TextEncoder().encode('{"episode_id":"c_1-e1"}\n');

describe('dataset file encryption', () => {
  it('round-trips, with a versioned header and a fresh nonce each time', () => {
    const a = encryptDatasetFile(key, 'episodes.jsonl', plain);
    const b = encryptDatasetFile(key, 'episodes.jsonl', plain);
    expect(Buffer.from(a.subarray(0, 5)).toString('latin1')).toBe('STDF\x01');
    expect(a.byteLength).toBe(plain.byteLength + 5 + 12 + 16);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a).includes(Buffer.from('episode_id'))).toBe(false);
    const r = decryptDatasetFile(key, 'episodes.jsonl', a);
    expect(r).toEqual({ ok: true, value: plain });
  });

  it('round-trips any bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2048 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (bytes, raw) => {
          const name = [...raw]
            .map((c) => (c < ' ' || c === '\x7f' || c === '/' || c === '\\' ? '_' : c))
            .join('');
          if (name === '.' || name === '..') return;
          const r = decryptDatasetFile(key, name, encryptDatasetFile(key, name, bytes));
          expect(r.ok && Buffer.from(r.value).equals(Buffer.from(bytes))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('detects any altered byte (property)', () => {
    const stored = encryptDatasetFile(key, 'steps.parquet', plain);
    fc.assert(
      fc.property(fc.nat({ max: stored.byteLength - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const bad = new Uint8Array(stored);
        bad[at] = (bad[at] as number) ^ flip;
        const r = decryptDatasetFile(key, 'steps.parquet', bad);
        expect(r.ok).toBe(false);
        // the magic and version are checked first; every other byte is authenticated
        expect(r.ok ? '' : r.error.code).toBe(at < 5 ? 'DATASET_FILE_MALFORMED' : 'DATASET_FILE_TAMPERED');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses the wrong key, the wrong name, truncation and appended bytes', () => {
    const stored = encryptDatasetFile(key, 'steps.parquet', plain);
    const code = (r: ReturnType<typeof decryptDatasetFile>) => (r.ok ? 'ok' : r.error.code);
    expect(code(decryptDatasetFile(generateDatasetKey(), 'steps.parquet', stored))).toBe(
      'DATASET_FILE_TAMPERED',
    );
    expect(code(decryptDatasetFile(key, 'episodes.jsonl', stored))).toBe('DATASET_FILE_TAMPERED');
    expect(code(decryptDatasetFile(key, 'steps.parquet', stored.subarray(0, stored.byteLength - 1)))).toBe(
      'DATASET_FILE_TAMPERED',
    );
    const longer = new Uint8Array(stored.byteLength + 1);
    longer.set(stored);
    expect(code(decryptDatasetFile(key, 'steps.parquet', longer))).toBe('DATASET_FILE_TAMPERED');
    expect(code(decryptDatasetFile(key, 'steps.parquet', stored.subarray(0, 20)))).toBe(
      'DATASET_FILE_MALFORMED',
    );
  });

  it('throws on a key that is not 32 bytes or a name with a path in it', () => {
    expect(() => encryptDatasetFile(new Uint8Array(16), 'a', plain)).toThrow(
      expect.objectContaining({ code: 'DATASET_KEY_INVALID' }),
    );
    expect(() => decryptDatasetFile(new Uint8Array(33), 'a', plain)).toThrow(
      expect.objectContaining({ code: 'DATASET_KEY_INVALID' }),
    );
    for (const name of ['', '../x', 'a/b', 'a\\b', '..', 'a\nb'])
      expect(() => encryptDatasetFile(key, name, plain)).toThrow(
        expect.objectContaining({ code: 'DATASET_FILE_NAME_INVALID' }),
      );
  });

  it('gives a fresh random key each time', () => {
    const a = generateDatasetKey();
    expect(a.byteLength).toBe(32);
    expect(Buffer.from(a).equals(Buffer.from(generateDatasetKey()))).toBe(false);
  });
});
