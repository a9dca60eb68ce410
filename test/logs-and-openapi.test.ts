/**
 * Issue 2: no payload, token, key or query parameter in any log line, even at debug level and on
 * errors; and the OpenAPI document describes every route from the same schemas, with the codes.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolTestDevice, post, sampleEvents } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('logs and OpenAPI', () => {
  let ts: TestServer;
  let logs = '';
  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (d: Buffer) => {
      logs += d.toString();
    });
    ts = await startTestServer('pglite', { logLevel: 'debug', logStream: stream });
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('keeps payloads, tokens, keys and query values out of every log line', async () => {
    const dev = await enrolTestDevice(ts.server, 'logged');
    const canary = 'lanterncanarypayload';
    const signed = dev.batch(sampleEvents(Date.now() - 1_000, canary));
    await post(ts.server.app, '/v1/batches', signed);
    await post(ts.server.app, '/v1/batches', { ...signed, sig: `${signed.sig.slice(0, -2)}AA` });
    const token = await dev.personalToken();
    await ts.server.app.inject({
      method: 'GET',
      url: '/v1/me/events',
      headers: { authorization: `Bearer ${token}` },
    });
    await ts.server.app.inject({
      method: 'GET',
      url: '/v1/me/events?from=querysecretvalue',
      headers: { authorization: `Bearer ${token}` },
    });
    await ts.server.app.inject({
      method: 'GET',
      url: '/v1/me/events',
      headers: { authorization: 'Bearer stk_wrongtokenvalue' },
    });
    await ts.server.app.inject({
      method: 'POST',
      url: '/v1/batches',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken',
    });
    expect(logs.split('\n').length).toBeGreaterThan(10);
    for (const secret of [
      canary,
      'l","t',
      token,
      token.slice(4, 20),
      'wrongtokenvalue',
      'querysecretvalue',
      signed.sig.slice(0, 20),
      dev.deviceRequest('x').proof.slice(0, 20),
    ]) {
      expect(logs, `log contains ${secret.slice(0, 8)}…`).not.toContain(secret);
    }
    expect(logs).toContain('"route":"/v1/batches"');
  });

  it('describes every route with its action, schemas and the error codes', async () => {
    const res = await ts.server.app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = res.json() as {
      openapi: string;
      paths: Record<string, Record<string, { 'x-steno-action': string | null }>>;
      'x-steno-error-codes': Record<string, { status: number }>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const [path, method] of [
      ['/v1/batches', 'post'],
      ['/v1/enrol', 'post'],
      ['/v1/me/events', 'get'],
      ['/v1/audit/checkpoint', 'get'],
      ['/v1/program/scope', 'put'],
      ['/v1/admin/devices/{id}/revoke', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(doc.paths['/v1/me/events']?.get?.['x-steno-action']).toBe('events.read');
    expect(doc['x-steno-error-codes'].SIGNATURE_INVALID?.status).toBe(401);
  });
});
