/**
 * Live desktop capture as an `EventSource`: hook child → normaliser → focus → scope gate. Every
 * event is gated when it happens (lease, contributor pause, focused window → level) and again when
 * it leaves (lease and pause only), so a pause or an expiry stops capture at once.
 *
 * Focus race guard: the hook and the focus tracker are separate X connections, so a keystroke in a
 * newly focused window can arrive just before the focus change that explains it. Gated events are
 * therefore held for `guardMs` (default 50 ms); when the focus changes, held events from the last
 * `guardMs` are cut to the lower level of the old and the new window, and while the new window is
 * still unknown nothing is released (nothing at all after `unknownFocusMs`).
 *
 * Element targets (issue 17): a press, and the first key of a typing run, in an in-scope window
 * start a read of the accessibility tree (capture/accessibility.ts) in that window's application,
 * off the hot path: nothing waits for it. What it finds follows its trigger's fate — kept at the
 * trigger's level if the trigger was kept, dropped if the trigger was dropped (a focus change to an
 * out-of-scope window, a pause, a forget) — and joins the stream right after the trigger, or, when
 * it comes later, at the time of the last event released, as long as the same window is in focus.
 * The first key of a typing run is held with what follows it until its read answers (at most the
 * reader's timeout): if it is a password field, the run's keys become one PASSWORD marker.
 */

import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redactText } from '@steno/privacy';
import type { CaptureLevel, StenoEvent, TaskEvent, TaskPhase } from '@steno/protocol';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.ts';
import { type AccessibilityReader, startAccessibility } from './capture/accessibility.ts';
import {
  desktopElementEvent,
  type ElementTrigger,
  ElementTriggers,
  endsTypingRun,
} from './capture/element-targets.ts';
import { type HookState, HookSupervisor } from './capture/hook-supervisor.ts';
import type { KeyboardLayout } from './capture/keyboard-layout.ts';
import { Normaliser, type NormaliserOptions, type NormaliserStats } from './capture/normaliser.ts';
import type { RawInput } from './capture/raw-input.ts';
import { type DeviceLease, startDeviceLease } from './device-lease.ts';
import { EventQueue } from './event-queue.ts';
import type { EventSource, SourceContext, SourceItem } from './event-source.ts';
import type { LeaseHolder, LeaseView } from './lease-holder.ts';
import { type LogFn, silentLog } from './log.ts';
import { applyLevel, decideLevel, type GateReason, minLevel, type WindowInfo } from './scope-gate.ts';

/** What feeds raw input: the hook supervisor, or a test double. */
export interface RawFeed {
  start(
    onInput: (input: RawInput) => void,
    onState: (state: HookState, code: string | undefined) => void,
  ): void;
  stop(): Promise<void>;
}

export type CaptureState = 'capturing' | 'paused' | 'out_of_scope' | 'no_lease' | 'no_display' | 'stopped';

export interface CaptureStatus {
  state: CaptureState;
  /** Why nothing is captured (a GateReason or a hook error code), when that is so. */
  reason: string | undefined;
  /** The focused application, when it is in scope (never shown for out-of-scope windows). */
  app: string | undefined;
  level: CaptureLevel;
  lease: { state: LeaseView['kind']; expiresAt: number | undefined; policyVersion: number | undefined };
  contributorPausedUntil: number | undefined;
  hook: { state: HookState; code: string | undefined; restarts: number };
  /** Events that passed the scope gate. */
  eventsCaptured: number;
  /** Desktop element targets read from the accessibility tree and kept. */
  elementTargets: number;
  normaliser: NormaliserStats;
  scope: { app: string; title?: string | undefined; level: CaptureLevel; frames?: boolean | undefined }[];
}

export interface LiveSourceOptions {
  /** Raw input; default a HookSupervisor running the hook child. */
  feed?: RawFeed | undefined;
  /** Environment of the hook child (DISPLAY); default process.env. */
  env?: NodeJS.ProcessEnv | undefined;
  layout?: KeyboardLayout | undefined;
  normaliser?: Omit<NormaliserOptions, 'layout'> | undefined;
  /** A LeaseHolder to use instead of the one built at attach (tests). */
  leaseHolder?: LeaseHolder | undefined;
  /** Review holdback before upload when the agent is not told otherwise; default 5 minutes. */
  holdbackMs?: number | undefined;
  guardMs?: number | undefined;
  unknownFocusMs?: number | undefined;
  /** Hook restart backoff. */
  restartBackoff?: { baseMs: number; capMs: number } | undefined;
  /** Called on every change of the capture state. */
  onState?: ((status: CaptureStatus) => void) | undefined;
  /**
   * Element targets from the accessibility tree: a reader, or `false` for none. Default: AT-SPI on
   * the session bus of `env` when it names one (no bus, no targets, capture goes on).
   */
  accessibility?: AccessibilityReader | false | undefined;
  now?: (() => number) | undefined;
}

