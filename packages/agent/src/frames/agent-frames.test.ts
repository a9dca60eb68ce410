/**
 * Frames through the agent's pipeline without X11 (issue 11): a scripted frame taker stands in for
 * the X11 pipeline. Frames go out right before their actions, with the actions' ids and times, in
 * batches the server's schema accepts; a secret typed before an action is handed to the frame's
 * redaction; a frame whose action the filter redacted, that was not taken, or that took too long
 * never goes out (and its action carries no id); `forget` removes frames with the events.
 */
import { join } from 'node:path';
import type { StenoEvent } from '@steno/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { type AgentHandle, type AgentOptions, runAgent } from '../agent.ts';
import { FakeFrameTaker, PushSource, typing } from '../test-support/fake-frames.ts';
import { FakeStenoServer } from '../test-support/fake-steno-server.ts';
import { allFiles, tempDir } from '../test-support/test-fixtures.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const APP = 'org.example.Editor';

async function start(taker: FakeFrameTaker, extra: Partial<AgentOptions> = {}) {
  const server = await new FakeStenoServer().start();
  cleanups.push(() => server.close());
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const source = new PushSource();
  const dataDir = join(dir, 'agent');
  const agent: AgentHandle = await runAgent({
    server: server.url,
    enrolToken: server.addToken('alice'),
    source,
    dataDir,
    holdbackMs: 0,
    batch: { maxDelayMs: 50 },
    backoff: { baseMs: 10, capMs: 50 },
    log: () => {},
    frames: { taker },
    ...extra,
  });
  cleanups.push(() => agent.stop());
  return { server, source, agent, dataDir };
}

const idOf = (e: StenoEvent): string | undefined =>
  e.type !== 'frame' && 'actionId' in e ? e.actionId : undefined;

/** Every frame is followed at once by the event carrying its id, at the same time; no other event has an id. */
function expectFramesBeforeActions(events: readonly StenoEvent[]): void {
  let frames = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as StenoEvent;
    if (i > 0) expect(e.t).toBeGreaterThanOrEqual((events[i - 1] as StenoEvent).t);
    if (e.type === 'frame') {
      frames++;
      const next = events[i + 1];
      expect(next && idOf(next)).toBe(e.actionId);
      expect(next?.t).toBe(e.t);
    } else if (idOf(e) !== undefined)
      expect(events[i - 1]).toMatchObject({ type: 'frame', actionId: idOf(e) });
  }
  expect(frames).toBeGreaterThan(0);
}

