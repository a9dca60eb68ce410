/**
 * Invariant 2, server side (issue 4): a batch whose typed text still holds a detectable secret
 * (a device whose filter was bypassed) is re-redacted before storage and flagged in the audit log.
 */
import type { StenoEvent } from '@steno/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setScope } from '../packages/server/src/program/capture-scope.ts';
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
        // a modified extension sends selectors CSS-escaped, as a page's ids and test ids are
        {
          type: 'element',
          t: t + 3,
          action: 'click',
          role: 'button',
          tag: 'button',
          selector: '[data-testid="bob\\.smith\\@corp\\.example\\.com"]',
          page: box,
          screen: box,
          mods: [],
        },
        {
          type: 'scroll',
          t: t + 4,
          dx: 0,
          dy: 3,
          x: 0,
          y: 0,
          selector: '#carol\\2e white\\40 example\\2e net',
        },
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
    expect(read.body).not.toMatch(/bob|smith|carol|white/);
    expect(read.body).not.toContain(key.slice(4, 20));
    const events = (
      read.json() as { events: { event: { type: string; name?: string; path?: string } }[] }
    ).events.map((e) => e.event);
    expect(events.find((e) => e.type === 'element')?.name).toBe('Mail [EMAIL]');
    expect(events.find((e) => e.type === 'navigate')?.path).toMatch(/^\/tokens\/\[/);
  });

  it("follows the lease's app rules for names: kept where the rule says names: false, removed elsewhere (issue 16)", async () => {
    const dev = await enrolTestDevice(ts.server, 'crm-names');
    // a newer scope version and a lease of the device under it (the lease in force from now on)
    const version = await ts.server.db.transaction((tx) =>
      setScope(
        tx,
        {
          apps: [
            { app: 'crm', level: 'full', names: false },
            { app: '*', level: 'full' },
          ],
          sites: [],
        },
        'second-wall-test',
        Date.now(),
      ),
    );
    const leaseId = `ls_names_${dev.deviceId.slice(4, 20)}`;
    await ts.server.db.query(
      `INSERT INTO capture_leases (lease_id, device_id, subject_id, issued_at, expires_at, policy_version, state)
       VALUES ($1, $2, $3, 1, 8640000000000000, $4, 'active')`,
      [leaseId, dev.deviceId, dev.subject, version],
    );
    const audited = async () =>
      Number(
        (
          await ts.server.db.query(
            "SELECT count(*)::int AS n FROM audit_entries WHERE entry LIKE '%ingest.rescan_redacted%'",
          )
        )[0]?.n,
      );
    const typedIn = (app: string, text: string, t0: number): StenoEvent[] =>
      sampleEvents(t0, text).map((e) => (e.type === 'focus' ? { ...e, app } : e));
    const readBack = async () => {
      const read = await ts.server.app.inject({
        method: 'GET',
        url: '/v1/me/events?limit=1000',
        headers: { authorization: `Bearer ${await dev.personalToken()}` },
      });
      return (read.json() as { events: { event: StenoEvent }[] }).events.map((e) => e.event);
    };

    const before = await audited();
    const crm = typedIn('crm', 'call Jennifer Martinez now ', Date.now() - 20_000);
    const res = await post(ts.server.app, '/v1/batches', dev.batch(crm, { leases: [leaseId] }));
    expect(res.statusCode, res.body).toBe(200);
    expect(await audited()).toBe(before);
    const kept = (await readBack()).map((e) => (e.type === 'key' ? (e.char ?? '') : '')).join('');
    expect(kept).toContain('Jennifer Martinez');

    const editor = typedIn('gedit', 'call Grace Hopper now ', Date.now() - 10_000);
    const res2 = await post(ts.server.app, '/v1/batches', dev.batch(editor, { leases: [leaseId] }));
    expect(res2.statusCode, res2.body).toBe(200);
    expect(await audited()).toBe(before + 1);
    const all = await readBack();
    const typed = all.map((e) => (e.type === 'key' ? (e.char ?? '') : '')).join('');
    expect(typed).not.toContain('Grace');
    expect(all.some((e) => e.type === 'redaction' && e.entity === 'PERSON')).toBe(true);
  });
});