interface Held {
  event: StenoEvent;
  level: CaptureLevel;
  window: WindowInfo;
  /** Set when the event left for the stream (an element read after it may follow it). */
  released?: boolean;
}

/** The task the contributor has open (issue 17): its id and label, as the contributor sees them. */
export interface OpenTaskInfo {
  taskId: string;
  /** The label as it will leave the machine (secrets and identifiers as `[ENTITY]`): the raw text is not kept. */
  label: string | undefined;
  startedAt: number;
}

export type TaskOutcome =
  | { ok: true; task: OpenTaskInfo | undefined }
  | { ok: false; code: 'TASK_NOT_CAPTURING' | 'TASK_NOT_OPEN' };

/** Modifier keys (a typing run's first character may be typed with Shift). */
const MODIFIER_KEY = /^(Shift|Control|Alt|Meta|Super|AltGr)/;

const PauseFile = z.object({ v: z.literal(1), until: z.number().nullable() }).strict();
const PAUSE_FILE = 'pause.json';

export class LiveSource implements EventSource {
  readonly defaultHoldbackMs: number;
  readonly #options: LiveSourceOptions;
  readonly #now: () => number;
  readonly #normaliser: Normaliser;
  readonly #guardMs: number;
  readonly #unknownMs: number;
  #lease: LeaseHolder | undefined;
  #log: LogFn = silentLog;
  #dataDir: string | undefined;
  #deviceLease: DeviceLease | undefined;
  #window: WindowInfo | undefined;
  /** The screen size the hook child reported with the last focus (focus events carry it). */
  #screen: { w: number; h: number } | undefined;
  #focusUnknownSince: number | undefined;
  #hookState: HookState = 'stopped';
  #hookCode: string | undefined;
  #hookRestarts = 0;
  #pausedUntil: number | undefined;
  #pauseTimer: NodeJS.Timeout | undefined;
  #held: Held[] = [];
  readonly #out = new EventQueue();
  #timer: NodeJS.Timeout | undefined;
  #timerDue: number | undefined;
  #settling = false;
  #lastFocusKey: string | undefined;
  #captured = 0;
  #lastState: string | undefined;
  #running = false;
  #task: OpenTaskInfo | undefined;
  #a11y: AccessibilityReader | undefined;
  readonly #triggers = new ElementTriggers();
  /** Time of the last event released to the stream. */
  #lastOutT = Number.NEGATIVE_INFINITY;
  /** The last forget: an element read that comes late is not kept for a trigger it covered. */
  #forgotten: { since: number; at: number } | undefined;
  /** Typing starts whose element read has not answered: they and what follows them are held. */
  readonly #pendingTyping = new Set<Held>();
  /** Element targets read and kept (status page). */
  #targets = 0;

