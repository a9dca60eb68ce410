/**
 * The device agent's pipeline, wired in one place:
 * identity → source → batcher → encrypted spool → uploader.
 * `runAgent` resolves once the identity, spool and source are ready (startup faults throw an
 * `AgentError`), then captures and uploads in the background until `stop()`.
 */
import { join } from 'node:path';
import type { FilterOptions } from '@steno/privacy';
import type { StenoEvent } from '@steno/protocol';
import { AgentError } from './agent-error.ts';
import { type BackoffOptions, DEFAULT_BACKOFF } from './backoff.ts';
import { Batcher, type SealedBatch } from './batcher.ts';
import { defaultDataDir, loadOrCreateSpoolKey, loadOrEnrolIdentity } from './device-identity.ts';
import type { EventSource, SourceItem } from './event-source.ts';
import type { ActionTriggerOptions } from './frames/action-trigger.ts';
import { type FrameCounts, FrameStage, type FrameTaker } from './frames/frame-stage.ts';
import { type LogFn, stderrLog } from './log.ts';
import { PrivacyStage } from './privacy-stage.ts';
import { ReplaySource } from './replay-source.ts';
import { Spool } from './spool.ts';
import { type DeviceStopCode, Uploader, type UploaderEvent } from './uploader.ts';

export type AgentState = 'enrolling' | 'running' | 'uploading' | 'idle' | 'stopped' | 'device_revoked';

export interface AgentStatus {
  state: AgentState;
  deviceId: string | undefined;
  /** Events taken from the source (context items excluded). */
  eventsCaptured: number;
  batchesSpooled: number;
  batchesUploaded: number;
  batchesRejected: number;
  /** Events the server did not store because their capture was not permitted (by its own check). */
  eventsNotStored: number;
  /** Batches in the spool now, waiting for upload. */
  spoolPending: number;
  /** The last error or retry reason, an UPPER_SNAKE code; never a message or payload. */
  lastErrorCode: string | undefined;
  /** Redaction markers the on-device privacy filter has put in place of detected spans. */
  redactions: number;
  /** Review holdback in effect: nothing is uploaded before it has passed. */
  holdbackMs: number;
  /** Events dropped because the contributor forgot them before upload. */
  eventsForgotten: number;
  /** Frames: `off` with the reason code when frames are not taken at all, else the counts. */
  frames: ({ state: 'on' } & FrameCounts) | { state: 'off'; reason: string };
}

export interface AgentFrameOptions {
  /** The frame pipeline (`createX11FramePipeline`, or a fake). The agent closes it when it stops. */
  taker: FrameTaker;
  trigger?: ActionTriggerOptions | undefined;
  /** Early check of the focused window's scope (see `FrameStageOptions.allows`). */
  allows?: ((window: { app: string; title?: string | undefined }) => boolean) | undefined;
  /** Longest a frame waits for what came before its action to be decided by the privacy filter (default 10 s). */
  decideWaitMs?: number | undefined;
  /** Longest a frame may hold back the events from its action on (default 30 s). */
  maxWaitMs?: number | undefined;
}

export interface ForgetOutcome {
  /** Spool entries deleted (whole entries: an entry touching the window is deleted entirely). */
  entriesForgotten: number;
  /** Events removed before they were spooled (held by the source, the filter or the open batch). */
  eventsDropped: number;
  /** Entries touching the window that had already been released for upload and so could not be recalled. */
  entriesReleased: number;
}

