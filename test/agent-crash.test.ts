/**
 * Invariant 10 (accepted data is never lost, and stored exactly once): the real agent, as the
 * `steno agent` command, is killed with SIGKILL several times in the middle of uploading to the
 * real server; restarted on the same data folder, it finishes, and every recorded event is
 * stored exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StenoEvent } from '@steno/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolToken } from '../packages/server/src/ingest/device-enrolment.ts';
import { permitSubject } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { tempDir } from './support/test-stores.ts';

const BIN = join(import.meta.dirname, '../packages/cli/bin/steno.js');
const TOTAL = 3_000;

function agent(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, 'agent', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

const exited = (p: ChildProcess) =>
  new Promise<number | null>((r) => (p.exitCode !== null ? r(p.exitCode) : p.once('exit', (c) => r(c))));

describe('agent crash safety (issue 2)', () => {
  let ts: TestServer;
  let url: string;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
    url = await ts.server.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await ts?.close();
  });

  const storedBatches = async () =>
    Number((await ts.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM batches'))[0]?.n ?? 0);

  it('SIGKILL mid-upload, restart: every event stored exactly once', async () => {
    const dir = tempDir('steno-agent-crash-');
    const file = join(dir, 'recording.jsonl');
    const t0 = Date.now() - 60_000;
    // In a window the scope captures (a replaying agent passes the scope gate, issue 15).
    const events: StenoEvent[] = [
      { type: 'focus', t: t0, app: 'xterm', title: 'crash test' },
      ...Array.from(
        { length: TOTAL },
        (_, i): StenoEvent => ({ type: 'task', t: t0 + 1 + i, label: `e-${i}` }),
      ),
    ];
    writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
    const { token } = await createEnrolToken(ts.server.enrolment, 'crashy', 'test');
    await permitSubject(ts.server, 'crashy');
    const common = [
      '--server',
      url,
      '--replay',
      file,
      '--data',
      join(dir, 'agent'),
      '--speed',
      '0',
      '--batch-events',
      '25',
    ];

    let kills = 0;
    let enrolled = false;
    for (const threshold of [5, 25, 60]) {
      const p = agent(enrolled ? common : [...common, '--enrol', token]);
      enrolled = true;
      // Wait until the server has stored more batches, then kill without warning.
      for (let i = 0; i < 600 && (await storedBatches()) < threshold && p.exitCode === null; i++)
        await new Promise((r) => setTimeout(r, 25));
      if (p.exitCode === null) {
        p.kill('SIGKILL');
        kills++;
      }
      await exited(p);
    }
    expect(kills).toBeGreaterThanOrEqual(2);
    expect(await storedBatches()).toBeLessThan(TOTAL / 25);

    const last = agent([...common, '--exit-when-done']);
    let stderr = '';
    last.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    expect(await exited(last), stderr).toBe(0);

    const { issueApiToken } = await import('../packages/server/src/auth/api-tokens.ts');
    const me = await issueApiToken(
      ts.server.db,
      {
        principal: 'person:crashy',
        role: 'contributor',
        subject: 'crashy',
        scopes: ['me:read'],
        ttlMs: 60_000,
      },
      Date.now(),
    );
    // Every page of the contributor's own events, following the cursor to the end.
    const read: { event: { type: string; label?: string } }[] = [];
    for (let cursor: string | null = null, pages = 0; pages === 0 || cursor; pages++) {
      const res = await ts.server.app.inject({
        method: 'GET',
        url: `/v1/me/events?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers: { authorization: `Bearer ${me.token}` },
      });
      expect(res.statusCode).toBe(200);
      const page = res.json() as { events: typeof read; nextCursor: string | null };
      read.push(...page.events);
      cursor = page.nextCursor;
    }
    const labels = read.flatMap((e) => (e.event.type === 'task' && e.event.label ? [e.event.label] : []));
    const counts = new Map<string, number>();
    for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    const missing = events.filter((e) => e.type === 'task' && !counts.has(e.label ?? ''));
    const duplicated = [...counts].filter(([, n]) => n > 1);
    expect(missing.length, 'events lost').toBe(0);
    expect(duplicated.length, 'events stored twice').toBe(0);
    expect(labels).toHaveLength(TOTAL);
  }, 240_000);
});
