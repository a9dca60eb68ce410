import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateEd25519, importPrivateKey, type StenoEvent } from '@steno/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { Batcher, type SealedBatch } from './batcher.ts';
import { entryName, Spool, type SpoolOptions, STATE_FILE } from './spool.ts';
import { decryptEntry } from './spool-crypto.ts';
import { allFiles, focus, key, recordingLog, tempDir } from './test-support/test-fixtures.ts';

const DEVICE = 'dev_AAAAAAAAAAAAAAAAAAAA';
const KEY = new Uint8Array(randomBytes(32));
const privateKey = importPrivateKey(generateEd25519().privateKey);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(options: Partial<SpoolOptions> = {}) {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const logs = recordingLog();
  const open = (more: Partial<SpoolOptions> = {}) =>
    Spool.open({ dir, key: KEY, deviceId: DEVICE, log: logs.log, ...options, ...more });
  return { dir, logs, open };
}

/** Seals one batch per event list, numbered from `firstSeq`, cursors 10, 20, ... */
function sealedBatches(firstSeq: number, lists: StenoEvent[][]): SealedBatch[] {
  const batcher = new Batcher({ deviceId: DEVICE, subject: 'alice', privateKey, firstSeq });
  return lists.map((events, i) => {
    for (const [j, event] of events.entries()) batcher.add({ event, cursor: (firstSeq + i) * 10 + j + 1 });
    const sealed = batcher.seal();
    if (!sealed) throw new Error('empty');
    return sealed;
  });
}

const batchOf = (t: number): StenoEvent[] => [focus(t), key(t + 1, 'a', 'a')];

