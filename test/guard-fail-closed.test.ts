/**
 * Invariant 4: authorise → audit → decrypt, failing closed. If the audit append fails, the read
 * fails and nothing is decrypted; a denied read is audited too; another subject's events are
 * unreachable with a contributor's token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolTestDevice, post, sampleEvents } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('guard', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
  });
  afterAll(async () => {
    await ts?.close();
  });

  const read = (token: string, url = '/v1/me/events') =>
    ts.server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('every read is audited, and the contributor sees it in their access list', async () => {
    const dev = await enrolTestDevice(ts.server, 'audited');
    await post(ts.server.app, '/v1/batches', dev.batch(sampleEvents(Date.now() - 1_000)));
    const token = await dev.personalToken();
    expect((await read(token)).statusCode).toBe(200);
    expect((await read(token)).statusCode).toBe(200);
    const access = (await read(token, '/v1/me/access')).json() as {
      entries: { action: string; decision: string }[];
    };
    expect(access.entries.filter((e) => e.action === 'events.read' && e.decision === 'allow')).toHaveLength(
      2,
    );
  });

  it('a contributor token only ever reaches its own subject', async () => {
    const alice = await enrolTestDevice(ts.server, 'alice2');
    const bob = await enrolTestDevice(ts.server, 'bob2');
    await post(
      ts.server.app,
      '/v1/batches',
      alice.batch(sampleEvents(Date.now() - 1_000, 'ALICESECRETNOTE')),
    );
    const bobToken = await bob.personalToken();
    const res = await read(bobToken, '/v1/me/events?from=0');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('ALICESECRETNOTE');
    // There is no route that takes a subject from the caller.
    expect((await read(bobToken, '/v1/subjects/alice2/events')).statusCode).toBe(404);
    expect((await read(bobToken, '/v1/me/events?subject=alice2')).json()).toMatchObject({
      error: { code: 'SCHEMA_INVALID' },
    });
  });

  it('operators cannot read events', async () => {
    const { issueApiToken } = await import('../packages/server/src/auth/api-tokens.ts');
    const op = await issueApiToken(
      ts.server.db,
      { principal: 'operator:o', role: 'operator', scopes: ['devices:admin', 'me:read'], ttlMs: 60_000 },
      Date.now(),
    );
    const res = await read(op.token);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const denied = await ts.server.db.query(
      "SELECT entry FROM audit_entries WHERE entry LIKE '%operator:o%'",
    );
    expect(denied.map((r) => JSON.parse(String(r.entry)).decision)).toEqual(['deny']);
  });

  it('if the audit append fails, the read fails and nothing is returned', async () => {
    const dev = await enrolTestDevice(ts.server, 'closed');
    await post(ts.server.app, '/v1/batches', dev.batch(sampleEvents(Date.now() - 1_000, 'MUSTNOTLEAK')));
    const token = await dev.personalToken();
    await ts.server.db.exec('ALTER TABLE audit_entries RENAME TO audit_entries_away');
    try {
      const res = await read(token);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: { code: 'AUDIT_UNAVAILABLE' } });
      expect(res.body).not.toContain('MUSTNOTLEAK');
    } finally {
      await ts.server.db.exec('ALTER TABLE audit_entries_away RENAME TO audit_entries');
    }
    expect((await read(token)).statusCode).toBe(200);
  });

  it('expired and revoked tokens are refused with their codes', async () => {
    const { issueApiToken, revokeApiToken } = await import('../packages/server/src/auth/api-tokens.ts');
    const expired = await issueApiToken(
      ts.server.db,
      { principal: 'person:x', role: 'contributor', subject: 'x', scopes: ['me:read'], ttlMs: -1 },
      Date.now(),
    );
    expect((await read(expired.token)).json()).toMatchObject({ error: { code: 'TOKEN_EXPIRED' } });
    const revoked = await issueApiToken(
      ts.server.db,
      { principal: 'person:x', role: 'contributor', subject: 'x', scopes: ['me:read'], ttlMs: 60_000 },
      Date.now(),
    );
    await revokeApiToken(ts.server.db, revoked.id, Date.now());
    expect((await read(revoked.token)).json()).toMatchObject({ error: { code: 'TOKEN_REVOKED' } });
    expect((await read('stk_nonsense')).json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });
});
