/**
 * Issue #10 end to end: Debian's Chromium with the unpacked extension, the native messaging host and
 * a live agent uploading to the fake Steno server. Element-level actions arrive with role and
 * accessible name; typed secrets and identifiers are redacted before they leave the page (checked
 * on what the agent received); password and payment fields, out-of-scope sites, a pause in the
 * popup, the kill switch and a missing lease leave nothing; query strings are dropped.
 * One browser for the whole file.
 */
import type { ElementEvent, StenoEvent } from '@steno/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_SKIP_MESSAGE,
  chromiumRunnable,
  type Harness,
  sleep,
  startHarness,
  waitFor,
} from './test-support/browser-harness.ts';

const run = chromiumRunnable();
if (!run) console.warn(CHROMIUM_SKIP_MESSAGE);

interface WireItem {
  origin: string;
  event: StenoEvent;
}

function wireItems(h: Harness, from = 0): WireItem[] {
  return h.wire.slice(from).flatMap((b) => (b as { items: WireItem[] }).items);
}

function elements(events: readonly StenoEvent[]): ElementEvent[] {
  return events.filter((e): e is ElementEvent => e.type === 'element');
}

/** Typed text as it left the page: characters, and `[ENTITY]` where the filter put a marker. */
function typed(events: readonly StenoEvent[]): string {
  return events
    .map((e) =>
      e.type === 'key' && e.dir === 'down' && e.char ? e.char : e.type === 'redaction' ? `[${e.entity}]` : '',
    )
    .join('');
}

/**
 * The wire as JSON with every number zeroed: typed text travels in strings, and a time or a
 * coordinate can hold any digits (a card's `4111` was once found in `"t":1796673094111`).
 */
function stringsOf(wire: unknown): string {
  return JSON.stringify(wire, (_k, v: unknown) => (typeof v === 'number' ? 0 : v));
}

