/**
 * The contributor's control surface with a scripted raw-input feed (no display needed): status,
 * pause and resume, forget, the preview showing exactly what leaves (after the privacy filter),
 * the secret, and a clear NO_DISPLAY from the real hook child without a display.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HookSupervisor } from './capture/hook-supervisor.ts';
import { US_LAYOUT } from './capture/keyboard-layout.ts';
import { MOD_SHIFT, type RawInput } from './capture/raw-input.ts';
import { agentStatus, forgetAgent, markAgentTask, pauseAgent, resumeAgent } from './control-client.ts';
import { renderPage } from './control-server.ts';
import { runLiveAgent } from './live-agent.ts';
import type { RawFeed } from './live-source.ts';
import { FakeFrameTaker } from './test-support/fake-frames.ts';
import { FakeStenoServer } from './test-support/fake-steno-server.ts';
import { tempDir } from './test-support/test-fixtures.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function scriptedFeed() {
  let emit: (input: RawInput) => void = () => {};
  const feed: RawFeed = {
    start(onInput, onState) {
      emit = onInput;
      onState('running', undefined);
    },
    stop: async () => {},
  };
  const codes = new Map<string, [number, number]>([['\n', [28, 0]]]);
  for (const [code, def] of US_LAYOUT.keys) {
    if (def.char && !codes.has(def.char)) codes.set(def.char, [code, 0]);
    if (def.shifted && !codes.has(def.shifted)) codes.set(def.shifted, [code, MOD_SHIFT]);
  }
  const typeText = (text: string) => {
    for (const ch of text) {
      const [code, mask] = codes.get(ch) ?? [30, 0];
      emit(['k', Date.now(), 1, code, mask]);
      emit(['k', Date.now(), 0, code, mask]);
    }
  };
  return { feed, emit: (i: RawInput) => emit(i), typeText };
}

const waitFor = async (cond: () => boolean | Promise<boolean>, ms = 5_000) => {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

async function setup(frames?: FakeFrameTaker) {
  const server = await new FakeStenoServer().start();
  server.scope = { apps: [{ app: 'editor', level: 'full', ...(frames ? { frames: true } : {}) }], sites: [] };
  cleanups.push(() => server.close());
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const dataDir = join(dir, 'agent');
  const scripted = scriptedFeed();
  const running = await runLiveAgent({
    server: server.url,
    enrolToken: server.addToken(),
    dataDir,
    log: () => {},
    batch: { maxDelayMs: 50 },
    holdbackMs: 60_000,
    notify: false,
    live: { feed: scripted.feed, guardMs: 10 },
    frames: frames ? { taker: frames } : { enabled: false },
  });
  cleanups.push(() => running.stop());
  await waitFor(() => running.live.status().lease.state === 'active');
  scripted.emit(['f', Date.now(), 'editor', 'notes.txt', 42]);
  return { server, dataDir, running, ...scripted };
}

describe('control server and client', () => {
  it('reports status, pauses, resumes and forgets; the preview shows only what leaves', async () => {
    const { dataDir, running, typeText } = await setup();
    const status = await agentStatus(dataDir);
    expect(status.capture.state).toBe('capturing');
    expect(status.capture.scope).toEqual([{ app: 'editor', level: 'full' }]);
    expect((await stat(join(dataDir, 'control.secret'))).mode & 0o777).toBe(0o600);

    typeText('a secret AKIAIOSFODNN7EXAMPLE\n');
    await waitFor(async () => (await agentStatus(dataDir)).preview.some((e) => e.type === 'redaction'));
    const preview = JSON.stringify((await agentStatus(dataDir)).preview);
    expect(preview).not.toContain('AKIA');
    expect(preview).toContain('"entity":"API_KEY"');

    const paused = await pauseAgent(dataDir, 60_000);
    expect(paused.capture.state).toBe('paused');
    expect(paused.capture.contributorPausedUntil).toBeGreaterThan(Date.now());
    const before = running.agent.status().eventsCaptured;
    typeText('not captured\n');
    await new Promise((r) => setTimeout(r, 100));
    expect(running.agent.status().eventsCaptured).toBe(before);
    expect((await resumeAgent(dataDir)).capture.state).toBe('capturing');

    const forgot = await forgetAgent(dataDir, 60_000);
    expect(forgot.entriesForgotten).toBeGreaterThan(0);
    expect(forgot.entriesReleased).toBe(0);
    expect((await agentStatus(dataDir)).preview).toEqual([]);
    expect(running.agent.status().spoolPending).toBe(0);
  });

  it('issue 17: starts, names and ends a task; the label is filtered like typed text; refusals have codes', async () => {
    const { dataDir, typeText } = await setup();
    await expect(markAgentTask(dataDir, 'end')).rejects.toMatchObject({ serverCode: 'TASK_NOT_OPEN' });
    const started = await markAgentTask(dataDir, 'start', 'Mail the Q3 report to jane.doe@example.com');
    expect(started.task?.taskId).toMatch(/^tk_/);
    expect((await agentStatus(dataDir)).task?.taskId).toBe(started.task?.taskId);
    expect(renderPage(await agentStatus(dataDir), 'k')).toContain('Open: “Mail the Q3 report to [EMAIL]”');
    typeText('total 42\n');
    await markAgentTask(dataDir, 'name', 'File the Q3 expense report');
    expect((await markAgentTask(dataDir, 'end')).task).toBeNull();
    await waitFor(async () =>
      (await agentStatus(dataDir)).preview.some((e) => e.type === 'task' && e.phase === 'end'),
    );
    const preview = (await agentStatus(dataDir)).preview;
    const tasks = preview.filter((e) => e.type === 'task');
    expect(tasks.map((e) => (e.type === 'task' ? [e.phase, e.label ?? null, e.taskId] : []))).toEqual([
      ['start', 'Mail the Q3 report to [EMAIL]', started.task?.taskId],
      ['name', 'File the Q3 expense report', started.task?.taskId],
      ['end', null, started.task?.taskId],
    ]);
    expect(JSON.stringify(preview)).not.toContain('jane.doe');
    // in time order among the typed keys, the start before them and the end after
    const order = preview.map((e) => e.type);
    expect(order.indexOf('task')).toBeLessThan(order.indexOf('key'));
    expect(order.lastIndexOf('task')).toBeGreaterThan(order.lastIndexOf('key'));
    await pauseAgent(dataDir);
    await expect(markAgentTask(dataDir, 'start', 'x')).rejects.toMatchObject({
      code: 'CONTROL_REFUSED',
      serverCode: 'TASK_NOT_CAPTURING',
    });
  });

  it('refuses requests without the secret or with a foreign Host, and serves the page with it', async () => {
    const { dataDir, running } = await setup();
    const url = running.control.url;
    expect((await fetch(`${url}status`)).status).toBe(401);
    const secret = (await readFile(join(dataDir, 'control.secret'), 'utf8')).trim();
    const page = await fetch(`${url}?k=${secret}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('capturing');
    const wrong = await fetch(`${url}pause`, { method: 'POST', headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('shows the last frames exactly as they will leave, only with the secret, and forget removes them', async () => {
    const taker = new FakeFrameTaker();
    const { dataDir, running, emit } = await setup(taker);
    emit(['b', Date.now(), 1, 1, 30, 40, 0]);
    emit(['b', Date.now(), 0, 1, 30, 40, 0]);
    await waitFor(async () => (await agentStatus(dataDir)).frames.length === 2);
    const status = await agentStatus(dataDir);
    expect(status.agent.frames).toMatchObject({ state: 'on', taken: 2 }); // the focus change and the click
    expect(status.preview.some((e) => e.type === 'frame')).toBe(false);
    const [frame] = status.frames;
    expect(frame).toMatchObject({ meta: { kind: 'before', width: 32, height: 20 } });
    const url = `${running.control.url}frames/${frame?.actionId}.webp`;
    expect((await fetch(url)).status).toBe(401);
    const secret = (await readFile(join(dataDir, 'control.secret'), 'utf8')).trim();
    const res = await fetch(`${url}?k=${secret}`);
    expect(res.headers.get('content-type')).toBe('image/webp');
    const served = new Uint8Array(await res.arrayBuffer());
    expect(served).toEqual(
      await taker.take({ actionId: 'again' }).then((o) => (o.ok ? o.frame.webp : undefined)),
    );
    expect(served.byteLength).toBe(frame?.bytes);
    const page = await (await fetch(`${running.control.url}?k=${secret}`)).text();
    expect(page).toContain(`/frames/${frame?.actionId}.webp`);

    await forgetAgent(dataDir, 60_000);
    expect((await agentStatus(dataDir)).frames).toEqual([]);
    expect((await fetch(`${url}?k=${secret}`)).status).toBe(404);
  });

  it('a missing display is a clear NO_DISPLAY, retried, and never kills the agent', async () => {
    const states: string[] = [];
    const env = { ...process.env };
    delete env.DISPLAY;
    const supervisor = new HookSupervisor({
      env,
      log: () => {},
      backoff: { baseMs: 50, capMs: 100 },
      onInput: () => {},
      onState: (state, code) => states.push(`${state}:${code ?? ''}`),
    });
    supervisor.start();
    await waitFor(() => supervisor.restarts >= 2, 20_000);
    await supervisor.stop();
    expect(states).toContain('restarting:NO_DISPLAY');
    expect(supervisor.lastErrorCode).toBe('NO_DISPLAY');
  });
});