export interface AgentOptions {
  /** Base URL of the Steno server, e.g. http://127.0.0.1:8080. */
  server: string;
  /** Single-use enrolment token; needed only on the first run with a data directory. */
  enrolToken?: string | undefined;
  /** A JSONL recording to replay. Exactly one of `replayFile` and `source` is required. */
  replayFile?: string | undefined;
  /** Any other event source (live capture, browser, tests). */
  source?: EventSource | undefined;
  /** Replay speed: 1 real time (default), N times faster, Infinity as fast as possible. */
  speed?: number | undefined;
  /** Default ~/.steno-agent. */
  dataDir?: string | undefined;
  deviceName?: string | undefined;
  /** Structured log sink; default JSON lines on stderr. */
  log?: LogFn | undefined;
  /** Batch limits: default 500 events, 1000 ms, LIMITS.maxBatchBytes less headroom. */
  batch?: { maxEvents?: number; maxDelayMs?: number; maxBytes?: number } | undefined;
  /** Review holdback before a batch may be uploaded; default the source's `defaultHoldbackMs`, else 0. */
  holdbackMs?: number | undefined;
  /** Per-request timeout; default 15 000 ms. */
  requestTimeoutMs?: number | undefined;
  /** Retry backoff; default base 250 ms, cap 30 s, full jitter. */
  backoff?: Partial<BackoffOptions> | undefined;
  /** Called on every state change, including `enrolling` before `runAgent` resolves. */
  onState?: ((state: AgentState) => void) | undefined;
  /** Privacy-filter options (organisation rules from the capture policy). */
  privacy?: FilterOptions | undefined;
  /**
   * Sees every event exactly as it will leave the machine (after the scope gate and the privacy
   * filter, before batching): the contributor's live preview. Never logged.
   */
  onOutput?: ((events: readonly StenoEvent[]) => void) | undefined;
  /**
   * Frames before actions (issue 11); absent: no frames. `framesOff` names why they are off
   * (shown on the status page), e.g. `DISABLED`, `NO_DISPLAY`, a `FRAMES_*` start-up code.
   */
  frames?: AgentFrameOptions | undefined;
  framesOff?: string | undefined;
}

export interface AgentHandle {
  status(): AgentStatus;
  /** Stops capture (the open batch is spooled, not lost) and uploading; idempotent. */
  stop(): Promise<void>;
  /**
   * Resolves when the source is exhausted and the spool is empty. Rejects with an
   * `AgentError` if the device is revoked or unknown, the source fails, or `stop()` comes first.
   */
  drained(): Promise<void>;
  /**
   * Forgets everything captured at or after `sinceMs` that has not been released for upload:
   * events still held in the pipeline are dropped, and spool entries still in their holdback that
   * touch the window are deleted (whole entries, so slightly more than the window may go, never less).
   */
  forget(sinceMs: number): Promise<ForgetOutcome>;
}

const DEADLINE = Symbol('deadline');
const FRAME_READY = Symbol('frame-ready');

