/**
 * The live agent as the CLI runs it: `runAgent` with the LiveSource (and the browser extension's
 * events merged in), the contributor's control server and status page on 127.0.0.1, and desktop
 * notifications on every state change. The browser source shares the desktop source's lease and
 * contributor pause: one agent, one lease. Frames (issue 11) come from the X11 frame pipeline under
 * the same lease and pause; they are off with `frames.enabled: false`, without a display, or when
 * the pipeline cannot start, and events are captured either way.
 */

import type { StenoEvent } from '@steno/protocol';
import { type AgentHandle, type AgentOptions, runAgent } from './agent.ts';
import { BrowserSource } from './browser/browser-source.ts';
import { MergedSource } from './browser/merged-source.ts';
import { type ControlServer, startControlServer } from './control-server.ts';
import { defaultDataDir } from './device-identity.ts';
import { FramePreview } from './frames/frame-preview.ts';
import { type FramesConfig, startFrames } from './frames/start-frames.ts';
import { type CaptureStatus, LiveSource, type LiveSourceOptions } from './live-source.ts';
import { stderrLog } from './log.ts';
import { desktopNotifier } from './notifier.ts';
import { PreviewBuffer } from './preview-buffer.ts';

export interface LiveAgentOptions
  extends Omit<AgentOptions, 'source' | 'replayFile' | 'speed' | 'onOutput' | 'frames' | 'framesOff'> {
  live?: Omit<LiveSourceOptions, 'onState'> | undefined;
  /** Browser capture through the extension (default on); `onWire` sees what the extension sent. */
  browser?: { enabled?: boolean; onWire?: (body: unknown) => void; stateWaitMs?: number } | undefined;
  /** Control port on 127.0.0.1; default a free port (written to control.json). */
  controlPort?: number | undefined;
  /** Desktop notifications via notify-send (default true); ignored when `onCaptureState` is given. */
  notify?: boolean | undefined;
  /** Every capture-state change (the packaged agent's indicator); replaces the notify-send notices. */
  onCaptureState?: ((status: CaptureStatus) => void) | undefined;
  /** Frames before actions (default on when there is a display); `{ enabled: false }` turns them off. */
  frames?: FramesConfig | undefined;
}

export interface LiveAgent {
  readonly agent: AgentHandle;
  readonly live: LiveSource;
  readonly browser: BrowserSource | undefined;
  readonly control: ControlServer;
  stop(): Promise<void>;
}

export async function runLiveAgent(options: LiveAgentOptions): Promise<LiveAgent> {
  const log = options.log ?? stderrLog;
  const dataDir = options.dataDir ?? defaultDataDir();
  const notify =
    options.onCaptureState ?? (options.notify === false ? () => {} : desktopNotifier(options.live?.env));
  const live = new LiveSource({ ...options.live, onState: notify });
  const browser =
    options.browser?.enabled === false
      ? undefined
      : new BrowserSource({
          gate: { lease: () => live.leaseHolder, contributorPaused: () => live.isContributorPaused() },
          detect: options.privacy?.rules ? { rules: options.privacy.rules } : undefined,
          log,
          onWire: options.browser?.onWire,
        });
  const source = browser ? new MergedSource([live, browser]) : live;
  const preview = new PreviewBuffer();
  const framePreview = new FramePreview();
  const onOutput = (events: readonly StenoEvent[]): void => {
    const frames = events.filter((e) => e.type === 'frame');
    preview.push(frames.length === 0 ? events : events.filter((e) => e.type !== 'frame'));
    for (const f of frames) framePreview.push(f);
  };
  const started = await startFrames({
    config: options.frames,
    env: options.live?.env ?? process.env,
    lease: () => live.leaseHolder?.view() ?? { kind: 'none' },
    contributorPaused: () => live.isContributorPaused(),
    detect: options.privacy?.rules ? { rules: options.privacy.rules } : undefined,
    log,
  });
  const { frames: _frames, onCaptureState: _onCaptureState, ...agentOptions } = options;
  let agent: AgentHandle;
  try {
    agent = await runAgent({
      ...agentOptions,
      // the lease's app rules turn the name detector off per app (`names: false`), as the server's
      // second wall does with the same scope
      privacy: {
        namesInWindow: (focus) =>
          live.leaseHolder?.scope?.namesFor({ app: focus.app, title: focus.title }) ?? true,
        ...options.privacy,
      },
      dataDir,
      log,
      source,
      onOutput,
      frames: started.taker ? { taker: started.taker, allows: started.allows } : undefined,
      framesOff: started.off,
    });
  } catch (err) {
    await started.taker?.close().catch(() => {});
    throw err;
  }
  const control = await startControlServer({
    dataDir,
    agent,
    live,
    preview,
    framePreview,
    log,
    port: options.controlPort,
    browser,
    browserWaitMs: options.browser?.stateWaitMs,
  });
  log('info', 'status_page', { port: control.port });
  return {
    agent,
    live,
    browser,
    control,
    stop: async () => {
      await control.close();
      await agent.stop();
    },
  };
}
