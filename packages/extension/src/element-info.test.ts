/**
 * Element selectors in real Chromium (issue 19 made them cheaper: no copies of a parent's children,
 * table rows indexed by the browser): every selector still finds its element again, rows of
 * thead/tbody and items of long lists alike, and an only child gets no `:nth-of-type`.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_SKIP_MESSAGE, chromiumRunnable } from './test-support/browser-harness.ts';

const run = chromiumRunnable();
if (!run) console.warn(CHROMIUM_SKIP_MESSAGE);

const rows = Array.from(
  { length: 300 },
  (_, i) => `<tr><td>${i}</td><th scope="row">r${i}</th><td><button>Open</button></td></tr>`,
).join('');
const items = Array.from(
  { length: 200 },
  (_, i) => `<li><a href="#i${i}">Item ${i}</a></li>${i % 7 ? '' : '<hr>'}`,
).join('');
const PAGE = `<!doctype html><html><body>
<main><section><table><thead><tr><th>Id</th><th>Name</th><th>Action</th></tr></thead><tbody>${rows}</tbody></table></section>
<ul>${items}</ul><div><p><span>only</span></p><p><em>a</em><em>b</em></p></div></main>
</body></html>`;

describe.skipIf(!run)('stableSelector (Chromium)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('every element of a large table and list is found again by its selector', async () => {
    const built = await build({
      entryPoints: [fileURLToPath(new URL('./element-info.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'stenoElement',
      target: 'chrome116',
      logLevel: 'silent',
    });
    const page = await browser.newPage();
    await page.setContent(PAGE);
    await page.addScriptTag({ content: built.outputFiles[0]?.text ?? '' });
    const result = await page.evaluate(() => {
      const { stableSelector } = (
        window as unknown as { stenoElement: { stableSelector(el: Element): string } }
      ).stenoElement;
      const all = Array.from(document.body.querySelectorAll('*'));
      const wrong = all
        .filter((el) => document.querySelector(stableSelector(el)) !== el)
        .map((el) => el.outerHTML);
      const pick = (sel: string) => stableSelector(document.querySelector(sel) as Element);
      return {
        checked: all.length,
        wrong: wrong.slice(0, 3),
        lastRowButton: pick('tbody tr:last-child button'),
        headCell: pick('thead th:nth-child(2)'),
        only: pick('span'),
        item: pick('ul li:nth-of-type(150) a'),
      };
    });
    expect(result.checked).toBeGreaterThan(1_500);
    expect(result.wrong).toEqual([]);
    expect(result.lastRowButton).toBe(
      'section > table > tbody > tr:nth-of-type(300) > td:nth-of-type(2) > button',
    );
    expect(result.headCell).toBe('main > section > table > thead > tr > th:nth-of-type(2)');
    expect(result.only).toBe('body > main > div > p:nth-of-type(1) > span');
    expect(result.item).toBe('body > main > ul > li:nth-of-type(150) > a');
  });
});
