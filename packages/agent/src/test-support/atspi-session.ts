/**
 * Test support: a desktop session's accessibility stack for a test display — a session D-Bus of its
 * own (dbus-daemon --session), the AT-SPI bus launcher on it (at-spi-bus-launcher, which starts the
 * accessibility bus and at-spi2-registryd), and GTK dialogs (zenity) that publish their widgets
 * there. Every process started here is stopped by `close()`, by its own pid; the launcher's bus and
 * registry end with it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from '../../../frames/src/test-support/x11-desktop.ts';

const LAUNCHER = '/usr/libexec/at-spi-bus-launcher';

/** Whether the AT-SPI tests can run here; in CI (`process.env.CI`) they must. */
export function atspiAvailable(): boolean {
  return (
    existsSync(LAUNCHER) &&
    spawnSync('sh', ['-c', 'command -v dbus-daemon && command -v dbus-send && command -v zenity']).status ===
      0
  );
}

export const ATSPI_SKIP_MESSAGE =
  'AT-SPI tests skipped: at-spi2-core, dbus-daemon or zenity is not installed (apt-get install at-spi2-core dbus-daemon zenity); in CI they run.';

export class AtspiSession {
  /** The display's environment plus the session bus and a runtime dir of this session. */
  readonly env: NodeJS.ProcessEnv;
  readonly #procs = new Set<ChildProcess>();
  readonly #runtimeDir: string;

  private constructor(env: NodeJS.ProcessEnv, runtimeDir: string) {
    this.env = env;
    this.#runtimeDir = runtimeDir;
  }

  /** Starts a session bus and the accessibility bus for `displayEnv` (DISPLAY set). */
  static async start(displayEnv: NodeJS.ProcessEnv): Promise<AtspiSession> {
    const runtimeDir = mkdtempSync(join(tmpdir(), 'steno-atspi-'));
    const { NO_AT_BRIDGE: _off, AT_SPI_BUS_ADDRESS: _other, ...base } = displayEnv;
    const env0: NodeJS.ProcessEnv = { ...base, XDG_RUNTIME_DIR: runtimeDir };
    const session = new AtspiSession(env0, runtimeDir);
    const daemon = session.#spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], env0, true);
    const address = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('dbus-daemon gave no address')), 10_000);
      daemon.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n')[0];
        if (out.includes('\n') && line) {
          clearTimeout(timer);
          resolve(line.trim());
        }
      });
      daemon.once('exit', () => reject(new Error('dbus-daemon exited')));
    });
    Object.assign(session.env, { DBUS_SESSION_BUS_ADDRESS: address });
    session.#spawn(LAUNCHER, ['--launch-immediately'], session.env);
    for (let i = 0; i < 100; i++) {
      const probe = spawnSync(
        'dbus-send',
        ['--session', '--print-reply', '--dest=org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus.GetAddress'],
        { env: session.env, timeout: 2_000 },
      );
      if (probe.status === 0 && probe.stdout.toString().includes('unix:')) return session;
      await sleep(100);
    }
    await session.close();
    throw new Error('the accessibility bus did not come up');
  }

  /** Starts a zenity dialog with `args`; the process is stopped by `close()`. */
  zenity(args: string[]): ChildProcess {
    return this.#spawn('zenity', args, this.env);
  }

  async close(): Promise<void> {
    for (const p of [...this.#procs].reverse()) await kill(p);
    rmSync(this.#runtimeDir, { recursive: true, force: true });
  }

  #spawn(cmd: string, args: string[], env: NodeJS.ProcessEnv, pipe = false): ChildProcess {
    const child = spawn(cmd, args, { env, stdio: pipe ? ['ignore', 'pipe', 'ignore'] : 'ignore' });
    this.#procs.add(child);
    child.once('exit', () => this.#procs.delete(child));
    child.once('error', () => this.#procs.delete(child));
    return child;
  }
}

async function kill(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
  p.kill('SIGTERM');
  const timer = setTimeout(() => p.kill('SIGKILL'), 2_000);
  await exited;
  clearTimeout(timer);
}
