/**
 * Issue 17 end to end under Xvfb with a real AT-SPI application: a session D-Bus with the
 * accessibility bus (at-spi2-core), a GTK form (zenity) in scope and another GTK dialog out of
 * scope. The live agent (real hook, the accessibility reader on the real bus) captures a task in
 * which the contributor clicks into the form's entry, types, clicks into its password field, types,
 * and presses OK; the real server stores the element events (names filtered on the device and again
 * by the server's second wall), and the dataset builder joins them to the steps: the OK click's
 * target is the push button "OK", the list row's a table cell (its text, content, not kept), the typing's the text
 * entry, and the password field yields no element event at all — and what is typed there leaves as
 * one PASSWORD marker, not a key of it. The out-of-scope dialog's names never leave the device. The
 * share of steps with a target is printed. A second test posts an unfiltered desktop element to the
 * server: its second wall re-redacts the name and the path.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { buildEpisodes, toPyautogui } from '@steno/datasets';
import type { StenoEvent } from '@steno/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markAgentTask } from '../packages/agent/src/control-client.ts';
import { runLiveAgent } from '../packages/agent/src/live-agent.ts';
import {
  ATSPI_SKIP_MESSAGE,
  AtspiSession,
  atspiAvailable,
} from '../packages/agent/src/test-support/atspi-session.ts';
import {
  sleep,
  X11_SKIP_MESSAGE,
  X11Desktop,
  x11Available,
} from '../packages/agent/src/test-support/x11-desktop.ts';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import { createEnrolToken } from '../packages/server/src/ingest/device-enrolment.ts';
import { bearer, hasTaskEnd, storedEventsWhen } from './support/contributor-reads.ts';
import { consentFor, enrolTestDevice, post } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { removeDir, tempDir } from './support/test-stores.ts';
import { waitFor } from './support/wait-for.ts';
import { visibleWindow, windowGeometry } from './support/x11-windows.ts';

const run = (x11Available() && atspiAvailable()) || Boolean(process.env.CI);
if (!x11Available()) console.warn(X11_SKIP_MESSAGE);
else if (!atspiAvailable()) console.warn(ATSPI_SKIP_MESSAGE);

describe.skipIf(!run)('desktop element targets over AT-SPI, live (issue 17)', () => {
  let desktop: X11Desktop;
  let session: AtspiSession;
  let ts: TestServer;
  let url: string;
  let dir: string;
  beforeAll(async () => {
    desktop = await X11Desktop.start();
    session = await AtspiSession.start(desktop.env);
    ts = await startTestServer('pglite');
    url = await ts.server.app.listen({ host: '127.0.0.1', port: 0 });
    dir = tempDir('steno-desktop-target-');
  });
  afterAll(async () => {
    await session?.close();
    await desktop?.close();
    await ts?.close();
    removeDir(dir);
  });

  it('clicks and typing in a GTK form carry their elements; the password field and the out-of-scope dialog yield none', async () => {
    // out of scope: a GTK dialog of another application class, with names that must not leave
    const outside: ChildProcess = session.zenity([
      '--class=PrivateNotes',
      '--info',
      '--title=Private notes',
      '--text=Diagnosis for patient Ahlberg',
      '--ok-label=Acknowledge Ahlberg',
    ]);
    const privateWin = await visibleWindow(desktop, '--name', '^Private notes$');
    session.zenity([
      '--forms',
      '--title=Expense claim',
      '--text=Expense',
      '--add-entry=Description',
      '--add-password=Password',
      '--ok-label=OK',
    ]);
    const form = await visibleWindow(desktop, '--name', '^Expense claim$');
    session.zenity([
      '--list',
      '--title=Receipts',
      '--text=Category',
      '--column=Category',
      'Meals',
      'Travel',
      'Hotel',
    ]);
    const receipts = await visibleWindow(desktop, '--name', '^Receipts$');
    const classes = await desktop.xdotool(['search', '--onlyvisible', '--class', '^Zenity$']);
    expect(classes.trim().split('\n')).toContain(form);

    const po = await issueApiToken(
      ts.server.db,
      { principal: 'person:pat', role: 'privacy_officer', scopes: ['program:admin'], ttlMs: 600_000 },
      Date.now(),
    );
    const as = bearer(ts.server);
    const scope = { apps: [{ app: 'Zenity', level: 'full' }], sites: [] };
    expect((await as(po.token, 'PUT', '/v1/program/scope', scope)).statusCode).toBe(200);
    const { token } = await createEnrolToken(ts.server.enrolment, 'ada', 'test');
    await consentFor(ts.server, 'ada');
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
      live: { env: session.env, restartBackoff: { baseMs: 100, capMs: 400 } },
    });
    try {
      const live = running.live;
      await waitFor(() => live.status().lease.state === 'active', 15_000, 'a lease from the real server');
      await desktop.focus(form);
      // capturing needs the hook running first: its start may take longer than the focus on a
      // loaded machine
      await waitFor(() => live.status().hook.state === 'running', 15_000, 'the hook');
      await waitFor(() => live.status().state === 'capturing', 5_000, 'capturing');

      await markAgentTask(dataDir, 'start', 'File the lunch expense');
      // Where things are in GTK's default layout of these dialogs (fractions of the window; the
      // targets asserted below check that the clicks landed there): the form's entry and password
      // field at 1/3 and 11/20 of its height right of their labels, OK at the bottom right, the
      // list's first row a little over a third down.
      const g = await windowGeometry(desktop, form);
      await desktop.clickIn(form, Math.round(g.w * 0.7), Math.round(g.h * 0.33));
      await sleep(300);
      await desktop.type('Lunch with the auditors');
      await sleep(1_300);
      await desktop.clickIn(form, Math.round(g.w * 0.7), Math.round(g.h * 0.55));
      await sleep(300);
      await desktop.type('Pw-9fX2qL7vRt');
      await sleep(1_300);

      // the out-of-scope dialog: focused and clicked, nothing of it may leave
      await desktop.focus(privateWin);
      await waitFor(() => live.status().state === 'out_of_scope', 5_000, 'out of scope');
      const pg = await windowGeometry(desktop, privateWin);
      await desktop.clickIn(privateWin, Math.round(pg.w / 2), Math.round(pg.h / 2));
      await sleep(400);
      outside.kill();
      await desktop.focus(receipts);
      await waitFor(() => live.status().state === 'capturing', 5_000, 'capturing again');
      const rg = await windowGeometry(desktop, receipts);
      await desktop.clickIn(receipts, Math.round(rg.w * 0.3), Math.round(rg.h * 0.37));
      await sleep(400);
      await desktop.focus(form);

      // OK, held down as a person does; the form closes on the release and the focus falls back
      // to the list, in scope (a release followed by a focus change within the agent's focus-race
      // guard takes the new window's level: to an out-of-scope window, the release would be cut)
      await desktop.xdotool(['mousemove', '--window', form, String(g.w - 60), String(g.h - 30)]);
      await desktop.xdotool(['mousedown', '1']);
      await sleep(400);
      await desktop.xdotool(['mouseup', '1']);
      await sleep(600);
      await markAgentTask(dataDir, 'end');

      const events = await storedEventsWhen(ts.server, 'ada', hasTaskEnd, {
        limit: 1000,
        timeoutMs: 20_000,
        what: 'events at the server',
      });
      events.sort((a, b) => a.t - b.t);
      const stored = JSON.stringify(events);
      // the out-of-scope dialog: not its title, text, button or class
      expect(stored).not.toMatch(/Ahlberg|Private|Diagnosis|Acknowledge/);
      const elements = events.filter((e) => e.type === 'element');
      expect(elements.every((e) => e.type === 'element' && e.source === 'desktop')).toBe(true);
      // no element event is a password field, and none names or contains one
      expect(stored).not.toMatch(/password text/);
      // what was typed into the password field: one PASSWORD marker, nothing of the characters
      const password = 'Pw-9fX2qL7vRt';
      for (let i = 0; i + 4 <= password.length; i++) expect(stored).not.toContain(password.slice(i, i + 4));
      // ...and not a key of that run either, not even a release (a release names its key)
      const presses = events.filter((e) => e.type === 'button' && e.dir === 'down');
      const inPassword = events.filter(
        (e) => e.type === 'key' && e.t > (presses[1]?.t ?? 0) && e.t < (presses[2]?.t ?? 0),
      );
      expect(inPassword).toEqual([]);
      expect(events.filter((e) => e.type === 'redaction')).toEqual([
        expect.objectContaining({ type: 'redaction', entity: 'PASSWORD' }),
      ]);
      for (const e of elements)
        if (e.type === 'element') {
          expect(e.selector).toMatch(/^dialog "(Expense claim|Receipts)" > /);
          expect(e.states?.length).toBeGreaterThan(0);
        }
      expect(live.status().elementTargets).toBe(elements.length);

      const episodes = buildEpisodes(events);
      const task = episodes.filter((e) => e.taskMarked);
      expect(task).toHaveLength(1);
      const steps = task[0]?.steps ?? [];
      const lines = steps.map((s) => toPyautogui(s.action));
      const describe = steps.map(
        (s) =>
          `${toPyautogui(s.action)}${s.target ? ` → ${s.target.role}${s.target.name ? ` “${s.target.name}”` : ''} [${s.target.selector}]` : ''}`,
      );
      const trace = events
        .filter((e) => e.type !== 'key' && e.type !== 'path')
        .map((e) => `${e.t % 100_000} ${e.type} ${JSON.stringify(e).slice(0, 140)}`);
      expect(lines, `${describe.join('\n')}\n${trace.join('\n')}`).toEqual([
        expect.stringMatching(/^pyautogui\.click\(x=\d+, y=\d+\)$/),
        "pyautogui.write('Lunch with the auditors')",
        expect.stringMatching(/^pyautogui\.click\(x=\d+, y=\d+\)$/),
        expect.stringMatching(/^pyautogui\.write\(/),
        expect.stringMatching(/^pyautogui\.click\(x=\d+, y=\d+\)$/),
        expect.stringMatching(/^pyautogui\.click\(x=\d+, y=\d+\)$/),
      ]);
      const [clickEntry, typed, clickPassword, typedPassword, clickRow, clickOk] = steps;
      // the entry: a text field, clicked and typed into (the zenity form's entries carry no name)
      expect(clickEntry?.target).toMatchObject({ source: 'desktop', role: 'text' });
      expect(typed?.target).toMatchObject({ source: 'desktop', role: 'text' });
      expect(typed?.target?.states).toContain('focused');
      expect(typed?.target?.box).toEqual(clickEntry?.target?.box);
      // the password field: nothing, neither for the click nor for the typing
      expect(clickPassword?.target).toBeUndefined();
      expect(typedPassword?.target).toBeUndefined();
      // the list's row: a table cell, whose text is content and is not kept (as the browser
      // extension keeps no cell content)
      expect(clickRow?.target, JSON.stringify([clickRow?.action, clickRow?.target])).toMatchObject({
        source: 'desktop',
        role: 'table cell',
        name: undefined,
      });
      expect(clickRow?.target?.selector).toMatch(/^dialog "Receipts" > .*table > table cell$/);
      expect(stored).not.toMatch(/Meals|Travel|Hotel/);
      // OK: the push button by its name, with the click inside its box
      expect(clickOk?.target).toMatchObject({ source: 'desktop', role: 'push button', name: 'OK' });
      const box = clickOk?.target?.box;
      const a = clickOk?.action;
      if (!box || !a || !('x' in a)) throw new Error('no box');
      expect(a.x).toBeGreaterThanOrEqual(box.x);
      expect(a.x).toBeLessThanOrEqual(box.x + box.w);
      expect(clickOk?.target?.selector).toMatch(/^dialog "Expense claim" > .*push button "OK"$/);

      const withTarget = steps.filter((s) => s.target).length;
      console.log(
        `desktop e2e: ${steps.length} steps, ${withTarget} with an element target (${((withTarget / steps.length) * 100).toFixed(0)} %):\n  ${describe.join('\n  ')}`,
      );
    } finally {
      await running.stop();
    }
  });
});

describe("desktop element events at the server's second wall (issue 17)", () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('a device that let a name or a path through unfiltered has them re-redacted before storage', async () => {
    const dev = await enrolTestDevice(ts.server, 'desk');
    const t = Date.now() - 5_000;
    const res = await post(
      ts.server.app,
      '/v1/batches',
      dev.batch([
        { type: 'focus', t, app: 'Zenity', title: 'Mail' },
        {
          type: 'element',
          t: t + 1,
          source: 'desktop',
          action: 'click',
          role: 'push button',
          name: 'Send to jane.doe@example.org',
          selector: 'dialog "Mail jane.doe@example.org" > push button "Send to jane.doe@example.org"',
          states: ['enabled', 'sensitive'],
          screen: { x: 10, y: 20, w: 80, h: 30 },
          x: 40,
          y: 30,
          mods: [],
        },
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    const read = await ts.server.app.inject({
      method: 'GET',
      url: '/v1/me/events',
      headers: { authorization: `Bearer ${await dev.personalToken()}` },
    });
    expect(read.body).not.toContain('jane.doe');
    const element = (read.json() as { events: { event: StenoEvent }[] }).events
      .map((e) => e.event)
      .find((e) => e.type === 'element');
    expect(element).toMatchObject({
      source: 'desktop',
      name: 'Send to [EMAIL]',
      selector: 'dialog "Mail [EMAIL]" > push button "Send to [EMAIL]"',
      states: ['enabled', 'sensitive'],
    });
  });
});
