/**
 * Regenerates docs/screenshots/*.png: starts a Steno server with seeded demo data (contributors'
 * captured actions with redactions, two weeks of program volume, a consent notice, a capture
 * scope, regions, a break-glass request, incidents, a built dataset), signs in as each role
 * through invitation links in Debian's Chromium, and captures the main pages.
 *
 *   node --conditions=development --import tsx scripts/screenshots.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StenoEvent } from '@steno/protocol';
import { type Browser, chromium, type Page } from 'playwright-core';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { createEnrolToken } from '../packages/server/src/ingest/device-enrolment.ts';
import { createStenoServer } from '../packages/server/src/steno-server.ts';
import {
  consentFor,
  enrolTestDevice,
  post,
  redateFixturePermissions,
  type TestDevice,
} from '../test/support/test-device.ts';
import { fixtureFrame } from './screenshot-frame.ts';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const PASSWORD = 'tidal marble lantern quietly 42';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A morning of plausible work for the demo contributor, with an e-mail address redacted on the device. */
function demoEvents(t0: number): StenoEvent[] {
  const events: StenoEvent[] = [];
  let t = t0;
  /** Moves the clock on by `dt` ms and returns the new time. */
  const at = (dt: number) => {
    t += dt;
    return t;
  };
  const type = (s: string) => {
    for (const ch of s) events.push({ type: 'key', t: at(90), dir: 'down', key: ch, char: ch, mods: [] });
  };
  const click = (x: number, y: number) => {
    events.push({ type: 'button', t: at(400), dir: 'down', button: 'left', x, y, mods: [] });
    events.push({ type: 'button', t: at(80), dir: 'up', button: 'left', x, y, mods: [] });
  };
  /** The element a click hit, as the accessibility reader on the device reports it (issue 17). */
  const target = (role: string, name: string, x: number, y: number, w: number, h: number) =>
    events.push({
      type: 'element',
      t: at(30),
      source: 'desktop',
      action: 'click',
      role,
      name,
      selector: `frame > ${role} "${name}"`,
      screen: { x, y, w, h },
      x: x + Math.floor(w / 2),
      y: y + Math.floor(h / 2),
      mods: [],
    } as StenoEvent);
  events.push({ type: 'focus', t, app: 'libreoffice-writer', title: 'Quarterly report.odt' });
  // issue 17: the contributor marks what they set out to do; the task spans both applications
  events.push({
    type: 'task',
    t: at(200),
    phase: 'start',
    taskId: 'tk_report',
    label: 'Send the quarterly report draft',
  });
  click(640, 380);
  target('document text', 'Quarterly report', 40, 120, 1200, 700);
  type('Revenue grew in all three regions. ');
  events.push({ type: 'key', t: at(300), dir: 'down', key: 's', char: 's', mods: ['ctrl'] });
  events.push({ type: 'focus', t: at(2_000), app: 'thunderbird', title: 'Write: Quarterly report' });
  click(420, 210);
  target('push button', 'Attach', 400, 196, 48, 28);
  type('Draft attached, questions to ');
  events.push({ type: 'redaction', t: at(100), entity: 'EMAIL' });
  type(' please.');
  events.push({ type: 'key', t: at(500), dir: 'down', key: 'Enter', mods: ['ctrl'] });
  events.push({ type: 'task', t: at(400), phase: 'end', taskId: 'tk_report' });
  events.push({ type: 'focus', t: at(3_000), app: 'gnome-terminal', title: 'deploy' });
  events.push({
    type: 'task',
    t: at(200),
    phase: 'start',
    taskId: 'tk_deploy',
    label: 'Deploy the report site',
  });
  type('export TOKEN=');
  events.push({ type: 'redaction', t: at(100), entity: 'API_KEY' });
  events.push({ type: 'wheel', t: at(600), x: 500, y: 500, dx: 0, dy: 3, mods: [] });
  events.push({ type: 'task', t: at(900), phase: 'abandon', taskId: 'tk_deploy' });
  return events;
}

/** Gives the morning's click on Attach (420, 210) an action id and its before-frame (issue 17). */
async function withFrame(events: StenoEvent[], browser: Browser): Promise<void> {
  const i = events.findIndex((e) => e.type === 'button' && e.dir === 'down' && e.x === 420 && e.y === 210);
  const click = events[i];
  if (click?.type !== 'button') throw new Error('the morning has no click on Attach');
  click.actionId = 'a_attach';
  events.splice(i, 0, await fixtureFrame(browser, 'a_attach', click.t));
}

