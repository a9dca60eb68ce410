/**
 * Invariant 9: rotating the KEK re-wraps every data key and dataset key under a new one and
 * destroys the old — the data stays readable with the new KEK, while a key-store backup taken
 * before the rotation can no longer be opened by anything that remains.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../packages/server/src/config.ts';
import { kekFromBase64 } from '../packages/server/src/crypto/kek.ts';
import { rotateKekFile } from '../packages/server/src/crypto/kek-rotation.ts';
import { FileKeyStore } from '../packages/server/src/crypto/key-store.ts';
import { createStenoServer, type StenoServer } from '../packages/server/src/steno-server.ts';
import { enrolTestDevice, post, sampleEvents } from './support/test-device.ts';
import { pgliteFromTemplate, removeDir, tempDir } from './support/test-stores.ts';

const BIN = join(import.meta.dirname, '../packages/cli/bin/steno.js');

describe('KEK rotation', () => {
  let dataDir: string;
  let server: StenoServer;
  beforeAll(async () => {
    dataDir = tempDir('steno-kek-');
    const db = await pgliteFromTemplate(join(dataDir, 'db'));
    // The embedded default: the KEK in <data>/kek.key, created on first start.
    server = await createStenoServer(loadConfig({ dataDir, port: 0, logLevel: 'silent' }, {}), { db });
  });
  afterAll(async () => {
    await server?.app.close();
    await server?.db.close().catch(() => undefined);
    removeDir(dataDir);
  });

  it('re-wraps everything, the data reads with the new KEK, and an older key-store backup is dead', async () => {
    const dev = await enrolTestDevice(server, 'rota');
    expect(
      (await post(server.app, '/v1/batches', dev.batch(sampleEvents(Date.now() - 10_000, 'rotate me'))))
        .statusCode,
    ).toBe(200);
    const token = await dev.personalToken();
    const read = () =>
      server.app.inject({
        method: 'GET',
        url: '/v1/me/events',
        headers: { authorization: `Bearer ${token}` },
      });
    const before = (await read()).json();
    expect(before.events.length).toBeGreaterThan(0);

    const kekFile = join(dataDir, 'kek.key');
    const oldKek = kekFromBase64(readFileSync(kekFile, 'utf8').trim());
    cpSync(join(dataDir, 'keys'), join(dataDir, 'keys-backup'), { recursive: true });

    const report = await rotateKekFile(kekFile, new FileKeyStore(join(dataDir, 'keys'), oldKek), server.db);
    expect(report.dataKeys).toBeGreaterThan(0);
    expect(report.newKekId).not.toBe(report.oldKekId);
    expect(statSync(kekFile).mode & 0o077).toBe(0);
    const newKek = kekFromBase64(readFileSync(kekFile, 'utf8').trim());
    expect(newKek.id).toBe(report.newKekId);

    // A server started with the new KEK reads the same events; the old KEK no longer opens them.
    const chunk = (
      await server.ownerDb.query('SELECT subject_id, month, key_id FROM event_chunks LIMIT 1')
    )[0] as {
      subject_id: string;
      month: string;
      key_id: string;
    };
    const rotated = new FileKeyStore(join(dataDir, 'keys'), newKek);
    expect(await rotated.get(chunk.subject_id, chunk.month, chunk.key_id)).toBeInstanceOf(Uint8Array);
    await expect(
      new FileKeyStore(join(dataDir, 'keys'), oldKek).get(chunk.subject_id, chunk.month, chunk.key_id),
    ).rejects.toThrow(/another KEK/);
    // The backup from before the rotation is wrapped by the old KEK, which no longer exists anywhere.
    await expect(
      new FileKeyStore(join(dataDir, 'keys-backup'), newKek).get(chunk.subject_id, chunk.month, chunk.key_id),
    ).rejects.toThrow(/another KEK/);
    expect(readFileSync(kekFile, 'utf8').trim()).not.toBe(Buffer.from(oldKek.key).toString('base64'));

    // An interrupted rotation (new KEK written beside the old, nothing re-wrapped yet) is finished
    // by running it again with the same new KEK; a later rotation re-wraps again.
    const third = kekFromBase64(Buffer.alloc(32, 7).toString('base64'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${kekFile}.new`, Buffer.from(third.key).toString('base64'), { mode: 0o600 });
    const resumed = await rotateKekFile(kekFile, new FileKeyStore(join(dataDir, 'keys'), newKek), server.db);
    expect(resumed.newKekId).toBe(third.id);
    expect(resumed.dataKeys).toBe(report.dataKeys);
    expect(
      await new FileKeyStore(join(dataDir, 'keys'), third).get(chunk.subject_id, chunk.month, chunk.key_id),
    ).toBeInstanceOf(Uint8Array);
  });

  it('steno kek rotate --help explains to stop the server first', () => {
    const out = spawnSync(process.execPath, [BIN, 'kek', 'rotate', '--help'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/stop the server\s+first/);
  });
});
