/**
 * Frames in the agent's pipeline (issue 11). When a captured event starts an action (see
 * `ActionTrigger`), the stage tags it with an action id and asks the frames library for a frame at
 * once, before the event goes on to the privacy filter. The frame is redacted off the input path;
 * it waits for its action to be decided by the filter (so the spans the filter redacts up to that
 * action count as known secrets), and the events the filter decides from the action on wait for the
 * frame. A finished frame goes out as a `frame` event right before its action, with the action's
 * time, into the same batcher, encrypted spool and upload as the events; a dropped frame lets them
 * go on without it (the action then carries no id). A frame whose action the filter removed (a
 * redacted key), or that the contributor forgot, never goes out.
 */
import type { Frame, FrameOutcome, FrameRequest } from '@steno/frames';
import { FrameEvent, LIMITS, type StenoEvent } from '@steno/protocol';
import type { SourceItem } from '../event-source.ts';
import { ActionTrigger, type ActionTriggerOptions } from './action-trigger.ts';

/** The part of `FramePipeline` the agent uses (a fake in tests). */
export interface FrameTaker {
  take(req: FrameRequest): Promise<FrameOutcome>;
  close(): Promise<void>;
}

export interface FrameStageOptions {
  taker: FrameTaker;
  /** The raw text of spans the privacy filter redacted recently (memory only). */
  knownSecrets: () => readonly string[];
  trigger?: ActionTriggerOptions | undefined;
  /**
   * A cheap early check of the window in focus (from the last focus event): false means its scope
   * does not allow frames, so no capture is attempted. The frames library decides in any case.
   */
  allows?: ((window: { app: string; title?: string | undefined }) => boolean) | undefined;
  /** Longest a frame waits for what came before its action to be decided by the filter; then it is dropped (default 10 s). */
  decideWaitMs?: number | undefined;
  /** Longest a frame may hold back its action and what follows, once the action is decided (default 30 s). */
  maxWaitMs?: number | undefined;
  now?: (() => number) | undefined;
}

/** Counts for the status page: frames that left, frames being made, and why others were not taken. */
export interface FrameCounts {
  taken: number;
  pending: number;
  dropped: Record<string, number>;
}

interface Pending {
  readonly actionId: string;
  readonly t: number;
  state: 'waiting' | 'ready' | 'dropped';
  event: FrameEvent | undefined;
  /** The action came out of the privacy filter. */
  seen: boolean;
  /** The action was decided without coming out (redacted). */
  orphan: boolean;
  deadline: number;
  readonly decided: { resolve: () => void; reject: () => void };
  readonly done: Promise<void>;
}

export class FrameStage {
  readonly #taker: FrameTaker;
  readonly #known: () => readonly string[];
  readonly #trigger: ActionTrigger;
  readonly #decideWaitMs: number;
  readonly #maxWaitMs: number;
  readonly #now: () => number;
  readonly #pending = new Map<string, Pending>();
  readonly #allows: FrameStageOptions['allows'];
  #focus: { app: string; title?: string | undefined } | undefined;
  /** The filter holds nothing: everything seen so far is decided. */
  #quiet = true;
  /** Frames waiting for the filter to hold nothing (their known secrets are fetched then). */
  #quietWaiters: { resolve: () => void; reject: () => void }[] = [];
  #queue: SourceItem[] = [];
  #wake: { promise: Promise<void>; resolve: () => void } | undefined;
  readonly #counts: FrameCounts = { taken: 0, pending: 0, dropped: {} };

  constructor(options: FrameStageOptions) {
    this.#taker = options.taker;
    this.#known = options.knownSecrets;
    this.#trigger = new ActionTrigger(options.trigger);
    this.#decideWaitMs = options.decideWaitMs ?? 10_000;
    this.#maxWaitMs = options.maxWaitMs ?? 30_000;
    this.#now = options.now ?? Date.now;
    this.#allows = options.allows;
  }

