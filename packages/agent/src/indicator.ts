/**
 * The agent's always-visible indicator (issue 18): one resident desktop notification, through the
 * freedesktop notification service on the session D-Bus (org.freedesktop.Notifications, the
 * interface every Linux desktop's notification daemon implements), that always says what the
 * agent is doing and offers Pause / Resume, Forget the last 10 minutes and Status. It is replaced
 * in place on every capture-state change, never expires, and is shown again at once when the
 * person closes it: the agent never runs out of sight. When the service cannot be reached (no
 * session bus, no notification daemon), `startIndicator` fails with INDICATOR_UNAVAILABLE and the
 * packaged agent does not capture; if the service goes away later, `onLost` is called so the agent
 * can stop capturing (fail closed). Only the state, the focused app when it is in scope and the
 * level are shown, never captured content.
 */
import { createRequire } from 'node:module';
import type { MessageBus } from '@homebridge/dbus-native';
import { AgentError } from './agent-error.ts';
import type { CaptureStatus } from './live-source.ts';
import type { LogFn } from './log.ts';

export type IndicatorAction = 'pause' | 'resume' | 'forget' | 'status';

export interface IndicatorOptions {
  /** The session's environment: DBUS_SESSION_BUS_ADDRESS (and DISPLAY for the daemon). */
  env?: NodeJS.ProcessEnv | undefined;
  log: LogFn;
  /** A button was pressed on the notification. */
  onAction: (action: IndicatorAction) => void;
  /** The indicator can no longer be shown (the service went away and does not come back). */
  onLost: (reason: string) => void;
  /** How long to wait for the notification service at start (default 5 s). */
  timeoutMs?: number | undefined;
}

/** What the indicator shows of the capture status. */
export type IndicatorStatus = Pick<CaptureStatus, 'state' | 'app' | 'level' | 'contributorPausedUntil'>;

export interface Indicator {
  /** Shows `status` (replacing what was shown); resolves once the daemon took it. */
  show(status: IndicatorStatus): Promise<void>;
  /** What is shown now: summary and body (for the status page, logs and tests). */
  readonly shown: { summary: string; body: string } | undefined;
  close(): Promise<void>;
}

/** The library is CommonJS and its typings omit sessionBus, which it exports. */
const dbus = createRequire(import.meta.url)('@homebridge/dbus-native') as {
  sessionBus(options: { busAddress: string }): MessageBus;
};

const SERVICE = 'org.freedesktop.Notifications';
const PATH = '/org/freedesktop/Notifications';
/** NotificationClosed reason 2: dismissed by the user. 3: closed by CloseNotification (ours). */
const CLOSED_BY_US = 3;

const STATE_TEXT: Record<CaptureStatus['state'], string> = {
  capturing: 'Recording',
  paused: 'Paused by you',
  out_of_scope: 'Not recording: this window is out of scope',
  no_lease: 'Not recording: no capture lease from the server',
  no_display: 'Not recording: no display',
  stopped: 'Stopped',
};

/** The text for a status: what the person sees. Exported for tests. */
export function indicatorText(status: IndicatorStatus): { summary: string; body: string } {
  const summary = `Steno: ${STATE_TEXT[status.state]}`;
  const where = status.state === 'capturing' && status.app ? `${status.app}, level ${status.level}. ` : '';
  const until =
    status.state === 'paused' && status.contributorPausedUntil
      ? `Until ${new Date(status.contributorPausedUntil).toLocaleTimeString()}. `
      : '';
  return {
    summary,
    body: `${where}${until}Steno records this desktop for your organisation's capture program, within the scope you were told of.`,
  };
}

function actionsFor(status: IndicatorStatus): string[] {
  const toggle = status.state === 'paused' ? ['resume', 'Resume'] : ['pause', 'Pause'];
  return [...toggle, 'forget', 'Forget last 10 min', 'status', 'Status'];
}

interface NotificationsInterface {
  Notify(
    app: string,
    replacesId: number,
    icon: string,
    summary: string,
    body: string,
    actions: string[],
    hints: [string, [string, unknown]][],
    timeout: number,
    cb: (err: unknown, id: number) => void,
  ): void;
  CloseNotification(id: number, cb: (err: unknown) => void): void;
  on(event: 'ActionInvoked', cb: (id: number, key: string) => void): void;
  on(event: 'NotificationClosed', cb: (id: number, reason: number) => void): void;
}

