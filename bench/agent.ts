/**
 * `npm run bench -- agent [--events N] [--runs R]`: CPU time of all agent processes (the agent and
 * its hook child) per 1,000 real input events under Xvfb, and their resident memory, against the
 * anchor: the same uiohook-napi hook with a no-op handler, fed the same xdotool-generated input in
 * the same run. Input goes to an in-scope xterm (full level), so every event runs the whole path:
 * hook → normaliser → scope gate → privacy filter → batcher → encrypted spool → upload.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentStatus } from '../packages/agent/src/control-client.ts';
import { runLiveAgent } from '../packages/agent/src/live-agent.ts';
import { FakeStenoServer } from '../packages/agent/src/test-support/fake-steno-server.ts';
import { sleep, X11Desktop, x11Available } from '../packages/agent/src/test-support/x11-desktop.ts';
import { machineFacts, printTable, stats, writeResults } from './lib/report.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLK_TCK = 100;
const PAGE = 4096;

interface ProcSample {
  cpuMs: number;
  rssMb: number;
}

async function sampleProc(pid: number): Promise<ProcSample> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const rssPages = Number(fields[21]);
  return { cpuMs: ((utime + stime) * 1000) / CLK_TCK, rssMb: (rssPages * PAGE) / 2 ** 20 };
}

async function tree(pid: number): Promise<number[]> {
  const out = [pid];
  try {
    const tasks = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
    for (const child of tasks.trim().split(/\s+/).filter(Boolean)) out.push(...(await tree(Number(child))));
  } catch {
    // gone
  }
  return out;
}

async function sampleTree(pid: number): Promise<ProcSample> {
  let cpuMs = 0;
  let rssMb = 0;
  for (const p of await tree(pid)) {
    try {
      const s = await sampleProc(p);
      cpuMs += s.cpuMs;
      rssMb += s.rssMb;
    } catch {
      // exited between listing and reading
    }
  }
  return { cpuMs, rssMb };
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

async function measureAnchor(desktop: X11Desktop, win: string, events: number, script: string) {
  const child = spawn(process.execPath, [script], { env: desktop.env, stdio: ['pipe', 'pipe', 'ignore'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  await sleep(800);
  const before = await sampleTree(child.pid ?? 0);
  await drive(desktop, win, events);
  await sleep(300);
  const after = await sampleTree(child.pid ?? 0);
  child.stdin?.write('\n');
  await sleep(100);
  const count = Number(out.trim().split('\n').at(-1));
  await stop(child);
  return { cpuMs: after.cpuMs - before.cpuMs, rssMb: after.rssMb, events: count };
}

async function measureAgent(desktop: X11Desktop, win: string, events: number, server: FakeStenoServer) {
  const dir = await mkdtemp(join(tmpdir(), 'steno-bench-agent-'));
  const dataDir = join(dir, 'agent');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'bench/run.ts'),
      'agent',
      '--child',
      server.url,
      dataDir,
      server.addToken(),
    ],
    { cwd: ROOT, env: desktop.env, stdio: ['pipe', 'pipe', 'ignore'] },
  );
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
    const before = await sampleTree(child.pid ?? 0);
    await drive(desktop, win, events);
    await sleep(300);
    const after = await sampleTree(child.pid ?? 0);
    const end = await agentStatus(dataDir);
    return {
      cpuMs: after.cpuMs - before.cpuMs,
      rssMb: after.rssMb,
      events: end.capture.normaliser.rawInputs - start.capture.normaliser.rawInputs,
      outEvents: end.capture.normaliser.events - start.capture.normaliser.events,
      rawMoves: end.capture.normaliser.rawMoves - start.capture.normaliser.rawMoves,
      pathPoints: end.capture.normaliser.pathPoints - start.capture.normaliser.pathPoints,
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

/** The measured agent process: the live agent with its control server, printing "ready". */
async function agentChild(args: string[]): Promise<void> {
  const [server, dataDir, token] = args;
  if (!server || !dataDir || !token) throw new Error('usage: agent --child SERVER DIR TOKEN');
  const running = await runLiveAgent({
    server,
    dataDir,
    enrolToken: token,
    holdbackMs: 0,
    notify: false,
    log: () => {},
  });
  for (let i = 0; i < 300 && running.live.status().hook.state !== 'running'; i++) await sleep(50);
  process.stdout.write('ready\n');
  const shutdown = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
}