describe.skipIf(!run)('browser capture (Chromium + extension + agent)', () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    h = await startHarness({ leaseTtlMs: 60_000 });
    page = h.context.pages()[0] ?? (await h.context.newPage());
  }, 90_000);
  afterAll(async () => {
    await h?.close();
  });

  /** Waits until the server stored an element event matching `pred`. */
  async function arrived(pred: (e: ElementEvent) => boolean, what: string): Promise<ElementEvent> {
    await waitFor(() => elements(h.server.events()).some(pred), 15_000, what);
    return elements(h.server.events()).find(pred) as ElementEvent;
  }

  /** A fresh in-scope action the test can wait for: a click on the Help link of the menu page. */
  async function marker(): Promise<void> {
    const before = elements(h.server.events()).filter((e) => e.name === 'Help').length;
    await page.goto(`${h.inScope}/menu.html`);
    await waitFor(() => h.agent.browser !== undefined, 1_000);
    // The content script learns its level from the service worker right after load.
    await sleep(300);
    await page.click('a[href="#help"]');
    await waitFor(
      () => elements(h.server.events()).filter((e) => e.name === 'Help').length > before,
      15_000,
      'the marker click',
    );
  }

  it('records clicks and menu choices with role, accessible name, selector and boxes; drops the query string', async () => {
    await page.goto(`${h.inScope}/menu.html?q=quarterly-secret-query#frag-part`);
    await sleep(300);
    await page.click('#file-menu');
    await page.click('text=Export as PDF');
    const item = await arrived((e) => e.role === 'menuitem', 'the menu item');
    expect(item).toMatchObject({ action: 'click', role: 'menuitem', name: 'Export as PDF', tag: 'div' });
    expect(item.selector).toBe('[data-testid="export-pdf"]');
    const button = elements(h.server.events()).find((e) => e.name === 'File') as ElementEvent;
    expect(button).toMatchObject({ action: 'click', role: 'button', tag: 'button', selector: '#file-menu' });
    expect(button.page?.w).toBeGreaterThan(0);
    expect(button.page?.h).toBeGreaterThan(0);
    expect(button.screen.w).toBe(button.page?.w);
    expect(typeof button.x).toBe('number');
    // The pointer was inside the element's screen box.
    expect(button.x).toBeGreaterThanOrEqual(button.screen.x);
    expect(button.x).toBeLessThanOrEqual(button.screen.x + button.screen.w);

    const events = h.server.events();
    const nav = events.find((e) => e.type === 'navigate');
    expect(nav).toMatchObject({ type: 'navigate', origin: h.inScope, path: '/menu.html', kind: 'load' });
    expect(nav).not.toHaveProperty('query');
    expect(nav).not.toHaveProperty('fragment');
    expect(events.some((e) => e.type === 'focus' && e.app === h.inScope)).toBe(true);
    const all = JSON.stringify([events, h.wire]);
    expect(all).not.toContain('quarterly');
    expect(all).not.toContain('frag-part');
  });

  it('records dropdown, checkbox and radio selections and table headers, never cell content', async () => {
    await page.goto(`${h.inScope}/form.html`);
    await sleep(300);
    await page.focus('#dept');
    await page.keyboard.press('ArrowDown');
    await page.click('#notify');
    await page.click('#business');
    await page.click('#sort-amount');
    await page.click('#cell-email');
    await arrived((e) => e.role === 'cell', 'the cell click');
    const events = elements(h.server.events());
    expect(events.find((e) => e.action === 'select' && e.tag === 'select')).toMatchObject({
      role: 'combobox',
      name: 'Department',
      value: 'Finance',
      selector: '#dept',
    });
    expect(events.find((e) => e.action === 'check')).toMatchObject({
      role: 'checkbox',
      name: 'Notify my manager',
    });
    expect(events.find((e) => e.action === 'select' && e.role === 'radio')).toMatchObject({
      name: 'Business',
    });
    expect(events.find((e) => e.name === 'Amount')).toMatchObject({ role: 'button', action: 'click' });
    const cell = events.find((e) => e.role === 'cell') as ElementEvent;
    expect(cell.name).toBeUndefined();
    expect(cell.selector).toBe('#cell-email');
    const all = JSON.stringify([h.server.events(), h.wire]);
    expect(all).not.toContain('jane.roe');
    expect(all).not.toContain('Jane Roe');
  });

  it('redacts typed secrets and identifiers before they leave the page; password and card fields leave nothing', async () => {
    const from = h.wire.length;
    await page.goto(`${h.inScope}/sign-in.html`);
    await sleep(300);
    await page.click('#user');
    await page.keyboard.type('alicia.w');
    await page.click('#pw');
    await page.keyboard.type('Hunter2-Correct-Horse!');
    await page.keyboard.press('Enter');
    await page.click('#note');
    await page.keyboard.type(
      'mail me at jane.doe@example.com or use token ghp_R2d2C3po4Luke5Leia6Han7Solo8Chewie9x',
    );
    await page.keyboard.press('Tab');
    await page.click('#go');
    await page.goto(`${h.inScope}/checkout.html`);
    await sleep(300);
    await page.click('#cc');
    await page.keyboard.type('4111 1111 1111 1111');
    await page.click('label[for="cc"]');
    await page.click('#ref');
    await page.keyboard.type('invoice 42');
    await page.click('#pay');
    await arrived((e) => e.name === 'Pay now', 'the pay click');

    // What the agent received from the extension: already filtered inside the page.
    const received = wireItems(h, from).map((i) => i.event);
    expect(typed(received)).toBe('mail me at [EMAIL] or use token [API_KEY]invoice 42');
    const wireText = stringsOf(h.wire.slice(from));
    for (const leak of ['jane', 'doe@', 'example.com', 'ghp_', 'R2d2', 'Hunter', 'Horse', 'alicia', '4111'])
      expect(wireText).not.toContain(leak);
    // Markers carry the entity type only: no length, no characters.
    for (const e of received.filter((e) => e.type === 'redaction'))
      expect(Object.keys(e).sort()).toEqual(['entity', 't', 'type']);
    // Not even that the password, username or card fields were used: no click, no key, no Enter.
    const sels = elements(received).map((e) => e.selector);
    for (const s of ['#pw', '#user', '#cc']) expect(sels).not.toContain(s);
    expect(elements(received).some((e) => e.tag === 'label')).toBe(false);
    const keyDowns = received.filter((e) => e.type === 'key' && e.dir === 'down');
    const expectedKeys = 'mail me at jane.doe@example.com or use token '.length + 'invoice 42'.length + 1; // + Tab
    // The token's keys became one marker; the e-mail's keys one marker.
    expect(keyDowns.length).toBeLessThanOrEqual(expectedKeys);
    expect(keyDowns.some((e) => e.type === 'key' && e.key === 'Enter')).toBe(false);
    expect(elements(received).map((e) => e.name)).toEqual(
      expect.arrayContaining(['Note to the administrator', 'Sign in', 'Invoice reference', 'Pay now']),
    );

    // And what reached the server through the agent is the same, filtered again.
    await waitFor(() => typed(h.server.events()).includes('invoice 42'), 10_000, 'typed text upload');
    const stored = stringsOf(h.server.events());
    for (const leak of ['jane', 'ghp_', 'Hunter', 'alicia', '4111']) expect(stored).not.toContain(leak);
    expect(typed(h.server.events())).toContain('mail me at [EMAIL] or use token [API_KEY]');
  });

  it('issue 19: what the extension caches is never old or raw — a field turned password or PIN leaves nothing after the change, a renamed button goes under its new name, filtered', async () => {
    const token = 'ghp_R2d2C3po4Luke5Leia6Han7Solo8Chewie9x';
    const from = h.wire.length;
    await page.goto(`${h.inScope}/mutable.html`);
    await sleep(300);
    await page.click('#nick');
    await page.keyboard.type('river ');
    await page.evaluate(() => document.querySelector('#nick')?.setAttribute('type', 'password'));
    await page.keyboard.type('Hunter2Secret');
    await page.keyboard.press('Enter');
    await page.click('#memo');
    await page.keyboard.type('abc ');
    await page.evaluate(() => {
      (document.querySelector('label[for="memo"]') as Element).textContent = 'PIN';
    });
    await page.keyboard.type('9876');
    await page.click('#reveal');
    await page.evaluate((t) => {
      (document.querySelector('#reveal') as Element).textContent = t;
    }, token);
    await page.click('#reveal');
    await page.click('#done');
    await arrived((e) => e.name === 'Done', 'the Done click');

    const received = wireItems(h, from).map((i) => i.event);
    expect(typed(received)).toBe('river abc ');
    const wireText = stringsOf(h.wire.slice(from));
    for (const leak of ['Hunter', 'Secret', '9876', 'ghp_', 'R2d2']) expect(wireText).not.toContain(leak);
    expect(received.some((e) => e.type === 'key' && e.key === 'Enter')).toBe(false);
    const reveals = elements(received).filter((e) => e.selector === '#reveal');
    expect(reveals.map((e) => e.name)).toEqual(['Show code', '[API_KEY]']);
  });

  it('records a burst of wheel steps as one scroll when it ends, with its delta and position', async () => {
    const from = h.wire.length;
    await page.goto(`${h.inScope}/heavy.html`);
    await sleep(300);
    await page.mouse.move(300, 300);
    for (let i = 0; i < 4; i++) {
      await page.mouse.wheel(0, 250);
      await sleep(30);
    }
    const scrolled = () =>
      wireItems(h, from)
        .map((i) => i.event)
        .filter((e) => e.type === 'scroll');
    await waitFor(() => scrolled().length > 0, 10_000, 'the scroll event');
    await sleep(500);
    const y = await page.evaluate(() => Math.round(window.scrollY));
    expect(y).toBeGreaterThan(0);
    const total = scrolled().reduce((n, e) => n + (e.type === 'scroll' ? e.dy : 0), 0);
    expect(total).toBe(y);
    expect(scrolled().at(-1)).toMatchObject({ type: 'scroll', x: 0, y });
    expect(scrolled().length).toBeLessThanOrEqual(2);
  });

  it('an out-of-scope site leaves nothing, not even a focus or a navigation', async () => {
    const from = h.wire.length;
    const stored = h.server.events().length;
    await page.goto(`${h.outOfScope}/chat.html`);
    await sleep(300);
    await page.click('#message');
    await page.keyboard.type('topsecret lunch plans');
    await page.keyboard.press('Enter');
    await page.click('#send');
    await page.mouse.wheel(0, 200);
    await marker();
    const all = JSON.stringify([h.wire.slice(from), h.server.events().slice(stored)]);
    expect(all).not.toContain('localhost');
    expect(all).not.toContain('topsecret');
    expect(all).not.toContain('Send');
  });

  it('pausing in the popup stops capture at once; resuming restarts it', async () => {
    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
    await popup.waitForSelector('body[data-state]');
    await popup.click('#toggle');
    await popup.waitForSelector('body[data-state="paused"]');
    await waitFor(() => h.agent.live.isContributorPaused(), 5_000, 'the agent pause');
    expect(h.agent.live.status().state).toBe('paused');

    const from = h.wire.length;
    await page.bringToFront();
    await page.goto(`${h.inScope}/sign-in.html`);
    await sleep(300);
    await page.click('#note');
    await page.keyboard.type('typed during the pause');
    await page.click('#go');
    await sleep(500);
    expect(wireItems(h, from).filter((i) => i.event.type !== 'focus')).toEqual([]);

    await popup.bringToFront();
    await popup.click('#toggle');
    await popup.waitForSelector('body[data-state]:not([data-state="paused"])');
    await waitFor(() => !h.agent.live.isContributorPaused(), 5_000, 'the agent resume');
    await popup.close();
    await page.bringToFront();
    await marker();
    expect(JSON.stringify(h.server.events())).not.toContain('during');
  });

  it('the kill switch (a paused lease) and a missing lease stop capture', async () => {
    const extensionSays = async (capture: string): Promise<void> => {
      const until = Date.now() + 5_000;
      while ((await h.extensionState()).capture !== capture) {
        if (Date.now() > until) throw new Error(`the extension never said ${capture}`);
        await sleep(50);
      }
    };
    const tryToCapture = async (): Promise<unknown[]> => {
      const from = h.wire.length;
      await page.goto(`${h.inScope}/menu.html`);
      await sleep(300);
      await page.click('#file-menu');
      await page.keyboard.press('Control+s');
      await sleep(500);
      return wireItems(h, from).filter((i) => i.event.type !== 'focus');
    };

    h.server.setPaused(true);
    await waitFor(() => h.agent.live.leaseHolder?.view().kind === 'paused', 5_000, 'the paused lease');
    await extensionSays('paused');
    expect(await tryToCapture()).toEqual([]);

    // No lease at all: a short lease runs out and the server issues no other.
    h.server.leaseTtlMs = 1_000;
    h.server.issueLeases = false;
    h.server.setPaused(false);
    await waitFor(() => h.agent.live.leaseHolder?.view().kind === 'expired', 5_000, 'lease expiry');
    await extensionSays('no_lease');
    expect(await tryToCapture()).toEqual([]);

    h.server.leaseTtlMs = 60_000;
    h.server.issueLeases = true;
    await waitFor(() => h.agent.live.leaseHolder?.view().kind === 'active', 10_000, 'a new lease');
    await extensionSays('capturing');
    await marker();
  });
});