/** dbus-native fails with plain objects ({ name, message }), not Errors. */
function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object') {
    const { name, message } = err as { name?: unknown; message?: unknown };
    return [name, Array.isArray(message) ? message.join(' ') : message].filter(Boolean).join(': ');
  }
  return String(err);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** Connects to the notification service and returns the indicator (nothing shown until `show`). */
export async function startIndicator(options: IndicatorOptions): Promise<Indicator> {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const address = env.DBUS_SESSION_BUS_ADDRESS;
  if (!address)
    throw new AgentError(
      'INDICATOR_UNAVAILABLE',
      'no session D-Bus (DBUS_SESSION_BUS_ADDRESS is not set): the agent cannot show that it is running, so it does not capture',
    );
  let connected: MessageBus | undefined;
  let iface: NotificationsInterface;
  try {
    const bus = dbus.sessionBus({ busAddress: address });
    connected = bus;
    iface = await withTimeout(
      new Promise<NotificationsInterface>((resolve, reject) => {
        bus
          .getService(SERVICE)
          .getInterface(PATH, SERVICE, (err: unknown, found: unknown) =>
            err || !found
              ? reject(new Error(err ? describeError(err) : 'no interface'))
              : resolve(found as NotificationsInterface),
          );
      }),
      timeoutMs,
      'the notification service',
    );
  } catch (cause) {
    // Nothing may keep the process alive: it is about to report the failure and exit.
    connected?.connection.stream.destroy();
    throw new AgentError(
      'INDICATOR_UNAVAILABLE',
      'no desktop notification service on the session bus: the agent cannot show that it is running, so it does not capture',
      { cause },
    );
  }

  const bus = connected;
  let id = 0;
  let last: IndicatorStatus | undefined;
  let shown: { summary: string; body: string } | undefined;
  let closed = false;
  let lost = false;
  const notify = (status: IndicatorStatus): Promise<void> => {
    const text = indicatorText(status);
    return withTimeout(
      new Promise<void>((resolve, reject) => {
        iface.Notify(
          'Steno',
          id,
          'media-record',
          text.summary,
          text.body,
          actionsFor(status),
          [
            ['resident', ['b', true]],
            ['urgency', ['y', 2]],
            ['category', ['s', 'device']],
            ['desktop-entry', ['s', 'steno-agent']],
          ],
          0,
          (err, newId) => {
            if (err) return reject(new Error(describeError(err)));
            id = newId;
            shown = text;
            resolve();
          },
        );
      }),
      timeoutMs,
      'Notify',
    );
  };
  const loseIt = (reason: string): void => {
    if (lost || closed) return;
    lost = true;
    options.log('error', 'indicator_lost', { code: 'INDICATOR_UNAVAILABLE', reason });
    options.onLost(reason);
  };

  iface.on('ActionInvoked', (nid, key) => {
    if (nid !== id || closed) return;
    if (key === 'pause' || key === 'resume' || key === 'forget' || key === 'status') {
      options.log('info', 'indicator_action', { action: key });
      options.onAction(key);
    }
  });
  iface.on('NotificationClosed', (nid, reason) => {
    if (nid !== id || closed || reason === CLOSED_BY_US) return;
    // Dismissed or expired: show it again at once; the agent never runs out of sight.
    id = 0;
    if (last) notify(last).catch((err: unknown) => loseIt(`could not show it again: ${describeError(err)}`));
  });
  bus.connection.on('end', () => loseIt('the session bus closed'));
  bus.connection.on('error', (err: unknown) => loseIt(`session bus error: ${describeError(err)}`));

  return {
    get shown() {
      return shown;
    },
    async show(status) {
      if (closed) return;
      last = status;
      try {
        await notify(status);
      } catch (err) {
        loseIt(`Notify failed: ${describeError(err)}`);
        throw new AgentError('INDICATOR_UNAVAILABLE', 'the indicator could not be shown', { cause: err });
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      if (id)
        await withTimeout(
          new Promise<void>((resolve) => iface.CloseNotification(id, () => resolve())),
          timeoutMs,
          'CloseNotification',
        ).catch(() => {});
      bus.connection.stream.end();
    },
  };
}
