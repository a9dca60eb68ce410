/**
 * The scripted minute of the extension bench: the same input for every variant, sent as Chromium
 * input events over CDP (playwright's mouse and keyboard, never `page.click`, whose injected
 * script would run in the page). Six cycles, each one: scroll to the top, click the search field,
 * clear it (Ctrl+A, Backspace), type a phrase character by character, scroll the table down in
 * wheel steps, then click rows (the Action button or an Amount cell) with pointer moves between.
 * Every step has a fixed time from the start, so a slow recorder makes no shorter or longer minute.
 */
import type { Page } from 'playwright-core';

export interface HeavyLayout {
  search: { x: number; y: number };
  buttonX: number;
  cellX: number;
  viewportHeight: number;
}

/** Where the controls are, read once after load (outside the measured windows). */
export async function heavyLayout(page: Page): Promise<HeavyLayout> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const [search, button, cell] = await page.evaluate(() =>
    ['#search', 'button[data-row="0"]', '#ledger tbody tr td:nth-child(3)'].map((sel) => {
      const r = (document.querySelector(sel) as Element).getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }),
  );
  const viewportHeight = await page.evaluate(() => window.innerHeight);
  if (!search || !button || !cell) throw new Error('the heavy page has no search field or table');
  return { search, buttonX: button.x, cellX: cell.x, viewportHeight };
}

/** What one scripted minute sends, for the report. */
export interface MinuteCounts {
  clicks: number;
  typedChars: number;
  shortcuts: number;
  wheelSteps: number;
  pointerMoves: number;
}

const PHRASES = [
  'account forty two lookup for jane.roe@example.com this week ',
  'open invoices over 500 from the northern region, sorted by date',
  'call back about ticket 7731 and move the meeting to thursday ',
  'ledger rows for account 61 with amounts between 200 and 900 ',
  'check the refund for order 5521 before friday afternoon please',
  'notes for the quarterly review of supplier payments and fees ',
];
const CYCLES = 6;
const CHAR_MS = 90;
const CLICKS_PER_CYCLE = 15;
const CLICK_MS = 130;
const WHEEL_STEPS = 10;
const WHEEL_MS = 100;
const MOVE_STEPS = 5;

async function until(at: number): Promise<void> {
  const wait = at - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/** Plays the minute (`seconds` long, 60 by default) on the heavy page and returns what it sent. */
export async function scriptedMinute(page: Page, layout: HeavyLayout, seconds = 60): Promise<MinuteCounts> {
  const counts: MinuteCounts = { clicks: 0, typedChars: 0, shortcuts: 0, wheelSteps: 0, pointerMoves: 0 };
  const cycleMs = (seconds * 1000) / CYCLES;
  const t0 = Date.now();
  let pointer = { x: layout.search.x, y: layout.search.y };
  const click = async (x: number, y: number): Promise<void> => {
    await page.mouse.move(x, y, { steps: MOVE_STEPS });
    counts.pointerMoves += MOVE_STEPS;
    await page.mouse.down();
    await page.mouse.up();
    counts.clicks += 1;
    pointer = { x, y };
  };
  for (let c = 0; c < CYCLES; c++) {
    const start = t0 + c * cycleMs;
    await page.mouse.move(pointer.x, pointer.y);
    await page.mouse.wheel(0, -1_000_000);
    counts.wheelSteps += 1;
    await until(start + 400);
    await click(layout.search.x, layout.search.y);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    counts.shortcuts += 1;
    const phrase = PHRASES[c % PHRASES.length] as string;
    const typeStart = start + 700;
    for (let i = 0; i < phrase.length; i++) {
      await until(typeStart + i * CHAR_MS);
      await page.keyboard.type(phrase[i] as string);
      counts.typedChars += 1;
    }
    const wheelStart = typeStart + phrase.length * CHAR_MS + 100;
    await page.mouse.move(layout.cellX, layout.viewportHeight / 2, { steps: MOVE_STEPS });
    counts.pointerMoves += MOVE_STEPS;
    for (let i = 0; i < WHEEL_STEPS; i++) {
      await until(wheelStart + i * WHEEL_MS);
      await page.mouse.wheel(0, 150 * (c + 1));
      counts.wheelSteps += 1;
    }
    const clickStart = wheelStart + WHEEL_STEPS * WHEEL_MS + 300;
    for (let i = 0; i < CLICKS_PER_CYCLE; i++) {
      await until(clickStart + i * CLICK_MS);
      const y = 120 + ((i * 37) % Math.max(1, layout.viewportHeight - 160));
      await click(i % 2 === 0 ? layout.buttonX : layout.cellX, y);
    }
  }
  await until(t0 + seconds * 1000);
  return counts;
}
