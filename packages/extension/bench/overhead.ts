/**
 * The extension bench (issue 19): what recording costs a heavy page (5,000-row table), Steno's
 * extension beside rrweb, the standard in-page recorder, in the same run. Three variants see the
 * same page and the same scripted minute (scripted-minute.ts, CDP input events): no recorder (the
 * baseline), Steno's extension (with its live agent), and rrweb's `record()` injected into the page
 * with `maskAllInputs: true`, its events kept in page memory. The variants alternate over the runs.
 *
 * Per run and variant, two windows: load (navigation to the load event + 1 s, where rrweb takes its
 * full snapshot) and the minute. Script time is the page's CDP `ScriptDuration` (it counts the
 * extension's isolated world too, and restarts with each document); added = variant − baseline of
 * the same run. Bytes: for Steno, the JSON of every body the extension's host posted to the agent;
 * for rrweb, the JSON of its events; both for a one-minute recording (open the page, one minute).
 * Run: node --conditions=development --import tsx packages/extension/bench/overhead.ts [--runs N] [--seconds S]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { tempDir } from '../../agent/src/test-support/test-fixtures.ts';
import {
  CHROMIUM,
  type Harness,
  QUIET_FLAGS,
  sleep,
  startHarness,
} from '../src/test-support/browser-harness.ts';
import { heavyLayout, type MinuteCounts, scriptedMinute } from './scripted-minute.ts';

const ARGS = ['--headless=new', ...QUIET_FLAGS];
const LOAD_SETTLE_MS = 1_000;
/** After the minute: Steno's held text is decided after 1.5 s of quiet, its scrolls after 150 ms. */
const DRAIN_MS = 2_500;

export type Variant = 'baseline' | 'steno' | 'rrweb';
export const VARIANTS: readonly Variant[] = ['baseline', 'steno', 'rrweb'];

export interface Window {
  scriptMs: number;
  longTasks: number;
  longTaskMs: number;
  bytes: number;
  messages: number;
}

export interface Measurement {
  variant: Variant;
  run: number;
  load: Window;
  minute: Window;
  heapMiB: number;
  sessionMs: number;
}

export interface OverheadResult {
  runs: number;
  seconds: number;
  input: MinuteCounts;
  measurements: Measurement[];
  /** Events the agent accepted from the extension over all Steno runs. */
  stenoEventsAccepted: number;
}

/** rrweb's browser bundle and the call that starts it, as a page would include it. */
function rrwebInitScript(): string {
  const require = createRequire(import.meta.url);
  // The package exports no subpath for its browser bundle: it sits beside the CommonJS entry.
  const bundle = readFileSync(join(dirname(require.resolve('rrweb')), 'rrweb.umd.min.cjs'), 'utf8');
  // Top frame only, as a site would include it: rrweb makes a hidden iframe of its own (for
  // untouched prototypes), and an init script runs in every frame.
  return `if (window === window.top) {
${bundle}
;(() => {
  const events = [];
  window.__rrwebEvents = events;
  window.rrweb.record({ emit(event) { events.push(event); }, maskAllInputs: true });
})();
}`;
}

interface Source {
  page(): Promise<Page>;
  /** Bytes and messages recorded since `mark()`, for Steno and rrweb. */
  mark(page: Page): Promise<number>;
  recorded(page: Page, since: number): Promise<{ bytes: number; messages: number }>;
}

function stenoSource(h: Harness): Source {
  return {
    page: () => h.context.newPage(),
    mark: async () => h.wire.length,
    recorded: async (_page, since) => {
      const bodies = h.wire.slice(since);
      return {
        bytes: bodies.reduce<number>((n, b) => n + Buffer.byteLength(JSON.stringify(b)), 0),
        messages: bodies.length,
      };
    },
  };
}

function plainSource(context: BrowserContext, rrweb: string | undefined): Source {
  return {
    page: async () => {
      const page = await context.newPage();
      if (rrweb) await page.addInitScript(rrweb);
      return page;
    },
    mark: async (page) =>
      rrweb
        ? await page.evaluate(
            () => (window as unknown as { __rrwebEvents?: unknown[] }).__rrwebEvents?.length ?? 0,
          )
        : 0,
    recorded: async (page, since) => {
      if (!rrweb) return { bytes: 0, messages: 0 };
      const events = await page.evaluate(
        (from) => (window as unknown as { __rrwebEvents: unknown[] }).__rrwebEvents.slice(from),
        since,
      );
      return {
        bytes: events.reduce<number>((n, e) => n + Buffer.byteLength(JSON.stringify(e)), 0),
        messages: events.length,
      };
    },
  };
}

