/**
 * Test support: a real X11 desktop for the frames and agent tests — Xvfb on a free display number,
 * openbox as the window manager (it keeps _NET_CLIENT_LIST_STACKING and _NET_ACTIVE_WINDOW), xterm
 * windows that show chosen text or carry a chosen WM_CLASS, and input through xdotool inside those
 * windows only (a click on openbox's bare desktop opens its menu). Every process started here is
 * stopped by `close()`, by its own pid. The agent's tests use this class too (the agent depends on
 * the frames package, not the other way round).
 */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether the X11 tests can run here; in CI (`process.env.CI`) they must. */
export function x11Available(): boolean {
  return (
    spawnSync('sh', ['-c', 'command -v Xvfb && command -v openbox && command -v xdotool && command -v xterm'])
      .status === 0
  );
}

export const X11_SKIP_MESSAGE =
  'X11 tests skipped: Xvfb, openbox, xdotool or xterm is not installed (apt-get install xvfb openbox xdotool xterm x11-utils); in CI they run.';

export interface TextWindow {
  /** The client window id (decimal, as xdotool prints it). */
  readonly id: number;
}

export interface TextWindowOptions {
  /** WM_CLASS class and instance. */
  wmClass: string;
  title: string;
  /** Lines to show; printed by the shell inside the xterm. */
  lines: readonly string[];
  /** Position and size in character cells, e.g. `70x12+40+40`. */
  geometry: string;
  /** Xft font (`-fa`), e.g. `DejaVu Sans Mono`; default xterm's bitmap font. */
  font?: string;
  /** Font size in points (with `font`). */
  fontSize?: number;
}

export class X11Desktop {
  readonly display: string;
  readonly #procs = new Set<ChildProcess>();
  #xvfb: ChildProcess | undefined;
  #openbox: ChildProcess | undefined;

  private constructor(display: string) {
    this.display = display;
  }