export async function main(args: string[]): Promise<void> {
  if (args[0] === '--child') return agentChild(args.slice(1));
  if (!x11Available()) {
    console.error('the agent benchmark needs Xvfb, openbox, xdotool and xterm');
    process.exit(2);
  }
  const events = Number(args[args.indexOf('--events') + 1]) || 3_000;
  const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
  const desktop = await X11Desktop.start();
  const server = await new FakeStenoServer().start();
  server.scope = { apps: [{ app: 'StenoInScope', level: 'full' }], sites: [] };
  const scriptDir = await mkdtemp(join(tmpdir(), 'steno-bench-hook-'));
  const script = join(scriptDir, 'noop-hook.mjs');
  await writeFile(script, NOOP_HOOK(join(ROOT, 'node_modules/uiohook-napi/dist/index.js')));
  try {
    const win = await desktop.openWindow('StenoInScope', 'steno bench');
    await desktop.focus(win);
    const anchor: { perK: number; rss: number }[] = [];
    const agent: { perK: number; rss: number; reduction: number; pointRatio: number }[] = [];
    for (let run = -1; run < runs; run++) {
      const a = await measureAnchor(desktop, win, events, script);
      const s = await measureAgent(desktop, win, events, server);
      if (run < 0) continue; // warm-up
      anchor.push({ perK: (a.cpuMs * 1000) / Math.max(1, a.events), rss: a.rssMb });
      agent.push({
        perK: (s.cpuMs * 1000) / Math.max(1, s.events),
        rss: s.rssMb,
        reduction: s.events / Math.max(1, s.outEvents),
        pointRatio: s.rawMoves / Math.max(1, s.pathPoints),
      });
      console.error(
        `run ${run + 1}: anchor ${a.cpuMs} ms/${a.events} events, ${a.rssMb.toFixed(0)} MB; agent ${s.cpuMs} ms/${s.events} events, ${s.rssMb.toFixed(0)} MB`,
      );
    }
    const anchorCpu = stats(anchor.map((r) => r.perK));
    const agentCpu = stats(agent.map((r) => r.perK));
    const ratio = stats(agent.map((r, i) => r.perK / Math.max(0.001, anchor[i]?.perK ?? 1)));
    const rss = stats(agent.map((r) => r.rss));
    const anchorRss = stats(anchor.map((r) => r.rss));
    const reduction = stats(agent.map((r) => r.reduction));
    const pointRatio = stats(agent.map((r) => r.pointRatio));
    printTable('agent: CPU per 1,000 input events and memory (median of runs)', [
      { name: 'bare hook, no-op handler (anchor)', cpuMsPer1k: anchorCpu.median, rssMb: anchorRss.median },
      { name: 'steno agent (all processes)', cpuMsPer1k: agentCpu.median, rssMb: rss.median },
      { name: 'ratio agent / anchor', cpuMsPer1k: ratio.median, rssMb: rss.median / anchorRss.median },
    ]);
    console.log(
      `reduction: ${reduction.median.toFixed(1)} raw inputs per event sent; ${pointRatio.median.toFixed(1)} raw moves per path point`,
    );
    const file = writeResults('agent', {
      eventsPerRun: events,
      runs,
      anchorCpuMsPer1k: anchorCpu,
      agentCpuMsPer1k: agentCpu,
      cpuRatio: ratio,
      agentRssMb: rss,
      anchorRssMb: anchorRss,
      reductionRawPerEvent: reduction,
      rawMovesPerPathPoint: pointRatio,
      targets: { cpuRatio: 1.5, rssMb: 120 },
      met: { cpu: ratio.median <= 1.5, rss: rss.median < 120 },
      machine: machineFacts(),
    });
    console.log(`wrote ${file}`);
  } finally {
    await server.close();
    await desktop.close();
    await rm(scriptDir, { recursive: true, force: true });
  }
}