async function measure(
  source: Source,
  url: string,
  seconds: number,
): Promise<{ load: Window; minute: Window; heapMiB: number; sessionMs: number; input: MinuteCounts }> {
  const page = await source.page();
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async (name: string): Promise<number> =>
      (
        (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
      ).metrics.find((m) => m.name === name)?.value ?? 0;
    const longTasks = async (): Promise<{ longTasks: number; longTaskMs: number }> =>
      await page.evaluate(() => {
        const w = window as unknown as { longTasks: number; longTaskMs: number };
        return { longTasks: w.longTasks, longTaskMs: w.longTaskMs };
      });
    const wire0 = await source.mark(page);
    await page.goto(url, { waitUntil: 'load' });
    await sleep(LOAD_SETTLE_MS);
    // ScriptDuration restarts with the document: this is the load window's whole script time.
    const loadScript = (await metric('ScriptDuration')) * 1000;
    const loadTasks = await longTasks();
    const mark = await source.mark(page);
    const load = { scriptMs: loadScript, ...loadTasks, ...(await source.recorded(page, wire0)) };
    const layout = await heavyLayout(page);
    const script0 = await metric('ScriptDuration');
    const t0 = Date.now();
    const input = await scriptedMinute(page, layout, seconds);
    await sleep(DRAIN_MS);
    const sessionMs = Date.now() - t0;
    const scriptMs = ((await metric('ScriptDuration')) - script0) * 1000;
    const tasks = await longTasks();
    await cdp.send('HeapProfiler.collectGarbage');
    const heapMiB = (await metric('JSHeapUsedSize')) / 1_048_576;
    const minute = {
      scriptMs,
      longTasks: tasks.longTasks - loadTasks.longTasks,
      longTaskMs: tasks.longTaskMs - loadTasks.longTaskMs,
      ...(await source.recorded(page, mark)),
    };
    return { load, minute, heapMiB, sessionMs, input };
  } finally {
    await page.close();
  }
}

/** Runs the bench: `runs` rounds of the three variants in rotating order. */
export async function main(args: string[] = []): Promise<OverheadResult> {
  const opt = (name: string, fallback: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const runs = opt('--runs', 5);
  const seconds = opt('--seconds', 60);
  const { dir, cleanup } = await tempDir('steno-bench-');
  const h = await startHarness();
  const plain = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
  });
  const url = `${h.inScope}/heavy.html`;
  const sources: Record<Variant, Source> = {
    baseline: plainSource(plain, undefined),
    steno: stenoSource(h),
    rrweb: plainSource(plain, rrwebInitScript()),
  };
  const measurements: Measurement[] = [];
  let input: MinuteCounts | undefined;
  try {
    // Warm-up: one unmeasured load of each variant (caches, the extension's first message).
    for (const v of VARIANTS) {
      const page = await sources[v].page();
      await page.goto(url, { waitUntil: 'load' });
      await sleep(LOAD_SETTLE_MS);
      await page.close();
    }
    for (let run = 0; run < runs; run++) {
      for (let k = 0; k < VARIANTS.length; k++) {
        const variant = VARIANTS[(run + k) % VARIANTS.length] as Variant;
        const m = await measure(sources[variant], url, seconds);
        input = m.input;
        measurements.push({ variant, run, ...m });
        process.stdout.write(
          `run ${run + 1}/${runs} ${variant.padEnd(8)} load ${m.load.scriptMs.toFixed(0)} ms, minute ${m.minute.scriptMs.toFixed(0)} ms script, ${m.load.bytes + m.minute.bytes} bytes\n`,
        );
      }
    }
    return {
      runs,
      seconds,
      input: input as MinuteCounts,
      measurements,
      stenoEventsAccepted: h.agent.browser?.counts.received ?? 0,
    };
  } finally {
    await plain.close();
    await h.close();
    await cleanup();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await main(process.argv.slice(2));
  process.stdout.write(`${JSON.stringify(result.measurements.length)} measurements\n`);
}
