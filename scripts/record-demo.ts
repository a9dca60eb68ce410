/**
 * Records the demo's frame recording, examples/demo-recording-frames.jsonl (issue 17): a maintainer
 * tool, run at development time only, never by the product:
 *
 *   node --conditions=development --import tsx scripts/record-demo.ts [out.jsonl]
 *
 * A test desktop of its own (Xvfb, openbox): a plain xterm in scope with frames allowed, and a GTK
 * dialog (zenity) out of scope. The LIVE agent (the real X11 hook, privacy filter and frame pipeline:
 * capture, on-device recognition, redaction, WebP) captures five short tasks; in each the script
 * types a note holding a secret and an e-mail address into the xterm, clicks in it, types in the
 * out-of-scope dialog and comes back. What the agent uploads (to a stand-in server on 127.0.0.1) is
 * the recording: the agent's own events, its redacted before-frames among them. Nothing else is
 * written: the typed text is redacted by the agent before anything leaves it, and the frames are
 * redacted in pixels before they are encoded.
 *
 * Before writing, every frame is read again by Debian's `tesseract` (an independent recogniser;
 * tesseract.js where it is not installed, and the script says which read each frame):
 * if it finds any run of six characters of a secret, an address or the dialog's words, or the file's
 * text holds one, nothing is written and the script fails. `test/demo-frames.test.ts` repeats the
 * check on the committed file.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { StenoEvent } from '@steno/protocol';
import { markAgentTask } from '../packages/agent/src/control-client.ts';
import { runLiveAgent } from '../packages/agent/src/live-agent.ts';
import { parseRecording } from '../packages/agent/src/replay-source.ts';
import { FakeStenoServer } from '../packages/agent/src/test-support/fake-steno-server.ts';
import { leakedRuns, readAgain } from '../packages/frames/src/test-support/second-reader.ts';
import { X11Desktop } from '../packages/frames/src/test-support/x11-desktop.ts';

export const DEMO_FRAMES_RECORDING = fileURLToPath(
  new URL('../examples/demo-recording-frames.jsonl', import.meta.url),
);
/** The in-scope application: xterm's own WM_CLASS class. */
export const DEMO_FRAMES_APP = 'XTerm';

export interface DemoTake {
  /** What the task is, as marked on the agent (filtered like typed text). */
  task: string;
  /** The xterm's window title. */
  title: string;
  /** Lines typed into the xterm, each ended with Return. */
  lines: readonly string[];
  /** What in `lines` is secret or personal: none of it may be readable in the recording. */
  secrets: readonly string[];
}

/** Made-up credentials and addresses (none is real), one kind per task. */
export const DEMO_TAKES: readonly DemoTake[] = [
  {
    task: 'Post the staging access note',
    title: 'Team notes: staging',
    lines: ['staging key AKIAQX7Y3KD2MWR5EZ4P for the deploy', 'questions to nina.ops@example.com'],
    secrets: ['AKIAQX7Y3KD2MWR5EZ4P', 'nina.ops@example.com'],
  },
  {
    task: 'Hand the build token to the release team',
    title: 'Team notes: release',
    lines: ['build token ghp_R8kq2ZLmV9pX4wN7tY1cB6dF3sH0jA5uE2gK', 'cc lena.berg@example.org'],
    secrets: ['ghp_R8kq2ZLmV9pX4wN7tY1cB6dF3sH0jA5uE2gK', 'lena.berg@example.org'],
  },
  {
    task: 'Write down the database login',
    title: 'Team notes: database',
    lines: ['db password: Tr0ub4dor&3xQ!', 'ask sam.lee@corp.example.com first'],
    secrets: ['Tr0ub4dor&3xQ!', 'sam.lee@corp.example.com'],
  },
  {
    task: 'Send the travel receipts',
    title: 'Team notes: travel',
    lines: ['receipts to expenses.desk@example.com', 'card 4111 1111 1111 1111 for the hotel'],
    secrets: ['expenses.desk@example.com', '4111 1111 1111 1111'],
  },
  {
    task: 'Share the alerting webhook',
    title: 'Team notes: alerts',
    lines: ['alerts key sk_live_9fQ2mZ7xW4kL8pR3tV6yB1nC', 'owner ravi.k@example.net'],
    secrets: ['sk_live_9fQ2mZ7xW4kL8pR3tV6yB1nC', 'ravi.k@example.net'],
  },
];

