/**
 * Invariants 8 and 9 (issue 6): the kill switch pauses capture everywhere at once and freezes
 * reads; resuming takes two privacy officers; erasure and retention destroy keys, so what is left
 * of the ciphertext — in the database, its files or a backup — can never be decrypted again.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SignedLease } from '@steno/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import { consentFor, enrolTestDevice, officerToken, post, sampleEvents } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('kill switch, erasure and retention', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
  });
  afterAll(async () => {
    await ts?.close();
  });

  const officer = (name: string) => officerToken(ts.server, name);
  const call = (method: 'GET' | 'POST', url: string, token: string, payload?: unknown) =>
    ts.server.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload: payload as object } : {}),
    });

  it('pause → paused leases and frozen reads; resume needs a second privacy officer', async () => {
    const dev = await enrolTestDevice(ts.server, 'paused-one');
    await consentFor(ts.server, 'paused-one');
    await post(ts.server.app, '/v1/batches', dev.batch(sampleEvents(Date.now() - 1_000)));
    const me = await dev.personalToken();
    const [po1, po2] = [await officer('po1'), await officer('po2')];

    expect(
      (await call('POST', '/v1/program/pause', me, { scope: { kind: 'global' }, reason: 'x' })).statusCode,
    ).toBe(403);
    const paused = await call('POST', '/v1/program/pause', po1, {
      scope: { kind: 'global' },
      reason: 'SEV1 suspected exposure',
    });
    expect(paused.json()).toMatchObject({ state: 'paused' });

    const lease = SignedLease.parse(
      (
        await ts.server.app.inject({
          method: 'POST',
          url: '/v1/device/lease',
          payload: dev.deviceRequest('lease'),
        })
      ).json(),
    );
    expect(lease.lease).toMatchObject({ state: 'paused', reason: 'paused_global' });
    const read = await call('GET', '/v1/me/events', me);
    expect(read.statusCode).toBe(403);
    expect(read.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(read.body).toMatch(/pause/);

    expect(
      (await call('POST', '/v1/program/resume', po1, { scope: { kind: 'global' } })).json(),
    ).toMatchObject({ state: 'resume_pending' });
    const again = await call('POST', '/v1/program/resume', po1, { scope: { kind: 'global' } });
    expect(again.statusCode).toBe(403);
    expect((await call('GET', '/v1/me/events', me)).statusCode).toBe(403);
    expect(
      (await call('POST', '/v1/program/resume', po2, { scope: { kind: 'global' } })).json(),
    ).toMatchObject({ state: 'active' });
    expect((await call('GET', '/v1/me/events', me)).statusCode).toBe(200);
    const active = SignedLease.parse(
      (
        await ts.server.app.inject({
          method: 'POST',
          url: '/v1/device/lease',
          payload: dev.deviceRequest('lease'),
        })
      ).json(),
    );
    expect(active.lease.state).toBe('active');
  });

  it('a device pause affects that device only', async () => {
    const a = await enrolTestDevice(ts.server, 'dev-a');
    const b = await enrolTestDevice(ts.server, 'dev-b');
    await consentFor(ts.server, 'dev-a');
    await consentFor(ts.server, 'dev-b');
    await call('POST', '/v1/program/pause', await officer('po3'), {
      scope: { kind: 'device', id: a.deviceId },
      reason: 'lost laptop',
    });
    const leaseOf = async (d: typeof a) =>
      SignedLease.parse(
        (
          await ts.server.app.inject({
            method: 'POST',
            url: '/v1/device/lease',
            payload: d.deviceRequest('lease'),
          })
        ).json(),
      ).lease.state;
    expect(await leaseOf(a)).toBe('paused');
    expect(await leaseOf(b)).toBe('active');
  });

  it('erasure destroys the keys: no canary in the files or a dump, and a backup taken before cannot be decrypted', async () => {
    const dev = await enrolTestDevice(ts.server, 'leaver');
    const canary = 'quiet walrus meadow lantern';
    const events = sampleEvents(Date.now() - 5_000, canary);
    events[0] = { type: 'focus', t: Date.now() - 5_000, app: 'gedit', title: canary };
    await post(ts.server.app, '/v1/batches', dev.batch(events));
    const me = await dev.personalToken();
    expect((await call('GET', '/v1/me/events', me)).body).toContain(canary);
    // A "backup": the subject's ciphertext rows as they were.
    const backup = await ts.server.db.query(
      'SELECT subject_id, month, key_id, payload FROM event_chunks WHERE subject_id = $1',
      ['leaver'],
    );
    expect(backup.length).toBeGreaterThan(0);
    for (const r of backup)
      expect(await ts.server.keys.get(String(r.subject_id), String(r.month), String(r.key_id))).toBeDefined();

    const res = await call('POST', '/v1/me/erase', me, { confirm: 'erase my data' });
    expect(res.statusCode).toBe(200);
    expect(res.json().keysDestroyed).toBeGreaterThanOrEqual(1);

    for (const r of backup)
      expect(
        await ts.server.keys.get(String(r.subject_id), String(r.month), String(r.key_id)),
      ).toBeUndefined();
    expect(
      await ts.server.db.query('SELECT 1 FROM event_chunks WHERE subject_id = $1', ['leaver']),
    ).toHaveLength(0);
    await ts.server.db.exec('CHECKPOINT');
    for (const f of filesUnder(ts.dataDir)) expect(readFileSync(f).includes(canary), f).toBe(false);
    const dump = Buffer.from(
      await (await (ts.server.db as unknown as { dump(): Promise<Blob> }).dump()).arrayBuffer(),
    );
    expect(dump.includes(canary)).toBe(false);
    // The erased contributor's token and device are revoked.
    expect((await call('GET', '/v1/me/events', me)).json()).toMatchObject({
      error: { code: 'TOKEN_REVOKED' },
    });
    expect(
      (await post(ts.server.app, '/v1/batches', dev.batch(sampleEvents(Date.now() - 1_000)))).json(),
    ).toMatchObject({ error: { code: 'DEVICE_REVOKED' } });
  });

  it('retention deletes expired ciphertext and destroys the keys of expired months', async () => {
    const dev = await enrolTestDevice(ts.server, 'old-timer');
    // Upload as if it were 29 days ago, then run retention today.
    const day = 24 * 3_600_000;
    const then = Date.now() - 29 * day;
    ts.clock.offsetMs = -29 * day;
    expect(
      (await post(ts.server.app, '/v1/batches', dev.batch(sampleEvents(then - 1_000), { createdAt: then })))
        .statusCode,
    ).toBe(200);
    ts.clock.offsetMs = 0;
    const rows = await ts.server.db.query('SELECT month, key_id FROM event_chunks WHERE subject_id = $1', [
      'old-timer',
    ]);
    const op = await issueApiToken(
      ts.server.db,
      { principal: 'operator:o', role: 'operator', scopes: [], ttlMs: 60_000 },
      Date.now(),
    );
    // With a 1-day retention everything from 29 days ago has expired (its month may not have ended).
    ts.clock.offsetMs = 0;
    const { Shredder } = await import('../packages/server/src/program/crypto-shredding.ts');
    const report = await new Shredder(ts.server.db, ts.server.keys).applyRetention(
      day,
      Date.now() + 62 * day,
    );
    expect(report.chunksDeleted).toBeGreaterThanOrEqual(rows.length);
    expect(report.keysDestroyed).toBeGreaterThanOrEqual(1);
    for (const r of rows)
      expect(await ts.server.keys.get('old-timer', String(r.month), String(r.key_id))).toBeUndefined();
    // The route runs the configured retention and is refused to contributors.
    expect((await call('POST', '/v1/program/retention/run', op.token, {})).statusCode).toBe(200);
    expect((await call('POST', '/v1/program/retention/run', await dev.personalToken(), {})).statusCode).toBe(
      403,
    );
  });
});
