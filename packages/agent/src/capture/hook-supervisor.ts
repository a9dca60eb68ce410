/**
 * Starts the hook child (capture/hook-child.ts: built JavaScript in production; from the sources,
 * compiled to plain JavaScript by hook-child-build.ts, through tsx only if that build fails),
 * decodes its frames (capture/raw-wire.ts) and restarts it with backoff
 * whenever it exits: no display yet, display lost, hook crashed. The agent never dies with the
 * display; it reports a clear code (NO_DISPLAY, DISPLAY_UNREACHABLE, DISPLAY_LOST, HOOK_FAILED,
 * HOOK_CRASHED) and keeps trying. When the child goes, a synthetic "focus unknown" (`fx`) input is
 * delivered first, so nothing is captured until the new child reports the focused window again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AgentErrorCode } from '../agent-error.ts';
import { type BackoffOptions, backoffDelay } from '../backoff.ts';
import type { LogFn } from '../log.ts';
import { buildHookChild } from './hook-child-build.ts';
import { HOOK_EXIT, type RawInput } from './raw-input.ts';
import { RawReader } from './raw-wire.ts';

export type HookState = 'starting' | 'running' | 'restarting' | 'stopped';

export interface HookSupervisorOptions {
  onInput: (input: RawInput) => void;
  onState?: ((state: HookState, code: AgentErrorCode | undefined) => void) | undefined;
  log: LogFn;
  /** Environment of the child (DISPLAY is read from it); default process.env. */
  env?: NodeJS.ProcessEnv | undefined;
  /** Restart backoff; default base 500 ms, cap 10 s. */
  backoff?: BackoffOptions | undefined;
  /** The child script (a .ts file runs through tsx); default hook-child.ts, compiled to JS. */
  childScript?: string | undefined;
  /** A private directory for the compiled child (the agent's data dir); default a fresh temp dir. */
  buildDir?: string | undefined;
}

const DEFAULT_RESTART: BackoffOptions = { baseMs: 500, capMs: 10_000 };
/** A child that ran this long resets the backoff. */
const HEALTHY_MS = 10_000;

const EXIT_CODES = new Map<number, AgentErrorCode>(
  Object.entries(HOOK_EXIT).map(([code, exit]) => [exit, code as AgentErrorCode]),
);

/** node arguments that run a TypeScript file (the tsx loader, resolved from this package). */
export function tsNodeArgs(script: string): string[] {
  const require = createRequire(import.meta.url);
  const loader = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs')).href;
  return ['--conditions=development', '--import', loader, script];
}

/** `node --cpu-prof …` on the agent profiles the hook child too (NODE_OPTIONS cannot carry it). */
function profilerArgs(): string[] {
  return process.execArgv.filter((a) => /^--(cpu|heap)-prof/.test(a));
}

/**
 * V8 limits for the compiled child: it keeps a few kB of live data, so a small young generation
 * saves resident memory without costing scavenges that matter.
 */
const CHILD_V8_ARGS = ['--max-semi-space-size=1', '--max-old-space-size=64'];

/** True when this module runs as the built JavaScript (dist/), false from the TypeScript sources. */
const BUILT = import.meta.url.endsWith('.js');

export const HOOK_CHILD_SCRIPT = fileURLToPath(
  new URL(BUILT ? './hook-child.js' : './hook-child.ts', import.meta.url),
);

export class HookSupervisor {
  readonly #options: HookSupervisorOptions;
  #child: ChildProcess | undefined;
  #state: HookState = 'stopped';
  #stopped = true;
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  #exited: Promise<void> = Promise.resolve();
  #script: Promise<string> | undefined;
  #tempDir: string | undefined;
  lastErrorCode: AgentErrorCode | undefined;
  restarts = 0;

  constructor(options: HookSupervisorOptions) {
    this.#options = options;
  }

  get state(): HookState {
    return this.#state;
  }

  /** The pid of the running child, for status and benchmarks. */
  get childPid(): number | undefined {
    return this.#child?.pid;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#script ??= this.#prepareScript();
    this.#spawn();
  }

  /**
   * The script to run: the given one; the built child beside this module (dist/); or, from the
   * sources, the child compiled to JS (tsx if compiling fails).
   */
  async #prepareScript(): Promise<string> {
    if (this.#options.childScript) return this.#options.childScript;
    if (BUILT) return HOOK_CHILD_SCRIPT;
    try {
      let dir = this.#options.buildDir;
      if (!dir) {
        this.#tempDir = await mkdtemp(join(tmpdir(), 'steno-hook-'));
        dir = this.#tempDir;
      }
      return await buildHookChild(dir);
    } catch {
      this.#options.log('warn', 'hook_build_failed', { code: 'HOOK_FAILED' });
      return HOOK_CHILD_SCRIPT;
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await this.#script;
    await this.#exited;
    if (this.#tempDir) await rm(this.#tempDir, { recursive: true, force: true }).catch(() => {});
    this.#tempDir = undefined;
    this.#script = undefined;
    this.#setState('stopped', this.lastErrorCode);
  }

  #setState(state: HookState, code: AgentErrorCode | undefined): void {
    if (state === this.#state && code === this.lastErrorCode) return;
    this.#state = state;
    this.lastErrorCode = code;
    this.#options.onState?.(state, code);
  }

  #spawn(): void {
    this.#setState('starting', this.lastErrorCode);
    void this.#script?.then((script) => {
      if (!this.#stopped && !this.#child) this.#spawnScript(script);
    });
  }

  #spawnScript(script: string): void {
    const startedAt = Date.now();
    const args = script.endsWith('.ts') ? tsNodeArgs(script) : [...CHILD_V8_ARGS, script];
    const child = spawn(process.execPath, [...profilerArgs(), ...args], {
      env: this.#options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    this.#child = child;
    const reader = new RawReader();
    let errorCode: AgentErrorCode | undefined;
    const onInput = (input: RawInput): void => {
      if (input[0] === 'error') {
        errorCode = input[1] as AgentErrorCode;
        return;
      }
      if (input[0] === 'ready') {
        this.#setState('running', undefined);
        this.#options.log('info', 'hook_running', { pid: child.pid ?? 0 });
      }
      this.#options.onInput(input);
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      if (reader.push(chunk, onInput)) return;
      // A malformed stream cannot be resynchronised: restart the child.
      this.#options.log('error', 'hook_protocol_error', { code: 'HOOK_CRASHED' });
      errorCode ??= 'HOOK_CRASHED';
      child.stdout?.removeAllListeners('data');
      child.kill('SIGKILL');
    });
    this.#exited = new Promise<void>((resolve) => {
      child.once('error', () => {
        errorCode ??= 'HOOK_FAILED';
      });
      child.once('close', (exit, signal) => {
        this.#child = undefined;
        const code: AgentErrorCode =
          errorCode ?? (exit !== null ? EXIT_CODES.get(exit) : undefined) ?? 'HOOK_CRASHED';
        this.#options.onInput(['fx', Date.now()]);
        resolve();
        if (this.#stopped) return;
        if (Date.now() - startedAt > HEALTHY_MS) this.#attempt = 0;
        const delayMs = Math.max(
          100,
          backoffDelay(this.#attempt++, this.#options.backoff ?? DEFAULT_RESTART),
        );
        this.restarts += 1;
        this.#options.log('warn', 'hook_exited', { code, exit, signal, delayMs });
        this.#setState('restarting', code);
        this.#timer = setTimeout(() => {
          if (!this.#stopped) this.#spawn();
        }, delayMs);
      });
    });
  }
}