/** Shown in the out-of-scope dialog and typed into it: none of it may be in the recording. */
export const OUT_OF_SCOPE_WORDS = ['Chat with a friend', 'dinner on friday?', 'my doctor moved it'];
export const OUT_OF_SCOPE_TYPED = 'sounds good see you there';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Every run of six characters of a secret or of the out-of-scope words found in `text`. */
export function leaksIn(text: string): string[] {
  const all = [...DEMO_TAKES.flatMap((t) => t.secrets), ...OUT_OF_SCOPE_WORDS, OUT_OF_SCOPE_TYPED];
  return all.flatMap((s) => leakedRuns(text, s));
}

/** The agent's uploads as a recording: each batch repeats the focus in effect; once is enough. */
function asRecording(events: readonly StenoEvent[]): StenoEvent[] {
  const out: StenoEvent[] = [];
  let last = '';
  for (const e of events) {
    if (e.type === 'focus') {
      const key = JSON.stringify([e.t, e.app, e.title, e.screen]);
      if (key === last && e.actionId === undefined) continue;
      last = key;
    }
    out.push(e);
  }
  return out;
}

class Windows {
  readonly #procs = new Set<ChildProcess>();
  constructor(readonly desktop: X11Desktop) {}

  spawn(cmd: string, args: string[], input?: string): ChildProcess {
    const child = spawn(cmd, args, {
      env: this.desktop.env,
      stdio: [input ? 'pipe' : 'ignore', 'ignore', 'ignore'],
    });
    if (input) child.stdin?.end(input);
    this.#procs.add(child);
    child.once('exit', () => this.#procs.delete(child));
    return child;
  }

  /** The newest visible window of a WM_CLASS class that was not there before. */
  async appear(wmClass: string, before: ReadonlySet<number>): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const ids = this.visible(wmClass).filter((id) => !before.has(id));
      if (ids[0] !== undefined) {
        await sleep(400);
        return String(ids[0]);
      }
      await sleep(50);
    }
    throw new Error(`no ${wmClass} window appeared`);
  }

  visible(wmClass: string): number[] {
    const r = spawnSync('xdotool', ['search', '--onlyvisible', '--class', `^${wmClass}$`], {
      env: this.desktop.env,
      timeout: 2_000,
    });
    return (r.stdout?.toString() ?? '')
      .split('\n')
      .map(Number)
      .filter((id) => id > 0);
  }

  async kill(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    await exited;
  }

  async closeAll(): Promise<void> {
    for (const p of [...this.#procs]) await this.kill(p);
  }
}

async function record(out: string): Promise<void> {
  const desktop = await X11Desktop.start();
  const windows = new Windows(desktop);
  const server = await new FakeStenoServer().start();
  server.scope = { apps: [{ app: DEMO_FRAMES_APP, level: 'full', frames: true }], sites: [] };
  server.leaseTtlMs = 10 * 60_000;
  const dir = mkdtempSync(join(tmpdir(), 'steno-record-demo-'));
  const dataDir = join(dir, 'agent');
  // No session bus: xterm has no accessibility tree to read.
  const { DBUS_SESSION_BUS_ADDRESS: _bus, AT_SPI_BUS_ADDRESS: _atspi, ...env } = desktop.env;
  const agent = await runLiveAgent({
    server: server.url,
    enrolToken: server.addToken('demo'),
    dataDir,
    log: (level, msg, fields) => {
      if (level !== 'debug')
        console.log(`  agent ${level} ${msg}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
    },
    holdbackMs: 0,
    batch: { maxDelayMs: 250 },
    notify: false,
    browser: { enabled: false },
    live: { env },
  });
  try {
    await waitFor(() => agent.live.status().hook.state === 'running', 20_000, 'the input hook');
    await waitFor(() => agent.live.status().lease.state === 'active', 10_000, 'a capture lease');

    // Out of scope: a GTK dialog of another application, with words of its own.
    const noDialogs = new Set(windows.visible('Zenity'));
    windows.spawn(
      'zenity',
      ['--text-info', '--editable', '--title', 'Chat', '--width', '460', '--height', '260'],
      `${OUT_OF_SCOPE_WORDS.join('\n')}\n`,
    );
    const chat = await windows.appear('Zenity', noDialogs);
    await desktop.xdotool(['windowmove', chat, '760', '430']);

    for (const [i, take] of DEMO_TAKES.entries()) {
      console.log(`take ${i + 1}: ${take.task}`);
      const noTerms = new Set(windows.visible('XTerm'));
      const term = windows.spawn('xterm', [
        '-T',
        take.title,
        '-geometry',
        '60x9+40+60',
        '-bg',
        'white',
        '-fg',
        'black',
        '+sb',
        '-fa',
        'DejaVu Sans Mono',
        '-fs',
        '16',
        '-e',
        'sh',
        '-c',
        `printf 'Team notes (%s)\\n\\n' "$1"; exec cat >/dev/null`,
        'sh',
        take.task.toLowerCase(),
      ]);
      const win = await windows.appear('XTerm', noTerms);
      await desktop.focus(win);
      await sleep(900);
      await markAgentTask(dataDir, 'start', take.task);
      await sleep(500);
      for (const line of take.lines) {
        await desktop.xdotool(['type', '--delay', '55', line]);
        await sleep(250);
        await desktop.xdotool(['key', 'Return']);
        await sleep(500);
      }
      await sleep(600);
      await desktop.moveIn(win, [420, 190], [200, 60], 12);
      await desktop.clickIn(win, 200, 60);
      await sleep(1_200);
      await desktop.focus(chat);
      await desktop.clickIn(chat, 200, 150);
      await desktop.xdotool(['type', '--delay', '55', OUT_OF_SCOPE_TYPED]);
      await sleep(600);
      await desktop.focus(win);
      await sleep(1_200);
      await markAgentTask(dataDir, 'end');
      const ended = i + 1;
      await waitFor(
        () => server.events().filter((e) => e.type === 'task' && e.phase === 'end').length >= ended,
        60_000,
        `the end of task ${ended}`,
      );
      await windows.kill(term);
      await sleep(500);
    }
  } finally {
    await agent.stop();
    await windows.closeAll();
    await server.close();
    await desktop.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const events = asRecording(server.events());
  const text = `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;
  parseRecording(text);
  const frames = events.filter((e) => e.type === 'frame');
  const problems: string[] = [];
  if (frames.length === 0) problems.push('no frames were captured');
  for (const f of frames)
    if (f.type === 'frame' && f.meta.app !== DEMO_FRAMES_APP) problems.push(`a frame of ${f.meta.app}`);
  const inText = leaksIn(text);
  if (inText.length > 0) problems.push(`the file's text holds ${inText.join(', ')}`);
  for (const [n, f] of frames.entries()) {
    if (f.type !== 'frame') continue;
    const again = await readAgain(new Uint8Array(Buffer.from(f.webp, 'base64')));
    const leaked = leaksIn(again.text);
    console.log(
      `frame ${n + 1}: ${again.reader} read ${again.text.replace(/\s+/g, ' ').trim().slice(0, 100)}`,
    );
    if (leaked.length > 0) problems.push(`frame ${n + 1}: ${again.reader} reads ${leaked.join(', ')}`);
  }
  console.log(
    `${events.length} events, ${frames.length} frames, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`,
  );
  if (problems.length > 0) throw new Error(`not written: ${problems.join('; ')}`);
  writeFileSync(out, text);
  console.log(
    `wrote ${out}: ${events.length} events, ${frames.length} frames, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`,
  );
}

const USAGE = `Usage: node --conditions=development --import tsx scripts/record-demo.ts [out.jsonl]

Records the demo's frame recording live under Xvfb (the live agent with frames on, an xterm in
scope, a zenity dialog out of scope) and writes it to out.jsonl (default
examples/demo-recording-frames.jsonl), only if tesseract reads no secret in any frame.
Needs Xvfb, openbox, xterm, xdotool, zenity and tesseract.`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  if (arg === '--help' || arg === '-h') {
    console.log(USAGE);
    process.exit(0);
  }
  if (arg?.startsWith('-')) {
    console.error(`unknown option ${arg}\n\n${USAGE}`);
    process.exit(2);
  }
  record(arg ?? DEMO_FRAMES_RECORDING).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
