/**
 * The extension's own overhead on a heavy page (5,000-row table): the same scripted session —
 * 200 clicks, 400 typed characters, 40 scroll steps — with and without the extension, measuring
 * long tasks (PerformanceObserver) and the page's JS heap and script time (CDP Performance metrics).
 * Run: node --import tsx packages/extension/bench/overhead.ts
 */
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { tempDir } from '../../agent/src/test-support/test-fixtures.ts';
import { CHROMIUM, startHarness } from '../src/test-support/browser-harness.ts';

const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface Figures {
  longTasks: number;
  longTaskMs: number;
  heapMiB: number;
  scriptMs: number;
  sessionMs: number;
}

async function session(page: Page, url: string): Promise<Figures> {
  await page.goto(url);
  await page.waitForTimeout(500);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (name: string): Promise<number> =>
    (
      (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
    ).metrics.find((m) => m.name === name)?.value ?? 0;
  // Long tasks of the page's own start (building the table) are not the session's.
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number; longTaskMs: number };
    w.longTasks = 0;
    w.longTaskMs = 0;
  });
  const script0 = await metric('ScriptDuration');
  const t0 = Date.now();
  for (let i = 0; i < 200; i++) await page.click(`button[data-row="${i * 20}"]`);
  await page.click('#search');
  for (let i = 0; i < 10; i++) await page.keyboard.type('account forty two lookup query now ', { delay: 0 });
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(20);
  }
  await page.waitForTimeout(2_000);
  const sessionMs = Date.now() - t0;
  await cdp.send('HeapProfiler.collectGarbage');
  const figures = (await page.evaluate(() => ({
    longTasks: (window as unknown as { longTasks: number }).longTasks,
    longTaskMs: (window as unknown as { longTaskMs: number }).longTaskMs,
  }))) as { longTasks: number; longTaskMs: number };
  return {
    ...figures,
    heapMiB: (await metric('JSHeapUsedSize')) / 1_048_576,
    scriptMs: ((await metric('ScriptDuration')) - script0) * 1000,
    sessionMs,
  };
}

const without = await (async () => {
  const { dir, cleanup } = await tempDir('steno-bench-');
  const h = await startHarness();
  try {
    const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
    });
    const result = await session(context.pages()[0] ?? (await context.newPage()), `${h.inScope}/heavy.html`);
    await context.close();
    return result;
  } finally {
    await h.close();
    await cleanup();
  }
})();

const withExtension = await (async () => {
  const h = await startHarness();
  try {
    const page = h.context.pages()[0] ?? (await h.context.newPage());
    const result = await session(page, `${h.inScope}/heavy.html`);
    return { ...result, received: h.agent.browser?.counts.received ?? 0 };
  } finally {
    await h.close();
  }
})();

const fmt = (f: Figures) =>
  `long tasks ${f.longTasks} (${f.longTaskMs.toFixed(0)} ms), JS heap ${f.heapMiB.toFixed(1)} MiB, script ${f.scriptMs.toFixed(0)} ms, session ${f.sessionMs} ms`;
process.stdout.write(`without extension: ${fmt(without)}\n`);
process.stdout.write(
  `with extension:    ${fmt(withExtension)}; events accepted by the agent ${withExtension.received}\n`,
);