  get counts(): FrameCounts {
    return { ...this.#counts, pending: this.#pending.size, dropped: { ...this.#counts.dropped } };
  }

  /**
   * Sees a captured item before the privacy filter: an action start is tagged and its frame begun.
   * `priorDecided`: the filter holds nothing, so every span typed before this action is decided
   * (else the frame's redaction waits until the action itself is decided).
   */
  observe(item: SourceItem, priorDecided = false): SourceItem {
    this.#quiet = false;
    if (item.event.type === 'focus' && !item.context)
      this.#focus = { app: item.event.app, title: item.event.title };
    else if (item.event.type === 'focus') this.#focus ??= { app: item.event.app, title: item.event.title };
    // a focus a merged stream repeats where it switches sources is no focus change: no frame
    if (item.context || item.restated) return item;
    const event = this.#trigger.mark(item.event);
    if (!event) return item;
    if (this.#allows && !(this.#focus && this.#allows(this.#focus))) {
      this.#counts.dropped.NOT_IN_SCOPE = (this.#counts.dropped.NOT_IN_SCOPE ?? 0) + 1;
      return item;
    }
    const actionId = event.actionId;
    let resolve!: () => void;
    let reject!: () => void;
    const decided = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    decided.catch(() => {});
    const timer = setTimeout(reject, this.#decideWaitMs);
    timer.unref?.();
    if (priorDecided) {
      clearTimeout(timer);
      resolve();
    }
    // Asked after the capture: the frame shows what was typed up to then, which can be more than
    // what came before its action (a typing run held for its element read is let through at once,
    // so its first key's frame already shows the rest). Its secrets are fetched once the filter has
    // decided everything seen so far; until then, or if that takes too long, the frame waits or goes.
    const knownSecrets = async (): Promise<readonly string[]> => {
      await decided;
      await this.#everythingDecided();
      return this.#known();
    };
    const done = this.#taker
      .take({ actionId, kind: 'before', knownSecrets })
      .catch((): FrameOutcome => ({ ok: false, reason: 'CAPTURE_FAILED' }))
      .then((outcome) => {
        clearTimeout(timer);
        this.#settle(actionId, outcome);
      });
    this.#pending.set(actionId, {
      actionId,
      t: event.t,
      state: 'waiting',
      event: undefined,
      seen: false,
      orphan: false,
      deadline: Number.POSITIVE_INFINITY,
      decided: {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: () => {
          clearTimeout(timer);
          reject();
        },
      },
      done,
    });
    return { ...item, event };
  }

  /**
   * Takes what the privacy filter decided. `allDecided`: the filter holds nothing, so every action
   * tagged so far is decided, and one that did not come out was removed by it.
   */
  decided(items: readonly SourceItem[], allDecided: boolean): void {
    this.#quiet = allDecided;
    if (allDecided) for (const w of this.#quietWaiters.splice(0)) w.resolve();
    for (const item of items) {
      this.#queue.push(item);
      const p = this.#pendingOf(item.event);
      if (p && !p.seen) {
        p.seen = true;
        p.deadline = this.#now() + this.#maxWaitMs;
        p.decided.resolve();
        const timer = setTimeout(() => this.#notify(), this.#maxWaitMs + 5);
        timer.unref?.();
      }
    }
    if (!allDecided) return;
    for (const p of this.#pending.values()) {
      if (p.seen || p.orphan) continue;
      p.orphan = true;
      p.decided.reject();
      if (p.state !== 'waiting') {
        this.#drop(p, 'ACTION_REDACTED');
        this.#pending.delete(p.actionId);
      }
    }
  }

  /**
   * What may go on to the batcher now, in order: up to the first action whose frame is still being
   * made. `force` (shutdown) stops waiting: frames not finished are dropped.
   */
  release(force = false): SourceItem[] {
    const out: SourceItem[] = [];
    const now = this.#now();
    let n = 0;
    for (; n < this.#queue.length; n++) {
      const item = this.#queue[n] as SourceItem;
      const id = actionIdOf(item.event);
      if (id === undefined) {
        out.push(item);
        continue;
      }
      const p = this.#pending.get(id);
      if (p?.state === 'waiting') {
        if (!force && now < p.deadline) break;
        this.#drop(p, 'TIMED_OUT');
      }
      this.#pending.delete(id);
      if (p?.event) {
        out.push({ event: p.event, cursor: item.cursor }, item);
        this.#counts.taken += 1;
      } else out.push({ ...item, event: withoutActionId(item.event) });
    }
    this.#queue = this.#queue.slice(n);
    return out;
  }

  /** Resolves at the next change: a frame finished or was dropped, or a wait ran out. */
  changed(): Promise<void> {
    if (!this.#wake) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      this.#wake = { promise, resolve };
    }
    return this.#wake.promise;
  }

  /** Waits (at most `timeoutMs`) until every frame being made is finished or dropped. */
  async drain(timeoutMs = this.#maxWaitMs): Promise<void> {
    const all = Promise.allSettled([...this.#pending.values()].map((p) => p.done));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
  }

  /** The contributor forgot everything from `sinceMs`: frames and held events of that time go. */
  forget(sinceMs: number): number {
    const before = this.#queue.length;
    this.#queue = this.#queue.filter((i) => i.event.t < sinceMs);
    for (const p of [...this.#pending.values()]) {
      if (p.t < sinceMs) continue;
      p.decided.reject();
      this.#drop(p, 'FORGOTTEN');
      this.#pending.delete(p.actionId);
    }
    this.#notify();
    return before - this.#queue.length;
  }

  /** Closes the frame source (the X connection and the recogniser). */
  close(): Promise<void> {
    return this.#taker.close();
  }

  /** Resolves once the filter holds nothing (at once if it holds nothing now); rejects after the decide wait. */
  #everythingDecided(): Promise<void> {
    if (this.#quiet) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#quietWaiters = this.#quietWaiters.filter((w) => w !== waiter);
        reject(new Error('the filter did not decide in time'));
      }, this.#decideWaitMs);
      timer.unref?.();
      const waiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: () => {
          clearTimeout(timer);
          reject(new Error('closed'));
        },
      };
      this.#quietWaiters.push(waiter);
    });
  }

  #pendingOf(event: StenoEvent): Pending | undefined {
    const id = actionIdOf(event);
    return id === undefined ? undefined : this.#pending.get(id);
  }

