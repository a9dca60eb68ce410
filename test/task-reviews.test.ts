/**
 * Issue 17 through the server: a contributor reviews the tasks they marked — keep, drop, describe —
 * through the guard (`me.review`, every read and write audited, the description filtered like typed
 * text and sealed under their data key), nobody else reads or writes those reviews, and a dataset
 * build honours them: a dropped task never enters the dataset, the description replaces the label,
 * and `reviewedOnly` keeps only the tasks their contributors kept.
 */
import type { StenoEvent } from '@steno/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import type { Role } from '../packages/server/src/auth/principal.ts';
import { consentFor, enrolTestDevice, post } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { PG_URL, requirePgInCi } from './support/test-stores.ts';

requirePgInCi();
/** The one migration set on both stores (STYLE.md): PostgreSQL too when STENO_PG_URL is set. */
const KINDS: ('pglite' | 'postgres')[] = ['pglite', ...(PG_URL ? (['postgres'] as const) : [])];

const SUBJECTS = ['ann', 'ben', 'cai', 'dee', 'eli'];

/** Two marked tasks and a click outside any task, in one application. */
function taskEvents(t0: number): StenoEvent[] {
  const ev: StenoEvent[] = [{ type: 'focus', t: t0, app: 'gedit', title: 'notes.txt' }];
  let t = t0 + 100;
  const click = (x: number) => {
    ev.push({ type: 'button', t, dir: 'down', button: 'left', x, y: 50, mods: [] });
    ev.push({ type: 'button', t: t + 50, dir: 'up', button: 'left', x, y: 50, mods: [] });
    t += 550;
  };
  for (const [id, label] of [
    ['tk1', 'File the Q3 report'],
    ['tk2', 'Book the offsite'],
  ] as const) {
    ev.push({ type: 'task', t: t++, phase: 'start', taskId: id, label });
    click(10);
    click(20);
    ev.push({ type: 'task', t: t++, phase: 'end', taskId: id });
    t += 1_000;
  }
  click(30);
  return ev;
}