describe('frames in the agent pipeline', () => {
  it('a frame goes out right before each action it was taken for, with its id and time', async () => {
    const taker = new FakeFrameTaker();
    taker.delayMs = (i) => (i === 1 ? 150 : 20); // a slow frame holds back what follows, in order
    const { server, source, agent } = await start(taker);
    const t0 = Date.now();
    source.push(
      { type: 'focus', t: t0, app: APP, title: 'notes' },
      { type: 'button', t: t0 + 100, dir: 'down', button: 'left', x: 40, y: 60, mods: [] },
      { type: 'button', t: t0 + 160, dir: 'up', button: 'left', x: 40, y: 60, mods: [] },
      ...typing('hello', t0 + 300),
      { type: 'key', t: t0 + 1_000, dir: 'down', key: 's', mods: ['ctrl'] },
      { type: 'key', t: t0 + 1_050, dir: 'up', key: 's', mods: ['ctrl'] },
      { type: 'wheel', t: t0 + 1_500, x: 50, y: 70, dx: 0, dy: 1, mods: [] },
      { type: 'wheel', t: t0 + 1_550, x: 50, y: 70, dx: 0, dy: 1, mods: [] },
    );
    source.end();
    await agent.drained();
    const events = server.events();
    expectFramesBeforeActions(events);
    const frames = events.filter((e) => e.type === 'frame');
    // focus, press, first typed key, shortcut, first wheel
    expect(frames).toHaveLength(5);
    expect(events.filter((e) => idOf(e) !== undefined).map((e) => e.type)).toEqual([
      'focus',
      'button',
      'key',
      'key',
      'wheel',
    ]);
    expect(frames[0]).toMatchObject({ meta: { kind: 'before', app: APP, scale: 0.5 } });
    expect(agent.status().frames).toMatchObject({ state: 'on', taken: 5, pending: 0 });
    await agent.stop();
    expect(taker.closed).toBe(true);
  });

  it('hands secrets the filter redacted to the frame; a frame whose action was redacted never leaves', async () => {
    const taker = new FakeFrameTaker();
    const { server, source, agent } = await start(taker);
    const t0 = Date.now();
    source.push(
      { type: 'focus', t: t0, app: APP },
      ...typing('mail jane.doe@example.org ok', t0 + 100, 20),
      { type: 'button', t: t0 + 1_000, dir: 'down', button: 'left', x: 5, y: 5, mods: [] },
      // a typing run that starts with a secret: its first key goes into a marker
      ...typing('bob.smith@corp.example.com\n', t0 + 3_000, 20),
    );
    source.end();
    await agent.drained();
    const events = server.events();
    expectFramesBeforeActions(events);
    expect(JSON.stringify(events)).not.toMatch(/jane|bob\.smith/);
    const click = events.find((e) => e.type === 'button' && e.dir === 'down');
    const clickFrame = taker.requests.find((r) => r.actionId === (click && idOf(click)));
    expect(clickFrame?.known).toContain('jane.doe@example.org');
    expect(agent.status().frames).toMatchObject({ taken: 3, dropped: { ACTION_REDACTED: 1 } });
    expect(taker.requests).toHaveLength(4);
  });

  it('a typing start whose frame shows text typed after it waits for that text to be decided (issue 17)', async () => {
    // A typing run held for its element read is let through at once, so its first key's frame
    // already shows what followed: "Lunch " is decided at the space, the address after it only
    // when the run ends. The frame's known secrets must include the address (a narrow field that
    // shows only its tail, "xample.com", is no address to the frame's own detector).
    const taker = new FakeFrameTaker();
    taker.delayMs = () => 5;
    const { server, source, agent } = await start(taker);
    const t0 = Date.now();
    source.push(
      { type: 'focus', t: t0, app: APP },
      ...typing('Lunch bob.smith@corp.example.com', t0 + 100, 10),
    );
    await new Promise((r) => setTimeout(r, 300));
    source.push(...typing('\n', t0 + 500, 10));
    source.end();
    await agent.drained();
    const events = server.events();
    expectFramesBeforeActions(events);
    expect(JSON.stringify(events)).not.toMatch(/bob\.smith/);
    const first = events.find((e) => e.type === 'key' && e.char === 'L');
    const frame = taker.requests.find((r) => r.actionId === (first && idOf(first)));
    expect(frame?.known).toContain('bob.smith@corp.example.com');
  });

  it('frames not taken (out of scope, too slow) leave their actions without ids', async () => {
    const taker = new FakeFrameTaker();
    taker.decide = (_req, i) => (i === 0 ? 'NOT_IN_SCOPE' : undefined);
    taker.delayMs = (i) => (i === 1 ? 2_000 : 10);
    const { server, source, agent } = await start(taker, { frames: { taker, maxWaitMs: 200 } });
    const t0 = Date.now();
    source.push(
      { type: 'focus', t: t0, app: APP },
      { type: 'button', t: t0 + 10, dir: 'down', button: 'left', x: 1, y: 1, mods: [] },
      { type: 'button', t: t0 + 20, dir: 'up', button: 'left', x: 1, y: 1, mods: [] },
      { type: 'button', t: t0 + 900, dir: 'down', button: 'right', x: 2, y: 2, mods: [] },
    );
    source.end();
    await agent.drained();
    const events = server.events();
    expect(events.map((e) => e.type)).toEqual(['focus', 'button', 'button', 'frame', 'button']);
    expect(events.slice(0, 3).every((e) => idOf(e) === undefined)).toBe(true);
    expect(agent.status().frames).toMatchObject({ taken: 1, dropped: { NOT_IN_SCOPE: 1, TIMED_OUT: 1 } });
  });

  it('forget removes frames with their events: held, being made, and in the spool', async () => {
    const taker = new FakeFrameTaker();
    const { server, source, agent, dataDir } = await start(taker, { holdbackMs: 60_000 });
    const t0 = Date.now();
    source.push(
      { type: 'focus', t: t0, app: APP },
      { type: 'button', t: t0 + 10, dir: 'down', button: 'left', x: 1, y: 1, mods: [] },
      { type: 'button', t: t0 + 20, dir: 'up', button: 'left', x: 1, y: 1, mods: [] },
    );
    const until = Date.now() + 5_000;
    while (agent.status().batchesSpooled === 0 || agent.status().frames.state !== 'on') {
      if (Date.now() > until) throw new Error('nothing spooled');
      await new Promise((r) => setTimeout(r, 20));
    }
    while ((agent.status().frames as { taken: number }).taken < 2)
      await new Promise((r) => setTimeout(r, 20));
    // a frame still being made when the contributor forgets
    taker.delayMs = () => 500;
    source.push({ type: 'button', t: Date.now(), dir: 'down', button: 'left', x: 3, y: 3, mods: [] });
    await new Promise((r) => setTimeout(r, 100));
    const out = await agent.forget(t0);
    expect(out.entriesForgotten).toBeGreaterThan(0);
    expect(out.entriesReleased).toBe(0);
    source.end();
    await agent.drained();
    expect(agent.status().frames).toMatchObject({ dropped: { FORGOTTEN: 1 } });
    expect(server.events()).toEqual([]);
    expect((await allFiles(join(dataDir, 'spool'))).filter((f) => f.path.endsWith('.entry'))).toEqual([]);
  });
});
