/**
 * The frame pipeline: gate → rate limit → capture (stack, pixels, stack) → plan (occlusion drops)
 * → keep only the visible content of in-scope windows → black out caller-given regions → queue →
 * recognise text per window (only the changed rows when the window's last frame is remembered,
 * see window-recognition.ts) → judge every line, kept or new, and black out what the privacy
 * filter flags (or whole lines when unsure) → re-check the gate → crop, downscale, encode WebP.
 * Every step before encoding works on raw pixels in memory; every failure drops the frame (fail
 * closed), wipes its pixels and forgets every remembered window. Capture is immediate (the screen
 * as the action happens); recognition runs one frame at a time behind a bounded queue that drops
 * its oldest frame when full.
 */
import type { DetectOptions } from '@steno/privacy';
import { type EncodeOptions, encodeWebp, validateEncodeOptions } from './frame-encoder.ts';
import type { FrameGate, FrameGateReason } from './frame-gate.ts';
import type { FrameScope } from './frame-scope.ts';
import { clipRegion, intersect, type Rect } from './geometry.ts';
import type { OcrEngine } from './ocr-engine.ts';
import { FrameRateLimiter } from './rate-limiter.ts';
import { blackOut, crop, keepOnly, type RawImage, wipe } from './raw-image.ts';
import { redactRecognisedText, type TextRedaction, type TextRedactionOptions } from './text-redaction.ts';
import {
  type FrameText,
  type IncrementalOptions,
  type RecognitionStats,
  WindowRecognizer,
} from './window-recognition.ts';
import { type PlannedWindow, planFrame, type StackWindow, type WindowStack } from './window-stack.ts';
import type { ScreenSource } from './x11-screen.ts';

export interface FrameRequest {
  /** Id of the action this frame belongs to (it precedes it, or follows it for `kind: 'after'`). */
  readonly actionId: string;
  readonly kind?: 'before' | 'after' | undefined;
  /** The client window acted on; default the active window. */
  readonly window?: number | undefined;
  /** Screen rectangles of fields whose typed text was redacted: always blacked out. */
  readonly redactRegions?: readonly Rect[] | undefined;
  /**
   * Strings known to be secret (typed text the filter redacted), in memory only: blacked out where
   * recognised. A function is called after recognition, so spans the filter decides while the
   * frame waits (keystrokes it held when the action came) count too; when it rejects, the frame is
   * dropped (`SECRETS_UNAVAILABLE`).
   */
  readonly knownSecrets?:
    | readonly string[]
    | (() => readonly string[] | Promise<readonly string[]>)
    | undefined;
}

/** Where the frame came from and how to map screen coordinates into it. */
export interface FrameMeta {
  readonly v: 1;
  readonly actionId: string;
  readonly kind: 'before' | 'after';
  /** Capture time, epoch ms. */
  readonly t: number;
  /** Encoded size in pixels. */
  readonly width: number;
  readonly height: number;
  /** Encoded pixels per screen pixel. */
  readonly scale: number;
  /** The screen point at the frame's (0, 0): frameX = (screenX - origin.x) * scale. */
  readonly origin: { readonly x: number; readonly y: number };
  /** The content of the window acted on, in screen pixels (window-relative = screen − this corner). */
  readonly window: Rect;
  /** The same rectangle in frame pixels. */
  readonly windowInFrame: Rect;
  /** The application of the window acted on (in scope, as focus events carry it). */
  readonly app: string;
  readonly redaction: {
    /** Boxes blacked out because the privacy filter (or a known secret) flagged recognised text. */
    readonly textBoxes: number;
    /** Lines blacked out whole because recognition was unsure. */
    readonly unsureLines: number;
    /** Caller-given regions blacked out. */
    readonly regions: number;
    readonly ocrLines: number;
  };
}

export interface Frame {
  readonly meta: FrameMeta;
  readonly webp: Uint8Array;
}

export type FrameDropReason =
  | FrameGateReason
  | 'RATE_LIMITED'
  | 'NO_TARGET'
  | 'TARGET_HIDDEN'
  | 'UNSTABLE'
  | 'CAPTURE_FAILED'
  | 'QUEUE_FULL'
  | 'OCR_FAILED'
  | 'OCR_UNSURE'
  | 'SECRETS_UNAVAILABLE'
  | 'ENCODE_FAILED'
  | 'CLOSED';

