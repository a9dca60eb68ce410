/**
 * Issue 17 under Xvfb with the real browser: headful Debian Chromium with the Steno extension, the
 * live agent's desktop hook and browser source merged, real xdotool clicks on a page button. The
 * extension's element event (role, accessible name, box on the screen) reaches the agent in its
 * batch, the merged stream moves it after the desktop click, and the dataset builder joins it to
 * that click: the step's target is the button. The share of steps with a target is printed.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildEpisodes, toPyautogui } from '@steno/datasets';
import type { StenoEvent } from '@steno/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markAgentTask } from '../packages/agent/src/control-client.ts';
import { runLiveAgent } from '../packages/agent/src/live-agent.ts';
import { FakeStenoServer } from '../packages/agent/src/test-support/fake-steno-server.ts';
import { sleep, X11Desktop, x11Available } from '../packages/agent/src/test-support/x11-desktop.ts';
import { CHROMIUM, extensionCapturing, launchChromiumWithExtension } from './support/chromium-extension.ts';
import { removeDir, tempDir } from './support/test-stores.ts';

const run = (x11Available() && existsSync(CHROMIUM)) || Boolean(process.env.CI);

async function waitFor(
  cond: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Expenses</title></head>
<body style="margin:0;font:16px sans-serif">
<div id="pad" style="height:200px;background:#eee">calibration area</div>
<button id="submit" type="button" style="margin:40px;width:220px;height:60px">Submit expense</button>
<script>
  window.clicks = [];
  document.addEventListener('mousedown', (e) => window.clicks.push([e.screenX - e.clientX, e.screenY - e.clientY]));
</script></body></html>`;

describe.skipIf(!run)('a browser click joined to its element target, live (issue 17)', () => {
  let desktop: X11Desktop;
  let pages: Server;
  let dir: string;
  beforeAll(async () => {
    desktop = await X11Desktop.start();
    pages = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    await new Promise<void>((r) => pages.listen(0, '127.0.0.1', r));
    dir = tempDir('steno-browser-target-');
  });
  afterAll(async () => {
    await new Promise<void>((r) => pages?.close(() => r()));
    await desktop?.close();
    removeDir(dir);
  });

  it('the desktop click on a page button carries the button as its target', async () => {
    const server = await new FakeStenoServer().start();
    server.scope = {
      apps: [{ app: 'Chromium', level: 'full' }],
      sites: [{ origin: 'http://127.0.0.1:*', level: 'full' }],
    };
    const dataDir = join(dir, 'agent');
    const agent = await runLiveAgent({
      server: server.url,
      enrolToken: server.addToken('bea'),
      dataDir,
      holdbackMs: 0,
      batch: { maxDelayMs: 100 },
      backoff: { baseMs: 20, capMs: 200 },
      notify: false,
      log: () => {},
      frames: { enabled: false },
      live: { env: desktop.env, restartBackoff: { baseMs: 100, capMs: 400 } },
      browser: { stateWaitMs: 5_000 },
    });
    const context = await launchChromiumWithExtension({ dir, dataDir, env: desktop.env });
    try {
      await waitFor(() => agent.live.status().lease.state === 'active', 15_000, 'a lease');
      await waitFor(() => agent.live.status().hook.state === 'running', 15_000, 'the hook');
      await extensionCapturing(context, 15_000);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`http://127.0.0.1:${(pages.address() as AddressInfo).port}/`);
      const win = (await desktop.xdotool(['search', '--onlyvisible', '--class', 'Chromium']))
        .trim()
        .split('\n')[0];
      expect(win).toBeTruthy();
      await desktop.focus(win as string);
      await waitFor(() => agent.live.status().state === 'capturing', 10_000, 'capturing in Chromium');

      // calibrate: where the page's viewport is on the screen (a click on the grey pad)
      const geometry = await desktop.xdotool(['getwindowgeometry', win as string]);
      const at = /Position: (\d+),(\d+)/.exec(geometry);
      const size = /Geometry: (\d+)x(\d+)/.exec(geometry);
      const wx = Number(at?.[1] ?? 0);
      const wy = Number(at?.[2] ?? 0);
      const wh = Number(size?.[2] ?? 700);
      await desktop.xdotool([
        'mousemove',
        String(wx + 100),
        String(wy + Math.round(wh / 2) - 150),
        'click',
        '1',
      ]);
      await waitFor(
        async () =>
          (await page.evaluate(() => (window as unknown as { clicks: unknown[] }).clicks.length)) > 0,
        5_000,
        'the calibration click in the page',
      );
      const [ox, oy] = (await page.evaluate(
        () => (window as unknown as { clicks: [number, number][] }).clicks[0],
      )) as [number, number];
      const box = await page.evaluate(() => {
        const r = (document.getElementById('submit') as HTMLElement).getBoundingClientRect();
        return { x: r.left, y: r.top, w: r.width, h: r.height };
      });
      const bx = Math.round(ox + box.x + box.w / 2);
      const by = Math.round(oy + box.y + box.h / 2);

      await markAgentTask(dataDir, 'start', 'Submit the expense');
      await sleep(300);
      await desktop.xdotool(['mousemove', String(bx), String(by), 'click', '1']);
      await sleep(2_500); // the extension sends its batch within 2 s
      await markAgentTask(dataDir, 'end');

      await waitFor(
        () => server.events().some((e) => e.type === 'task' && e.phase === 'end'),
        20_000,
        'the task end at the server',
      );
      await waitFor(() => server.events().some((e) => e.type === 'element'), 10_000, 'the element event');
      const events: StenoEvent[] = server.events();
      const episodes = buildEpisodes(events);
      const task = episodes.find((e) => e.taskMarked);
      expect(task?.task).toBe('Submit the expense');
      const steps = task?.steps ?? [];
      const click = steps.find((s) => s.action.type === 'click' && s.action.x === bx && s.action.y === by);
      expect(click, JSON.stringify(steps.map((s) => toPyautogui(s.action)))).toBeDefined();
      expect(click?.target).toMatchObject({
        source: 'browser',
        role: 'button',
        name: 'Submit expense',
        tag: 'button',
      });
      const all = episodes.flatMap((e) => e.steps);
      const share = all.filter((s) => s.target).length / all.length;
      console.log(
        `browser e2e: ${all.length} steps, ${all.filter((s) => s.target).length} with an element target (${(share * 100).toFixed(0)} %): ` +
          all
            .map(
              (s) =>
                `${toPyautogui(s.action)}${s.target ? ` → ${s.target.role} “${s.target.name ?? ''}”` : ''}`,
            )
            .join('; '),
      );
    } finally {
      await context.close().catch(() => {});
      await agent.stop();
      await server.close();
    }
  }, 120_000);
});
