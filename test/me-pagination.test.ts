/**
 * Issue 20: a contributor can read all of their own data in pages with a stable cursor. 100,000
 * events of one contributor, uploaded through the API, come back through the paginated
 * `/v1/me/events` exactly — none lost, none twice — at the largest page and at a page size that
 * cuts through uploaded batches; the access log pages the same way; bad cursors and pages larger
 * than the documented maximum are refused.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StenoEvent } from '@steno/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolTestDevice, post, type TestDevice } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { PG_URL } from './support/test-stores.ts';

const TOTAL = 100_000;
const PER_BATCH = 5_000;

describe('paginated reads of my own data (issue 20)', () => {
  let ts: TestServer;
  let dev: TestDevice;
  let token: string;
  const t0 = Date.now() - 3_600_000;
  const get = async (url: string) => {
    const res = await ts.server.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };

  beforeAll(async () => {
    ts = await startTestServer('pglite', { config: { checkpointIntervalMs: 3_600_000 } });
    dev = await enrolTestDevice(ts.server, 'pager');
    let acked = 0;
    for (let b = 0; b < TOTAL / PER_BATCH; b++) {
      const start = t0 + b * PER_BATCH;
      const events: StenoEvent[] = [{ type: 'focus', t: start, app: 'gedit', title: 'notes.txt' }];
      for (let i = 1; i < PER_BATCH; i++)
        events.push({
          type: 'button',
          t: start + i,
          dir: i % 2 === 1 ? 'down' : 'up',
          button: 'left',
          x: i % 1_000,
          y: b,
          mods: [],
        });
      const res = await post(ts.server.app, '/v1/batches', dev.batch(events));
      expect(res.statusCode, res.body).toBe(200);
      acked += (res.json() as { events: number }).events;
    }
    expect(acked).toBe(TOTAL);
    token = await dev.personalToken();
  }, 300_000);
  afterAll(async () => {
    await ts?.close();
  });

  async function readAll(limit: number) {
    const seen = new Set<number>();
    let count = 0;
    let pages = 0;
    let cursor: string | null = null;
    do {
      const q = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await get(`/v1/me/events?${q}`);
      expect(page.status).toBe(200);
      const events = page.body.events as { event: StenoEvent }[];
      expect(events.length).toBeLessThanOrEqual(limit);
      for (const e of events) seen.add(e.event.t);
      count += events.length;
      pages++;
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    return { count, distinct: seen.size, pages };
  }

  it('counts 100,000 events exactly at the largest page (5,000)', async () => {
    const r = await readAll(5_000);
    expect(r).toMatchObject({ count: TOTAL, distinct: TOTAL });
    expect(r.pages).toBeGreaterThanOrEqual(20);
  }, 300_000);

  it('counts them exactly with pages that cut through batches (3,333), and a cursor is stable', async () => {
    const r = await readAll(3_333);
    expect(r).toMatchObject({ count: TOTAL, distinct: TOTAL });
    const first = await get('/v1/me/events?limit=3333');
    const cursor = first.body.nextCursor as string;
    const a = await get(`/v1/me/events?limit=100&cursor=${encodeURIComponent(cursor)}`);
    const b = await get(`/v1/me/events?limit=100&cursor=${encodeURIComponent(cursor)}`);
    expect(a.body.events).toEqual(b.body.events);
    expect((a.body.events as { event: StenoEvent }[])[0]?.event.t).toBe(t0 + 3_333);
  }, 300_000);

  it('refuses a page over the maximum and a cursor it did not issue', async () => {
    expect((await get('/v1/me/events?limit=5001')).status).toBe(400);
    const forged = Buffer.from(JSON.stringify(['e', 1, 1, 'x', '2026-01', 0])).toString('base64url');
    const bad = await get(`/v1/me/events?cursor=${forged}`);
    expect(bad.status).toBe(400);
    expect((bad.body.error as { code: string }).code).toBe('SCHEMA_INVALID');
  });

  it('`steno me events` reads every page: 100,000 lines', async () => {
    const url = await ts.server.app.listen({ host: '127.0.0.1', port: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'steno-me-'));
    try {
      writeFileSync(join(dir, 'token'), token, { mode: 0o600 });
      const out = join(dir, 'events.jsonl');
      const status = await new Promise<number | null>((resolve) => {
        const p = spawn(process.execPath, [
          join(import.meta.dirname, '../packages/cli/bin/steno.js'),
          'me',
          'events',
          '--server',
          url,
          '--token-file',
          join(dir, 'token'),
          '--out',
          out,
        ]);
        p.on('close', resolve);
      });
      expect(status).toBe(0);
      const lines = readFileSync(out, 'utf8')
        .split('\n')
        .filter((l) => l !== '');
      expect(lines.length).toBe(TOTAL);
      expect(new Set(lines.map((l) => (JSON.parse(l) as { event: { t: number } }).event.t)).size).toBe(TOTAL);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('pages the access log: every entry once, in order, each page audited', async () => {
    const all: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`/v1/me/access?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      for (const e of page.body.entries as { idx: number }[]) all.push(e.idx);
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(all.length).toBeGreaterThan(60); // every page of the reads above is an entry
    expect(all).toEqual([...all].sort((x, y) => x - y));
    expect(new Set(all).size).toBe(all.length);
    const direct = await ts.server.audit.listForSubject('pager', 10_000);
    expect(direct.map((e) => e.idx).filter((i) => i <= (all.at(-1) ?? 0))).toEqual(all);
    expect((await get('/v1/me/access?limit=1001')).status).toBe(400);
  });
});

describe.skipIf(!PG_URL)('paginated reads on PostgreSQL (keyset order in SQL)', () => {
  it('pages of 7 through 3 batches of 10 events: 30 exactly, in time order', async () => {
    const ts = await startTestServer('postgres', { config: { checkpointIntervalMs: 3_600_000 } });
    try {
      const dev = await enrolTestDevice(ts.server, 'pgpager');
      const t0 = Date.now() - 600_000;
      for (let b = 0; b < 3; b++) {
        const events: StenoEvent[] = [{ type: 'focus', t: t0 + b * 10, app: 'gedit', title: 'x' }];
        for (let i = 1; i < 10; i++)
          events.push({
            type: 'button',
            t: t0 + b * 10 + i,
            dir: i % 2 ? 'down' : 'up',
            button: 'left',
            x: 1,
            y: 1,
            mods: [],
          });
        expect((await post(ts.server.app, '/v1/batches', dev.batch(events))).statusCode).toBe(200);
      }
      const token = await dev.personalToken();
      const ts_: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await ts.server.app.inject({
          method: 'GET',
          url: `/v1/me/events?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
          headers: { authorization: `Bearer ${token}` },
        });
        const body = res.json() as { events: { event: StenoEvent }[]; nextCursor: string | null };
        for (const e of body.events) ts_.push(e.event.t);
        cursor = body.nextCursor;
      } while (cursor);
      expect(ts_).toEqual(Array.from({ length: 30 }, (_, i) => t0 + i));
    } finally {
      await ts.close();
    }
  }, 120_000);
});
