/**
 * Desktop notifications on each capture-state change, through `notify-send` when it exists (the
 * agent never runs hidden). Only the state and the app name are shown, never captured content.
 */
import { execFile, spawnSync } from 'node:child_process';
import type { CaptureStatus } from './live-source.ts';

const TEXT: Record<CaptureStatus['state'], string> = {
  capturing: 'Capturing',
  paused: 'Paused',
  out_of_scope: 'Not capturing: this window is out of scope',
  no_lease: 'Not capturing: no capture lease from the server',
  no_display: 'Not capturing: no display',
  stopped: 'Stopped',
};

/** A notifier, or a no-op when notify-send is not installed. */
export function desktopNotifier(env: NodeJS.ProcessEnv = process.env): (status: CaptureStatus) => void {
  const found = spawnSync('sh', ['-c', 'command -v notify-send'], { env }).status === 0;
  if (!found) return () => {};
  let last: string | undefined;
  return (status) => {
    if (status.state === last) return;
    last = status.state;
    const body = status.state === 'capturing' && status.app ? `${status.app} (${status.level})` : '';
    execFile('notify-send', ['-a', 'Steno', `Steno: ${TEXT[status.state]}`, body], { env }, () => {});
  };
}
