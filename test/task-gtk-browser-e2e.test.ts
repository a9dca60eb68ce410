/**
 * Issue 17's end-to-end test, all parts at once under Xvfb: one live agent (the real hook, the
 * accessibility reader on a real AT-SPI bus, the browser extension's native messaging source, the
 * X11 frame pipeline) against a real server. The scope puts a GTK form (zenity) at `full` with
 * frames, and the browser: its test site at `full` (typed text, from the extension) and Chromium's
 * desktop rule at `actions` (clicks, scrolls; as the extension's README asks), both with frames; an
 * xterm of another class is out of scope and stays visible beside them. The contributor starts a task whose text holds an e-mail address,
 * clicks and types into the GTK form and presses OK, then clicks and types into a page in
 * Chromium, presses its button and scrolls, and ends the task. The dataset is built by the
 * server's dataset route (a second, synthetic contributor makes k = 2) and read back from its
 * standard exports: one trajectory with the redacted task text; the GTK clicks' targets (the entry,
 * the push button "OK") and the page clicks' (the text field, the button "Submit expense") with
 * role and name; a before-frame on every action step the agent takes frames for (all but the
 * page's typing), and in every frame Debian's `tesseract` finds nothing of the out-of-scope window
 * and nothing typed that the filter redacted; every pyautogui line parses with Python's `ast`, the
 * scroll in wheel clicks. The share of steps with a target is printed. The contributor works at a
 * pace the frame pipeline keeps up with on a loaded machine, and waits for the extension to deliver
 * the page's typing before clicking (a known limit, see packages/agent/README.md).
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { StenoEvent } from '@steno/protocol';
import { parquetReadObjects } from 'hyparquet';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccessibility } from '../packages/agent/src/capture/accessibility.ts';
import { markAgentTask } from '../packages/agent/src/control-client.ts';
import { type LiveAgent, runLiveAgent } from '../packages/agent/src/live-agent.ts';
import { AtspiSession, atspiAvailable } from '../packages/agent/src/test-support/atspi-session.ts';
import { X11Desktop, x11Available } from '../packages/agent/src/test-support/x11-desktop.ts';
import { leakedRuns, readAgain } from '../packages/frames/src/test-support/second-reader.ts';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import { createEnrolToken } from '../packages/server/src/ingest/device-enrolment.ts';
import { CHROMIUM, extensionCapturing, launchChromiumWithExtension } from './support/chromium-extension.ts';
import { bearer, hasTaskEnd, storedEventsWhen } from './support/contributor-reads.ts';
import { consentFor, enrolTestDevice, post } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { removeDir, tempDir } from './support/test-stores.ts';
import { waitFor } from './support/wait-for.ts';
import { visibleWindow, windowGeometry } from './support/x11-windows.ts';

const tesseract = spawnSync('sh', ['-c', 'command -v tesseract && command -v python3']).status === 0;
const run =
  (x11Available() && atspiAvailable() && existsSync(CHROMIUM) && tesseract) || Boolean(process.env.CI);
if (!run)
  console.warn(
    'GTK + browser e2e skipped: needs Xvfb, openbox, xdotool, xterm, at-spi2-core, zenity, /usr/bin/chromium, tesseract and python3; in CI it runs.',
  );

const TASK = 'File the lunch expense for jane.doe@example.org';
const TASK_REDACTED = 'File the lunch expense for [EMAIL]';
/**
 * Typed into the GTK form's entry and into the page's field: the filter makes each an [EMAIL]. The
 * GTK one is longer than the entry is wide: a typing start's frame is taken once the accessibility
 * read lets the run through, so it shows the text typed after its first key, and the entry shows
 * only the address's tail ("xample.com", which alone is no address). Its frame must wait for the
 * filter to decide the whole run and black the tail out as part of a known secret (a defect this
 * test found under load: the frame had fetched its known secrets as soon as "Lunch " was decided;
 * whether it shows here depends on timing, agent-frames.test.ts pins it deterministically).
 */
