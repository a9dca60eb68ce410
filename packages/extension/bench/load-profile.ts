/**
 * Where the extension's load-time cost goes (issue 19): fresh tabs open the bench's heavy page
 * (load + 1 s) under the CDP sampling profiler, alternately in a plain Chromium and in one with the
 * extension recording (in scope); prints the page's ScriptDuration and the profiled time per load
 * by script (the content script by function and line; the profiler itself adds to every figure).
 * Run: node --conditions=development --import tsx packages/extension/bench/load-profile.ts [LOADS]
 */
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { tempDir } from '../../agent/src/test-support/test-fixtures.ts';
import { CHROMIUM, sleep, startHarness } from '../src/test-support/browser-harness.ts';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
if (process.argv.includes('--help')) {
  console.log(`Usage: node --conditions=development --import tsx packages/extension/bench/load-profile.ts [LOADS]
Opens the heavy bench page LOADS times (default 6) in fresh tabs, plain and with the extension
recording, under the CDP profiler, and prints ScriptDuration and profiled time per load by script.`);
  process.exit(0);
}
const n = Number(process.argv[2] ?? 6);
if (!Number.isInteger(n) || n < 1) {
  console.error('load-profile: LOADS must be a whole number of at least 1 (--help)');
  process.exit(2);
}
const h = await startHarness();
const { dir, cleanup } = await tempDir('steno-probe-');
const plain = await chromium.launchPersistentContext(join(dir, 'p'), {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
const agg: Record<string, Map<string, number>> = { plain: new Map(), ext: new Map() };
const sd: Record<string, number[]> = { plain: [], ext: [] };
const loadProfile = async (name: string, ctx: BrowserContext, url: string) => {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(url, { waitUntil: 'load' });
  await sleep(1000);
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  };
  const m = ((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] })
    .metrics;
  sd[name]?.push((m.find((x) => x.name === 'ScriptDuration')?.value ?? 0) * 1000);
  await page.close();
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const a = agg[name] as Map<string, number>;
  profile.samples.forEach((id, i) => {
    // category = the outermost frame with a url, else the leaf's name
    let cur: number | undefined = id;
    let cat = byId.get(id)?.callFrame.functionName || '?';
    while (cur !== undefined) {
      const f = byId.get(cur)?.callFrame;
      if (f?.url) cat = f.url.split('/').pop()?.replace(/\?.*/, '') ?? cat;
      cur = parent.get(cur);
    }
    if (cat === '(idle)') return;
    const leaf = byId.get(id)?.callFrame;
    const key =
      cat === 'content-script.js'
        ? `cs:${leaf?.functionName || '(anon)'}:${(leaf?.lineNumber ?? 0) + 1}${leaf?.url ? '' : '[native]'}`
        : cat;
    a.set(key, (a.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000 / n);
  });
};
for (let i = 0; i < n; i++) {
  await loadProfile('plain', plain, `${h.inScope}/heavy.html`);
  await loadProfile('ext', h.context, `${h.inScope}/heavy.html`);
}
const med = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)] ?? 0;
for (const [k, m] of Object.entries(agg)) {
  console.log(
    `== ${k}: ScriptDuration median ${med(sd[k] ?? []).toFixed(1)} (${(sd[k] ?? []).map((x) => x.toFixed(0)).join(' ')})`,
  );
  for (const [c, v] of [...m].sort((x, y) => y[1] - x[1]).slice(0, 25))
    if (v >= 0.3) console.log(`  ${v.toFixed(1).padStart(7)} ${c}`);
}
await plain.close();
await h.close();
await cleanup();
