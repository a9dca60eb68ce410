/**
 * Invariant 5 (issue 5): nobody reads another person's raw events except an investigator holding
 * an approved break-glass grant — two approvals by people other than the requester, for named
 * subjects, within its lifetime — and the contributor sees each read on their access page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import type { Role } from '../packages/server/src/auth/principal.ts';
import { enrolTestDevice, post, sampleEvents } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('break-glass', () => {
  let ts: TestServer;
  let aliceToken: string;
  const token = async (name: string, role: Role, scopes: string[] = ['breakglass']) =>
    (
      await issueApiToken(
        ts.server.db,
        { principal: `person:${name}`, role, scopes, ttlMs: 24 * 3_600_000 },
        Date.now(),
      )
    ).token;
  const call = (method: 'GET' | 'POST', url: string, t: string, payload?: object) =>
    ts.server.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${t}` },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    ts = await startTestServer('pglite');
    const alice = await enrolTestDevice(ts.server, 'alice');
    await post(ts.server.app, '/v1/batches', alice.batch(sampleEvents(Date.now() - 60_000, 'alicetext')));
    aliceToken = await alice.personalToken();
    await enrolTestDevice(ts.server, 'bob');
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('one approval is not enough, the requester cannot approve, two others can; reads are audited and shown to the subject', async () => {
    const ivy = await token('ivy', 'investigator', ['audit:read', 'breakglass']);
    const [po1, po2] = [await token('po1', 'privacy_officer'), await token('po2', 'privacy_officer')];
    const req = await call('POST', '/v1/breakglass/requests', ivy, {
      reasonCode: 'suspected_misuse',
      reason: 'Alert 4711: data copied to a personal drive',
      subjects: ['alice'],
      windowFrom: Date.now() - 3_600_000,
      windowTo: Date.now(),
    });
    expect(req.statusCode, req.body).toBe(201);
    const grant = req.json() as { id: string; expiresAt: number; notBefore: number };
    expect(grant.expiresAt - grant.notBefore).toBe(4 * 3_600_000);
    const read = (t: string, subject = 'alice') =>
      call('GET', `/v1/breakglass/grants/${grant.id}/events?subject=${subject}`, t);

    expect((await read(ivy)).statusCode).toBe(403);
    expect((await call('POST', `/v1/breakglass/requests/${grant.id}/approve`, ivy, {})).statusCode).toBe(403);
    expect((await call('POST', `/v1/breakglass/requests/${grant.id}/approve`, po1, {})).json()).toMatchObject(
      { approvals: 1, usable: false },
    );
    expect((await read(ivy)).statusCode).toBe(403);
    // A second approval by the same person is refused and changes nothing.
    expect((await call('POST', `/v1/breakglass/requests/${grant.id}/approve`, po1, {})).statusCode).toBe(403);
    expect((await read(ivy)).statusCode).toBe(403);
    expect((await call('POST', `/v1/breakglass/requests/${grant.id}/approve`, po2, {})).json()).toMatchObject(
      { approvals: 2, usable: true },
    );

    const ok = await read(ivy);
    expect(ok.statusCode).toBe(200);
    const typed = (ok.json() as { events: { event: { char?: string } }[] }).events
      .map((e) => e.event.char ?? '')
      .join('');
    expect(typed).toContain('alicetext');
    // Only the named subjects, only by the requester, only read.
    expect((await read(ivy, 'bob')).statusCode).toBe(403);
    expect((await read(await token('ian', 'investigator'))).statusCode).toBe(403);
    expect((await read(po1)).statusCode).toBe(403);

    // The contributor sees the read, by whom.
    const access = (await call('GET', '/v1/me/access', aliceToken)).json() as {
      entries: { actor: { id: string }; action: string; decision: string; text: string }[];
    };
    const reads = access.entries.filter(
      (e) => e.action === 'breakglass.read_events' && e.decision === 'allow',
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]?.actor.id).toBe('person:ivy');
    expect(reads[0]?.text).toContain(grant.id);
  });

  it('expiry ends access, and grants over 72 hours or by non-investigators are refused', async () => {
    const ivy = await token('ivy2', 'investigator');
    const op = await token('op', 'operator', ['devices:admin']);
    const body = {
      reasonCode: 'security_incident',
      reason: 'Incident 12: malware on a laptop',
      subjects: ['alice'],
      windowFrom: 0,
      windowTo: Date.now(),
      ttlHours: 1,
    };
    const byOperator = await call('POST', '/v1/breakglass/requests', op, body);
    expect(byOperator.statusCode, byOperator.body).toBe(403);
    expect(
      (await call('POST', '/v1/breakglass/requests', ivy, { ...body, ttlHours: 73 })).json(),
    ).toMatchObject({ error: { code: 'SCHEMA_INVALID' } });
    const g = (await call('POST', '/v1/breakglass/requests', ivy, body)).json() as { id: string };
    for (const po of ['po3', 'po4'])
      await call('POST', `/v1/breakglass/requests/${g.id}/approve`, await token(po, 'privacy_officer'), {});
    expect((await call('GET', `/v1/breakglass/grants/${g.id}/events?subject=alice`, ivy)).statusCode).toBe(
      200,
    );
    ts.clock.offsetMs = 2 * 3_600_000;
    try {
      expect((await call('GET', `/v1/breakglass/grants/${g.id}/events?subject=alice`, ivy)).statusCode).toBe(
        403,
      );
    } finally {
      ts.clock.offsetMs = 0;
    }
  });

  it("an investigator lists their own requests (waiting, usable, expired) and nobody else's", async () => {
    const ivy = await token('ivy3', 'investigator');
    const other = await token('ian3', 'investigator');
    type Listed = { id: string; approvals: number; usable: boolean; approvers: string[]; reason: string };
    const list = async (t: string) => {
      const res = await call('GET', '/v1/breakglass/grants', t);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { grants: Listed[] }).grants;
    };
    expect(await list(ivy)).toEqual([]);
    const ask = async (reason: string, ttlHours: number) =>
      (
        (
          await call('POST', '/v1/breakglass/requests', ivy, {
            reasonCode: 'security_incident',
            reason,
            subjects: ['alice'],
            windowFrom: 0,
            windowTo: Date.now(),
            ttlHours,
          })
        ).json() as { id: string }
      ).id;
    // The first request a second earlier, so that newest-first has one answer.
    ts.clock.offsetMs = -1_000;
    const first = await ask('Incident 31: phishing follow-up', 1).finally(() => {
      ts.clock.offsetMs = 0;
    });
    const second = await ask('Incident 32: a second look at it', 8);
    await call(
      'POST',
      `/v1/breakglass/requests/${second}/approve`,
      await token('po5', 'privacy_officer'),
      {},
    );
    await call(
      'POST',
      `/v1/breakglass/requests/${second}/approve`,
      await token('po6', 'privacy_officer'),
      {},
    );

    const listed = await list(ivy);
    expect(listed.map((g) => g.id)).toEqual([second, first]);
    expect(listed[0]).toMatchObject({
      approvals: 2,
      usable: true,
      approvers: ['person:po5', 'person:po6'],
      reason: 'Incident 32: a second look at it',
    });
    expect(listed[1]).toMatchObject({ approvals: 0, usable: false, approvers: [] });
    // Another investigator sees none of them; an expired grant is still listed, no longer usable.
    expect(await list(other)).toEqual([]);
    ts.clock.offsetMs = 9 * 3_600_000;
    try {
      expect((await list(ivy)).map((g) => g.usable)).toEqual([false, false]);
    } finally {
      ts.clock.offsetMs = 0;
    }
    // Roles without break-glass are refused.
    expect((await call('GET', '/v1/breakglass/grants', aliceToken)).statusCode).toBe(403);
    const op = await token('op3', 'operator', ['devices:admin', 'breakglass']);
    expect((await call('GET', '/v1/breakglass/grants', op)).statusCode).toBe(403);
  });
});
