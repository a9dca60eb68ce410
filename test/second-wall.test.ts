/**
 * Invariant 2, server side (issue 4): a batch whose typed text still holds a detectable secret
 * (a device whose filter was bypassed) is re-redacted before storage and flagged in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolTestDevice, post, sampleEvents } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('ingest second wall', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('re-redacts a leaked email before storage and flags the batch in the audit log', async () => {
    const dev = await enrolTestDevice(ts.server, 'leaky');
    const email = 'jane.doe@example.org';
    const events = sampleEvents(Date.now() - 10_000, `mail ${email} `);
    events.push({ type: 'key', t: Date.now() - 100, dir: 'down', key: 'Enter', mods: [] });
    const res = await post(ts.server.app, '/v1/batches', dev.batch(events));
    expect(res.statusCode).toBe(200);

    const rows = await ts.server.db.query(
      "SELECT entry FROM audit_entries WHERE entry LIKE '%ingest.rescan_redacted%'",
    );
    expect(rows).toHaveLength(1);
    expect(String(rows[0]?.entry)).not.toContain('jane');

    const token = await dev.personalToken();
    const read = await ts.server.app.inject({
      method: 'GET',
      url: '/v1/me/events',
      headers: { authorization: `Bearer ${token}` },
    });
    const stored = (
      read.json() as { events: { event: { type: string; char?: string; entity?: string } }[] }
    ).events.map((e) => e.event);
    const typed = stored.map((e) => e.char ?? '').join('');
    for (let i = 0; i + 4 <= email.length; i++) expect(typed).not.toContain(email.slice(i, i + 4));
    expect(stored.some((e) => e.type === 'redaction' && e.entity === 'EMAIL')).toBe(true);
    expect(typed).toContain('mail ');
  });

  it('leaves clean batches untouched and unflagged', async () => {
    const dev = await enrolTestDevice(ts.server, 'clean');
    const before = await ts.server.db.query(
      "SELECT count(*)::int AS n FROM audit_entries WHERE entry LIKE '%ingest.rescan_redacted%'",
    );
    const events = sampleEvents(Date.now() - 10_000, 'version 2.4.1 ships on 2026-12-01');
    expect((await post(ts.server.app, '/v1/batches', dev.batch(events))).statusCode).toBe(200);
    const after = await ts.server.db.query(
      "SELECT count(*)::int AS n FROM audit_entries WHERE entry LIKE '%ingest.rescan_redacted%'",
    );
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('re-redacts secrets in browser element names, option labels, selectors and paths', async () => {
    const dev = await enrolTestDevice(ts.server, 'browsery');
    const t = Date.now() - 5_000;
    const box = { x: 1, y: 2, w: 30, h: 10 };
    const key = 'ghp_R4nd0mT0k3nV4lu3F0rT3st1ngXy9Zq8Wv7Ut';
    const res = await post(
      ts.server.app,
      '/v1/batches',
      dev.batch([
        { type: 'focus', t, app: 'https://crm.example' },
        {
          type: 'element',
          t: t + 1,
          action: 'click',
          role: 'link',
          name: 'Mail jane.doe@example.org',
          tag: 'a',
          selector: '#contact',
          page: box,
          screen: box,
          mods: [],
        },
        { type: 'navigate', t: t + 2, origin: 'https://crm.example', path: `/tokens/${key}`, kind: 'load' },
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    const token = await dev.personalToken();
    const read = await ts.server.app.inject({
      method: 'GET',
      url: '/v1/me/events',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.body).not.toContain('jane.doe');
    expect(read.body).not.toContain(key.slice(4, 20));
    const events = (
      read.json() as { events: { event: { type: string; name?: string; path?: string } }[] }
    ).events.map((e) => e.event);
    expect(events.find((e) => e.type === 'element')?.name).toBe('Mail [EMAIL]');
    expect(events.find((e) => e.type === 'navigate')?.path).toMatch(/^\/tokens\/\[/);
  });
});
