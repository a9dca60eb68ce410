/**
 * `npm run bench -- agent [--events N] [--runs R]`: CPU time of all agent processes (the agent and
 * its hook child) per 1,000 real input events under Xvfb, and their resident memory, against the
 * anchor: the same uiohook-napi hook with a no-op handler, fed the same xdotool-generated input in
 * the same run. Input goes to an in-scope xterm (full level), so every event runs the whole path:
 * hook → normaliser → scope gate → privacy filter → batcher → encrypted spool → upload.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentStatus } from '../packages/agent/src/control-client.ts';
import { FakeStenoServer } from '../packages/agent/src/test-support/fake-steno-server.ts';
import { sleep, X11Desktop, x11Available } from '../packages/agent/src/test-support/x11-desktop.ts';
import { printTable, stats, writeResults } from './lib/report.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLK_TCK = 100;

interface ProcSample {
  cpuMs: number;
  rssMb: number;
  /** Peak resident memory (VmHWM). */
  peakMb: number;
}

async function sampleProc(pid: number): Promise<ProcSample> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { cpuMs: ((utime + stime) * 1000) / CLK_TCK, rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function children(pid: number): Promise<number[]> {
  try {
    const tasks = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return tasks.trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return []; // gone
  }
}

/** CPU ms of each thread of `pid`, summed by thread name (main, libuv worker, V8 GC, …). */
async function threadCpu(pid: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let tids: string[] = [];
  try {
    tids = await readdir(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
      const key = tid === String(pid) ? 'main (JavaScript)' : name.replace(/\d+$/, '#');
      out.set(key, (out.get(key) ?? 0) + ms);
    } catch {
      // the thread ended
    }
  }
  return out;
}

/** The process `pid` and, summed, all its descendants (for the agent: the hook child). */
async function sampleSplit(pid: number): Promise<{ self: ProcSample; descendants: ProcSample }> {
  const self = await sampleProc(pid);
  const descendants: ProcSample = { cpuMs: 0, rssMb: 0, peakMb: 0 };
  const queue = await children(pid);
  while (queue.length > 0) {
    const p = queue.shift() as number;
    queue.push(...(await children(p)));
    try {
      const s = await sampleProc(p);
      descendants.cpuMs += s.cpuMs;
      descendants.rssMb += s.rssMb;
      descendants.peakMb += s.peakMb;
    } catch {
      // exited between listing and reading
    }
  }
  return { self, descendants };
}

/** The xdotool input for one run: typing, pointer strokes and clicks inside `win`. */
async function drive(desktop: X11Desktop, win: string, events: number): Promise<void> {
  const chunk = 'the quick brown fox jumps over the lazy dog ';
  let produced = 0;
  while (produced < events) {
    await desktop.type(chunk, 1);
    produced += chunk.length * 2;
    await desktop.moveIn(win, [40, 40], [300, 200], 60);
    produced += 61;
    await desktop.clickIn(win, 300, 200);
    produced += 3;
  }
}

const NOOP_HOOK = (uiohook: string) => `
import { uIOhook } from ${JSON.stringify(uiohook)};
let n = 0;
uIOhook.on('input', () => { n++; });
uIOhook.start();
process.stdin.on('data', () => process.stdout.write(n + '\\n'));
process.stdin.on('end', () => process.exit(0));
`;

interface Measured {
  events: number;
  cpuMs: number;
  rssMb: number;
  peakMb: number;
}

async function measureAnchor(
  desktop: X11Desktop,
  win: string,
  events: number,
  script: string,
): Promise<Measured> {
  const child = spawn(process.execPath, [script], { env: desktop.env, stdio: ['pipe', 'pipe', 'ignore'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  await sleep(800);
  const pid = child.pid ?? 0;
  const before = await sampleProc(pid);
  await drive(desktop, win, events);
  await sleep(300);
  const after = await sampleProc(pid);
  child.stdin?.write('\n');
  await sleep(100);
  const count = Number(out.trim().split('\n').at(-1));
  await stop(child);
  return { events: count, cpuMs: after.cpuMs - before.cpuMs, rssMb: after.rssMb, peakMb: after.peakMb };
}

interface AgentMeasured {
  events: number;
  outEvents: number;
  rawMoves: number;
  pathPoints: number;
  /** The agent process (runAgent, normaliser, gate, filter, batcher, spool, uploader). */
  parent: Omit<Measured, 'events'>;
  /** The hook child (uiohook-napi and the focus tracker). */
  hook: Omit<Measured, 'events'>;
  /** The agent process's CPU in the window by thread (name → ms). */
  threads: Record<string, number>;
}

async function measureAgent(
  desktop: X11Desktop,
  win: string,
  events: number,
  server: FakeStenoServer,
  profileDir: string | undefined,
): Promise<AgentMeasured> {
  const dir = await mkdtemp(join(tmpdir(), 'steno-bench-agent-'));
  const dataDir = join(dir, 'agent');
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bench/lib/agent-child.mjs'), server.url, dataDir, server.addToken()],
    {
      cwd: ROOT,
      env: { ...desktop.env, ...(profileDir ? { STENO_BENCH_PROFILE_DIR: profileDir } : {}) },
      stdio: ['pipe', 'pipe', 'ignore'],
    },
  );
  let said = '';
  child.stdout?.on('data', (d: Buffer) => {
    said += d.toString();
  });
  const toggleProfile = async (word: string): Promise<void> => {
    if (!profileDir) return;
    child.kill('SIGUSR2');
    for (let i = 0; i < 200 && !said.includes(word); i++) await sleep(25);
  };
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => {
        if (d.toString().includes('ready')) resolve();
      });
      child.once('exit', () => reject(new Error('agent child exited')));
    });
    await desktop.focus(win);
    for (let i = 0; i < 100; i++) {
      if ((await agentStatus(dataDir)).capture.state === 'capturing') break;
      await sleep(50);
    }
    const start = await agentStatus(dataDir);
    await sleep(300);
    const pid = child.pid ?? 0;
    await toggleProfile('profiling');
    const before = await sampleSplit(pid);
    const threadsBefore = await threadCpu(pid);
    await drive(desktop, win, events);
    await sleep(300);
    const after = await sampleSplit(pid);
    const threadsAfter = await threadCpu(pid);
    const threads: Record<string, number> = {};
    for (const [name, ms] of threadsAfter) threads[name] = ms - (threadsBefore.get(name) ?? 0);
    await toggleProfile('profiled');
    const end = await agentStatus(dataDir);
    const part = (b: ProcSample, a: ProcSample) => ({
      cpuMs: a.cpuMs - b.cpuMs,
      rssMb: a.rssMb,
      peakMb: a.peakMb,
    });
    return {
      events: end.capture.normaliser.rawInputs - start.capture.normaliser.rawInputs,
      outEvents: end.capture.normaliser.events - start.capture.normaliser.events,
      rawMoves: end.capture.normaliser.rawMoves - start.capture.normaliser.rawMoves,
      pathPoints: end.capture.normaliser.pathPoints - start.capture.normaliser.pathPoints,
      parent: part(before.self, after.self),
      hook: part(before.descendants, after.descendants),
      threads,
    };
  } finally {
    await stop(child);
    await rm(dir, { recursive: true, force: true });
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function main(args: string[]): Promise<void> {
  if (!x11Available()) {
    console.error('the agent benchmark needs Xvfb, openbox, xdotool and xterm');
    process.exit(2);
  }
  const events = Number(option(args, '--events')) || 3_000;
  const runs = Math.max(1, Number(option(args, '--runs')) || 5);
  /** `--profile DIR`: a V8 CPU profile of the agent process over exactly the measured window (one run). */
  const profileDir = option(args, '--profile');
  const desktop = await X11Desktop.start();
  const server = await new FakeStenoServer().start();
  server.scope = { apps: [{ app: 'StenoInScope', level: 'full' }], sites: [] };
  const scriptDir = await mkdtemp(join(tmpdir(), 'steno-bench-hook-'));
  const script = join(scriptDir, 'noop-hook.mjs');
  await writeFile(script, NOOP_HOOK(join(ROOT, 'node_modules/uiohook-napi/dist/index.js')));
  try {
    const win = await desktop.openWindow('StenoInScope', 'steno bench');
    await desktop.focus(win);
    if (profileDir) {
      const s = await measureAgent(desktop, win, events, server, profileDir);
      console.log(
        `profiled ${s.events} events: parent ${s.parent.cpuMs} ms, hook ${s.hook.cpuMs} ms → ${profileDir}`,
      );
      console.log(`agent process by thread (ms): ${JSON.stringify(s.threads)}`);
      return;
    }
    const rows: { anchor: Measured; agent: AgentMeasured }[] = [];
    for (let run = -1; run < runs; run++) {
      // Alternate the order so drift in the machine's load hits both sides alike.
      const order = run % 2 === 0 ? ['anchor', 'agent'] : ['agent', 'anchor'];
      let a: Measured | undefined;
      let s: AgentMeasured | undefined;
      for (const which of order) {
        if (which === 'anchor') a = await measureAnchor(desktop, win, events, script);
        else s = await measureAgent(desktop, win, events, server, undefined);
      }
      if (!a || !s) throw new Error('unreachable');
      const perK = (ms: number, n: number) => (ms * 1000) / Math.max(1, n);
      console.error(
        `${run < 0 ? 'warm-up' : `run ${run + 1}`}: anchor ${perK(a.cpuMs, a.events).toFixed(0)} ms/1k (${a.events} events), ${a.rssMb.toFixed(0)} MB; ` +
          `agent ${perK(s.parent.cpuMs + s.hook.cpuMs, s.events).toFixed(0)} ms/1k (${s.events} events) = ` +
          `parent ${perK(s.parent.cpuMs, s.events).toFixed(0)} + hook ${perK(s.hook.cpuMs, s.events).toFixed(0)}, ` +
          `${(s.parent.rssMb + s.hook.rssMb).toFixed(0)} MB = ${s.parent.rssMb.toFixed(0)} + ${s.hook.rssMb.toFixed(0)}`,
      );
      if (run >= 0) rows.push({ anchor: a, agent: s });
    }
    const perK = (ms: number, n: number) => (ms * 1000) / Math.max(1, n);
    const anchorCpu = stats(rows.map((r) => perK(r.anchor.cpuMs, r.anchor.events)));
    const parentCpu = stats(rows.map((r) => perK(r.agent.parent.cpuMs, r.agent.events)));
    const hookCpu = stats(rows.map((r) => perK(r.agent.hook.cpuMs, r.agent.events)));
    const agentCpu = stats(rows.map((r) => perK(r.agent.parent.cpuMs + r.agent.hook.cpuMs, r.agent.events)));
    const ratio = stats(
      rows.map(
        (r) =>
          perK(r.agent.parent.cpuMs + r.agent.hook.cpuMs, r.agent.events) /
          Math.max(0.001, perK(r.anchor.cpuMs, r.anchor.events)),
      ),
    );
    const anchorRss = stats(rows.map((r) => r.anchor.rssMb));
    const parentRss = stats(rows.map((r) => r.agent.parent.rssMb));
    const hookRss = stats(rows.map((r) => r.agent.hook.rssMb));
    const rss = stats(rows.map((r) => r.agent.parent.rssMb + r.agent.hook.rssMb));
    const peak = stats(rows.map((r) => r.agent.parent.peakMb + r.agent.hook.peakMb));
    const threadNames = [...new Set(rows.flatMap((r) => Object.keys(r.agent.threads)))].sort();
    const threadCpuPer1k = Object.fromEntries(
      threadNames.map((name) => [
        name,
        stats(rows.map((r) => perK(r.agent.threads[name] ?? 0, r.agent.events))).median,
      ]),
    );
    const reduction = stats(rows.map((r) => r.agent.events / Math.max(1, r.agent.outEvents)));
    const pointRatio = stats(rows.map((r) => r.agent.rawMoves / Math.max(1, r.agent.pathPoints)));
    const pm = (s: { median: number; spread: number }) =>
      `${s.median.toFixed(1)} ±${(s.spread * 50).toFixed(0)}%`;
    printTable(
      `agent: CPU per 1,000 input events and resident memory, median of ${runs} runs (± half the spread)`,
      [
        { name: 'bare hook, no-op handler (anchor)', cpuMsPer1k: pm(anchorCpu), rssMb: pm(anchorRss) },
        { name: 'agent process (parent)', cpuMsPer1k: pm(parentCpu), rssMb: pm(parentRss) },
        { name: 'hook child', cpuMsPer1k: pm(hookCpu), rssMb: pm(hookRss) },
        { name: 'steno agent, all processes', cpuMsPer1k: pm(agentCpu), rssMb: pm(rss) },
        {
          name: 'ratio agent / anchor',
          cpuMsPer1k: pm(ratio),
          rssMb: (rss.median / anchorRss.median).toFixed(2),
        },
      ],
    );
    console.log(
      `agent process by thread, CPU ms per 1,000 input events (median): ${Object.entries(threadCpuPer1k)
        .map(([n, v]) => `${n} ${v.toFixed(0)}`)
        .join(', ')}`,
    );
    console.log(
      `targets: CPU ratio ≤ 1.5 (${ratio.median <= 1.5 ? 'met' : 'missed'}), all agent processes < 120 MB (${rss.median < 120 ? 'met' : 'missed'}); ` +
        `reduction ${reduction.median.toFixed(1)} raw inputs per event sent, ${pointRatio.median.toFixed(1)} raw moves per path point`,
    );
    const file = writeResults('agent', {
      eventsPerRun: events,
      runs,
      warmupRuns: 1,
      anchorCpuMsPer1k: anchorCpu,
      agentCpuMsPer1k: agentCpu,
      agentParentCpuMsPer1k: parentCpu,
      hookChildCpuMsPer1k: hookCpu,
      cpuRatio: ratio,
      agentRssMb: rss,
      agentParentRssMb: parentRss,
      hookChildRssMb: hookRss,
      agentPeakRssMb: peak,
      anchorRssMb: anchorRss,
      agentParentThreadsCpuMsPer1k: threadCpuPer1k,
      reductionRawPerEvent: reduction,
      rawMovesPerPathPoint: pointRatio,
      targets: { cpuRatio: 1.5, rssMb: 120 },
      met: { cpu: ratio.median <= 1.5, rss: rss.median < 120 },
      notes:
        'The agent process and its hook child run the built JavaScript (packages/agent/dist, bench/lib/agent-child.mjs), as installed. CPU counts only the measured window (input driven by xdotool plus 300 ms), RSS is read at its end.',
    });
    console.log(`wrote ${file}`);
  } finally {
    await server.close();
    await desktop.close();
    await rm(scriptDir, { recursive: true, force: true });
  }
}
