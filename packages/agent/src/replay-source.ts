/**
 * A recorded session (JSON lines, one StenoEvent a line) replayed as if it were happening
 * now. The whole file is validated when loaded, so a bad line fails before anything is
 * spooled, with its line number. The cursor is the 1-based line number.
 *
 * Timing: gaps between events are kept exactly (typing rhythm and double-click timing are
 * data); `speed` only changes how fast events are emitted. Times are rebased so that no
 * event is stamped later than the moment it is emitted — at speed 1 the recording starts
 * now; faster (up to Infinity, no waiting) it ends at the moment its last event is emitted.
 *
 * Attached to an agent (issue 15), a replay captures like the live source does: it holds the
 * device's capture lease, waits for one before the first event, stamps nothing before the lease
 * was issued (so a replay that would reach back before it is shifted later, and then waits for
 * its stamps), and passes every event through the same scope gate — no lease, a paused or expired
 * lease, or a window out of scope: not captured. A recorded frame (issue 17: a screenshot the live
 * agent redacted on the device) is replayed only where the lease's scope allows frames of the
 * window it shows, as the live frame gate decides. Detached (unit tests of timing), it gates nothing.
 */
import { readFile } from 'node:fs/promises';
import { type FocusEvent, StenoEvent } from '@steno/protocol';
import { AgentError } from './agent-error.ts';
import { sleep } from './backoff.ts';
import { type DeviceLease, startDeviceLease } from './device-lease.ts';
import type { EventSource, SourceContext, SourceItem } from './event-source.ts';
import type { LeaseHolder } from './lease-holder.ts';
import { type LogFn, silentLog } from './log.ts';
import { applyLevel, decideLevel, type WindowInfo } from './scope-gate.ts';

interface RecordedEvent {
  readonly line: number;
  readonly event: StenoEvent;
}

export interface ReplayOptions {
  /** Replay speed factor: 1 = real time, 10 = ten times faster, Infinity = no waiting. Default 1. */
  speed?: number;
  now?: () => number;
  /** Longest wait for a first capture lease once attached (default 30 s); then nothing is captured. */
  leaseWaitMs?: number;
}

export class ReplaySource implements EventSource {
  readonly #events: readonly RecordedEvent[];
  readonly #speed: number;
  readonly #now: () => number;
  readonly #leaseWaitMs: number;
  #deviceLease: DeviceLease | undefined;
  #log: LogFn = silentLog;

  private constructor(events: readonly RecordedEvent[], options: ReplayOptions) {
    this.#events = events;
    this.#speed = options.speed ?? 1;
    this.#now = options.now ?? Date.now;
    this.#leaseWaitMs = options.leaseWaitMs ?? 30_000;
  }

  /** Holds the device's capture lease while attached. */
  async attach(context: SourceContext): Promise<void> {
    this.#log = context.log;
    this.#deviceLease = startDeviceLease(context);
  }

  async detach(): Promise<void> {
    await this.#deviceLease?.stop();
  }

  leaseIds(fromMs: number, toMs: number): string[] {
    return this.#deviceLease?.holder.leaseIdsCovering(fromMs, toMs) ?? [];
  }

  /** Waits for the first lease (any state); undefined when none came in time. */
  async #firstLease(holder: LeaseHolder, signal: AbortSignal): Promise<number | undefined> {
    const until = this.#now() + this.#leaseWaitMs;
    while (!signal.aborted) {
      const view = holder.view();
      if (view.kind !== 'none') return view.lease.issuedAt;
      if (this.#now() >= until) break;
      await sleep(20, signal);
    }
    this.#log('warn', 'replay_no_lease', { code: holder.lastErrorCode ?? 'NO_LEASE' });
    return undefined;
  }

  /** Reads and validates a recording; throws `AgentError` REPLAY_UNREADABLE or REPLAY_INVALID. */
  static async load(file: string, options: ReplayOptions = {}): Promise<ReplaySource> {
    const speed = options.speed ?? 1;
    if (!(speed > 0)) throw new AgentError('OPTIONS_INVALID', 'replay speed must be a positive number');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (cause) {
      throw new AgentError('REPLAY_UNREADABLE', `cannot read the replay file ${file}`, { cause });
    }
    return new ReplaySource(parseRecording(text), options);
  }

  /** How many events the recording holds. */
  get size(): number {
    return this.#events.length;
  }

