/**
 * Issue 17 end to end under Xvfb (without the accessibility tree, which is still to come): a
 * contributor starts a task through the running agent's control server, clicks and types in two
 * real in-scope windows (xterm), ends the task; the real server stores the marker with its label
 * filtered on the device, and the dataset builder makes one episode of the task across both
 * applications, with the task text (redacted), the screen size from the live focus, and pyautogui
 * lines for what was done.
 */
import { join } from 'node:path';
import { buildEpisodes, toPyautogui } from '@steno/datasets';
import type { StenoEvent } from '@steno/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markAgentTask } from '../packages/agent/src/control-client.ts';
import { runLiveAgent } from '../packages/agent/src/live-agent.ts';
import {
  sleep,
  X11_SKIP_MESSAGE,
  X11Desktop,
  x11Available,
} from '../packages/agent/src/test-support/x11-desktop.ts';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import { createEnrolToken } from '../packages/server/src/ingest/device-enrolment.ts';
import { bearer, storedEventsWhen } from './support/contributor-reads.ts';
import { consentFor } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { removeDir, tempDir } from './support/test-stores.ts';
import { waitFor } from './support/wait-for.ts';

const runX11 = x11Available() || Boolean(process.env.CI);
if (!runX11) console.warn(X11_SKIP_MESSAGE);

describe.skipIf(!runX11)('a marked task, live, to a dataset episode (issue 17)', () => {
  let desktop: X11Desktop;
  let ts: TestServer;
  let url: string;
  let dir: string;
  beforeAll(async () => {
    desktop = await X11Desktop.start();
    ts = await startTestServer('pglite');
    url = await ts.server.app.listen({ host: '127.0.0.1', port: 0 });
    dir = tempDir('steno-task-');
  });
  afterAll(async () => {
    await desktop?.close();
    await ts?.close();
    removeDir(dir);
  });

  it('start, work in two applications, end: one episode with the redacted task text and pyautogui lines', async () => {
    const notes = await desktop.openWindow('StenoNotes', 'notes');
    const sheet = await desktop.openWindow('StenoSheet', 'sheet');
    const po = await issueApiToken(
      ts.server.db,
      { principal: 'person:pat', role: 'privacy_officer', scopes: ['program:admin'], ttlMs: 600_000 },
      Date.now(),
    );
    const as = bearer(ts.server);
    const scope = {
      apps: [
        { app: 'StenoNotes', level: 'full' },
        { app: 'StenoSheet', level: 'full' },
      ],
      sites: [],
    };
    expect((await as(po.token, 'PUT', '/v1/program/scope', scope)).statusCode).toBe(200);
    const { token } = await createEnrolToken(ts.server.enrolment, 'tia', 'test');
    await consentFor(ts.server, 'tia');
    const dataDir = join(dir, 'agent');
    const running = await runLiveAgent({
      server: url,
      enrolToken: token,
      dataDir,
      holdbackMs: 0,
      batch: { maxDelayMs: 150 },
      backoff: { baseMs: 20, capMs: 200 },
      log: () => {},
      notify: false,
      browser: { enabled: false },
      frames: { enabled: false },
      live: { env: desktop.env, restartBackoff: { baseMs: 100, capMs: 400 } },
    });
    try {
      const live = running.live;
      await waitFor(() => live.status().lease.state === 'active', 15_000, 'a lease from the real server');
      await desktop.focus(notes);
      // capturing needs the hook running first: its start may take longer than the focus on a
      // loaded machine
      await waitFor(() => live.status().hook.state === 'running', 15_000, 'the hook');
      await waitFor(() => live.status().state === 'capturing', 5_000, 'capturing');

      const started = await markAgentTask(dataDir, 'start', 'Send the totals to jane.doe@example.org');
      expect(started.task?.label).toBe('Send the totals to [EMAIL]');
      await desktop.type('total 42\n');
      await desktop.clickIn(notes, 60, 40);
      await desktop.focus(sheet);
      await waitFor(() => live.status().app === 'StenoSheet', 5_000, 'the second window');
      await desktop.type('sum ok\n');
      await desktop.clickIn(sheet, 70, 50);
      await sleep(200);
      await markAgentTask(dataDir, 'end');
      await desktop.type('after\n');

      const typed = (events: StenoEvent[]) =>
        events.map((e) => (e.type === 'key' && e.dir === 'down' && e.char ? e.char : '')).join('');
      const events = await storedEventsWhen(ts.server, 'tia', (events) => typed(events).includes('after'), {
        limit: 1000,
        timeoutMs: 20_000,
        what: 'events at the server',
      });
      events.sort((a, b) => a.t - b.t);

      // stored once each, the label filtered on the device: no four characters of the address
      const tasks = events.filter((e) => e.type === 'task');
      expect(tasks.map((e) => (e.type === 'task' ? e.phase : null))).toEqual(['start', 'end']);
      expect(tasks[0]).toMatchObject({ label: 'Send the totals to [EMAIL]', taskId: started.task?.taskId });
      const stored = JSON.stringify(events);
      for (let i = 0; i + 4 <= 'jane.doe@example.org'.length; i++)
        expect(stored).not.toContain('jane.doe@example.org'.slice(i, i + 4));
      // live focus carries the screen size (Xvfb's 1280×800)
      expect(
        events.filter((e) => e.type === 'focus').every((e) => e.type === 'focus' && e.screen?.w === 1280),
      ).toBe(true);

      const episodes = buildEpisodes(events);
      const task = episodes.filter((e) => e.taskMarked);
      expect(task).toHaveLength(1);
      expect(task[0]).toMatchObject({
        task: 'Send the totals to [EMAIL]',
        taskStatus: 'completed',
        endReason: 'task_end',
        apps: ['StenoNotes', 'StenoSheet'],
      });
      const lines = task[0]?.steps.map((s) => toPyautogui(s.action)) ?? [];
      expect(lines).toEqual([
        "pyautogui.write('total 42')",
        "pyautogui.press('enter')",
        expect.stringMatching(/^pyautogui\.click\(x=\d+, y=\d+\)$/),
        "pyautogui.write('sum ok')",
        "pyautogui.press('enter')",
        expect.stringMatching(/^pyautogui\.click\(x=\d+, y=\d+\)$/),
      ]);
      expect(task[0]?.steps.every((s) => s.window.screen?.w === 1280 && s.window.screen.h === 800)).toBe(
        true,
      );
      // what came after the end is not part of the task
      const after = episodes
        .filter((e) => !e.taskMarked)
        .flatMap((e) => e.steps.map((s) => toPyautogui(s.action)));
      expect(after).toContain("pyautogui.write('after')");
    } finally {
      await running.stop();
    }
  });
});
