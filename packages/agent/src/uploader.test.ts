import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateEd25519, importPrivateKey, type StenoEvent } from '@steno/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';
import { Batcher } from './batcher.ts';
import { Spool } from './spool.ts';
import { FakeStenoServer } from './test-support/fake-steno-server.ts';
import { focus, key, recordingLog, tempDir } from './test-support/test-fixtures.ts';
import { Uploader, type UploaderEvent } from './uploader.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A fake server with one enrolled device, and a spool holding `count` batches for it. */
async function setup(count: number) {
  const server = await new FakeStenoServer().start();
  cleanups.push(() => server.close());
  const keys = generateEd25519();
  const deviceId = `dev_${randomBytes(12).toString('base64url')}`;
  server.devices.set(deviceId, { deviceId, subject: 'alice', publicKey: keys.publicKey, revoked: false });
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const logs = recordingLog();
  const spool = await Spool.open({ dir, key: new Uint8Array(randomBytes(32)), deviceId, log: logs.log });
  const batcher = new Batcher({
    deviceId,
    subject: 'alice',
    privateKey: importPrivateKey(keys.privateKey),
    firstSeq: 0,
  });
  for (let i = 0; i < count; i++) {
    const events: StenoEvent[] = [focus(i * 10), key(i * 10 + 1, 'a', 'a')];
    for (const [j, event] of events.entries()) batcher.add({ event, cursor: i * 2 + j + 1 });
    const sealed = batcher.seal();
    if (sealed) await spool.append(sealed);
  }
  const events: UploaderEvent[] = [];
  const uploader = new Uploader({
    server: server.url,
    spool,
    log: logs.log,
    backoff: { baseMs: 5, capMs: 40 },
    requestTimeoutMs: 2_000,
    onEvent: (e) => events.push(e),
  });
  cleanups.push(() => uploader.stop());
  return { server, spool, uploader, events, logs, dir };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('backoffDelay', () => {
  it('is full jitter under an exponential ceiling with a cap', () => {
    const opts = { baseMs: 250, capMs: 30_000 };
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, opts, () => 0.999999))).toEqual([249, 499, 999, 1999]);
    expect(backoffDelay(20, opts, () => 0.999999)).toBe(29_999);
    expect(backoffDelay(5000, opts, () => 0.5)).toBe(15_000);
    expect(backoffDelay(3, opts, () => 0)).toBe(0);
  });
});

describe('Uploader', () => {
  it('uploads every entry in seq order and empties the spool', async () => {
    const { server, spool, uploader } = await setup(5);
    void uploader.start();
    await until(() => spool.size === 0);
    expect(server.stored.map((s) => s.batch.seq)).toEqual([0, 1, 2, 3, 4]);
  });

  it('retries 500s, 429s and dropped connections with backoff, resending the same bytes', async () => {
    const { server, spool, uploader, events, logs } = await setup(2);
    server.faults.push(
      { kind: 'status', status: 500 },
      { kind: 'drop' },
      { kind: 'status', status: 429, code: 'RATE_LIMITED' },
      { kind: 'status', status: 503, code: 'STORE_UNAVAILABLE' },
    );
    void uploader.start();
    await until(() => spool.size === 0);
    expect(server.stored.map((s) => s.batch.seq)).toEqual([0, 1]);
    expect(server.batchRequests).toBe(6);
    const retries = events
      .filter((e) => e.type === 'retrying')
      .map((e) => (e.type === 'retrying' ? e.reason : ''));
    expect(retries).toHaveLength(4);
    expect(retries[0]).toBe('INTERNAL');
    expect(retries[2]).toBe('RATE_LIMITED');
    const attempts = logs.records.filter((r) => r.msg === 'upload_retry').map((r) => r.fields.attempt);
    expect(attempts).toEqual([1, 2, 3, 4]);
    for (const r of logs.records.filter((r) => r.msg === 'upload_retry')) {
      expect(r.fields.delayMs).toBeLessThan(40);
    }
  });

  it('is idempotent when the ack is lost after the server stored the batch', async () => {
    const { server, spool, uploader } = await setup(3);
    server.faults.push({ kind: 'drop-after-store' }, { kind: 'drop-after-store' });
    void uploader.start();
    await until(() => spool.size === 0);
    expect(server.batchRequests).toBe(5);
    expect(server.stored.map((s) => s.batch.seq)).toEqual([0, 1, 2]);
  });

  it('quarantines permanently refused batches in rejected/ and carries on', async () => {
    const { server, spool, uploader, events, logs, dir } = await setup(3);
    server.faults.push({ kind: 'status', status: 400, code: 'CLOCK_SKEW' });
    void uploader.start();
    await until(() => spool.size === 0);
    expect(server.stored.map((s) => s.batch.seq)).toEqual([1, 2]);
    expect(await readdir(join(dir, 'rejected'))).toEqual(['0000000000000000.CLOCK_SKEW.entry']);
    expect(events).toContainEqual({ type: 'rejected', seq: 0, code: 'CLOCK_SKEW' });
    expect(logs.records).toContainEqual(
      expect.objectContaining({
        msg: 'batch_rejected',
        fields: expect.objectContaining({ code: 'CLOCK_SKEW' }),
      }),
    );
  });

  it('retries codes that are not permanent, such as an unknown code', async () => {
    const { server, spool, uploader } = await setup(1);
    server.faults.push(
      { kind: 'status', status: 400, code: 'SOMETHING_NEW' },
      { kind: 'status', status: 413 },
    );
    void uploader.start();
    await until(() => spool.size === 0);
    expect(server.stored).toHaveLength(1);
  });

  it('stops uploading and reports when the device is revoked, keeping the spool', async () => {
    const { server, spool, uploader, events } = await setup(2);
    server.revokeAll();
    await uploader.start();
    expect(events).toContainEqual({ type: 'device_stopped', code: 'DEVICE_REVOKED' });
    expect(spool.size).toBe(2);
    expect(server.batchRequests).toBe(1);
  });

  it('waits for the holdback before uploading', async () => {
    const { server } = await setup(0);
    const keys = generateEd25519();
    const deviceId = `dev_${randomBytes(12).toString('base64url')}`;
    server.devices.set(deviceId, { deviceId, subject: 'alice', publicKey: keys.publicKey, revoked: false });
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const spool = await Spool.open({
      dir,
      key: new Uint8Array(randomBytes(32)),
      deviceId,
      log: () => {},
      holdbackMs: 300,
    });
    const batcher = new Batcher({
      deviceId,
      subject: 'alice',
      privateKey: importPrivateKey(keys.privateKey),
      firstSeq: 0,
    });
    batcher.add({ event: key(1, 'a'), cursor: 1 });
    const sealed = batcher.seal();
    if (sealed) await spool.append(sealed);
    const uploader = new Uploader({ server: server.url, spool, log: () => {} });
    cleanups.push(() => uploader.stop());
    const started = Date.now();
    void uploader.start();
    await until(() => spool.size === 0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