  static async start(): Promise<X11Desktop> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const n = 100 + Math.floor(Math.random() * 800);
      if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue;
      const desktop = new X11Desktop(`:${n}`);
      try {
        if (await desktop.startServer()) {
          await desktop.startWindowManager();
          return desktop;
        }
      } catch {
        // try another display number
      }
      await desktop.close();
    }
    throw new Error('could not start Xvfb');
  }

  get env(): NodeJS.ProcessEnv {
    return { ...process.env, DISPLAY: this.display };
  }

  /** Starts (or restarts) Xvfb; false if it did not come up. */
  async startServer(): Promise<boolean> {
    const xvfb = this.#spawn('Xvfb', [this.display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp']);
    this.#xvfb = xvfb;
    for (let i = 0; i < 50; i++) {
      if (xvfb.exitCode !== null) return false;
      const probe = spawnSync('xdotool', ['getmouselocation'], { env: this.env, timeout: 2_000 });
      if (probe.status === 0) return true;
      await sleep(100);
    }
    return false;
  }

  async startWindowManager(): Promise<void> {
    this.#openbox = this.#spawn('openbox', ['--sm-disable']);
    for (let i = 0; i < 150; i++) {
      // Under load openbox can lose the race with a display that just came back: start it again.
      if (this.#openbox.exitCode !== null || this.#openbox.signalCode !== null)
        this.#openbox = this.#spawn('openbox', ['--sm-disable']);
      const probe = spawnSync('xprop', ['-root', '_NET_SUPPORTING_WM_CHECK'], {
        env: this.env,
        timeout: 2_000,
      });
      if (probe.stdout?.toString().includes('window id')) return;
      await sleep(100);
    }
    throw new Error('openbox did not start');
  }

  /** Kills Xvfb and openbox (the display is lost), leaving windows' processes to die with it. */
  async killServer(): Promise<void> {
    for (const p of [this.#openbox, this.#xvfb]) if (p) await this.#kill(p);
  }

  /** Opens an xterm with the given WM_CLASS and title; returns its window id once mapped. */
  async openWindow(wmClass: string, title: string): Promise<string> {
    this.#spawn('xterm', ['-class', wmClass, '-T', title, '-geometry', '80x24+40+40']);
    for (let i = 0; i < 100; i++) {
      const found = spawnSync('xdotool', ['search', '--sync', '--limit', '1', '--class', wmClass], {
        env: this.env,
        timeout: 2_000,
      });
      const id = found.stdout?.toString().trim().split('\n')[0];
      if (id) return id;
      await sleep(50);
    }
    throw new Error(`window ${wmClass} did not appear`);
  }

  /** Opens an xterm showing `lines` (no cursor, no scrollbar); resolves once it is mapped and drawn. */
  async openText(options: TextWindowOptions): Promise<TextWindow> {
    const script = `printf '%s\\n' "$@"; exec sleep 600`;
    const args = [
      '-class',
      options.wmClass,
      '-name',
      options.wmClass,
      '-T',
      options.title,
      '-geometry',
      options.geometry,
      '-bg',
      'white',
      '-fg',
      'black',
      '+sb',
      '-xrm',
      'XTerm*cursorBlink: false',
      ...(options.font ? ['-fa', options.font, '-fs', String(options.fontSize ?? 11)] : []),
      '-e',
      'sh',
      '-c',
      // Hide the cursor so it does not smear the last line.
      `printf '\\033[?25l'; ${script}`,
      'sh',
      ...options.lines,
    ];
    const visible = () =>
      (
        spawnSync('xdotool', ['search', '--onlyvisible', '--classname', options.wmClass], {
          env: this.env,
          timeout: 2_000,
        }).stdout?.toString() ?? ''
      )
        .split('\n')
        .map(Number)
        .filter((id) => id > 0);
    // Windows of the same class may be open already: wait for the new one.
    const before = new Set(visible());
    this.#spawn('xterm', args);
    for (let i = 0; i < 100; i++) {
      const id = visible().find((w) => !before.has(w));
      if (id !== undefined) {
        await sleep(300);
        return { id };
      }
      await sleep(50);
    }
    throw new Error(`window ${options.wmClass} did not appear`);
  }

  /** Activates (and raises) a window, waiting until it has the focus. */
  async focus(window: TextWindow | string): Promise<void> {
    await this.xdotool(['windowactivate', '--sync', typeof window === 'string' ? window : String(window.id)]);
    await sleep(200);
  }

  /** Types text into the focused window. */
  async type(text: string, delayMs = 12): Promise<void> {
    // xdotool types "\n" as a remapped Linefeed keysym, which no keyboard sends: press the real
    // Return key instead, as a person does.
    const lines = text.split('\n');
    for (const [i, line] of lines.entries()) {
      if (line.length > 0) await this.xdotool(['type', '--delay', String(delayMs), line]);
      if (i < lines.length - 1) await this.xdotool(['key', 'Return']);
    }
  }

  /** Clicks inside `window` at (x, y) relative to it. */
  async clickIn(window: string, x = 60, y = 60, button = 1): Promise<void> {
    await this.xdotool(['mousemove', '--window', window, String(x), String(y), 'click', String(button)]);
  }

  /** Moves the pointer along a line inside `window`, in `steps` moves. */
  async moveIn(window: string, from: [number, number], to: [number, number], steps: number): Promise<void> {
    const args: string[] = [];
    for (let i = 0; i <= steps; i++) {
      const x = Math.round(from[0] + ((to[0] - from[0]) * i) / steps);
      const y = Math.round(from[1] + ((to[1] - from[1]) * i) / steps);
      args.push('mousemove', '--window', window, String(x), String(y), 'sleep', '0.004');
    }
    await this.xdotool(args);
  }

  async xdotool(args: string[]): Promise<string> {
    const { stdout } = await run('xdotool', args, { env: this.env, timeout: 30_000 });
    return stdout;
  }

  async close(): Promise<void> {
    for (const p of [...this.#procs].reverse()) await this.#kill(p);
  }

  #spawn(cmd: string, args: string[]): ChildProcess {
    const child = spawn(cmd, args, { env: this.env, stdio: 'ignore' });
    this.#procs.add(child);
    child.once('exit', () => this.#procs.delete(child));
    child.once('error', () => this.#procs.delete(child));
    return child;
  }

  async #kill(p: ChildProcess): Promise<void> {
    if (p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
    p.kill('SIGTERM');
    const timer = setTimeout(() => p.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(timer);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
