/**
 * Issue 15, findings of an attack run on the embedded mode, each a regression test:
 * a device's read token dies with the device, with erasure and with withdrawal of consent;
 * refusals that are not policy decisions leave security entries, and the person aimed at sees
 * them on their own access page; idempotent replays are counted apart; operators see devices
 * without a person's upload rhythm; an erased subject gets no enrolment token until re-invited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import { enrolTestDevice, sampleEvents } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('attack findings (issue 15)', () => {
  let ts: TestServer;
  let operator: string;
  let officer: string;
  const token = async (
    role: 'operator' | 'privacy_officer' | 'contributor',
    scopes: string[],
    subject?: string,
  ) =>
    (
      await issueApiToken(
        ts.server.db,
        {
          principal: `person:${role}-${subject ?? 'x'}`,
          role,
          scopes,
          ttlMs: 600_000,
          ...(subject ? { subject } : {}),
        },
        Date.now(),
      )
    ).token;
  const call = (method: 'GET' | 'POST', url: string, bearer: string, payload?: unknown) =>
    ts.server.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${bearer}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  /** What the subject sees on their own access page: action and reason of each entry. */
  const accessOf = async (subject: string) => {
    const r = await call('GET', '/v1/me/access', await token('contributor', ['me:read'], subject));
    expect(r.statusCode, r.body).toBe(200);
    return (r.json().entries as { action: string; reason: string }[]).map((e) => `${e.action} ${e.reason}`);
  };

  beforeAll(async () => {
    ts = await startTestServer();
    operator = await token('operator', ['devices:admin', 'audit:read', 'program:read']);
    officer = await token('privacy_officer', ['program:admin', 'audit:read']);
  });
  afterAll(async () => {
    await ts?.close();
  });

  it("a device's read token dies with the device; the refused use is an entry the contributor sees", async () => {
    const dev = await enrolTestDevice(ts.server, 'tok-ann');
    const mine = await dev.personalToken();
    expect((await call('GET', '/v1/me/events', mine)).statusCode).toBe(200);
    // The contributor lists it among their tokens (never its value).
    const listed = await call('GET', '/v1/tokens', await token('contributor', ['me:read'], 'tok-ann'));
    expect(listed.statusCode, listed.body).toBe(200);
    expect(JSON.stringify(listed.json())).not.toContain(mine);
    expect(listed.json().tokens.some((t: { name: string }) => t.name.startsWith('device '))).toBe(true);
    const revoke = await call('POST', `/v1/admin/devices/${dev.deviceId}/revoke`, operator, {});
    expect(revoke.statusCode, revoke.body).toBe(200);
    const after = await call('GET', '/v1/me/events', mine);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('TOKEN_REVOKED');
    expect(await accessOf('tok-ann')).toContain('security.auth.token TOKEN_REVOKED');
  });

  it('withdrawing consent and erasure revoke the tokens the devices minted; no new device after erasure', async () => {
    const dev = await enrolTestDevice(ts.server, 'tok-bea');
    const mine = await dev.personalToken();
    const consent = await call('GET', '/v1/me/consent', mine);
    const withdraw = await call('POST', '/v1/me/consent', mine, {
      version: consent.json().notice.version,
      decision: 'withdraw',
    });
    expect(withdraw.statusCode, withdraw.body).toBe(200);
    expect((await call('GET', '/v1/me/events', mine)).json().error.code).toBe('TOKEN_REVOKED');

    const gone = await enrolTestDevice(ts.server, 'tok-cal');
    const theirs = await gone.personalToken();
    const erase = await call('POST', '/v1/me/erase', theirs, { confirm: 'erase my data' });
    expect(erase.statusCode, erase.body).toBe(200);
    expect((await call('GET', '/v1/me/events', theirs)).json().error.code).toBe('TOKEN_REVOKED');
    const enrol = await call('POST', '/v1/admin/enrol-tokens', operator, { subject: 'tok-cal' });
    expect(enrol.statusCode).toBe(409);
    expect(enrol.json().error.code).toBe('SUBJECT_ERASED');
    expect(enrol.json().error.message).toContain('re-invite');
    // Invited again, the subject may enrol a device.
    const invited = await call('POST', '/v1/auth/invitations', officer, {
      email: 'cal@example.test',
      role: 'contributor',
      subject: 'tok-cal',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect((await call('POST', '/v1/admin/enrol-tokens', operator, { subject: 'tok-cal' })).statusCode).toBe(
      201,
    );
  });

  it('forged, cross-subject and out-of-permission attempts leave entries the person aimed at sees', async () => {
    const ann = await enrolTestDevice(ts.server, 'sec-ann');
    const bob = await enrolTestDevice(ts.server, 'sec-bob');
    const annToken = await ann.personalToken();
    // A device signing for another subject.
    const claim = ann.batch(sampleEvents(Date.now()), { subject: 'sec-bob' });
    expect(
      (await ts.server.app.inject({ method: 'POST', url: '/v1/batches', payload: claim })).json().error.code,
    ).toBe('SUBJECT_MISMATCH');
    // A batch naming bob's device, signed with ann's key.
    const forged = ann.sign({ ...bob.batch(sampleEvents(Date.now())).batch });
    expect(
      (await ts.server.app.inject({ method: 'POST', url: '/v1/batches', payload: forged })).json().error.code,
    ).toBe('SIGNATURE_INVALID');
    // Query tricks aimed at bob's data with ann's token.
    for (const q of ['subject=sec-bob', 'subject[]=sec-bob', `deviceId=${bob.deviceId}`]) {
      const r = await call('GET', `/v1/me/events?${q}`, annToken);
      expect(r.json().error.code, q).toBe('SCHEMA_INVALID');
    }
    // A field the route takes is no trick: an operator's malformed enrolment request for bob.
    const typo = await call('POST', '/v1/admin/enrol-tokens', operator, {
      subject: 'sec-bob',
      ttlMinutes: 0,
    });
    expect(typo.json().error.code).toBe('SCHEMA_INVALID');
    const bobSees = await accessOf('sec-bob');
    expect(bobSees).toContain('security.ingest.batch SUBJECT_MISMATCH');
    expect(bobSees).toContain('security.ingest.batch SIGNATURE_INVALID');
    expect(bobSees.filter((e) => e === 'security.http.input SCHEMA_INVALID').length).toBe(3);
    // Ann's own schema mistakes name nobody else: no entry for her.
    await call('GET', '/v1/me/events?subject=sec-ann', annToken);
    expect((await accessOf('sec-ann')).filter((e) => e.startsWith('security.http.input'))).toEqual([]);
  });

  it('a flood of refusals is bounded: a per-minute cap, then one summary entry', async () => {
    const dev = await enrolTestDevice(ts.server, 'sec-flood');
    const before = await ts.server.audit.size();
    for (let i = 0; i < 60; i++) {
      const r = await ts.server.app.inject({
        method: 'POST',
        url: '/v1/batches',
        payload: dev.batch(sampleEvents(Date.now()), { subject: 'sec-victim' }),
      });
      expect(r.json().error.code).toBe('SUBJECT_MISMATCH');
    }
    const added = (await ts.server.audit.size()) - before;
    expect(added).toBeGreaterThanOrEqual(1);
    expect(added).toBeLessThanOrEqual(20);
  });

  it('a replayed batch is counted apart, not as accepted again', async () => {
    const dev = await enrolTestDevice(ts.server, 'replay-ann');
    const batch = dev.batch(sampleEvents(Date.now()));
    for (let i = 0; i < 5; i++)
      expect(
        (await ts.server.app.inject({ method: 'POST', url: '/v1/batches', payload: batch })).statusCode,
      ).toBe(200);
    const text = (await call('GET', '/metrics', operator)).body;
    const value = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1]);
    expect(value('steno_batches_replayed_total')).toBeGreaterThanOrEqual(4);
    expect(value('steno_batches_accepted_total')).toBeLessThan(value('steno_batches_replayed_total') + 10);
  });

  it("operators see devices without a person's rhythm; by subject only when they name one", async () => {
    const dev = await enrolTestDevice(ts.server, 'ops-ann');
    await ts.server.app.inject({
      method: 'POST',
      url: '/v1/batches',
      payload: dev.batch(sampleEvents(Date.now())),
    });
    const all = await call('GET', '/v1/admin/devices', operator);
    expect(all.statusCode, all.body).toBe(200);
    const row = all.json().devices.find((d: { id: string }) => d.id === dev.deviceId);
    expect(Object.keys(row).sort()).toEqual(['createdAt', 'id', 'name', 'revokedAt']);
    const one = await call('GET', '/v1/admin/devices?subject=ops-ann', operator);
    expect(one.json().devices).toEqual([expect.objectContaining({ id: dev.deviceId, subject: 'ops-ann' })]);
    expect(JSON.stringify(one.json())).not.toMatch(/lastSeq|seq/);
  });
});
