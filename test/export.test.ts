/**
 * Subject access (issue 6): `GET /v1/me/export` returns everything Steno holds about the caller —
 * events, task reviews, consent history, access log, devices — as a zip of JSON plus a readable page; nothing of
 * anyone else; and the export itself is authorised and audited.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentFor, enrolTestDevice, post, sampleEvents } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('subject access export', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('exports my events, consent, access log and devices, and none of another subject', async () => {
    const me = await enrolTestDevice(ts.server, 'dana');
    const other = await enrolTestDevice(ts.server, 'eve');
    await post(ts.server.app, '/v1/batches', me.batch(sampleEvents(Date.now() - 5_000, 'danaowntext')));
    await post(ts.server.app, '/v1/batches', other.batch(sampleEvents(Date.now() - 5_000, 'evetexthere')));
    await consentFor(ts.server, 'dana');
    const token = await me.personalToken();
    // issue 17: her review of a task she marked is hers too, description included
    const reviewed = await ts.server.app.inject({
      method: 'PUT',
      url: '/v1/me/reviews/tk_dana',
      headers: { authorization: `Bearer ${token}` },
      payload: { decision: 'drop', description: 'Tried the new expense form' },
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const res = await ts.server.app.inject({
      method: 'GET',
      url: '/v1/me/export',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/zip');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files).sort()).toEqual([
      'access-log.json',
      'consent.json',
      'devices.json',
      'events.json',
      'index.html',
      'task-reviews.json',
    ]);
    const events = JSON.parse(strFromU8(files['events.json'] as Uint8Array)) as {
      event: { char?: string };
    }[];
    expect(events.map((e) => e.event.char ?? '').join('')).toContain('danaowntext');
    const all = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n');
    expect(all).not.toContain('evetext');
    expect(all).not.toContain(other.deviceId);
    expect(JSON.parse(strFromU8(files['consent.json'] as Uint8Array))).toMatchObject({ current: true });
    expect(JSON.parse(strFromU8(files['devices.json'] as Uint8Array))).toEqual([
      expect.objectContaining({ id: me.deviceId }),
    ]);
    expect(strFromU8(files['index.html'] as Uint8Array)).toContain('Who accessed your data');
    expect(JSON.parse(strFromU8(files['task-reviews.json'] as Uint8Array))).toEqual([
      expect.objectContaining({
        taskId: 'tk_dana',
        decision: 'drop',
        description: 'Tried the new expense form',
      }),
    ]);
    const audited = await ts.server.db.query(
      "SELECT entry FROM audit_entries WHERE entry LIKE '%me.export%' AND entry LIKE '%dana%'",
    );
    expect(audited).toHaveLength(1);
    // Operators cannot export anyone.
    const { issueApiToken } = await import('../packages/server/src/auth/api-tokens.ts');
    const op = await issueApiToken(
      ts.server.db,
      { principal: 'operator:o', role: 'operator', scopes: ['devices:admin', 'me:read'], ttlMs: 60_000 },
      Date.now(),
    );
    expect(
      (
        await ts.server.app.inject({
          method: 'GET',
          url: '/v1/me/export',
          headers: { authorization: `Bearer ${op.token}` },
        })
      ).statusCode,
    ).toBe(403);
  });
});