/** Milliseconds per stage, for the bench and the status page. */
export interface FrameTimings {
  stack: number;
  pixels: number;
  blackout: number;
  queued: number;
  /** Recognition, including `diff`. */
  ocr: number;
  /** Grey conversion and comparison with the window's last frame (part of `ocr`). */
  diff?: number;
  redact: number;
  encode: number;
  total: number;
}

export type FrameOutcome =
  | { ok: true; frame: Frame; timings: FrameTimings; recognition?: RecognitionStats }
  | { ok: false; reason: FrameDropReason; timings?: Partial<FrameTimings> };

export interface FramePipelineOptions {
  readonly source: ScreenSource;
  readonly ocr: OcrEngine;
  readonly gate: FrameGate;
  /** At most one frame per this many ms (default 1000). */
  readonly minIntervalMs?: number | undefined;
  /** `screen` (default): the whole screen, all but in-scope content black; `window`: cropped to the window acted on. */
  readonly crop?: 'screen' | 'window' | undefined;
  readonly encode?: EncodeOptions | undefined;
  /**
   * The organisation's rules for the privacy filter. Names and addresses are looked for unless the
   * app rule of the window the text is in says `names: false` (`FrameScope.namesFor`).
   */
  readonly detect?: DetectOptions | undefined;
  /** Confidence thresholds of the text redaction (see `TextRedactionOptions`). */
  readonly text?:
    | Pick<TextRedactionOptions, 'minRiskyConfidence' | 'minConfidence' | 'knownSecretRun'>
    | undefined;
  /** Drop the frame when more than this share of recognised lines were unsure (default 0.5, with 4+ lines). */
  readonly maxUnsureShare?: number | undefined;
  /** Frames waiting for recognition (default 3); when full, the oldest is dropped. */
  readonly queueSize?: number | undefined;
  /** Skip the share check below this many lines (default 4). */
  readonly minLinesForUnsureDrop?: number | undefined;
  /**
   * Recognise only the rows that changed since a window's last frame (default on, with the band
   * planner's defaults); `false` recognises every window whole on every frame and remembers nothing.
   */
  readonly incremental?: IncrementalOptions | false | undefined;
  readonly now?: (() => number) | undefined;
}

interface Job {
  readonly req: FrameRequest;
  readonly t: number;
  readonly image: RawImage;
  readonly target: StackWindow;
  readonly keep: readonly Rect[];
  readonly windows: readonly PlannedWindow[];
  /** The scope the gate decided with: a new lease or policy means a new object, so no reuse. */
  readonly scope: FrameScope;
  readonly screen: Rect;
  readonly regions: number;
  readonly timings: Partial<FrameTimings>;
  readonly queuedAt: number;
  readonly resolve: (o: FrameOutcome) => void;
}

/** In-scope test for a whole stack: managed windows by scope; popups by the in-scope window of their process. */
export function inScopeFor(stack: WindowStack, scope: FrameScope): (w: StackWindow) => boolean {
  const scopedPids = new Set<string>();
  for (const w of stack.windows) {
    if (!w.overrideRedirect && w.pid > 0 && scope.allowsFrames(w)) scopedPids.add(`${w.pid}\0${w.app}`);
  }
  return (w) =>
    w.overrideRedirect ? w.pid > 0 && scopedPids.has(`${w.pid}\0${w.app}`) : scope.allowsFrames(w);
}

/**
 * The text redaction of a frame, each window's lines judged under its own app rule: the name
 * detector off in a window whose rule says `names: false` (issue 16), on everywhere else.
 */
export function redactWindowsText(
  text: Pick<FrameText, 'lines' | 'windows'>,
  scope: FrameScope,
  options: TextRedactionOptions,
): TextRedaction {
  if (text.windows.every((w) => scope.namesFor(w.window))) return redactRecognisedText(text.lines, options);
  const boxes: TextRedaction['boxes'] = [];
  const verdicts: TextRedaction['verdicts'] = [];
  let flaggedLines = 0;
  let unsureLines = 0;
  let at = 0;
  for (const { window, lines } of text.windows) {
    const detect = scope.namesFor(window) ? options.detect : { ...options.detect, names: false };
    const part = redactRecognisedText(text.lines.slice(at, at + lines), { ...options, detect });
    at += lines;
    boxes.push(...part.boxes);
    verdicts.push(...part.verdicts);
    flaggedLines += part.flaggedLines;
    unsureLines += part.unsureLines;
  }
  return { boxes, lines: text.lines.length, flaggedLines, unsureLines, verdicts };
}