describe('Spool', () => {
  it('writes entries named by seq, private, encrypted, and reopens to the same entries', async () => {
    const { dir, open } = await setup();
    const spool = await open();
    expect([spool.nextSeq, spool.resumeCursor]).toEqual([0, 0]);
    for (const sealed of sealedBatches(0, [batchOf(1), batchOf(2), batchOf(3)])) await spool.append(sealed);
    const names = (await readdir(dir)).filter((n) => n.endsWith('.entry'));
    expect(names).toEqual([entryName(0), entryName(1), entryName(2)]);
    expect(names.map((n) => n)).toEqual([...names].sort());
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, entryName(0)))).mode & 0o777).toBe(0o600);

    const reopened = await open();
    expect(reopened.entries()).toEqual(spool.entries());
    expect(reopened.nextSeq).toBe(3);
    expect(reopened.resumeCursor).toBe(22);
    const read = await reopened.read(1);
    expect(JSON.parse(JSON.parse(read?.body ?? '').batch).seq).toBe(1);
  });

  it('keeps no plaintext event content anywhere in the spool directory (canary)', async () => {
    const canary = 'zebra-canary-4417';
    const { dir, open } = await setup();
    const spool = await open();
    const events: StenoEvent[] = [focus(1, 'org.example.Canary', `${canary} - Editor`)];
    for (const [i, c] of [...canary].entries()) events.push(key(2 + i, c, c));
    const [sealed] = sealedBatches(0, [events]);
    if (!sealed) throw new Error('no batch');
    await spool.append(sealed);
    const [second] = sealedBatches(1, [events]);
    if (!second) throw new Error('no batch');
    await spool.append(second);
    await spool.ack(0);
    await spool.reject(1, 'SCHEMA_INVALID');
    const files = await allFiles(dir);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const { bytes } of files) {
      for (const needle of [
        canary,
        'org.example.Canary',
        '"type":"key"',
        Buffer.from(canary).toString('base64'),
      ]) {
        expect(bytes.includes(needle)).toBe(false);
      }
    }
  });

  it('applies the restart rules: seq after the max of state and entries, cursor the max', async () => {
    const { dir, open } = await setup();
    await writeFile(join(dir, STATE_FILE), JSON.stringify({ v: 1, lastSeq: 9, cursor: 500, finishing: [] }));
    let spool = await open();
    expect([spool.nextSeq, spool.resumeCursor]).toEqual([10, 500]);
    for (const sealed of sealedBatches(10, [batchOf(1), batchOf(2)])) await spool.append(sealed);
    spool = await open();
    expect([spool.nextSeq, spool.resumeCursor]).toEqual([12, 500]); // entry cursors 101..112 < 500
    for (const sealed of sealedBatches(60, [batchOf(3)])) await spool.append(sealed);
    spool = await open();
    expect([spool.nextSeq, spool.resumeCursor]).toEqual([61, 602]);
  });

  it('removes stray tmp files and quarantines a corrupted entry without deleting it', async () => {
    const { dir, open, logs } = await setup();
    const spool = await open();
    for (const sealed of sealedBatches(0, [batchOf(1), batchOf(2), batchOf(3)])) await spool.append(sealed);
    await writeFile(join(dir, `.${entryName(3)}.tmp-abc123`), 'half-written');
    await writeFile(join(dir, `.${STATE_FILE}.tmp-def456`), '{"v":1');
    const corrupt = join(dir, entryName(2));
    const bytes = await readFile(corrupt);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await writeFile(corrupt, bytes);

    const reopened = await open();
    expect(reopened.entries().map((e) => e.seq)).toEqual([0, 1]);
    expect(reopened.nextSeq).toBe(3); // the quarantined seq is never reused
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
    const quarantined = await readdir(join(dir, 'quarantine'));
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]?.startsWith(entryName(2))).toBe(true);
    expect(await readFile(join(dir, 'quarantine', quarantined[0] ?? ''))).toEqual(bytes);
    expect(logs.records.some((r) => r.fields.code === 'SPOOL_ENTRY_UNREADABLE' && r.fields.seq === 2)).toBe(
      true,
    );
  });

  it('with the wrong key, every entry is quarantined, not deleted and not readable', async () => {
    const { dir, open } = await setup();
    const spool = await open();
    for (const sealed of sealedBatches(0, [batchOf(1), batchOf(2)])) await spool.append(sealed);
    const wrong = await open({ key: new Uint8Array(randomBytes(32)) });
    expect(wrong.size).toBe(0);
    expect(wrong.nextSeq).toBe(2);
    const quarantined = await readdir(join(dir, 'quarantine'));
    expect(quarantined).toHaveLength(2);
    const bytes = await readFile(join(dir, 'quarantine', quarantined[0] ?? ''));
    expect(() => decryptEntry(new Uint8Array(randomBytes(32)), DEVICE, 0, bytes)).toThrow();
    expect(decryptEntry(KEY, DEVICE, 0, bytes).length).toBeGreaterThan(0);
  });

  it('ack writes the state first and deletes the file; a crash in between is completed on start', async () => {
    const { dir, open } = await setup();
    const spool = await open();
    for (const sealed of sealedBatches(0, [batchOf(1), batchOf(2), batchOf(3)])) await spool.append(sealed);
    await spool.ack(0);
    expect(JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8'))).toEqual({
      v: 1,
      lastSeq: 0,
      cursor: 2,
      finishing: [{ seq: 0, action: 'ack' }],
    });
    expect((await readdir(dir)).filter((n) => n.endsWith('.entry'))).toEqual([entryName(1), entryName(2)]);

    // Simulate a crash after the state of ack(1) was written but before its file was deleted.
    await writeFile(
      join(dir, STATE_FILE),
      JSON.stringify({ v: 1, lastSeq: 1, cursor: 12, finishing: [{ seq: 1, action: 'ack' }] }),
    );
    const reopened = await open();
    expect(reopened.entries().map((e) => e.seq)).toEqual([2]);
    expect((await readdir(dir)).filter((n) => n.endsWith('.entry'))).toEqual([entryName(2)]);
    expect([reopened.nextSeq, reopened.resumeCursor]).toEqual([3, 22]);
  });

  it('reject moves the still-encrypted entry to rejected/ with its code', async () => {
    const { dir, open } = await setup();
    const spool = await open();
    for (const sealed of sealedBatches(0, [batchOf(1), batchOf(2)])) await spool.append(sealed);
    await spool.reject(0, 'CLOCK_SKEW');
    expect(await readdir(join(dir, 'rejected'))).toEqual([
      `${entryName(0).replace('.entry', '')}.CLOCK_SKEW.entry`,
    ]);
    expect(spool.entries().map((e) => e.seq)).toEqual([1]);
    const reopened = await open();
    expect([reopened.size, reopened.nextSeq, reopened.resumeCursor]).toEqual([1, 2, 12]);
  });

  it('forgets held-back entries by event time, never released ones, and never replays them', async () => {
    const clock = { now: 1_000_000 };
    const { open } = await setup({ holdbackMs: 300_000, now: () => clock.now });
    const spool = await open();
    const [a, b, c] = sealedBatches(0, [batchOf(100), batchOf(200), batchOf(300)]);
    if (!a || !b || !c) throw new Error('batches');
    await spool.append(a);
    clock.now += 300_000; // a is now ready for upload
    await spool.append(b);
    await spool.append(c);
    expect(await spool.read(0)).toBeDefined(); // released to the uploader
    const result = await spool.forget({ from: 0, to: 250 });
    expect(result).toEqual({ forgotten: 1, released: 1 });
    expect(spool.entries().map((e) => e.seq)).toEqual([0, 2]);
    const reopened = await open();
    expect(reopened.entries().map((e) => e.seq)).toEqual([0, 2]);
    expect([reopened.nextSeq, reopened.resumeCursor]).toEqual([3, 22]);
  });

  it('serialises concurrent transitions (state never goes backwards)', async () => {
    const { dir, open } = await setup();
    const spool = await open();
    for (const sealed of sealedBatches(0, [batchOf(1), batchOf(2), batchOf(3), batchOf(4)]))
      await spool.append(sealed);
    await Promise.all([spool.ack(0), spool.ack(1), spool.reject(2, 'SCHEMA_INVALID'), spool.ack(3)]);
    const state = JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8'));
    expect([state.lastSeq, state.cursor]).toEqual([3, 32]);
    expect(spool.size).toBe(0);
  });
});
