/**
 * Issue 19: the guard's faster read path keeps its promises. Decisions are remembered (the policy's
 * decision cache), yet a change between two reads — a pause, a resume, a grant that expired, a
 * token narrowed — decides the second read; and a read never returns before its audit entry is
 * committed, now that concurrent reads' entries commit together (one statement on the embedded
 * store, one locked transaction on PostgreSQL).
 */
import type { GrantInfo } from '@steno/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../packages/server/src/auth/principal.ts';
import { enrolTestDevice, officerToken, post, sampleEvents } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { PG_URL, requirePgInCi } from './support/test-stores.ts';

const HOUR = 3_600_000;

describe('guard: a remembered decision never outlives a change (embedded store)', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
  });
  afterAll(async () => {
    await ts?.close();
  });

  const call = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    ts.server.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  const officer = (name: string) => officerToken(ts.server, name);

  it('read, read, pause, read (refused), resume, read: each read is decided as things stand', async () => {
    const dev = await enrolTestDevice(ts.server, 'fresh-pause');
    await post(ts.server.app, '/v1/batches', dev.batch(sampleEvents(Date.now() - 1_000)));
    const me = await dev.personalToken();
    expect((await call('GET', '/v1/me/events', me)).statusCode).toBe(200);
    expect((await call('GET', '/v1/me/events', me)).statusCode).toBe(200);
    const [po1, po2] = [await officer('fresh-po1'), await officer('fresh-po2')];
    expect(
      (await call('POST', '/v1/program/pause', po1, { scope: { kind: 'global' }, reason: 'drill' })).json(),
    ).toMatchObject({ state: 'paused' });
    const frozen = await call('GET', '/v1/me/events', me);
    expect(frozen.statusCode).toBe(403);
    expect(frozen.body).toMatch(/pause/);
    await call('POST', '/v1/program/resume', po1, { scope: { kind: 'global' } });
    expect((await call('GET', '/v1/me/events', me)).statusCode).toBe(403);
    await call('POST', '/v1/program/resume', po2, { scope: { kind: 'global' } });
    expect((await call('GET', '/v1/me/events', me)).statusCode).toBe(200);
  });

  it('a principal whose scopes changed is decided anew: the same person without me:read is refused', async () => {
    await enrolTestDevice(ts.server, 'fresh-scope');
    const me: Principal = {
      id: 'person:fresh-scope',
      role: 'contributor',
      subject: 'fresh-scope',
      scopes: ['me:read'],
      tokenId: 'tok-a',
    };
    const req = { subject: 'fresh-scope', from: 0, to: Number.MAX_SAFE_INTEGER, limit: 10 };
    expect((await ts.server.guard.readEvents(me, req)).ok).toBe(true);
    expect((await ts.server.guard.readEvents(me, req)).ok).toBe(true);
    expect(await ts.server.guard.readEvents({ ...me, scopes: [] }, req)).toMatchObject({ ok: false });
  });

  it('a break-glass read allowed under a grant is refused once the grant has expired', async () => {
    const dev = await enrolTestDevice(ts.server, 'fresh-grant');
    const t = Date.now();
    await post(ts.server.app, '/v1/batches', dev.batch(sampleEvents(t - 1_000)));
    const investigator: Principal = {
      id: 'person:inv',
      role: 'investigator',
      scopes: ['breakglass'],
      tokenId: 'tok-inv',
    };
    const grant: GrantInfo = {
      id: 'grant-fresh',
      requester: 'person:inv',
      approvers: ['person:a1', 'person:a2'],
      subjects: ['fresh-grant'],
      reasonCode: 'security_incident',
      notBefore: t - HOUR,
      expiresAt: t + HOUR,
      windowFrom: t - 2 * HOUR,
      windowTo: t + HOUR,
      readOnly: true,
    };
    const req = { subject: 'fresh-grant', from: t - 2 * HOUR, to: t, limit: 10 };
    const first = await ts.server.guard.readEvents(investigator, req, { grant });
    expect(first.ok).toBe(true);
    ts.clock.offsetMs = 2 * HOUR;
    try {
      expect(await ts.server.guard.readEvents(investigator, req, { grant })).toMatchObject({ ok: false });
    } finally {
      ts.clock.offsetMs = 0;
    }
  });

  it('a read returns only after its audit entry is committed, also with 8 reads in flight', async () => {
    const dev = await enrolTestDevice(ts.server, 'fresh-commit');
    await post(ts.server.app, '/v1/batches', dev.batch(sampleEvents(Date.now() - 1_000)));
    const me: Principal = {
      id: 'person:fresh-commit',
      role: 'contributor',
      subject: 'fresh-commit',
      scopes: ['me:read'],
      tokenId: 'tok-c',
    };
    const req = { subject: 'fresh-commit', from: 0, to: Number.MAX_SAFE_INTEGER, limit: 10 };
    const groupsBefore = ts.server.audit.commits.groups;
    const counted: Promise<number>[] = [];
    let returned = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        ts.server.guard.readEvents(me, req).then((res) => {
          expect(res.ok).toBe(true);
          returned++;
          // Asked the moment the read returns: the store must already hold this read's entry
          // (and every entry of reads returned before it).
          const atLeast = returned;
          counted.push(
            ts.server.db
              .query(
                "SELECT count(*) AS n FROM audit_entries WHERE entry LIKE '%person:fresh-commit%' AND entry LIKE '%events.read%'",
              )
              .then((rows) => Number(rows[0]?.n) - atLeast),
          );
        }),
      ),
    );
    for (const surplus of await Promise.all(counted)) expect(surplus).toBeGreaterThanOrEqual(0);
    // The 8 entries were committed in fewer transactions than 8 (group commit).
    expect(ts.server.audit.commits.groups - groupsBefore).toBeLessThan(8);
  });
});

requirePgInCi();
describe.skipIf(!PG_URL)('guard: a read waits for its audit commit (PostgreSQL)', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer('postgres');
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('while another transaction holds the audit table, the read does not return; it returns after its entry commits', async () => {
    const dev = await enrolTestDevice(ts.server, 'pg-commit');
    await post(ts.server.app, '/v1/batches', dev.batch(sampleEvents(Date.now() - 1_000)));
    const me: Principal = {
      id: 'person:pg-commit',
      role: 'contributor',
      subject: 'pg-commit',
      scopes: ['me:read'],
      tokenId: 'tok-pg',
    };
    const count = async () =>
      Number(
        (
          await ts.server.db.query(
            "SELECT count(*) AS n FROM audit_entries WHERE entry LIKE '%person:pg-commit%'",
          )
        )[0]?.n,
      );
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let locked: () => void = () => undefined;
    const isLocked = new Promise<void>((r) => {
      locked = r;
    });
    const holder = ts.server.db.transaction(async (tx) => {
      await tx.exec('LOCK TABLE audit_entries IN EXCLUSIVE MODE');
      locked();
      await gate;
    });
    await isLocked;
    let settled = false;
    const read = ts.server.guard
      .readEvents(me, { subject: 'pg-commit', from: 0, to: Number.MAX_SAFE_INTEGER, limit: 10 })
      .finally(() => {
        settled = true;
      });
    await new Promise((r) => setTimeout(r, 500));
    expect(settled).toBe(false);
    expect(await count()).toBe(0);
    release();
    await holder;
    const res = await read;
    expect(res.ok && res.value.events.length).toBeGreaterThan(0);
    expect(await count()).toBe(1);
  });
});
