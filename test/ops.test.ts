/**
 * Issue 9, operations: /healthz, /readyz (database and key store), Prometheus /metrics for
 * operators, and the program-wide volume — aggregates only: no subject, device or person appears,
 * and buckets with fewer than five contributors are suppressed.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import { enrolTestDevice, post, sampleEvents } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('operations endpoints', () => {
  let ts: TestServer;
  let operator: string;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
    operator = (
      await issueApiToken(
        ts.server.db,
        {
          principal: 'person:op',
          role: 'operator',
          scopes: ['devices:admin', 'audit:read', 'program:read'],
          ttlMs: 3_600_000,
        },
        Date.now(),
      )
    ).token;
  });
  afterAll(async () => {
    await ts?.close();
  });
  const get = (url: string, token?: string) =>
    ts.server.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('metrics count ingest, rejections by code and decisions, and name nobody', async () => {
    const devs = [];
    for (const s of ['subj-ana-x1', 'subj-bo-x2', 'subj-cy-x3'])
      devs.push(await enrolTestDevice(ts.server, s));
    for (const d of devs)
      expect(
        (await post(ts.server.app, '/v1/batches', d.batch(sampleEvents(Date.now() - 5_000)))).statusCode,
      ).toBe(200);
    const bad = devs[0]?.batch(sampleEvents(Date.now() - 5_000));
    if (bad) bad.sig = `${bad.sig.slice(0, -4)}AAAA`;
    expect((await post(ts.server.app, '/v1/batches', bad)).statusCode).toBe(401);
    await get('/v1/me/events', await devs[0]?.personalToken());

    expect((await get('/metrics')).statusCode).toBe(401);
    const text = (await get('/metrics', operator)).body;
    expect(text).toMatch(/^steno_batches_accepted_total 3$/m);
    expect(text).toMatch(/^steno_batches_rejected_total\{code="SIGNATURE_INVALID"\} 1$/m);
    expect(text).toMatch(/^steno_policy_decisions_total\{action="events.read",outcome="allow"\} 1$/m);
    expect(text).toMatch(/^steno_audit_append_seconds_count \d+$/m);
    for (const d of devs) {
      expect(text).not.toContain(d.subject);
      expect(text).not.toContain(d.deviceId);
    }
    // A contributor cannot read metrics.
    expect((await get('/metrics', await devs[1]?.personalToken())).statusCode).toBe(403);
  });

  it('volume is program-wide, and a bucket with fewer than five contributors is suppressed', async () => {
    const few = await get('/v1/program/volume?days=1&bucket=day', operator);
    expect(few.statusCode, few.body).toBe(200);
    expect(few.json().series.every((b: { events: number | null }) => b.events === null)).toBe(true);
    for (const s of ['subj-di-x4', 'subj-ed-x5', 'subj-fi-x6']) {
      const d = await enrolTestDevice(ts.server, s);
      await post(ts.server.app, '/v1/batches', d.batch(sampleEvents(Date.now() - 5_000)));
    }
    const many = await get('/v1/program/volume?days=1&bucket=day', operator);
    const events = many.json().series.map((b: { events: number | null }) => b.events);
    expect(events.at(-1)).toBeGreaterThan(0);
    expect(many.body).not.toMatch(/subj-/);
  });

  it('readyz checks the database and the key store, and says which failed', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    const ok = await get('/readyz');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'ready', checks: { database: true, keyStore: true } });
    rmSync(join(ts.dataDir, 'keys'), { recursive: true, force: true });
    const broken = await get('/readyz');
    expect(broken.statusCode).toBe(503);
    expect(broken.json()).toEqual({ status: 'not_ready', checks: { database: true, keyStore: false } });
  });
});
