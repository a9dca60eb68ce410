/**
 * Invariant 1, server side (issue 3): leases are signed by the server key pinned at enrolment and
 * carry the versioned scope; the default scope captures nothing; only privacy officers change the
 * scope, each change is audited; a change is pushed to connected agents over SSE within a second.
 */
import { randomBytes } from 'node:crypto';
import { get } from 'node:http';
import {
  type CaptureScope,
  importPublicKey,
  SignedLease,
  signCanonical,
  verifyCanonical,
} from '@steno/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import { consentFor, enrolTestDevice, officerToken } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('capture leases and scope', () => {
  let ts: TestServer;
  let url: string;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
    url = await ts.server.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await ts?.close();
  });

  const officer = () => officerToken(ts.server, 'pat');
  const putScope = async (token: string, scope: CaptureScope) =>
    ts.server.app.inject({
      method: 'PUT',
      url: '/v1/program/scope',
      headers: { authorization: `Bearer ${token}` },
      payload: scope,
    });

  it('before any scope is set, the scope is version 0 with no time (not 1970: issue 18)', async () => {
    const res = await ts.server.app.inject({
      method: 'GET',
      url: '/v1/program/scope',
      headers: { authorization: `Bearer ${await officer()}` },
    });
    expect(res.json()).toEqual({ version: 0, scope: { apps: [], sites: [] }, createdAt: null });
  });

  it('a lease is signed with the key given at enrolment, default scope empty, and requests are single-use', async () => {
    const dev = await enrolTestDevice(ts.server, 'leased', { permitted: false });
    await consentFor(ts.server, 'leased');
    const body = dev.deviceRequest('lease');
    const res = await ts.server.app.inject({ method: 'POST', url: '/v1/device/lease', payload: body });
    expect(res.statusCode).toBe(200);
    const signed = SignedLease.parse(res.json());
    expect(dev.leaseKey).toBeDefined();
    expect(
      verifyCanonical('steno-lease-v1', signed.lease, signed.sig, importPublicKey(dev.leaseKey as string)),
    ).toBe(true);
    expect(signed.lease).toMatchObject({
      deviceId: dev.deviceId,
      subject: 'leased',
      state: 'active',
      scope: { apps: [], sites: [] },
    });
    expect(signed.lease.expiresAt - signed.lease.issuedAt).toBeLessThanOrEqual(10 * 60_000);
    const replay = await ts.server.app.inject({ method: 'POST', url: '/v1/device/lease', payload: body });
    expect(replay.json()).toMatchObject({ error: { code: 'SIGNATURE_INVALID' } });
  });

  it('only privacy officers set the scope; versions increase; each change is audited; bad patterns are refused', async () => {
    const op = await issueApiToken(
      ts.server.db,
      {
        principal: 'operator:o',
        role: 'operator',
        scopes: ['devices:admin', 'program:admin'],
        ttlMs: 60_000,
      },
      Date.now(),
    );
    const scope: CaptureScope = { apps: [{ app: 'libreoffice-writer', level: 'full' }], sites: [] };
    expect((await putScope(op.token, scope)).statusCode).toBe(403);
    const token = await officer();
    const bad = await putScope(token, { apps: [{ app: 'x', title: '([', level: 'full' }], sites: [] });
    expect(bad.json()).toMatchObject({ error: { code: 'SCHEMA_INVALID' } });
    const r1 = await putScope(token, scope);
    const r2 = await putScope(token, {
      ...scope,
      apps: [...scope.apps, { app: 'firefox', level: 'actions' }],
    });
    expect(r2.json().version).toBe(r1.json().version + 1);
    const audited = await ts.server.db.query(
      "SELECT count(*)::int AS n FROM audit_entries WHERE entry LIKE '%scope.changed%'",
    );
    expect(audited[0]?.n).toBe(2);
  });

  it('a scope change is pushed to a connected agent within one second', async () => {
    const dev = await enrolTestDevice(ts.server, 'streamed', { permitted: false });
    const q = dev.deviceRequest('stream');
    const path = `/v1/device/stream?deviceId=${q.deviceId}&issuedAt=${q.issuedAt}&nonce=${q.nonce}&proof=${q.proof}`;
    const leases: SignedLease[] = [];
    const received: number[] = [];
    const req = get(`${url}${path}`, (res) => {
      expect(res.headers['content-type']).toContain('text/event-stream');
      let buf = '';
      res.on('data', (d: Buffer) => {
        buf += d.toString();
        let i = buf.indexOf('\n\n');
        while (i >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) {
            leases.push(SignedLease.parse(JSON.parse(data.slice(6))));
            received.push(Date.now());
          }
          i = buf.indexOf('\n\n');
        }
      });
    });
    for (let i = 0; i < 100 && leases.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(leases).toHaveLength(1);
    const sent = Date.now();
    const res = await putScope(await officer(), { apps: [{ app: 'gedit', level: 'full' }], sites: [] });
    expect(res.json().devicesNotified).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 50 && leases.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    req.destroy();
    expect(leases).toHaveLength(2);
    expect((received[1] as number) - sent).toBeLessThan(1_000);
    expect(leases[1]?.lease.scope.apps[0]?.app).toBe('gedit');
  });

  it('a stream request with a bad proof is refused', async () => {
    const dev = await enrolTestDevice(ts.server, 'forger', { permitted: false });
    const q = dev.deviceRequest('stream');
    const nonce = randomBytes(16).toString('base64url');
    const res = await ts.server.app.inject({
      method: 'GET',
      url: `/v1/device/stream?deviceId=${q.deviceId}&issuedAt=${q.issuedAt}&nonce=${nonce}&proof=${q.proof}`,
    });
    expect(res.json()).toMatchObject({ error: { code: 'SIGNATURE_INVALID' } });
    expect(signCanonical).toBeTypeOf('function');
  });
});

describe('bootstrap tokens', () => {
  it('the bootstrap privacy officer is a privacy officer and the operator an operator', async () => {
    const { ensureOperatorToken, ensurePrivacyOfficerToken } = await import(
      '../packages/server/src/steno-server.ts'
    );
    const { checkApiToken } = await import('../packages/server/src/auth/api-tokens.ts');
    const { readFileSync } = await import('node:fs');
    const ts = await startTestServer('pglite');
    try {
      for (const [ensure, role] of [
        [ensureOperatorToken, 'operator'],
        [ensurePrivacyOfficerToken, 'privacy_officer'],
      ] as const) {
        const file = await ensure(ts.server);
        const check = await checkApiToken(ts.server.db, readFileSync(file, 'utf8').trim(), Date.now());
        expect(check.ok && check.principal.role).toBe(role);
      }
    } finally {
      await ts.close();
    }
  });
});