describe.each(KINDS)('contributor review of tasks (issue 17) on %s', (kind) => {
  let ts: TestServer;
  const personal: Record<string, string> = {};
  let t0: number;
  const token = async (name: string, role: Role, scopes: string[]) =>
    (
      await issueApiToken(
        ts.server.db,
        { principal: `person:${name}`, role, scopes, ttlMs: 3_600_000 },
        Date.now(),
      )
    ).token;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, t: string, payload?: object) =>
    ts.server.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${t}` },
      ...(payload ? { payload } : {}),
    });
  const spec = (name: string, extra: string[] = []) =>
    [
      `name: ${name}`,
      'purpose: model_training',
      `timeRange: { from: "${new Date(t0 - 60_000).toISOString()}", to: "${new Date(Date.now() + 60_000).toISOString()}" }`,
      'k: 5',
      'taskLabels: redact',
      ...extra,
    ].join('\n');
  const build = async (name: string, extra: string[] = []) => {
    const ml = await token('mia', 'ml_engineer', ['datasets:build', 'datasets:read']);
    const started = await call('POST', '/v1/datasets', ml, { spec: spec(name, extra) });
    expect(started.statusCode, started.body).toBe(202);
    await ts.server.datasets.idle();
    const { id } = started.json() as { id: string };
    const detail = (await call('GET', `/v1/datasets/${id}`, ml)).json();
    expect(detail.status, detail.error).toBe('ready');
    const jsonl = (await call('GET', `/v1/datasets/${id}/files/episodes.jsonl`, ml)).body;
    const episodes = jsonl
      .trim()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { task: string | null; task_marked: boolean; reviewed: boolean });
    return { detail, episodes };
  };

  beforeAll(async () => {
    ts = await startTestServer(kind);
    t0 = Date.now() - 120_000;
    for (const [i, s] of SUBJECTS.entries()) {
      const device = await enrolTestDevice(ts.server, s);
      const res = await post(ts.server.app, '/v1/batches', device.batch(taskEvents(t0 + i * 10_000)));
      expect(res.statusCode, res.body).toBe(200);
      await consentFor(ts.server, s);
      personal[s] = await device.personalToken();
    }
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('a contributor keeps, drops and describes their own tasks; the description is filtered, sealed at rest and never in the audit log', async () => {
    const ann = personal.ann as string;
    const auditBefore = await ts.server.audit.size();
    expect((await call('GET', '/v1/me/reviews', ann)).json()).toEqual({ reviews: [] });

    const drop = await call('PUT', '/v1/me/reviews/tk1', ann, { decision: 'drop' });
    expect(drop.statusCode, drop.body).toBe(200);
    expect(drop.json()).toMatchObject({ taskId: 'tk1', decision: 'drop', description: null });
    const keep = await call('PUT', '/v1/me/reviews/tk2', ann, {
      decision: 'keep',
      description: '  Booked the offsite, confirmation to ann.lee@example.com  ',
    });
    expect(keep.statusCode, keep.body).toBe(200);
    // Filtered like typed text before anything stored it: the address is a marker, nothing of it kept.
    expect(keep.json().description).toBe('Booked the offsite, confirmation to [EMAIL]');

    const read = (await call('GET', '/v1/me/reviews', ann)).json() as {
      reviews: { taskId: string; decision: string; description: string | null }[];
    };
    expect(read.reviews.map((r) => [r.taskId, r.decision, r.description])).toEqual([
      ['tk1', 'drop', null],
      ['tk2', 'keep', 'Booked the offsite, confirmation to [EMAIL]'],
    ]);
    // A later word replaces the earlier one.
    await call('PUT', '/v1/me/reviews/tk1', ann, { decision: 'keep' });
    await call('PUT', '/v1/me/reviews/tk1', ann, { decision: 'drop' });

    // At rest the description is ciphertext: not even the filtered words are readable in the row.
    const rows = await ts.server.db.query(
      "SELECT description FROM task_reviews WHERE subject_id = 'ann' AND task_id = 'tk2'",
    );
    const stored = Buffer.from(rows[0]?.description as Uint8Array).toString('latin1');
    expect(stored.length).toBeGreaterThan(16);
    expect(stored).not.toContain('offsite');

    // Every read and write is one audit entry on ann's data, with the task and decision, never the text.
    const entries = (await ts.server.audit.list(auditBefore, 100)).filter((e) => e.action === 'me.review');
    expect(entries.map((e) => [e.decision, e.details?.op, e.details?.taskId ?? null])).toEqual([
      ['allow', 'read', null],
      ['allow', 'write', 'tk1'],
      ['allow', 'write', 'tk2'],
      ['allow', 'read', null],
      ['allow', 'write', 'tk1'],
      ['allow', 'write', 'tk1'],
    ]);
    for (const e of entries) {
      expect(e.resource).toEqual({ type: 'subject', subject: 'ann' });
      expect(JSON.stringify(e)).not.toMatch(/offsite|example\.com|EMAIL/);
    }
    // ann sees those accesses on her own access page.
    const access = (await call('GET', '/v1/me/access', ann)).json() as { entries: { action: string }[] };
    expect(access.entries.filter((e) => e.action === 'me.review').length).toBeGreaterThanOrEqual(6);
  });

  it('nobody else reads or writes a contributor’s reviews; bad input changes nothing', async () => {
    // ben's token names ben's subject only: he sees his own (none), never ann's.
    expect((await call('GET', '/v1/me/reviews', personal.ben as string)).json()).toEqual({ reviews: [] });
    const before = await ts.server.audit.size();
    for (const [role, scopes] of [
      ['privacy_officer', ['program:admin', 'audit:read']],
      ['operator', ['devices:admin', 'audit:read']],
      ['ml_engineer', ['datasets:build', 'datasets:read']],
    ] as const) {
      const t = await token(`x-${role}`, role, [...scopes]);
      const r = await call('GET', '/v1/me/reviews', t);
      expect(r.statusCode, `${role}: ${r.body}`).toBe(403);
      const w = await call('PUT', '/v1/me/reviews/tk1', t, { decision: 'keep' });
      expect(w.statusCode, `${role}: ${w.body}`).toBe(403);
    }
    // The refusals are in the audit log too.
    const denied = (await ts.server.audit.list(before, 100)).filter(
      (e) => e.action === 'me.review' && e.decision === 'deny',
    );
    expect(denied).toHaveLength(6);

    const ann = personal.ann as string;
    const bad = [
      ['/v1/me/reviews/tk2', { decision: 'maybe' }],
      ['/v1/me/reviews/tk2', { decision: 'keep', description: '   ' }],
      ['/v1/me/reviews/tk2', { decision: 'keep', description: 'x'.repeat(201) }],
      ['/v1/me/reviews/tk2', { decision: 'keep', extra: 1 }],
      ['/v1/me/reviews/no%20spaces', { decision: 'keep' }],
    ] as const;
    for (const [url, body] of bad) {
      const r = await call('PUT', url, ann, body);
      expect(r.statusCode, `${url} ${JSON.stringify(body)}: ${r.body}`).toBe(400);
      expect(r.json().error.code).toBe('SCHEMA_INVALID');
    }
    const after = (await call('GET', '/v1/me/reviews', ann)).json().reviews;
    expect(after.find((r: { taskId: string }) => r.taskId === 'tk2').description).toBe(
      'Booked the offsite, confirmation to [EMAIL]',
    );
  });

  it('a dataset build honours the reviews: a dropped task never enters it; reviewedOnly keeps only kept tasks', async () => {
    // Everyone keeps their second task; only ann dropped her first.
    for (const s of SUBJECTS.filter((x) => x !== 'ann'))
      expect(
        (await call('PUT', '/v1/me/reviews/tk2', personal[s] as string, { decision: 'keep' })).statusCode,
      ).toBe(200);

    const all = await build('reviewed-all');
    const tasks = all.episodes.filter((e) => e.task_marked);
    // 5 contributors × 2 tasks, minus ann's dropped one.
    expect(tasks).toHaveLength(9);
    expect(all.detail.card).toMatch(/dropped by their contributor in review: 1\b/);
    expect(tasks.filter((e) => e.task === 'File the Q3 report')).toHaveLength(4);
    expect(tasks.filter((e) => e.task === 'Booked the offsite, confirmation to [EMAIL]')).toHaveLength(1);
    expect(tasks.filter((e) => e.task === 'Book the offsite')).toHaveLength(4);
    expect(tasks.filter((e) => e.reviewed)).toHaveLength(5);

    const reviewed = await build('reviewed-only', ['reviewedOnly: true']);
    const kept = reviewed.episodes.filter((e) => e.task_marked);
    expect(kept).toHaveLength(5);
    expect(kept.every((e) => e.reviewed)).toBe(true);
    expect(kept.some((e) => e.task === 'File the Q3 report')).toBe(false);
  });

  it('erasure removes the reviews with the keys', async () => {
    const eli = personal.eli as string;
    expect((await call('GET', '/v1/me/reviews', eli)).json().reviews).toHaveLength(1);
    const erased = await call('POST', '/v1/me/erase', eli, { confirm: 'erase my data' });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(await ts.server.db.query("SELECT 1 FROM task_reviews WHERE subject_id = 'eli'")).toEqual([]);
  });

  it('while the program is paused, reviews are frozen with event reads (and the refusal audited)', async () => {
    const po = await token('pat', 'privacy_officer', ['program:admin']);
    const paused = await call('POST', '/v1/program/pause', po, {
      scope: { kind: 'global' },
      reason: 'incident triage',
    });
    expect(paused.statusCode, paused.body).toBeLessThan(300);
    const before = await ts.server.audit.size();
    const read = await call('GET', '/v1/me/reviews', personal.ann as string);
    expect(read.statusCode, read.body).toBe(403);
    const write = await call('PUT', '/v1/me/reviews/tk2', personal.ann as string, { decision: 'drop' });
    expect(write.statusCode, write.body).toBe(403);
    const denied = (await ts.server.audit.list(before, 10)).filter((e) => e.action === 'me.review');
    expect(denied.map((e) => e.decision)).toEqual(['deny', 'deny']);
    const rows = await ts.server.db.query(
      "SELECT decision FROM task_reviews WHERE subject_id = 'ann' AND task_id = 'tk2'",
    );
    expect(rows).toEqual([{ decision: 'keep' }]);
  });
});