  constructor(options: LiveSourceOptions = {}) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.defaultHoldbackMs = options.holdbackMs ?? 5 * 60_000;
    this.#normaliser = new Normaliser({
      ...options.normaliser,
      ...(options.layout ? { layout: options.layout } : {}),
    });
    this.#guardMs = options.guardMs ?? 50;
    this.#unknownMs = options.unknownFocusMs ?? 1_000;
    this.#lease = options.leaseHolder;
  }

  /** The lease holder (built at attach unless one was given). */
  get leaseHolder(): LeaseHolder | undefined {
    return this.#lease;
  }

  leaseIds(fromMs: number, toMs: number): string[] {
    return this.#lease?.leaseIdsCovering(fromMs, toMs) ?? [];
  }

  async attach(context: SourceContext): Promise<void> {
    this.#log = context.log;
    this.#dataDir = context.dataDir;
    await this.#loadPause();
    if (!this.#lease) {
      this.#deviceLease = startDeviceLease(context, () => this.#onLeaseChange());
      this.#lease = this.#deviceLease.holder;
    } else {
      if (!context.identity.leaseKey) context.log('warn', 'lease_key_missing', { code: 'LEASE_KEY_MISSING' });
      this.#lease.start();
    }
  }

  async detach(): Promise<void> {
    if (this.#deviceLease) await this.#deviceLease.stop();
    else await this.#lease?.stop();
    clearTimeout(this.#pauseTimer);
  }

  async *events(fromCursor: number, signal: AbortSignal): AsyncGenerator<SourceItem> {
    let cursor = fromCursor;
    this.#running = true;
    const a11y = this.#options.accessibility;
    const env = this.#options.env ?? process.env;
    this.#a11y =
      a11y === false
        ? undefined
        : (a11y ??
          (env.DBUS_SESSION_BUS_ADDRESS || env.AT_SPI_BUS_ADDRESS
            ? startAccessibility({ env, log: this.#log })
            : undefined));
    this.#a11y?.warm();
    const feed =
      this.#options.feed ??
      hookFeed(this.#log, this.#options.env, this.#options.restartBackoff, this.#dataDir);
    feed.start(
      (input) => this.#onInput(input),
      (state, code) => {
        this.#hookState = state;
        this.#hookCode = code;
        if (state === 'restarting') this.#hookRestarts += 1;
        this.#emitState();
      },
    );
    try {
      for await (const event of this.#out.drain(signal)) {
        cursor += 1;
        yield { event, cursor };
      }
    } finally {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#timerDue = undefined;
      await feed.stop();
      if (a11y === undefined) this.#a11y?.close();
      this.#a11y = undefined;
      // What was captured before the stop is kept: close the path, release what is held.
      this.#gate(this.#normaliser.flush());
      this.#release(Number.POSITIVE_INFINITY);
      for (const event of this.#out.takeAll()) {
        cursor += 1;
        yield { event, cursor };
      }
      this.#running = false;
      this.#emitState();
    }
  }

  /** The contributor pauses capture, for `forMs` or until resumed; survives agent restarts. */
  async pause(forMs?: number): Promise<void> {
    this.#pausedUntil = forMs === undefined ? Number.POSITIVE_INFINITY : this.#now() + forMs;
    this.#dropHeld();
    await this.#savePause();
    this.#schedulePauseEnd();
    this.#emitState();
  }

  async resume(): Promise<void> {
    this.#pausedUntil = undefined;
    await this.#savePause();
    clearTimeout(this.#pauseTimer);
    this.#emitState();
  }

  /** The task the contributor has open, if any. */
  get openTask(): OpenTaskInfo | undefined {
    return this.#task;
  }

  /**
   * The contributor starts, names, ends or abandons a task (issue 17). The marker joins the event
   * stream like any captured event (the privacy stage filters its label as typed text), and only
   * while capture is allowed: under an active lease, not paused. `name`, `end` and `abandon` need
   * an open task; a `start` while one is open leaves that one unfinished.
   */
  markTask(phase: TaskPhase, label?: string): TaskOutcome {
    if (this.#lease?.view().kind !== 'active' || this.#contributorPaused() || !this.#running)
      return { ok: false, code: 'TASK_NOT_CAPTURING' };
    if (phase !== 'start' && this.#task === undefined) return { ok: false, code: 'TASK_NOT_OPEN' };
    const t = this.#now();
    const shown = label === undefined ? undefined : redactText(label).text;
    if (phase === 'start')
      this.#task = { taskId: `tk_${randomBytes(9).toString('base64url')}`, label: shown, startedAt: t };
    const task = this.#task as OpenTaskInfo;
    if (phase === 'name') task.label = shown;
    const event: TaskEvent = {
      type: 'task',
      t,
      phase,
      taskId: task.taskId,
      ...(label !== undefined && (phase === 'start' || phase === 'name') ? { label } : {}),
    };
    if (phase === 'end' || phase === 'abandon') this.#task = undefined;
    // held like captured events, so it keeps its place in time among them (the guard delay)
    this.#held.push({ event, level: 'full', window: this.#window ?? { app: '' } });
    this.#settleSoon();
    this.#emitState();
    return { ok: true, task: this.#task };
  }

  forget(sinceMs: number): void {
    this.#held = this.#held.filter((h) => h.event.t < sinceMs);
    this.#forgotten = { since: sinceMs, at: this.#now() };
    this.#out.dropFrom(sinceMs);
    this.#lastFocusKey = undefined;
  }

  status(): CaptureStatus {
    const view = this.#lease?.view() ?? { kind: 'none' as const };
    const decision = this.#decide();
    const paused = this.#contributorPaused();
    let state: CaptureState;
    let reason: string | undefined = decision.reason;
    if (!this.#running) state = 'stopped';
    else if (view.kind === 'paused' || paused) state = 'paused';
    else if (view.kind !== 'active') {
      state = 'no_lease';
      reason = this.#lease?.lastErrorCode ?? decision.reason;
    } else if (this.#hookState !== 'running') {
      state = 'no_display';
      reason = this.#hookCode ?? 'HOOK_STARTING';
    } else state = decision.level === 'none' ? 'out_of_scope' : 'capturing';
    if (state === 'capturing') reason = undefined;
    const lease = view.kind === 'none' ? undefined : view.lease;
    return {
      state,
      reason,
      app: decision.level === 'none' ? undefined : this.#window?.app,
      level: decision.level,
      lease: { state: view.kind, expiresAt: lease?.expiresAt, policyVersion: lease?.policyVersion },
      contributorPausedUntil:
        this.#pausedUntil === undefined || !Number.isFinite(this.#pausedUntil)
          ? undefined
          : this.#pausedUntil,
      hook: { state: this.#hookState, code: this.#hookCode, restarts: this.#hookRestarts },
      eventsCaptured: this.#captured,
      elementTargets: this.#targets,
      normaliser: { ...this.#normaliser.stats },
      scope: (lease?.scope.apps ?? []).map((r) => ({
        app: r.app,
        title: r.title,
        level: r.level,
        ...(r.frames ? { frames: true } : {}),
      })),
    };
  }

  /** Whether the contributor has paused capture (the browser source obeys the same pause). */
  isContributorPaused(): boolean {
    return this.#contributorPaused();
  }

  #contributorPaused(): boolean {
    return this.#pausedUntil !== undefined && this.#now() < this.#pausedUntil;
  }

  #decide(window = this.#window): { level: CaptureLevel; reason: GateReason } {
    const lease = this.#lease;
    return decideLevel({
      lease: lease?.view() ?? { kind: 'none' },
      scope: lease?.scope,
      contributorPaused: this.#contributorPaused(),
      window,
    });
  }

  #onInput(input: RawInput): void {
    switch (input[0]) {
      case 'fx':
        this.#gate(this.#normaliser.flush());
        this.#window = undefined;
        this.#focusUnknownSince = input[1];
        break;
      case 'f0':
      case 'f': {
        this.#gate(this.#normaliser.flush());
        const window: WindowInfo | undefined =
          input[0] === 'f'
            ? { app: input[2], title: input[3] || undefined, pid: input[4] || undefined }
            : undefined;
        if (input[0] === 'f' && input.length === 7) this.#screen = { w: input[5], h: input[6] };
        const since = this.#focusUnknownSince ?? input[1];
        const level = window ? this.#decide(window).level : 'none';
        // Events held from just before the change get the lower of the two levels.
        for (const h of this.#held)
          if (h.event.type !== 'task' && h.event.t >= since - this.#guardMs)
            h.level = minLevel(h.level, level);
        this.#held = this.#held.filter((h) => h.level !== 'none');
        this.#window = window;
        this.#focusUnknownSince = undefined;
        this.#triggers.focusChanged();
        if (window && level !== 'none') {
          this.#held.push({
            event: this.#focusEvent(input[1], window),
            level,
            window,
          });
        }
        this.#emitState();
        break;
      }
      case 'ready':
      case 'error':
        break;
      default:
        this.#gate(this.#normaliser.push(input));
    }
    this.#settleSoon();
  }

  /**
   * Release and reschedule once per burst of input (the child writes a few milliseconds' worth at
   * a time), not once per input: a microtask after the burst, before any timer can run.
   */
  #settleSoon(): void {
    if (this.#settling) return;
    this.#settling = true;
    queueMicrotask(() => {
      this.#settling = false;
      const now = this.#now();
      this.#release(now);
      this.#schedule(now);
    });
  }

  /** Gates events by the window in focus now: dropped at once unless its level allows them. */
  #gate(events: StenoEvent[]): void {
    if (events.length === 0) return;
    const window = this.#window;
    if (!window || this.#focusUnknownSince !== undefined) return;
    const { level } = this.#decide(window);
    if (level === 'none') return;
    for (const event of events) {
      const trigger = this.#a11y ? this.#triggers.triggerFor(event, level, window.pid) : undefined;
      if (this.#triggers.suppresses(event)) continue;
      const held: Held = { event, level, window };
      this.#held.push(held);
      if (trigger) this.#readElement(held, trigger);
    }
  }

  /** Reads the element of a trigger, in the background; what it finds follows the trigger's fate. */
  #readElement(trigger: Held, what: ElementTrigger): void {
    const reader = this.#a11y;
    if (!reader) return;
    const typing = what.action === 'type';
    // a typing start is held from the modifier pressed for its first character (Shift), if any
    let start = trigger;
    for (let i = typing ? this.#held.indexOf(trigger) - 1 : -1; i >= 0; i--) {
      const h = this.#held[i] as Held;
      if (h.window !== trigger.window || h.event.type !== 'key' || !MODIFIER_KEY.test(h.event.key)) break;
      start = h;
    }
    if (typing) this.#pendingTyping.add(start);
    reader.read(what.query).then(
      (read) => {
        if (typing && this.#pendingTyping.delete(start)) {
          if (read?.kind === 'secret') this.#secretRun(start);
          this.#settleSoon();
        }
        if (read?.kind !== 'element' || !this.#running) return;
        const at = this.#held.indexOf(trigger);
        if (at >= 0) {
          // still held: right after its trigger, at its time, at whatever level the trigger ends with
          const event = desktopElementEvent(read.element, what, trigger.event.t);
          if (event) this.#held.splice(at + 1, 0, { event, level: trigger.level, window: trigger.window });
          return;
        }
        if (trigger.released !== true) return;
        const f = this.#forgotten;
        if (f && trigger.event.t >= f.since && trigger.event.t <= f.at) return;
        if (this.#lease?.view().kind !== 'active' || this.#contributorPaused()) return;
        const key = `${trigger.window.app}\u0000${trigger.window.title ?? ''}`;
        if (key !== this.#lastFocusKey) return;
        const event = desktopElementEvent(read.element, what, Math.max(trigger.event.t, this.#lastOutT));
        if (!event) return;
        this.#out.push(event);
        this.#targets += 1;
        this.#out.wake();
      },
      () => {},
    );
  }

  /**
   * Typing that started in a password field: the run's keys held so far (from its first, up to what
   * ended it, if anything did) become one PASSWORD marker, and if the run goes on, the keys typed in
   * it from now on are not kept either (DESIGN invariant 2).
   */
  #secretRun(start: Held): void {
    const at = this.#held.indexOf(start);
    if (at < 0) return;
    let end = at + 1;
    while (end < this.#held.length) {
      const h = this.#held[end] as Held;
      if (h.window !== start.window || endsTypingRun(h.event)) break;
      end += 1;
    }
    if (end === this.#held.length) this.#triggers.markSecret();
    const marker: Held = {
      event: { type: 'redaction', t: start.event.t, entity: 'PASSWORD' },
      level: start.level,
      window: start.window,
    };
    const kept = this.#held.slice(at, end).filter((h) => h.event.type !== 'key');
    this.#held.splice(at, end - at, marker, ...kept);
  }

  /** Releases held events older than the guard (unless the focus is being resolved). */
  #release(now: number): void {
    if (this.#focusUnknownSince !== undefined) {
      if (now - this.#focusUnknownSince < this.#unknownMs) return;
      this.#held = [];
      return;
    }
    const allowed = this.#lease?.view().kind === 'active' && !this.#contributorPaused();
    if (!allowed) {
      this.#dropHeld();
      return;
    }
    let released = 0;
    for (const h of this.#held) {
      if (h.event.t > now - this.#guardMs || this.#pendingTyping.has(h)) break;
      released += 1;
      if (h.event.type === 'task') {
        // a contributor's marker, not input in a window: no focus context of its own (the
        // terminal it was typed in may be out of scope and is never named)
        this.#out.push(h.event);
        continue;
      }
      const event = applyLevel(h.event, h.level);
      if (!event) continue;
      h.released = true;
      this.#lastOutT = Math.max(this.#lastOutT, event.t);
      if (event.type === 'element') this.#targets += 1;
      const key = `${h.window.app}\u0000${h.window.title ?? ''}`;
      if (event.type === 'focus') {
        if (key === this.#lastFocusKey) continue;
      } else if (key !== this.#lastFocusKey) {
        this.#out.push(this.#focusEvent(event.t, h.window));
      }
      this.#lastFocusKey = key;
      this.#out.push(event);
      this.#captured += 1;
    }
    if (released > 0) {
      this.#held.splice(0, released);
      this.#out.wake();
    }
  }

  #focusEvent(t: number, window: WindowInfo): StenoEvent {
    const title = window.title;
    const screen = this.#screen;
    return { type: 'focus', t, app: window.app, ...(title ? { title } : {}), ...(screen ? { screen } : {}) };
  }

  #dropHeld(): void {
    this.#held = [];
    this.#pendingTyping.clear();
    this.#lastFocusKey = undefined;
  }

  /**
   * One timer: the next release, the normaliser's path deadline or the unknown-focus limit. A timer
   * already due no later is kept (it reschedules when it fires), so input does not churn timers.
   */
  #schedule(now: number): void {
    let due = Number.POSITIVE_INFINITY;
    const first = this.#held[0];
    // a typing start waiting for its element read is released when the read answers
    if (first && !this.#pendingTyping.has(first)) due = first.event.t + this.#guardMs;
    const pathDue = this.#normaliser.deadline();
    if (pathDue !== undefined) due = Math.min(due, pathDue);
    if (this.#focusUnknownSince !== undefined) due = Math.min(due, this.#focusUnknownSince + this.#unknownMs);
    if (due === Number.POSITIVE_INFINITY) return;
    if (this.#timer && this.#timerDue !== undefined && this.#timerDue <= due) return;
    clearTimeout(this.#timer);
    this.#timerDue = due;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#timerDue = undefined;
        const t = this.#now();
        const pathDeadline = this.#normaliser.deadline();
        if (pathDeadline !== undefined && pathDeadline <= t) this.#gate(this.#normaliser.flush());
        this.#release(t);
        this.#schedule(t);
      },
      Math.max(1, due - now + 1),
    );
  }

  #onLeaseChange(): void {
    const kind = this.#lease?.view().kind;
    if (kind !== 'active') this.#dropHeld();
    this.#emitState();
  }

  #emitState(): void {
    const status = this.status();
    const key = `${status.state}|${status.reason ?? ''}|${status.app ?? ''}`;
    if (key === this.#lastState) return;
    this.#lastState = key;
    this.#log('info', 'capture_state', { state: status.state, reason: status.reason ?? null });
    this.#options.onState?.(status);
  }

  #schedulePauseEnd(): void {
    clearTimeout(this.#pauseTimer);
    const until = this.#pausedUntil;
    if (until === undefined || !Number.isFinite(until)) return;
    this.#pauseTimer = setTimeout(
      () => this.#emitState(),
      Math.max(0, Math.min(until - this.#now() + 5, 2 ** 31 - 1)),
    );
    this.#pauseTimer.unref?.();
  }

  async #loadPause(): Promise<void> {
    if (!this.#dataDir) return;
    try {
      const parsed = PauseFile.safeParse(JSON.parse(await readFile(join(this.#dataDir, PAUSE_FILE), 'utf8')));
      if (parsed.success) {
        this.#pausedUntil = parsed.data.until ?? Number.POSITIVE_INFINITY;
        this.#schedulePauseEnd();
      }
    } catch {
      // no pause recorded
    }
  }

  async #savePause(): Promise<void> {
    if (!this.#dataDir) return;
    const until = this.#pausedUntil;
    const record = until === undefined ? undefined : { v: 1, until: Number.isFinite(until) ? until : null };
    await writeFileAtomic(
      join(this.#dataDir, PAUSE_FILE),
      `${JSON.stringify(record ?? { v: 1, until: 0 })}\n`,
    );
  }
}

/** The default feed: the hook child under a HookSupervisor. */
export function hookFeed(
  log: LogFn,
  env?: NodeJS.ProcessEnv,
  backoff?: { baseMs: number; capMs: number },
  dataDir?: string,
): RawFeed {
  let supervisor: HookSupervisor | undefined;
  return {
    start(onInput, onState) {
      const buildDir = dataDir === undefined ? undefined : join(dataDir, 'hook');
      supervisor = new HookSupervisor({ onInput, onState, log, env, backoff, buildDir });
      supervisor.start();
    },
    stop: async () => {
      await supervisor?.stop();
    },
  };
}
