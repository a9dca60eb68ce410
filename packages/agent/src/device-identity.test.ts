import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentError } from './agent-error.ts';
import { DEVICE_FILE, loadOrCreateSpoolKey, loadOrEnrolIdentity, SPOOL_KEY_FILE } from './device-identity.ts';
import { FakeStenoServer } from './test-support/fake-steno-server.ts';
import { recordingLog, tempDir } from './test-support/test-fixtures.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup() {
  const server = await new FakeStenoServer().start();
  cleanups.push(() => server.close());
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const logs = recordingLog();
  return { server, dataDir: join(dir, 'agent'), logs };
}

describe('device identity', () => {
  it('enrols once, stores a private device.json and spool key, and reuses them without a token', async () => {
    const { server, dataDir, logs } = await setup();
    const token = server.addToken('alice');
    const identity = await loadOrEnrolIdentity({
      dataDir,
      server: server.url,
      enrolToken: token,
      log: logs.log,
    });
    expect(identity.subject).toBe('alice');
    expect(server.devices.get(identity.deviceId)?.publicKey).toBe(identity.publicKey);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dataDir, DEVICE_FILE))).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(join(dataDir, DEVICE_FILE), 'utf8'));
    expect(stored).toMatchObject({ v: 1, deviceId: identity.deviceId, subject: 'alice', server: server.url });
    expect(JSON.stringify(stored)).not.toContain(token);

    const again = await loadOrEnrolIdentity({ dataDir, server: server.url, log: logs.log });
    expect(again.deviceId).toBe(identity.deviceId);
    expect(server.devices.size).toBe(1);

    const key = await loadOrCreateSpoolKey(dataDir);
    expect(key).toHaveLength(32);
    expect((await stat(join(dataDir, SPOOL_KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateSpoolKey(dataDir)).toEqual(key);
    expect(logs.text()).not.toContain(token);
  });

  it('fails clearly with no identity and no token', async () => {
    const { server, dataDir, logs } = await setup();
    await expect(loadOrEnrolIdentity({ dataDir, server: server.url, log: logs.log })).rejects.toMatchObject({
      name: 'AgentError',
      code: 'IDENTITY_MISSING',
    });
  });

  it('reports a refused token with the server code, never the token', async () => {
    const { server, dataDir, logs } = await setup();
    const token = 'not-a-real-token-0123456789';
    const err = await loadOrEnrolIdentity({
      dataDir,
      server: server.url,
      enrolToken: token,
      log: logs.log,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgentError);
    expect(err).toMatchObject({ code: 'ENROL_REFUSED', serverCode: 'ENROL_TOKEN_INVALID' });
    expect((err as Error).message).not.toContain(token);
    // A used token is refused the second time.
    const once = server.addToken();
    await loadOrEnrolIdentity({ dataDir, server: server.url, enrolToken: once, log: logs.log });
    const { dataDir: other } = await setup();
    await expect(
      loadOrEnrolIdentity({ dataDir: other, server: server.url, enrolToken: once, log: logs.log }),
    ).rejects.toMatchObject({ code: 'ENROL_REFUSED' });
  });

  it('gives up with ENROL_UNREACHABLE when the server cannot be reached', async () => {
    const { dataDir, logs } = await setup();
    await expect(
      loadOrEnrolIdentity({
        dataDir,
        server: 'http://127.0.0.1:1',
        enrolToken: 'x'.repeat(20),
        log: logs.log,
        enrolRetries: 2,
        backoff: { baseMs: 1, capMs: 5 },
      }),
    ).rejects.toMatchObject({ code: 'ENROL_UNREACHABLE' });
    expect(logs.records.filter((r) => r.msg === 'enrol_retry')).toHaveLength(2);
  });
});