  #settle(actionId: string, outcome: FrameOutcome): void {
    const p = this.#pending.get(actionId);
    if (p?.state !== 'waiting') return;
    if (p.orphan) this.#drop(p, 'ACTION_REDACTED');
    else if (!outcome.ok) this.#drop(p, outcome.reason);
    else {
      const event = toFrameEvent(outcome.frame, p.t);
      if (event) {
        p.event = event;
        p.state = 'ready';
      } else this.#drop(p, 'TOO_LARGE');
    }
    if (p.orphan) this.#pending.delete(actionId);
    this.#notify();
  }

  #drop(p: Pending, reason: string): void {
    if (p.state === 'dropped') return;
    // a frame that was ready but will not go (its action was redacted or forgotten) counts too
    p.state = 'dropped';
    p.event = undefined;
    this.#counts.dropped[reason] = (this.#counts.dropped[reason] ?? 0) + 1;
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.resolve();
  }
}

function actionIdOf(event: StenoEvent): string | undefined {
  return 'actionId' in event && event.type !== 'frame' ? event.actionId : undefined;
}

function withoutActionId(event: StenoEvent): StenoEvent {
  if (!('actionId' in event) || event.type === 'frame') return event;
  const { actionId: _id, ...rest } = event;
  return rest as StenoEvent;
}

/** The wire form of a frame, checked against the protocol (size, shape); undefined if it does not fit. */
export function toFrameEvent(frame: Frame, t: number): FrameEvent | undefined {
  const webp = Buffer.from(frame.webp.buffer, frame.webp.byteOffset, frame.webp.byteLength).toString(
    'base64',
  );
  if (webp.length > LIMITS.maxFrameBase64Chars) return undefined;
  const m = frame.meta;
  const rect = (r: { x: number; y: number; width: number; height: number }) => ({
    x: r.x,
    y: r.y,
    width: r.width,
    height: r.height,
  });
  const parsed = FrameEvent.safeParse({
    type: 'frame',
    t,
    actionId: m.actionId,
    webp,
    meta: {
      kind: m.kind,
      app: m.app,
      width: m.width,
      height: m.height,
      scale: m.scale,
      origin: { x: m.origin.x, y: m.origin.y },
      window: rect(m.window),
      windowInFrame: rect(m.windowInFrame),
    },
  });
  return parsed.success ? parsed.data : undefined;
}