/** Starts the agent; see `AgentOptions` and `AgentHandle`. */
export async function runAgent(options: AgentOptions): Promise<AgentHandle> {
  const log = options.log ?? stderrLog;
  const dataDir = options.dataDir ?? defaultDataDir();
  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...options.backoff };
  if ((options.replayFile === undefined) === (options.source === undefined)) {
    throw new AgentError('OPTIONS_INVALID', 'give exactly one of replayFile and source');
  }
  const source: EventSource =
    options.source ?? (await ReplaySource.load(options.replayFile ?? '', { speed: options.speed ?? 1 }));

  const status: AgentStatus = {
    state: 'enrolling',
    deviceId: undefined,
    eventsCaptured: 0,
    batchesSpooled: 0,
    batchesUploaded: 0,
    batchesRejected: 0,
    eventsNotStored: 0,
    spoolPending: 0,
    lastErrorCode: undefined,
    redactions: 0,
    holdbackMs: options.holdbackMs ?? source.defaultHoldbackMs ?? 0,
    eventsForgotten: 0,
    frames: { state: 'off', reason: options.framesOff ?? 'DISABLED' },
  };
  let uploadBusy = false;
  let captureDone = false;
  let deviceStop: DeviceStopCode | undefined;
  let stopped = false;
  const setState = (): void => {
    const next: AgentState = stopped
      ? 'stopped'
      : deviceStop
        ? 'device_revoked'
        : uploadBusy
          ? 'uploading'
          : captureDone && status.spoolPending === 0
            ? 'idle'
            : 'running';
    if (next !== status.state) {
      status.state = next;
      options.onState?.(next);
    }
  };
  options.onState?.('enrolling');

  const identity = await loadOrEnrolIdentity({
    dataDir,
    server: options.server,
    enrolToken: options.enrolToken,
    deviceName: options.deviceName,
    log,
    backoff,
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  });
  status.deviceId = identity.deviceId;
  await source.attach?.({
    identity,
    server: options.server,
    dataDir,
    log,
    backoff,
    requestTimeoutMs: options.requestTimeoutMs,
  });
  const spool = await Spool.open({
    dir: join(dataDir, 'spool'),
    key: await loadOrCreateSpoolKey(dataDir),
    deviceId: identity.deviceId,
    log,
    holdbackMs: status.holdbackMs,
  });
  status.spoolPending = spool.size;
  const batcher = new Batcher({
    deviceId: identity.deviceId,
    subject: identity.subject,
    privateKey: identity.privateKey,
    firstSeq: spool.nextSeq,
    ...options.batch,
    ...(source.leaseIds ? { leaseIds: source.leaseIds.bind(source) } : {}),
  });

  const drain = deferred();
  const checkDrained = (): void => {
    status.spoolPending = spool.size;
    setState();
    if (captureDone && spool.size === 0 && batcher.pending === 0) drain.resolve();
  };

  const captureAbort = new AbortController();
  const uploader = new Uploader({
    server: options.server,
    spool,
    log,
    backoff,
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    onEvent: (event: UploaderEvent) => {
      switch (event.type) {
        case 'uploading':
          uploadBusy = true;
          break;
        case 'retrying':
          status.lastErrorCode = event.reason;
          break;
        case 'uploaded':
          status.batchesUploaded += 1;
          for (const n of Object.values(event.dropped ?? {})) status.eventsNotStored += n;
          uploadBusy = false;
          break;
        case 'rejected':
          status.batchesRejected += 1;
          status.lastErrorCode = event.code;
          uploadBusy = false;
          break;
        case 'device_stopped':
          deviceStop = event.code;
          status.lastErrorCode = event.code;
          uploadBusy = false;
          captureAbort.abort();
          drain.reject(new AgentError(event.code, `the server answered ${event.code}: uploading stopped`));
          break;
        case 'idle':
          uploadBusy = false;
          break;
      }
      checkDrained();
    },
  });

  const spoolSealed = async (sealed: SealedBatch | undefined): Promise<void> => {
    if (!sealed) return;
    await spool.append(sealed);
    status.batchesSpooled += 1;
    checkDrained();
  };

  const privacy = new PrivacyStage(spool.resumeCursor, { filter: options.privacy });
  const frames = options.frames
    ? new FrameStage({
        taker: options.frames.taker,
        knownSecrets: () => privacy.recentRedactedSpans(),
        trigger: options.frames.trigger,
        allows: options.frames.allows,
        decideWaitMs: options.frames.decideWaitMs,
        maxWaitMs: options.frames.maxWaitMs,
      })
    : undefined;
  /** What the filter decided, through the frame stage (which holds an action back until its frame is made). */
  const decided = (items: SourceItem[]): SourceItem[] => {
    if (!frames) return items;
    frames.decided(items, privacy.held === 0);
    return frames.release();
  };
  // Windows the contributor forgot: events from them still coming out of the filter are dropped.
  const forgotten: { from: number; to: number }[] = [];
  const addAll = async (all: SourceItem[]): Promise<void> => {
    const items =
      forgotten.length === 0
        ? all
        : all.filter((i) => !forgotten.some((r) => i.event.t >= r.from && i.event.t <= r.to));
    status.eventsForgotten += all.length - items.length;
    if (items.length === 0) return;
    if (options.onOutput) options.onOutput(items.filter((i) => !i.context).map((i) => i.event));
    for (const sealed of batcher.addGroup(items)) await spoolSealed(sealed);
    status.redactions = privacy.redactions;
  };

  const capture = async (): Promise<void> => {
    log('info', 'capture_started', { deviceId: identity.deviceId, fromCursor: spool.resumeCursor });
    const iterator = source.events(spool.resumeCursor, captureAbort.signal)[Symbol.asyncIterator]();
    const alarm = new Alarm();
    let pending: Promise<IteratorResult<SourceItem>> | undefined;
    let frameReady: Promise<typeof FRAME_READY> | undefined;
    try {
      for (;;) {
        pending ??= iterator.next();
        const next = alarm.race(pending, earliest(batcher.deadline(), privacy.deadline()));
        if (frames) frameReady ??= frames.changed().then(() => FRAME_READY);
        const result = frameReady ? await Promise.race([next, frameReady]) : await next;
        if (result === FRAME_READY) {
          frameReady = undefined;
          await addAll(frames?.release() ?? []);
          continue;
        }
        if (result === DEADLINE) {
          // Held keystrokes stay held until the filter may decide (a quiet spell at a word
          // boundary); a batch closes with what is decided and never forces a decision mid-word.
          const heldDue = privacy.deadline();
          if (heldDue !== undefined && heldDue <= Date.now()) await addAll(decided(privacy.idle()));
          const batchDue = batcher.deadline();
          if (batchDue !== undefined && batchDue <= Date.now()) await spoolSealed(batcher.seal());
          continue;
        }
        pending = undefined;
        if (result.done) break;
        if (!result.value.context) status.eventsCaptured += 1;
        // An action's frame is begun as its event is seen, before the event goes on.
        const item = frames ? frames.observe(result.value, privacy.held === 0) : result.value;
        await addAll(decided(privacy.push(item)));
      }
      await addAll(decided(privacy.flush()));
      if (frames) {
        await frames.drain();
        await addAll(frames.release(true));
      }
      await spoolSealed(batcher.seal());
      log('info', 'capture_finished', { events: status.eventsCaptured });
    } catch (err) {
      const code = err instanceof AgentError ? err.code : 'SOURCE_FAILED';
      status.lastErrorCode = code;
      log('error', 'capture_failed', { code });
      drain.reject(
        err instanceof AgentError ? err : new AgentError('SOURCE_FAILED', 'capture failed', { cause: err }),
      );
      await addAll(decided(privacy.flush())).catch(() => {});
      await addAll(frames?.release(true) ?? []).catch(() => {});
      await spoolSealed(batcher.seal()).catch(() => {});
      await iterator.return?.().catch(() => {});
    } finally {
      alarm.clear();
      captureDone = true;
      checkDrained();
    }
  };

  setState();
  const captureLoop = capture();
  const uploadLoop = uploader.start();
  let stopping: Promise<void> | undefined;

  return {
    status: () => ({
      ...status,
      spoolPending: spool.size,
      frames: frames ? { state: 'on' as const, ...frames.counts } : status.frames,
    }),
    drained: () => drain.promise,
    forget: async (sinceMs: number): Promise<ForgetOutcome> => {
      const to = Date.now();
      forgotten.push({ from: sinceMs, to });
      source.forget?.(sinceMs);
      // frames being made and events held behind them go first, then the open batch
      const dropped = (frames?.forget(sinceMs) ?? 0) + batcher.discardSince(sinceMs);
      status.eventsForgotten += dropped;
      const result = await spool.forget({ from: sinceMs, to });
      status.spoolPending = spool.size;
      log('info', 'forgotten', { entries: result.forgotten, released: result.released, dropped });
      checkDrained();
      return { entriesForgotten: result.forgotten, eventsDropped: dropped, entriesReleased: result.released };
    },
    stop: () => {
      stopping ??= (async () => {
        captureAbort.abort();
        await captureLoop;
        await frames?.close().catch(() => {});
        await uploader.stop();
        await uploadLoop;
        await source.detach?.();
        stopped = true;
        drain.reject(new AgentError('AGENT_STOPPED', 'the agent was stopped before it drained'));
        setState();
        log('info', 'agent_stopped', { spoolPending: spool.size });
      })();
      return stopping;
    },
  };
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/**
 * Races the source against the next deadline. The deadlines (batch open + max delay, held
 * keystrokes + idle) stay the same for many events, so one timer serves them all instead of a
 * new timer per event.
 */
class Alarm {
  #at: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  #rang: Promise<typeof DEADLINE> | undefined;

  async race<T>(pending: Promise<T>, at: number | undefined): Promise<T | typeof DEADLINE> {
    if (at === undefined) return pending;
    if (at <= Date.now()) return DEADLINE;
    if (at !== this.#at || !this.#rang) {
      this.clear();
      this.#at = at;
      this.#rang = new Promise((resolve) => {
        this.#timer = setTimeout(() => resolve(DEADLINE), at - Date.now());
      });
    }
    const result = await Promise.race([pending, this.#rang]);
    if (result === DEADLINE) this.clear();
    return result;
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#rang = undefined;
    this.#at = undefined;
  }
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(err: Error): void;
}

/** A settle-once promise whose rejection is never "unhandled" if nobody awaits it. */
function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}