  /** The cursor of the last event: a source resumed from it yields nothing. */
  get endCursor(): number {
    return this.#events.at(-1)?.line ?? 0;
  }

  async *events(fromCursor: number, signal: AbortSignal): AsyncGenerator<SourceItem> {
    const start = this.#events.findIndex((e) => e.line > fromCursor);
    if (start < 0 || signal.aborted) return;
    const remaining = this.#events.slice(start);
    const first = remaining[0];
    const last = remaining.at(-1);
    if (!first || !last) return;
    const holder = this.#deviceLease?.holder;
    const leaseFrom = holder ? await this.#firstLease(holder, signal) : undefined;
    if (signal.aborted) return;
    const t0 = first.event.t;
    const startedAt = this.#now();
    const lag = Math.round((last.event.t - t0) * Math.max(0, 1 - 1 / this.#speed));
    // Nothing is stamped before the lease it is captured under was issued.
    const anchor = Math.max(startedAt - lag, leaseFrom ?? 0);
    const rebase = (t: number): number => Math.max(0, anchor + (t - t0));

    // The scope gate, as the live source applies it: the window is the last focus replayed.
    let window: WindowInfo | undefined;
    const shows = this.#focusByAction();
    const gate = (event: StenoEvent): StenoEvent | undefined => {
      if (event.type === 'focus') window = { app: event.app, title: event.title };
      if (!holder) return event;
      const lease = holder.view();
      if (event.type === 'frame') {
        // A frame travels just before its action: a focus change's frame shows the window focused.
        const shown = shows.get(event.actionId) ?? window;
        const allowed =
          lease.kind === 'active' &&
          shown !== undefined &&
          shown.app.toLowerCase() === event.meta.app.toLowerCase() &&
          holder.scope?.allowsFrames(shown) === true;
        return allowed ? event : undefined;
      }
      const level = decideLevel({ lease, scope: holder.scope, contributorPaused: false, window }).level;
      return applyLevel(event, level);
    };

    const focus = first.event.type === 'focus' ? undefined : this.#focusBefore(start);
    if (focus) {
      const kept = gate({ ...focus, t: rebase(focus.t) });
      if (kept) yield { event: kept, cursor: fromCursor, context: true };
    }

    for (const { line, event } of remaining) {
      const stamp = rebase(event.t);
      if (Number.isFinite(this.#speed)) {
        const dueAt = startedAt + (event.t - t0) / this.#speed;
        const wait = dueAt - this.#now();
        if (wait > 0) await sleep(wait, signal);
      }
      // Never emitted before its own stamp (a replay shifted after its lease waits for it).
      const early = stamp - this.#now();
      if (early > 0) await sleep(early, signal);
      if (signal.aborted) return;
      const kept = gate({ ...event, t: stamp } as StenoEvent);
      if (kept) yield { event: kept, cursor: line };
    }
  }

  /** The window each focus change with a frame shows, by its action id. */
  #focusByAction(): Map<string, WindowInfo> {
    const out = new Map<string, WindowInfo>();
    for (const { event } of this.#events)
      if (event.type === 'focus' && event.actionId !== undefined)
        out.set(event.actionId, { app: event.app, title: event.title });
    return out;
  }

  /** The focus in effect just before index `index`, to re-establish it on resume. */
  #focusBefore(index: number): FocusEvent | undefined {
    for (let i = index - 1; i >= 0; i--) {
      const event = this.#events[i]?.event;
      if (event?.type === 'focus') return event;
    }
    return undefined;
  }
}

/** Parses and validates a JSONL recording: every line an event, times never going back. */
export function parseRecording(text: string): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  const lines = text.split('\n');
  let previousT = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i]?.trim() ?? '';
    if (raw === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (cause) {
      throw new AgentError('REPLAY_INVALID', `replay line ${line}: not valid JSON`, { cause });
    }
    const parsed = StenoEvent.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      throw new AgentError(
        'REPLAY_INVALID',
        `replay line ${line}: not a valid event${where} (${issue?.message ?? 'schema'})`,
        { cause: parsed.error },
      );
    }
    if (parsed.data.t < previousT) {
      throw new AgentError('REPLAY_INVALID', `replay line ${line}: event time goes backwards`);
    }
    previousT = parsed.data.t;
    events.push({ line, event: parsed.data });
  }
  return events;
}
