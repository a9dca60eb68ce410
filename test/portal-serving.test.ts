/** The portal is served on the server's own origin with a strict Content-Security-Policy on every response. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('portal serving', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('serves the built page and its assets with security headers; API errors carry them too', async () => {
    const page = await ts.server.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(asset).toBeDefined();
    const js = await ts.server.app.inject({ method: 'GET', url: asset as string });
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toContain('immutable');
    // No secret of any kind is in the page: it learns who is signed in from /v1/auth/session.
    expect(page.body).not.toMatch(/stk_|Bearer|csrf/i);
    const err = await ts.server.app.inject({ method: 'GET', url: '/v1/me/events' });
    expect(err.statusCode).toBe(401);
    expect(err.headers['content-security-policy']).toBe(csp);
  });
});
