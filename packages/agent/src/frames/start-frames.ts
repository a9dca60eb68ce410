/**
 * Starts the X11 frame pipeline for the live agent, or says why frames are off: turned off
 * (`--no-frames`), no display (no `DISPLAY`: Wayland-only or headless), or the pipeline could not
 * start (the `FRAMES_*` code). Frames off never stops event capture; only the code is logged.
 * The pipeline itself (and its module) is made when a lease whose scope allows frames of some app
 * is first seen, not at start: its recogniser (a tesseract.js worker, some 150 MB) and image
 * library are not loaded while no scope allows frames (issue 18's memory target).
 */
import type { EncodeOptions } from '@steno/frames';
// The gate and scope only: the pipeline's module (image library, recogniser) is loaded on first use.
import { FrameGate, type FrameLeaseView, FrameScope } from '@steno/frames/gate';
import type { DetectOptions } from '@steno/privacy';
import type { LogFn } from '../log.ts';
import { isBuiltinExcluded } from '../scope-gate.ts';
import type { FrameTaker } from './frame-stage.ts';

export interface FramesConfig {
  /** Default true. */
  enabled?: boolean | undefined;
  /** At most one frame per this many ms (default 1000). */
  minIntervalMs?: number | undefined;
  encode?: EncodeOptions | undefined;
  /** A frame source to use instead of X11 (tests). */
  taker?: FrameTaker | undefined;
}

export interface FramesStart {
  taker: FrameTaker | undefined;
  /** Whether the lease's scope allows frames of a window (the early check; the pipeline decides). */
  allows: (window: { app: string; title?: string | undefined }) => boolean;
  /** Why frames are off, when they are. */
  off: string | undefined;
}

export async function startFrames(options: {
  config: FramesConfig | undefined;
  env: NodeJS.ProcessEnv;
  lease: () => FrameLeaseView;
  contributorPaused: () => boolean;
  detect: DetectOptions | undefined;
  log: LogFn;
}): Promise<FramesStart> {
  const { config, log } = options;
  let cache: { key: string; scope: FrameScope } | undefined;
  let warm: () => void = () => {};
  const allows = (window: { app: string; title?: string | undefined }): boolean => {
    const view = options.lease();
    if (view.kind !== 'active') return false;
    const key = `${view.lease.leaseId}\0${view.lease.policyVersion}`;
    if (cache?.key !== key) {
      cache = { key, scope: new FrameScope(view.lease.scope, isBuiltinExcluded) };
      // A lease whose scope allows frames of any app: make the pipeline now, before the first
      // action in such a window wants a frame.
      if (view.lease.scope.apps.some((rule) => rule.frames === true && rule.level !== 'none')) warm();
    }
    return cache.scope.allowsFrames(window);
  };
  if (config?.enabled === false) return off(log, 'DISABLED', allows);
  if (config?.taker) return { taker: config.taker, off: undefined, allows };
  const display = options.env.DISPLAY;
  if (!display) return off(log, 'NO_DISPLAY', allows);
  const minIntervalMs = config?.minIntervalMs ?? 1_000;
  const lazy = lazyTaker(
    async () =>
      (await import('@steno/frames')).createX11FramePipeline({
        gate: new FrameGate({
          lease: options.lease,
          contributorPaused: options.contributorPaused,
          excluded: isBuiltinExcluded,
        }),
        x11: { display },
        minIntervalMs,
        encode: config?.encode ?? { scale: 0.5, quality: 80 },
        detect: options.detect,
      }),
    log,
  );
  warm = lazy.warm;
  // The lease may come (or change to one allowing frames) with no focus change: look once a second
  // until the pipeline is being made.
  const watch = setInterval(() => {
    const view = options.lease();
    if (
      view.kind === 'active' &&
      view.lease.scope.apps.some((r) => r.frames === true && r.level !== 'none')
    ) {
      clearInterval(watch);
      lazy.warm();
    }
  }, 1_000);
  watch.unref();
  const close = lazy.close;
  lazy.close = async () => {
    clearInterval(watch);
    await close();
  };
  log('info', 'frames_on', { minIntervalMs, pipeline: 'made once a lease allows frames' });
  return { taker: lazy, off: undefined, allows };
}

/**
 * A frame taker whose pipeline is made on first use (`warm`, or the first `take`). If it cannot be
 * made, frames stay off for this run (the `FRAMES_*` code is logged once) and events go on.
 */
function lazyTaker(create: () => Promise<FrameTaker>, log: LogFn): FrameTaker & { warm: () => void } {
  let made: Promise<FrameTaker | undefined> | undefined;
  let closed = false;
  const make = (): Promise<FrameTaker | undefined> =>
    (made ??= create().then(
      (taker) => {
        log('info', 'frames_pipeline_ready', {});
        return taker;
      },
      (err: unknown) => {
        const code =
          err && typeof err === 'object' && 'code' in err && typeof err.code === 'string'
            ? err.code
            : 'FRAMES_START_FAILED';
        log('warn', 'frames_off', { code });
        return undefined;
      },
    ));
  return {
    warm: () => {
      if (!closed) void make();
    },
    async take(req) {
      const taker = closed ? undefined : await make();
      return taker ? taker.take(req) : { ok: false, reason: 'CAPTURE_FAILED' };
    },
    async close() {
      closed = true;
      await (await made)?.close();
    },
  };
}

function off(log: LogFn, code: string, allows: FramesStart['allows']): FramesStart {
  log(code === 'DISABLED' ? 'info' : 'warn', 'frames_off', { code });
  return { taker: undefined, off: code, allows };
}
