/**
 * A contributor pauses and resumes capture on all their own devices from the server (the portal's
 * button): the lease turns paused at once and back; nobody else can pause for them. And the
 * break-glass approval queue: approvers see pending requests with their reason; the audit entry of
 * a request names the grant.
 */
import { SignedLease } from '@steno/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import { consentFor, enrolTestDevice, type TestDevice } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('contributor controls and the approval queue', () => {
  let ts: TestServer;
  let dev: TestDevice;
  let me: string;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
    dev = await enrolTestDevice(ts.server, 'pia');
    await consentFor(ts.server, 'pia');
    me = await dev.personalToken();
  });
  afterAll(async () => {
    await ts?.close();
  });
  const call = (method: 'GET' | 'POST', url: string, t: string, payload?: object) =>
    ts.server.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${t}` },
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

  it('pause and resume my capture', async () => {
    expect(await lease()).toMatchObject({ state: 'active' });
    const paused = await call('POST', '/v1/me/pause', me, { minutes: 30 });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json().until).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect(await lease()).toMatchObject({ state: 'paused', reason: 'paused_by_contributor' });
    expect((await call('GET', '/v1/me/pause', me)).json()).toMatchObject({ paused: true });
    expect((await call('POST', '/v1/me/pause', me, { minutes: 0 })).statusCode).toBe(400);
    // The time runs out by itself.
    ts.clock.offsetMs = 31 * 60_000;
    expect((await call('GET', '/v1/me/pause', me)).json()).toMatchObject({ paused: false });
    ts.clock.offsetMs = 0;
    await call('POST', '/v1/me/pause', me, { minutes: 30 });
    expect((await call('POST', '/v1/me/resume', me, {})).json()).toMatchObject({ paused: false });
    expect(await lease()).toMatchObject({ state: 'active' });
    const po = (
      await issueApiToken(
        ts.server.db,
        { principal: 'person:po', role: 'privacy_officer', scopes: ['program:admin'], ttlMs: 60_000 },
        Date.now(),
      )
    ).token;
    expect((await call('POST', '/v1/me/pause', po, { minutes: 5 })).statusCode).toBe(403);
  });

  it('approvers see the queue with reasons; the request is audited with its grant id', async () => {
    const tok = async (name: string, role: 'investigator' | 'privacy_officer') =>
      (
        await issueApiToken(
          ts.server.db,
          { principal: `person:${name}`, role, scopes: ['breakglass'], ttlMs: 60_000 },
          Date.now(),
        )
      ).token;
    const ivy = await tok('ivy', 'investigator');
    const po = await tok('po1', 'privacy_officer');
    const before = await ts.server.audit.size();
    const req = await call('POST', '/v1/breakglass/requests', ivy, {
      reasonCode: 'security_incident',
      reason: 'Alert 99: unusual copy of captured data',
      subjects: ['pia'],
      windowFrom: Date.now() - 60_000,
      windowTo: Date.now(),
    });
    const id = req.json().id as string;
    const entry = (await ts.server.audit.list(before, 10)).find((e) => e.action === 'breakglass.request');
    expect(entry?.resource).toEqual({ type: 'grant', id });
    const queue = await call('GET', '/v1/breakglass/requests', po);
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().requests).toContainEqual(
      expect.objectContaining({
        id,
        reason: 'Alert 99: unusual copy of captured data',
        mine: false,
        approvedByMe: false,
      }),
    );
    expect((await call('GET', '/v1/breakglass/requests', ivy)).json().requests[0]).toMatchObject({
      id,
      mine: true,
    });
    expect((await call('GET', '/v1/breakglass/requests', me)).statusCode).toBe(403);
  });
});
