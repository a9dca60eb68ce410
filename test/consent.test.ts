/**
 * Invariant 1 (issue 6): nothing is captured without consent to the current notice. No consent →
 * paused lease; consent → active; a new notice version suspends capture until accepted;
 * withdrawal is pushed to the contributor's devices at once.
 */
import { SignedLease } from '@steno/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import { enrolTestDevice } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('consent', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('no consent, no capture; consent to the current notice only; withdrawal stops it', async () => {
    const dev = await enrolTestDevice(ts.server, 'carol', { permitted: false });
    const me = await dev.personalToken();
    const po = (
      await issueApiToken(
        ts.server.db,
        { principal: 'person:po', role: 'privacy_officer', scopes: ['program:admin'], ttlMs: 600_000 },
        Date.now(),
      )
    ).token;
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: object) =>
      ts.server.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });
    const lease = async () =>
      SignedLease.parse(
        (
          await ts.server.app.inject({
            method: 'POST',
            url: '/v1/device/lease',
            payload: dev.deviceRequest('lease'),
          })
        ).json(),
      ).lease;

    // The region is lawful (its legal basis is recorded); only consent is missing.
    expect(
      (
        await call('PUT', '/v1/program/regions/default', po, {
          basis: 'dpia',
          reference: 'DPIA-2026-014',
        })
      ).statusCode,
    ).toBe(200);

    // No notice yet: no consent is possible, so no capture.
    expect(await lease()).toMatchObject({ state: 'paused', reason: 'consent_required' });
    expect(
      (await call('POST', '/v1/program/notices', me, { markdown: '# Notice\n\nWe capture work apps only.' }))
        .statusCode,
    ).toBe(403);
    const v1 = (
      await call('POST', '/v1/program/notices', po, { markdown: '# Notice v1\n\nWe capture work apps only.' })
    ).json().version as number;
    expect(await lease()).toMatchObject({ state: 'paused', reason: 'consent_required' });

    expect((await call('POST', '/v1/me/consent', me, { version: v1 + 1, decision: 'give' })).statusCode).toBe(
      404,
    );
    expect(
      (await call('POST', '/v1/me/consent', me, { version: v1, decision: 'give', channel: 'cli' })).json(),
    ).toMatchObject({ current: true });
    expect((await lease()).state).toBe('active');

    // A new notice version suspends capture until accepted.
    const v2 = (
      await call('POST', '/v1/program/notices', po, { markdown: '# Notice v2\n\nNow also the browser.' })
    ).json().version as number;
    expect(await lease()).toMatchObject({ state: 'paused', reason: 'consent_required' });
    await call('POST', '/v1/me/consent', me, { version: v2, decision: 'give' });
    expect((await lease()).state).toBe('active');

    // Withdrawal.
    const after = await call('POST', '/v1/me/consent', me, { version: v2, decision: 'withdraw' });
    expect(after.json()).toMatchObject({ current: false });
    expect(await lease()).toMatchObject({ state: 'paused', reason: 'consent_required' });
    // The read token the device minted went with the consent (issue 15); the portal's session
    // (here a contributor token not minted by a device) still shows the history.
    expect((await call('GET', '/v1/me/consent', me)).json().error.code).toBe('TOKEN_REVOKED');
    const portal = (
      await issueApiToken(
        ts.server.db,
        {
          principal: 'person:carol',
          role: 'contributor',
          subject: 'carol',
          scopes: ['me:read'],
          ttlMs: 600_000,
        },
        Date.now(),
      )
    ).token;
    const history = (await call('GET', '/v1/me/consent', portal)).json().history as { decision: string }[];
    expect(history.map((h) => h.decision)).toEqual(['given', 'given', 'withdrawn']);
  });
});
