/**
 * The live agent as the CLI runs it: `runAgent` with the LiveSource, the contributor's control
 * server and status page on 127.0.0.1, and desktop notifications on every state change.
 */
import { type AgentHandle, type AgentOptions, runAgent } from './agent.ts';
import { type ControlServer, startControlServer } from './control-server.ts';
import { defaultDataDir } from './device-identity.ts';
import { LiveSource, type LiveSourceOptions } from './live-source.ts';
import { stderrLog } from './log.ts';
import { desktopNotifier } from './notifier.ts';
import { PreviewBuffer } from './preview-buffer.ts';

export interface LiveAgentOptions extends Omit<AgentOptions, 'source' | 'replayFile' | 'speed' | 'onOutput'> {
  live?: Omit<LiveSourceOptions, 'onState'> | undefined;
  /** Control port on 127.0.0.1; default a free port (written to control.json). */
  controlPort?: number | undefined;
  /** Desktop notifications via notify-send (default true). */
  notify?: boolean | undefined;
}

export interface LiveAgent {
  readonly agent: AgentHandle;
  readonly live: LiveSource;
  readonly control: ControlServer;
  stop(): Promise<void>;
}

export async function runLiveAgent(options: LiveAgentOptions): Promise<LiveAgent> {
  const log = options.log ?? stderrLog;
  const dataDir = options.dataDir ?? defaultDataDir();
  const notify = options.notify === false ? () => {} : desktopNotifier(options.live?.env);
  const live = new LiveSource({ ...options.live, onState: notify });
  const preview = new PreviewBuffer();
  const agent = await runAgent({ ...options, dataDir, log, source: live, onOutput: preview.push });
  const control = await startControlServer({ dataDir, agent, live, preview, log, port: options.controlPort });
  log('info', 'status_page', { port: control.port });
  return {
    agent,
    live,
    control,
    stop: async () => {
      await control.close();
      await agent.stop();
    },
  };
}
