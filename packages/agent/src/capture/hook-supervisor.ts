/**
 * Starts the hook child (capture/hook-child.ts), reads its JSON lines and restarts it with backoff
 * whenever it exits: no display yet, display lost, hook crashed. The agent never dies with the
 * display; it reports a clear code (NO_DISPLAY, DISPLAY_UNREACHABLE, DISPLAY_LOST, HOOK_FAILED,
 * HOOK_CRASHED) and keeps trying. When the child goes, a synthetic "focus unknown" (`fx`) input is
 * delivered first, so nothing is captured until the new child reports the focused window again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AgentErrorCode } from '../agent-error.ts';
import { type BackoffOptions, backoffDelay } from '../backoff.ts';
import type { LogFn } from '../log.ts';
import { HOOK_EXIT, parseRawInput, type RawInput } from './raw-input.ts';

export type HookState = 'starting' | 'running' | 'restarting' | 'stopped';

export interface HookSupervisorOptions {
  onInput: (input: RawInput) => void;
  onState?: ((state: HookState, code: AgentErrorCode | undefined) => void) | undefined;
  log: LogFn;
  /** Environment of the child (DISPLAY is read from it); default process.env. */
  env?: NodeJS.ProcessEnv | undefined;
  /** Restart backoff; default base 500 ms, cap 10 s. */
  backoff?: BackoffOptions | undefined;
  /** The child script; default capture/hook-child.ts. */
  childScript?: string | undefined;
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
  return ['--import', loader, script];
}

export const HOOK_CHILD_SCRIPT = fileURLToPath(new URL('./hook-child.ts', import.meta.url));

export class HookSupervisor {
  readonly #options: HookSupervisorOptions;
  #child: ChildProcess | undefined;
  #state: HookState = 'stopped';
  #stopped = true;
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  #exited: Promise<void> = Promise.resolve();
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
    this.#spawn();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await this.#exited;
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
    const startedAt = Date.now();
    const script = this.#options.childScript ?? HOOK_CHILD_SCRIPT;
    const child = spawn(process.execPath, tsNodeArgs(script), {
      env: this.#options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    this.#child = child;
    let pending = '';
    let errorCode: AgentErrorCode | undefined;
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      pending += chunk;
      let newline = pending.indexOf('\n');
      let start = 0;
      while (newline >= 0) {
        const input = parseRawInput(pending.slice(start, newline));
        start = newline + 1;
        newline = pending.indexOf('\n', start);
        if (!input) continue;
        if (input[0] === 'error') {
          errorCode = input[1] as AgentErrorCode;
          continue;
        }
        if (input[0] === 'ready') {
          this.#setState('running', undefined);
          this.#options.log('info', 'hook_running', { pid: child.pid ?? 0 });
        }
        this.#options.onInput(input);
      }
      pending = pending.slice(start);
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
