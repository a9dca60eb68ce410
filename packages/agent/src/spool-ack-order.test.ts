/**
 * Ack ordering, observed at the file system: when an acknowledged entry's file is deleted,
 * state.json must already record it, so a crash between the two never loses the ack.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { generateEd25519, importPrivateKey } from '@steno/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';

const observed: { file: string; state: unknown }[] = [];

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const snapshot = (path: string): void => {
    if (!path.endsWith('.entry')) return;
    let state: unknown;
    try {
      state = JSON.parse(readFileSync(join(dirname(path), 'state.json'), 'utf8'));
    } catch {
      state = undefined;
    }
    observed.push({ file: basename(path), state });
  };
  return {
    ...actual,
    unlink: async (path: string) => {
      snapshot(path);
      return actual.unlink(path);
    },
    rename: async (from: string, to: string) => {
      if (!basename(from).includes('.tmp-')) snapshot(from);
      return actual.rename(from, to);
    },
  };
});

const { Batcher } = await import('./batcher.ts');
const { Spool } = await import('./spool.ts');
const { focus, tempDir } = await import('./test-support/test-fixtures.ts');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('spool transitions write the state before touching the entry', () => {
  it('holds for ack and reject', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const deviceId = 'dev_AAAAAAAAAAAAAAAAAAAA';
    const spool = await Spool.open({ dir, key: new Uint8Array(randomBytes(32)), deviceId, log: () => {} });
    const batcher = new Batcher({
      deviceId,
      subject: 'alice',
      privateKey: importPrivateKey(generateEd25519().privateKey),
      firstSeq: 0,
    });
    for (let i = 0; i < 3; i++) {
      batcher.add({ event: focus(i), cursor: i + 1 });
      const sealed = batcher.seal();
      if (sealed) await spool.append(sealed);
    }
    await spool.ack(0);
    await spool.reject(1, 'SCHEMA_INVALID');
    await spool.ack(2);
    expect(observed).toEqual([
      {
        file: '0000000000000000.entry',
        state: expect.objectContaining({ lastSeq: 0, cursor: 1, finishing: [{ seq: 0, action: 'ack' }] }),
      },
      {
        file: '0000000000000001.entry',
        state: expect.objectContaining({
          lastSeq: 1,
          cursor: 2,
          finishing: [{ seq: 1, action: 'reject', code: 'SCHEMA_INVALID' }],
        }),
      },
      {
        file: '0000000000000002.entry',
        state: expect.objectContaining({ lastSeq: 2, cursor: 3, finishing: [{ seq: 2, action: 'ack' }] }),
      },
    ]);
  });
});
