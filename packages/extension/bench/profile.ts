/**
 * Where the extension's page time goes (issue 19): the heavy page and the scripted minute of the
 * extension bench with the extension recording, under the CDP sampling profiler; prints the self
 * time of the content script's functions and of the page's, and the page's CDP ScriptDuration.
 * Run: node --conditions=development --import tsx packages/extension/bench/profile.ts [--seconds S] [--out FILE.cpuprofile] [--scope in|out] [--minute-only]
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { sleep, startHarness } from '../src/test-support/browser-harness.ts';
import { heavyLayout, scriptedMinute } from './scripted-minute.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function selfTimes(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const { functionName, url, lineNumber } = n.callFrame;
    const file = url.split('/').pop() ?? '';
    const key = `${functionName || '(anon)'} ${file}:${lineNumber + 1}`;
    out.set(key, (out.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return out;
}

export async function main(args: string[]): Promise<void> {
  const opt = (name: string, fallback: string): string => {
    const i = args.indexOf(name);
    return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
  };
  const seconds = Number(opt('--seconds', '60'));
  const h = await startHarness();
  try {
    const url = `${opt('--scope', 'in') === 'in' ? h.inScope : h.outOfScope}/heavy.html`;
    const warm = await h.context.newPage();
    await warm.goto(url, { waitUntil: 'load' });
    await sleep(1000);
    await warm.close();
    const page = await h.context.newPage();
    const cdp = await h.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async (name: string): Promise<number> =>
      (
        (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
      ).metrics.find((m) => m.name === name)?.value ?? 0;
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: Number(opt('--interval', '50')) });
    const minuteOnly = args.includes('--minute-only');
    if (!minuteOnly) await cdp.send('Profiler.start');
    await page.goto(url, { waitUntil: 'load' });
    await sleep(1000);
    for (let i = 1; i < Number(opt('--loads', '1')); i++) {
      await page.goto(url.replace('heavy.html', `heavy.html?${i}`), { waitUntil: 'load' });
      await sleep(1000);
    }
    const load = (await metric('ScriptDuration')) * 1000;
    const layout = await heavyLayout(page);
    if (minuteOnly) await cdp.send('Profiler.start');
    const s0 = await metric('ScriptDuration');
    await scriptedMinute(page, layout, seconds);
    await sleep(2500);
    const minute = ((await metric('ScriptDuration')) - s0) * 1000;
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    const out = opt('--out', '');
    if (out) writeFileSync(out, JSON.stringify(profile));
    const times = [...selfTimes(profile)].sort((a, b) => b[1] - a[1]);
    const sum = (pred: (k: string) => boolean) =>
      times.filter(([k]) => pred(k)).reduce((n, [, v]) => n + v, 0);
    console.log(`ScriptDuration load ${load.toFixed(1)} ms, minute ${minute.toFixed(1)} ms`);
    console.log(
      `self ms: content-script ${sum((k) => k.includes('content-script')).toFixed(1)}, heavy.html ${sum((k) => k.includes('heavy.html')).toFixed(1)}, (program) ${sum((k) => k.startsWith('(program)')).toFixed(1)}, (gc) ${sum((k) => k.startsWith('(garbage')).toFixed(1)}, other ${sum((k) => !k.includes('content-script') && !k.includes('heavy.html') && !k.startsWith('(')).toFixed(1)}`,
    );
    for (const [k, v] of times.filter(([k]) => !k.startsWith('(idle)')).slice(0, 45))
      console.log(`${v.toFixed(2).padStart(8)}  ${k}`);
    await page.close();
  } finally {
    await h.close();
  }
}

const HELP = `Usage: node --conditions=development --import tsx packages/extension/bench/profile.ts [options]
Profiles the extension bench's heavy page and scripted minute with the extension recording (CDP).
  --seconds S           length of the scripted input (default 60)
  --loads N             page loads before the input (default 1)
  --interval US         sampling interval in microseconds (default 50)
  --scope in|out        the page in the lease's scope or not (default in)
  --minute-only         profile the scripted input only, not the page's loads
  --out FILE.cpuprofile also write the profile (opens in Chrome DevTools)
  --help                this text
Set STENO_EXTENSION_NO_MINIFY=1 for the content script's own function names (the bundle is
minified by default, as shipped).`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--help')) console.log(HELP);
  else await main(process.argv.slice(2));
}