const PLAN_REASON = {
  NO_TARGET: 'NO_TARGET',
  TARGET_OUT_OF_SCOPE: 'NOT_IN_SCOPE',
  TARGET_COVERED: 'TARGET_COVERED',
  TARGET_HIDDEN: 'TARGET_HIDDEN',
} as const;

export class FramePipeline {
  readonly #o: FramePipelineOptions;
  readonly #limiter: FrameRateLimiter;
  readonly #now: () => number;
  readonly #queue: Job[] = [];
  readonly #recognizer: WindowRecognizer;
  #running = false;
  #closed = false;

  constructor(options: FramePipelineOptions) {
    validateEncodeOptions(options.encode ?? {});
    this.#o = options;
    this.#limiter = new FrameRateLimiter(options.minIntervalMs ?? 1_000);
    this.#now = options.now ?? Date.now;
    this.#recognizer = new WindowRecognizer(options.ocr, options.incremental ?? {});
  }

  /**
   * Takes a frame for an action: resolves with the redacted, encoded frame or the reason it was
   * not taken. The screen is read at once; recognition may wait behind earlier frames.
   */
  async take(req: FrameRequest): Promise<FrameOutcome> {
    if (this.#closed) return { ok: false, reason: 'CLOSED' };
    const t = this.#now();
    const gate = this.#o.gate.check(t);
    if (!gate.ok) {
      // No lease, a pause: nothing of earlier frames is kept either.
      this.#recognizer.forget();
      return { ok: false, reason: gate.reason };
    }
    if (!this.#limiter.tryTake(t)) return { ok: false, reason: 'RATE_LIMITED' };

    const started = performance.now();
    let snap: Awaited<ReturnType<ScreenSource['snapshot']>>;
    try {
      snap = await this.#o.source.snapshot();
    } catch {
      return { ok: false, reason: 'CAPTURE_FAILED' };
    }
    const timings: Partial<FrameTimings> = { stack: snap.timings.stackMs, pixels: snap.timings.pixelsMs };
    const drop = (reason: FrameDropReason): FrameOutcome => {
      wipe(snap.image);
      return { ok: false, reason, timings };
    };
    if (this.#closed) return drop('CLOSED');
    if (!snap.stable) return drop('UNSTABLE');
    const plan = planFrame(snap.stack, inScopeFor(snap.stack, gate.scope), req.window ?? snap.stack.active);
    if (!plan.ok) return drop(PLAN_REASON[plan.reason]);

    const b0 = performance.now();
    const image = keepOnly(snap.image, plan.plan.keep);
    wipe(snap.image);
    let regions = 0;
    for (const r of req.redactRegions ?? []) {
      if (intersect(r, snap.stack.screen)) regions++;
      blackOut(image, r);
    }
    timings.blackout = performance.now() - b0;

    return new Promise<FrameOutcome>((resolve) => {
      const job: Job = {
        req,
        t,
        image,
        target: plan.plan.target,
        keep: plan.plan.keep,
        windows: plan.plan.windows,
        scope: gate.scope,
        screen: snap.stack.screen,
        regions,
        timings: { ...timings, total: performance.now() - started },
        queuedAt: performance.now(),
        resolve,
      };
      this.#queue.push(job);
      while (this.#queue.length > (this.#o.queueSize ?? 3)) {
        const oldest = this.#queue.shift() as Job;
        wipe(oldest.image);
        oldest.resolve({ ok: false, reason: 'QUEUE_FULL', timings: oldest.timings });
      }
      void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      for (let job = this.#queue.shift(); job; job = this.#queue.shift()) {
        let outcome: FrameOutcome;
        try {
          outcome = await this.#process(job);
        } catch {
          this.#recognizer.forget();
          outcome = { ok: false, reason: 'ENCODE_FAILED', timings: job.timings };
        }
        wipe(job.image);
        job.resolve(outcome);
      }
    } finally {
      this.#running = false;
    }
  }

  async #process(job: Job): Promise<FrameOutcome> {
    const timings = job.timings;
    const drop = (reason: FrameDropReason): FrameOutcome => ({ ok: false, reason, timings });
    if (this.#closed) return drop('CLOSED');
    const p0 = performance.now();
    timings.queued = p0 - job.queuedAt;

    // Recognise only where pixels survived (everything else is black already), window by window,
    // and in a remembered window only the rows that changed.
    let recognised: Awaited<ReturnType<WindowRecognizer['recognize']>>;
    try {
      recognised = await this.#recognizer.recognize(job.image, job.windows, job.scope);
    } catch {
      return drop('OCR_FAILED');
    }
    timings.ocr = performance.now() - p0;
    timings.diff = recognised.stats.diffMs;
    const dropRecognised = (reason: FrameDropReason): FrameOutcome => {
      recognised.discard();
      return drop(reason);
    };
    let knownSecrets: readonly string[] | undefined;
    try {
      const given = job.req.knownSecrets;
      knownSecrets = typeof given === 'function' ? await given() : given;
    } catch {
      return dropRecognised('SECRETS_UNAVAILABLE');
    }
    const p1 = performance.now();
    // Every line is judged on every frame, kept or new, with the secrets known now.
    const text = redactWindowsText(recognised, job.scope, {
      ...this.#o.text,
      detect: this.#o.detect,
      knownSecrets,
    });
    const minLines = this.#o.minLinesForUnsureDrop ?? 4;
    if (text.lines >= minLines && text.unsureLines / text.lines > (this.#o.maxUnsureShare ?? 0.5))
      return dropRecognised('OCR_UNSURE');
    // Black out only inside kept content: outside it the pixels are black already.
    for (const box of text.boxes) for (const r of clipRegion(job.keep, box)) blackOut(job.image, r);
    const p2 = performance.now();
    timings.redact = p2 - p1;

    // The lease may have ended or a pause come while recognition ran.
    if (this.#closed) return dropRecognised('CLOSED');
    const again = this.#o.gate.check(this.#now(), job.target);
    if (!again.ok) return dropRecognised(again.reason);

    const region =
      this.#o.crop === 'window' ? (intersect(job.target.content, job.screen) ?? job.screen) : job.screen;
    const out = region === job.screen ? job.image : crop(job.image, region);
    let encoded: Awaited<ReturnType<typeof encodeWebp>>;
    try {
      encoded = await encodeWebp(out, this.#o.encode);
    } catch {
      return dropRecognised('ENCODE_FAILED');
    } finally {
      if (out !== job.image) wipe(out);
    }
    recognised.commit(text);
    timings.encode = performance.now() - p2;
    timings.total = (timings.total ?? 0) + (performance.now() - p0);

    const s = encoded.scale;
    const win = job.target.content;
    const meta: FrameMeta = {
      v: 1,
      actionId: job.req.actionId,
      kind: job.req.kind ?? 'before',
      t: job.t,
      width: encoded.width,
      height: encoded.height,
      scale: s,
      origin: { x: region.x, y: region.y },
      window: win,
      windowInFrame: {
        x: Math.round((win.x - region.x) * s),
        y: Math.round((win.y - region.y) * s),
        width: Math.round(win.width * s),
        height: Math.round(win.height * s),
      },
      app: job.target.app,
      redaction: {
        textBoxes: text.boxes.length,
        unsureLines: text.unsureLines,
        regions: job.regions,
        ocrLines: text.lines,
      },
    };
    return {
      ok: true,
      frame: { meta, webp: encoded.webp },
      timings: timings as FrameTimings,
      recognition: recognised.stats,
    };
  }

  /** Drops every queued frame and stops taking new ones; closes the source and the recogniser. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#recognizer.forget();
    for (const job of this.#queue.splice(0)) {
      wipe(job.image);
      job.resolve({ ok: false, reason: 'CLOSED', timings: job.timings });
    }
    await Promise.allSettled([this.#o.source.close(), this.#o.ocr.close()]);
  }
}

/** Maps a screen point (an action's coordinates) into a frame's pixels. */
export function screenToFrame(meta: FrameMeta, x: number, y: number): { x: number; y: number } {
  return { x: (x - meta.origin.x) * meta.scale, y: (y - meta.origin.y) * meta.scale };
}