/**
 * Two weeks of program volume: a small batch per contributor per working day (fewer people at
 * weekends, whose buckets the server then suppresses), moved back in time in the batches table.
 */
async function seedVolume(
  server: Awaited<ReturnType<typeof createStenoServer>>,
  devices: TestDevice[],
): Promise<void> {
  const day = 86_400_000;
  const today = Math.floor(Date.now() / day) * day;
  for (let d = 1; d <= 30; d++) {
    const weekend = [0, 6].includes(new Date(today - d * day).getUTCDay());
    for (const [n, dev] of devices.entries()) {
      if (weekend && n >= 3) continue;
      // Volume only: no task markers (a cut-off slice would leave its task open) and no targets.
      const events = demoEvents(Date.now() - 600_000)
        .filter((e) => e.type !== 'task' && e.type !== 'element')
        .slice(0, 20 + ((d * 7 + n * 13) % 40));
      const batch = dev.batch(events);
      await post(server.app, '/v1/batches', batch);
      const at = today - d * day + (9 + ((d + n) % 8)) * 3_600_000;
      await server.db.query('UPDATE batches SET received_at = $1 WHERE batch_id = $2', [
        at,
        batch.batch.batchId,
      ]);
    }
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'steno-screenshots-'));
  const server = await createStenoServer(
    loadConfig(
      {
        dataDir,
        port,
        host: '127.0.0.1',
        publicOrigin: origin,
        logLevel: 'warn',
        kek: randomBytes(32).toString('base64'),
      },
      {},
    ),
  );
  const ts = { server };
  let browser: Browser | undefined;
  try {
    const base = await ts.server.listen();
    const officerToken = (
      await issueApiToken(
        ts.server.db,
        {
          principal: 'person:bootstrap',
          role: 'privacy_officer',
          scopes: ['program:admin', 'incidents'],
          ttlMs: 600_000,
        },
        Date.now(),
      )
    ).token;
    const as = (token: string, method: 'POST' | 'PUT', url: string, payload: object) =>
      ts.server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
      ],
    });
    // Six contributors (k-anonymity needs five per application), each with a morning of work.
    const people = ['dana', 'eli', 'fay', 'gus', 'hal', 'ivo'];
    const devices: TestDevice[] = [];
    for (const [n, who] of people.entries()) {
      const dev = await enrolTestDevice(ts.server, who);
      devices.push(dev);
      const morning = demoEvents(Date.now() - 3_600_000 + n * 60_000);
      // issue 17: dana's click on Attach has a before-frame, redacted by the real frame pipeline
      if (who === 'dana') await withFrame(morning, browser);
      await post(ts.server.app, '/v1/batches', dev.batch(morning));
      await consentFor(ts.server, who);
    }
    await seedVolume(ts.server, devices);
    // The device fixture's "always permitted" records are dated 0 (1970): a month ago instead.
    await redateFixturePermissions(ts.server, Date.now() - 31 * 86_400_000);
    // The scope in force: set after the devices' fixture scope, as an officer would.
    await as(officerToken, 'PUT', '/v1/program/scope', {
      apps: [
        { app: 'libreoffice-writer', level: 'full' },
        { app: 'thunderbird', title: '^Write:', level: 'full' },
        { app: 'gnome-terminal', level: 'actions' },
      ],
      sites: [{ origin: 'https://*.intranet.example', level: 'actions' }],
    });
    // A region whose legal basis is not recorded yet: capture stays off there.
    await createEnrolToken(ts.server.enrolment, 'kai', 'demo', 600_000, 'fr-paris');
    await as(officerToken, 'PUT', '/v1/program/regions/default', {
      basis: 'works_council_agreement',
      reference: 'Works council agreement 2026-07, section 4',
    });
    const investigator = await issueApiToken(
      ts.server.db,
      { principal: 'person:local:ivy-demo', role: 'investigator', scopes: ['breakglass'], ttlMs: 600_000 },
      Date.now(),
    );
    await as(investigator.token, 'POST', '/v1/breakglass/requests', {
      reasonCode: 'security_incident',
      reason: 'Malware alert on the finance laptop fleet, 14:05',
      subjects: ['dana'],
      windowFrom: Date.now() - 86_400_000,
      windowTo: Date.now(),
      ttlHours: 4,
    });
    // Incidents below the auto-pause level (SEV1), so the program keeps running for the other pages.
    const inc = (
      await as(officerToken, 'POST', '/v1/incidents', {
        title: 'An IBAN reached the server in a chat window title',
        category: 'filter_miss',
        severity: 2,
      })
    ).json() as { incident: { id: string } };
    await as(officerToken, 'POST', `/v1/incidents/${inc.incident.id}/timeline`, {
      note: 'The server-side filter caught and redacted it at ingest; checking who could have read it.',
    });
    await as(officerToken, 'POST', '/v1/incidents', {
      title: 'Scope preview showed the wrong level for one site',
      category: 'other',
      severity: 4,
      personalDataBreach: false,
    });
    const mlToken = (
      await issueApiToken(
        ts.server.db,
        {
          principal: 'person:local:mo-demo',
          role: 'ml_engineer',
          scopes: ['datasets:build', 'datasets:read'],
          ttlMs: 600_000,
        },
        Date.now(),
      )
    ).token;
    const spec = readFileSync(
      fileURLToPath(new URL('../examples/dataset-spec.yaml', import.meta.url)),
      'utf8',
    );
    const built = (await as(mlToken, 'POST', '/v1/datasets', { spec })).json() as { id: string };
    for (let i = 0; i < 100; i++) {
      const d = await ts.server.app.inject({
        method: 'GET',
        url: `/v1/datasets/${built.id}`,
        headers: { authorization: `Bearer ${mlToken}` },
      });
      if ((d.json() as { status: string }).status !== 'building') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // The privacy-officer and investigator roles wait for a second officer, who approves.
    const secondOfficer = (
      await issueApiToken(
        ts.server.db,
        {
          principal: 'person:second-officer',
          role: 'privacy_officer',
          scopes: ['program:admin'],
          ttlMs: 600_000,
        },
        Date.now(),
      )
    ).token;
    const invite = async (body: object): Promise<string> => {
      const out = (await as(officerToken, 'POST', '/v1/auth/invitations', body)).json() as {
        link: string | null;
        requestId?: string;
      };
      if (out.link) return out.link;
      const approved = await as(
        secondOfficer,
        'POST',
        `/v1/auth/invitations/requests/${out.requestId}/approve`,
        {},
      );
      return (approved.json() as { link: string }).link;
    };
    const links = {
      contributor: await invite({ email: 'dana@example.test', role: 'contributor', subject: 'dana' }),
      officer: await invite({ email: 'pat@example.test', role: 'privacy_officer' }),
      investigator: await invite({ email: 'ivy@example.test', role: 'investigator' }),
      ml: await invite({ email: 'mo@example.test', role: 'ml_engineer' }),
    };

    const newPage = async () =>
      // 1,280 px: the narrowest laptop screen the portal is laid out for (one-row menu).
      (await (browser as Browser).newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    const shot = async (page: Page, name: string, ready?: string) => {
      if (ready) await page.locator(ready).first().waitFor({ timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${OUT}${name}.png`, fullPage: true });
      console.log(`docs/screenshots/${name}.png`);
    };
    const go = async (page: Page, path: string) => {
      await page.goto(`${base}/#${path}`);
      await page.locator('h1').waitFor();
    };
    const signIn = async (link: string) => {
      const page = await newPage();
      await page.goto(link);
      await page.getByLabel('New password').fill(PASSWORD);
      await page.getByLabel('Repeat the password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Set password and sign in' }).click();
      await page.getByTestId('who').waitFor();
      return page;
    };

    const anon = await newPage();
    await anon.goto(base);
    await shot(anon, 'sign-in', 'form');

    const dana = await signIn(links.contributor);
    await shot(dana, 'contributor-overview', 'table');
    await go(dana, '/me/activity');
    await shot(dana, 'contributor-activity', 'tr.task-head');
    // issue 17: the timeline searched for one task: its rows under the task, with the elements hit
    await dana.getByLabel('Search').fill('quarterly report draft');
    await shot(dana, 'contributor-timeline-task', 'tr.task-head');
    // issue 17: she reviews her tasks — keeps the report, describes it in her words, drops the deploy
    await go(dana, '/me/tasks');
    const report = dana.locator('ul.task-reviews > li', { hasText: 'Send the quarterly report draft' });
    await report.getByRole('button', { name: 'Keep' }).click();
    await report.getByText('Saved: this task may enter datasets.').waitFor();
    const deploy = dana.locator('ul.task-reviews > li').first();
    await deploy.getByRole('button', { name: 'Drop' }).click();
    await deploy.getByText('Dropped: this task').waitFor();
    await report.getByRole('button', { name: 'Edit description' }).click();
    await report
      .getByLabel('Description of this task')
      .fill('Sent the Q3 report draft to finance, questions to dana.kim@example.com');
    await shot(dana, 'contributor-task-review-edit', 'ul.task-reviews input[type=text]');
    await report.getByRole('button', { name: 'Save description' }).click();
    await dana.getByText('The privacy filter changed your description').waitFor();
    await shot(dana, 'contributor-task-review', 'ul.task-reviews');
    await go(dana, '/me/access');
    await shot(dana, 'contributor-access-log', '.badge.verified');
    await go(dana, '/me/consent');
    await shot(dana, 'contributor-consent', '.markdown');
    await go(dana, '/me/data');
    await shot(dana, 'contributor-my-data');

    const pat = await signIn(links.officer);
    await shot(pat, 'officer-program-status', '[data-testid=program-state]');
    await pat.getByRole('button', { name: 'Pause the whole program…' }).click();
    await pat.getByLabel('Reason').fill('SEV2: scope mistake under review');
    await pat.screenshot({ path: `${OUT}officer-kill-switch-confirm.png` });
    console.log('docs/screenshots/officer-kill-switch-confirm.png');
    await pat.getByRole('button', { name: 'Cancel' }).click();
    await go(pat, '/program/scope');
    await shot(pat, 'officer-scope-editor', 'table.editor input');
    await go(pat, '/program/breakglass');
    await shot(pat, 'officer-breakglass-queue', 'li.queue-item');
    await go(pat, '/program/audit');
    await shot(pat, 'officer-audit-log', '[data-testid=checkpoint-size]');
    await go(pat, '/program/notices');
    await shot(pat, 'officer-notices', '[data-testid=notice-version]');
    await go(pat, '/program/people');
    await shot(pat, 'officer-people');
    await go(pat, '/program/charts');
    await pat.getByLabel('Period').selectOption('30d');
    await shot(pat, 'officer-volume-chart', '[data-testid=volume-chart]');
    await go(pat, '/program/incidents');
    await shot(pat, 'officer-incidents', 'tr[data-incident]');
    await go(pat, `/program/incidents/${inc.incident.id}`);
    await pat.getByTestId('incident-timeline').waitFor();
    await pat.getByLabel('People').fill('dana');
    await pat.getByRole('button', { name: 'Generate the report' }).click();
    await shot(pat, 'officer-incident-report', '[data-testid=report-verdict] .badge.verified');
    await go(pat, '/datasets');
    await shot(pat, 'officer-datasets', 'tr[data-dataset]');

    const ivy = await signIn(links.investigator);
    // A request of her own through the form: it appears under "My requests", waiting for approvals.
    await ivy
      .getByLabel('Reason (at least 10 characters')
      .fill('Follow-up of the finance laptop alert: what was opened before 14:05');
    await ivy.getByLabel('Subjects').fill('dana');
    await ivy.getByRole('button', { name: 'Request break-glass access' }).click();
    await shot(ivy, 'investigator-investigations', 'li.my-grant');

    const mo = await signIn(links.ml);
    // A second version built through the form; the list polls until it is ready.
    await mo.locator('tr[data-dataset]').first().waitFor();
    await mo.getByRole('button', { name: 'Build a new version' }).click();
    await mo.getByText('Started a build of office-navigation version 2').waitFor();
    await mo.locator('tr[data-dataset]', { hasText: 'v2' }).getByText('Ready').waitFor({ timeout: 30_000 });
    await shot(mo, 'ml-datasets', 'tr[data-dataset]');
    await go(mo, `/datasets/${built.id}`);
    await shot(mo, 'ml-dataset-card', '.markdown table');
    // The download links carry the session cookie (same origin); a quick check that they work.
    const [file] = await Promise.all([
      mo.waitForEvent('download'),
      mo.getByRole('link', { name: 'Download steps.parquet' }).click(),
    ]);
    const bytes = readFileSync(await file.path());
    if (bytes.subarray(0, 4).toString() !== 'PAR1')
      throw new Error('the downloaded steps.parquet is not Parquet');
  } finally {
    await browser?.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