const TYPED_GTK = 'bob.smith@corp.example.com';
const TYPED_PAGE = 'carol.white@example.net';
/** The out-of-scope window's text: none of it may be readable in any frame. */
const PRIVATE_LINES = ['Ahlberg', 'diagnosis', 'private words'];
const PRIVATE = /ahlberg|diagnos|private|words/i;

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Expenses</title></head>
<body style="margin:0;font:28px sans-serif;background:#fff;color:#000">
<div id="pad" style="height:90px;padding:10px 20px;font-size:40px">Expense report</div>
<p style="margin:10px 20px">Travel and hotel claims</p>
<label style="display:block;margin:20px">Note <input id="note" type="text" aria-label="Note"
  style="font:28px sans-serif;width:640px"></label>
<button id="submit" type="button" style="margin:20px;width:320px;height:70px;font:28px sans-serif">Submit expense</button>
<div style="height:2400px"></div>
<script>
  window.clicks = [];
  document.addEventListener('mousedown', (e) => window.clicks.push([e.screenX - e.clientX, e.screenY - e.clientY]));
</script></body></html>`;

/** Whether Python's parser takes `code` (exit 0 of `ast.parse` over stdin). */
function pythonParses(code: string): { ok: boolean; stderr: string } {
  const r = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], {
    input: code,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { ok: r.status === 0, stderr: r.stderr };
}

interface TrajectoryStep {
  index: number;
  image: string | null;
  app: string | null;
  action: string;
  code: string;
  target: { source: string; role: string; name: string | null; bbox: number[] } | null;
  reasoning: string;
}
interface Trajectory {
  task_id: string;
  instruction: string | null;
  task_completed: boolean | null;
  apps: string[];
  steps: TrajectoryStep[];
}

describe.skipIf(!run)('a task across a GTK form and a browser page, live, to the dataset (issue 17)', () => {
  let desktop: X11Desktop;
  let session: AtspiSession;
  let ts: TestServer;
  let url: string;
  let pages: Server;
  let dir: string;
  beforeAll(async () => {
    desktop = await X11Desktop.start();
    session = await AtspiSession.start(desktop.env);
    // GTK's font large enough that what the form shows survives the frames' half scale for the
    // independent reader (so "nothing readable" is not just "too small to read")
    dir = tempDir('steno-task-gtk-browser-');
    mkdirSync(join(dir, 'config', 'gtk-3.0'), { recursive: true });
    writeFileSync(join(dir, 'config', 'gtk-3.0', 'settings.ini'), '[Settings]\ngtk-font-name = Sans 18\n');
    Object.assign(session.env, { XDG_CONFIG_HOME: join(dir, 'config') });
    ts = await startTestServer('pglite');
    url = await ts.server.app.listen({ host: '127.0.0.1', port: 0 });
    pages = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    await new Promise<void>((r) => pages.listen(0, '127.0.0.1', r));
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((r) => (pages ? pages.close(() => r()) : r()));
    await session?.close();
    await desktop?.close();
    await ts?.close();
    removeDir(dir);
  });

  it('one episode with the redacted task, GTK and page targets, clean before-frames, parseable pyautogui', async () => {
    const origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    const po = await issueApiToken(
      ts.server.db,
      { principal: 'person:pat', role: 'privacy_officer', scopes: ['program:admin'], ttlMs: 600_000 },
      Date.now(),
    );
    const as = bearer(ts.server);
    const scope = {
      apps: [
        { app: 'Zenity', level: 'full', frames: true },
        // the browser's desktop rule at `actions` (clicks, scrolls, shortcuts; frames) and its site
        // at `full`: typed text in the page comes from the extension alone, as its README asks
        // (at `full` both streams would record the same keystrokes)
        { app: 'Chromium', level: 'actions', frames: true },
      ],
      sites: [{ origin: 'http://127.0.0.1:*', level: 'full', frames: true }],
    };
    expect((await as(po.token, 'PUT', '/v1/program/scope', scope)).statusCode).toBe(200);
    const since = Date.now() - 60_000;

    // out of scope, visible right of the browser the whole time: nothing of it may leave
    await desktop.openText({
      wmClass: 'StenoPrivate',
      title: 'private chat',
      lines: PRIVATE_LINES,
      geometry: '14x4+1010+120',
      font: 'Monospace',
      fontSize: 20,
    });

    const { token } = await createEnrolToken(ts.server.enrolment, 'tia', 'test');
    await consentFor(ts.server, 'tia');
    const dataDir = join(dir, 'agent');
    const wire: unknown[] = [];
    const logs: string[] = [];
    // The agent's own AT-SPI reader, with a longer read timeout than its default 1.5 s: on this
    // shared 2-core machine under load a GTK read took 1-1.5 s and the push button's timed out
    // (the target is then simply missing; nothing waits for it but the typing start it holds).
    const a11y = startAccessibility({ env: session.env, timeoutMs: 6_000 });
    const running: LiveAgent = await runLiveAgent({
      server: url,
      enrolToken: token,
      dataDir,
      holdbackMs: 0,
      batch: { maxDelayMs: 150 },
      backoff: { baseMs: 20, capMs: 200 },
      log: (level, msg, f) => logs.push(`${level} ${msg} ${JSON.stringify(f ?? {})}`),
      notify: false,
      browser: { stateWaitMs: 5_000, onWire: (body) => wire.push(body) },
      frames: { minIntervalMs: 200 },
      live: { env: session.env, restartBackoff: { baseMs: 100, capMs: 400 }, accessibility: a11y },
    });
    let context: BrowserContext | undefined;
    try {
      const live = running.live;
      await waitFor(() => live.status().lease.state === 'active', 15_000, 'a lease from the real server');
      await waitFor(() => live.status().hook.state === 'running', 15_000, 'the hook');

      // Chromium with the extension, its native host registered for this agent
      context = await launchChromiumWithExtension({ dir, dataDir, env: session.env });
      await extensionCapturing(context, 20_000);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${origin}/`);
      const browserWin = await visibleWindow(desktop, '--class', 'Chromium');
      await desktop.focus(browserWin);
      await waitFor(() => live.status().state === 'capturing', 10_000, 'capturing in Chromium');

      // where the page's viewport is on the screen: a click on the page's empty lower part (the
      // toolbar and an info bar are above it), before the task
      const bw = await windowGeometry(desktop, browserWin);
      await desktop.xdotool(['mousemove', String(bw.x + 600), String(bw.y + bw.h - 60), 'click', '1']);
      await waitFor(
        async () =>
          (await page.evaluate(() => (window as unknown as { clicks: unknown[] }).clicks.length)) > 0,
        10_000,
        'the calibration click in the page',
      );
      const [ox, oy] = (await page.evaluate(
        () => (window as unknown as { clicks: [number, number][] }).clicks[0],
      )) as [number, number];
      const centre = async (id: string) => {
        const r = await page.evaluate((el) => {
          const b = (document.getElementById(el) as HTMLElement).getBoundingClientRect();
          return { x: b.left, y: b.top, w: b.width, h: b.height };
        }, id);
        return { x: Math.round(ox + r.x + r.w / 2), y: Math.round(oy + r.y + r.h / 2) };
      };
      const note = await centre('note');
      const submit = await centre('submit');

      // the GTK form, over the browser, clear of the out-of-scope window
      const form: ChildProcess = session.zenity([
        '--forms',
        '--title=Expense claim',
        '--text=Expense',
        '--add-entry=Description',
        '--ok-label=OK',
      ]);
      const formWin = await visibleWindow(desktop, '--name', '^Expense claim$');
      await desktop.xdotool(['windowmove', '--sync', formWin, '180', '160']).catch(() => '');
      await desktop.focus(formWin);
      await waitFor(() => live.status().app === 'Zenity', 10_000, 'the form in focus');
      const g = await windowGeometry(desktop, formWin);

      // Frames are best effort by design (one recogniser, a queue of three that drops its oldest
      // when full, a minimum interval): the contributor works at a pace the pipeline keeps up with
      // on this loaded machine, each action's frame made (or dropped) before the next action.
      const framesResolved = (): number => {
        const f = running.agent.status().frames;
        return f.state === 'on' ? f.taken + Object.values(f.dropped).reduce((a, b) => a + b, 0) : -1;
      };
      const act = async (what: string, action: () => Promise<unknown>): Promise<void> => {
        const before = framesResolved();
        await action();
        await waitFor(
          () => {
            const f = running.agent.status().frames;
            return f.state === 'on' && f.pending === 0 && framesResolved() > before;
          },
          60_000,
          `the frame of ${what}`,
        );
      };

      const started = await markAgentTask(dataDir, 'start', TASK);
      expect(started.task?.label).toBe(TASK_REDACTED);

      // GTK: click into the entry, type, press OK (held as a person does; the form closes on the
      // release and the focus falls back to Chromium, in scope)
      await act('the entry click', () => desktop.clickIn(formWin, 250, Math.round(g.h * 0.45)));
      await waitFor(() => live.status().elementTargets >= 1, 15_000, 'the entry read over AT-SPI');
      // (the typing start's frame waits for the filter to decide the run: a word's end and 2 s)
      await act('the typing start', () => desktop.type(`Lunch ${TYPED_GTK} `));
      await waitFor(() => live.status().elementTargets >= 2, 15_000, 'the typing start read over AT-SPI');
      await desktop.xdotool(['mousemove', '--window', formWin, String(g.w - 60), String(g.h - 30)]);
      await act('the OK press', () => desktop.xdotool(['mousedown', '1']));
      await waitFor(() => live.status().elementTargets >= 3, 15_000, 'the OK button read over AT-SPI');
      await act('the focus back to Chromium', () => desktop.xdotool(['mouseup', '1']));
      await waitFor(() => form.exitCode !== null, 10_000, 'the form closed by OK');

      // the page: click into the field, type, press the button, scroll three notches
      await desktop.focus(browserWin);
      await waitFor(() => live.status().app === 'Chromium', 10_000, 'Chromium in focus again');
      await act('the field click', () =>
        desktop.xdotool(['mousemove', String(note.x), String(note.y), 'click', '1']),
      );
      await waitFor(
        async () => (await page.evaluate(() => document.activeElement?.id)) === 'note',
        10_000,
        'the field focused',
      );
      await desktop.type(`Taxi ${TYPED_PAGE} `);
      await waitFor(
        async () =>
          (
            (await page.evaluate(() => (document.getElementById('note') as HTMLInputElement).value)) as string
          ).endsWith(' '),
        10_000,
        'the text in the field',
      );
      // The extension sends what the page's filter decided at most 2 s late, and the agent's merged
      // stream moves a late event up to the last time it emitted: typing that reaches the agent
      // after the next desktop click lands after that click in the trajectory. The contributor
      // here waits until the typed text (its address a marker) has reached the agent.
      const fromPage = () =>
        wire.flatMap((b) => ((b as { items?: { event: StenoEvent }[] }).items ?? []).map((i) => i.event));
      await waitFor(
        () => {
          const ev = fromPage();
          const at = ev.findIndex((e) => e.type === 'redaction' && e.entity === 'EMAIL');
          return at >= 0 && ev.slice(at).some((e) => e.type === 'key' && e.dir === 'down' && e.char === ' ');
        },
        15_000,
        'the typed text from the extension',
      );
      await act('the button click', () =>
        desktop.xdotool(['mousemove', String(submit.x), String(submit.y), 'click', '1']),
      );
      await waitFor(
        () => JSON.stringify(wire).includes('Submit expense'),
        15_000,
        "the button's element event from the extension",
      );
      await act('the scroll', () => desktop.xdotool(['click', '--repeat', '3', '--delay', '60', '5']));
      await waitFor(async () => (await page.evaluate(() => window.scrollY)) > 0, 10_000, 'the page scrolled');
      await markAgentTask(dataDir, 'end');

      const events = await storedEventsWhen(ts.server, 'tia', hasTaskEnd, {
        limit: 5000,
        timeoutMs: 60_000,
        what: 'the task end at the server',
      });
      const framesStatus = JSON.stringify(running.agent.status().frames);

      // k = 2: a second contributor, synthetic, in the same applications and site (one click each)
      const peer = await enrolTestDevice(ts.server, 'pia', { permitted: false });
      await consentFor(ts.server, 'pia');
      const leased = await ts.server.app.inject({
        method: 'POST',
        url: '/v1/device/lease',
        payload: peer.deviceRequest('lease'),
      });
      expect(leased.statusCode, leased.body).toBe(200);
      const lease = leased.json().lease as { leaseId: string; issuedAt: number };
      peer.leaseId = lease.leaseId;
      const apps = [...new Set(events.flatMap((e) => (e.type === 'focus' ? [e.app] : [])))].sort((a, b) =>
        a.startsWith('http') === b.startsWith('http') ? 0 : a.startsWith('http') ? -1 : 1,
      );
      let t = lease.issuedAt + 1;
      const peerEvents: StenoEvent[] = apps.flatMap((app) => [
        { type: 'focus', t: t++, app, screen: { w: 1280, h: 800 } },
        { type: 'button', t: t++, dir: 'down', button: 'left', x: 300, y: 300, mods: [] },
        { type: 'button', t: t++, dir: 'up', button: 'left', x: 300, y: 300, mods: [] },
      ]);
      const posted = await post(ts.server.app, '/v1/batches', peer.batch(peerEvents));
      expect(posted.statusCode, posted.body).toBe(200);

      // the dataset, through the server's route, and its standard exports
      const ml = await issueApiToken(
        ts.server.db,
        {
          principal: 'person:mia',
          role: 'ml_engineer',
          scopes: ['datasets:build', 'datasets:read'],
          ttlMs: 600_000,
        },
        Date.now(),
      );
      const spec = [
        'name: gtk-browser',
        'purpose: model_training',
        `timeRange: { from: "${new Date(since).toISOString()}", to: "${new Date(Date.now() + 60_000).toISOString()}" }`,
        'k: 2',
        'taskLabels: redact',
      ].join('\n');
      const build = await as(ml.token, 'POST', '/v1/datasets', { spec });
      expect(build.statusCode, build.body).toBe(202);
      const id = (build.json() as { id: string }).id;
      await ts.server.datasets.idle();
      const detail = (await as(ml.token, 'GET', `/v1/datasets/${id}`)).json() as {
        status: string;
        error: string | null;
      };
      expect(detail.status, detail.error ?? '').toBe('ready');
      const file = async (name: string): Promise<Buffer> => {
        const res = await as(ml.token, 'GET', `/v1/datasets/${id}/files/${name}`);
        expect(res.statusCode, `${name}: ${res.body.slice(0, 200)}`).toBe(200);
        return res.rawPayload;
      };
      const jsonl = (await file('trajectories.jsonl')).toString('utf8');
      const hub = await file('train-00000-of-00001.parquet');
      const trajectories = jsonl
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Trajectory);

      const rows = (await parquetReadObjects({
        file: hub.buffer.slice(hub.byteOffset, hub.byteOffset + hub.byteLength) as ArrayBuffer,
        utf8: false,
      })) as {
        episode_id: Uint8Array | string;
        image: { bytes: Uint8Array; path: Uint8Array | string } | null;
      }[];
      // nothing typed that the filter redacted, nor the task's address: no four characters of them
      // in any text the exports carry (instructions, pyautogui lines, targets, the hub's columns)
      const texts = [
        ...trajectories.flatMap((tr) => [
          tr.instruction ?? '',
          ...tr.steps.flatMap((st) => [st.code, JSON.stringify(st.action), JSON.stringify(st.target)]),
        ]),
        ...rows.flatMap(({ image: _image, ...r }) =>
          Object.values(r).map((v) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v))),
        ),
      ].join('\n');
      for (const secret of ['jane.doe@example.org', TYPED_GTK, TYPED_PAGE])
        for (let i = 0; i + 4 <= secret.length; i++)
          expect(texts, secret).not.toContain(secret.slice(i, i + 4));

      // exactly one trajectory is a task, with the task text redacted, across both applications
      const tasks = trajectories.filter((tr) => tr.instruction !== null);
      expect(tasks.map((tr) => tr.instruction)).toEqual([TASK_REDACTED]);
      const task = tasks[0] as Trajectory;
      expect(task.task_completed).toBe(true);
      expect(task.apps).toEqual(expect.arrayContaining(['Zenity', 'Chromium']));
      const steps = task.steps;
      const describeSteps = steps
        .map(
          (s) =>
            `${s.index} ${s.app} ${s.code}${s.image ? ` [${s.image}]` : ''}${s.target ? ` → ${s.target.source} ${s.target.role} “${s.target.name ?? ''}”` : ''}`,
        )
        .join('\n  ');
      const context2 = `steps:\n  ${describeSteps}\nframes: ${framesStatus}\nagent log (tail):\n${logs.slice(-15).join('\n')}`;

      // the actions, in order: GTK click, typing, OK; page click, typing, button, scroll
      const gtk = steps.filter((s) => s.app === 'Zenity');
      const web = steps.filter((s) => s.app !== 'Zenity');
      expect(
        gtk.map((s) => s.action),
        context2,
      ).toEqual(['click', 'type', 'click']);
      expect(
        web.map((s) => s.action),
        context2,
      ).toEqual(['click', 'type', 'click', 'scroll']);
      const [gtkEntry, gtkTyped, gtkOk] = gtk;
      const [webField, webTyped, webButton, webScroll] = web;
      expect(gtkTyped?.code).toBe("pyautogui.write('Lunch [EMAIL] ')");
      expect(webTyped?.code).toBe("pyautogui.write('Taxi [EMAIL] ')");
      expect(webScroll?.code, context2).toMatch(/^pyautogui\.scroll\(-3, x=\d+, y=\d+\)$/);

      // element targets with role and name: GTK over AT-SPI, the page from the extension
      expect(gtkEntry?.target, context2).toMatchObject({ source: 'desktop', role: 'text' });
      expect(gtkOk?.target, context2).toMatchObject({ source: 'desktop', role: 'push button', name: 'OK' });
      expect(webField?.target, context2).toMatchObject({ source: 'browser', role: 'textbox', name: 'Note' });
      expect(webButton?.target, context2).toMatchObject({
        source: 'browser',
        role: 'button',
        name: 'Submit expense',
      });
      expect(webButton?.code).toBe(`pyautogui.click(x=${submit.x}, y=${submit.y})`);

      // every pyautogui line of the dataset parses as Python
      for (const tr of trajectories)
        for (const s of tr.steps) expect(pythonParses(s.code), s.code).toMatchObject({ ok: true });

      // a before-frame on every action of the task that the agent takes frames for: not the page's
      // typing, which comes from the extension (frames are taken for desktop input only; see
      // packages/agent/README.md, Frames)
      for (const s of [gtkEntry, gtkTyped, gtkOk, webField, webButton, webScroll])
        expect(s?.image, `${s?.code}\n${context2}`).toEqual(expect.stringMatching(/\.webp$/));
      // every screenshot in the hub Parquet read again by tesseract: nothing of the out-of-scope
      // window, nothing typed that was redacted; the in-scope text is read
      const str = (v: Uint8Array | string) => (typeof v === 'string' ? v : new TextDecoder().decode(v));
      const images = new Map(
        rows.flatMap((r) => (r.image ? [[str(r.image.path), r.image.bytes] as const] : [])),
      );
      for (const s of steps) if (s.image !== null) expect(images.has(s.image), s.image).toBe(true);
      let readable = '';
      for (const [path, bytes] of images) {
        const again = await readAgain(bytes);
        readable += `\n${again.text}`;
        expect(again.text, `${path}: ${again.reader}`).not.toMatch(PRIVATE);
        for (const secret of [TYPED_GTK, TYPED_PAGE, 'jane.doe@example.org'])
          expect(leakedRuns(again.text, secret), `${path}: ${again.text}`).toEqual([]);
      }
      // the reader does read the frames: the page's and the form's ordinary text is there
      expect(readable, readable).toMatch(/Expense report|Travel|hotel/i);
      expect(readable, readable).toMatch(/Description/i);

      const withTarget = steps.filter((s) => s.target).length;
      console.log(
        `GTK + browser e2e: ${steps.length} steps, ${withTarget} with an element target (${((withTarget / steps.length) * 100).toFixed(0)} %):\n  ${describeSteps}`,
      );
    } finally {
      await context?.close().catch(() => {});
      await running.stop();
      a11y.close();
    }
  }, 300_000);
});
