/**
 * A private nats-server (JetStream, file storage in a temp folder) for one test file, so tests never
 * touch the shared service on 4222. It can be stopped with SIGTERM and started again on the same
 * port and storage, as a real restart.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The nats-server binary: $NATS_SERVER, /usr/sbin/nats-server, or one on PATH; undefined if none. */
export function natsServerBinary(): string | undefined {
  const candidates = [process.env.NATS_SERVER, '/usr/sbin/nats-server', '/usr/local/bin/nats-server'];
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    if (dir) candidates.push(join(dir, 'nats-server'));
  return candidates.find((c): c is string => c !== undefined && c.length > 0 && existsSync(c));
}

/** Skip (with a reason) when there is no nats-server and we are not in CI; in CI the tests run and fail. */
export function natsSkipReason(): string | undefined {
  if (natsServerBinary() || process.env.CI) return undefined;
  return 'nats-server not installed (apt-get install nats-server): skipping JetStream tests outside CI';
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number, child: ChildProcess): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`nats-server exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = createConnection({ port, host: '127.0.0.1' });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nats-server did not listen on ${port} within ${timeoutMs} ms`);
}

export class NatsServer {
  #child: ChildProcess | undefined;
  #log = '';

  private constructor(
    readonly bin: string,
    readonly port: number,
    readonly storeDir: string,
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** The server process's id while it runs (benchmarks read its CPU time). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** The server's recent output, for failure messages. */
  get log(): string {
    return this.#log.slice(-4000);
  }

  static async start(): Promise<NatsServer> {
    const bin = natsServerBinary();
    if (!bin) throw new Error('nats-server is not installed');
    const s = new NatsServer(bin, await freePort(), mkdtempSync(join(tmpdir(), 'steno-nats-')));
    await s.restart();
    return s;
  }

  /** (Re)starts the server on the same port and storage folder. */
  async restart(): Promise<void> {
    if (this.#child && this.#child.exitCode === null && this.#child.signalCode === null)
      throw new Error('nats-server is running');
    const child = spawn(this.bin, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (b: Buffer) => {
      this.#log = (this.#log + b.toString()).slice(-16_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.#child = child;
    await waitForPort(this.port, 10_000, child);
  }

  /** Stops the server (SIGTERM: JetStream flushes and shuts down cleanly; SIGKILL after 10 s). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(t);
  }

  /** Stops the server and removes its storage. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}
