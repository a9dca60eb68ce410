/**
 * The focused window on X11: application (WM_CLASS class), title (_NET_WM_NAME, else WM_NAME) and
 * process id (_NET_WM_PID), read over one X connection with the `x11` package. It costs nothing
 * while nothing changes: it listens for PropertyNotify on the root window (_NET_ACTIVE_WINDOW,
 * set by any EWMH window manager) and on the active window (title changes) instead of polling.
 * `onChanging` fires as soon as the active window changes, before its properties are read, so
 * the scope gate can stop at once; `onFocus` follows with the new window (or undefined: none).
 */
import x11, { type XDisplay } from 'x11';

export interface FocusInfo {
  readonly app: string;
  readonly title: string;
  readonly pid: number;
  /** Size of the X screen the window is on, in pixels (datasets normalise coordinates by it). */
  readonly screen?: { readonly w: number; readonly h: number } | undefined;
}

export interface FocusTrackerOptions {
  /** X display, default $DISPLAY. */
  display?: string | undefined;
  onChanging: () => void;
  onFocus: (info: FocusInfo | undefined) => void;
  /** The connection to the display is lost (the tracker is dead; start a new one). */
  onLost: (reason: string) => void;
}

export interface FocusTracker {
  close(): void;
}

const PROPERTY_CHANGE = 0x00400000;
const ANY_TYPE = 0;

/** Connects to the display and starts tracking; rejects when the display cannot be reached. */
export function startFocusTracker(options: FocusTrackerOptions): Promise<FocusTracker> {
  return new Promise((resolve, reject) => {
    let connected = false;
    let closed = false;
    const client = x11.createClient(
      { display: options.display ?? process.env.DISPLAY ?? '' },
      (err, display) => {
        if (err) {
          reject(err);
          return;
        }
        connected = true;
        void track(display).then(resolve, reject);
      },
    );
    const lost = (reason: string): void => {
      if (closed) return;
      closed = true;
      if (connected) options.onLost(reason);
      else reject(new Error(reason));
    };
    client.on('error', (err) => {
      // Protocol errors (a window vanished between two requests) are expected; others are the socket.
      if (err.majorOpcode !== undefined || err.error !== undefined) return;
      lost('DISPLAY_LOST');
    });
    client.on('end', () => lost('DISPLAY_LOST'));

    async function track(display: XDisplay): Promise<FocusTracker> {
      const X = display.client;
      const root = display.screen[0]?.root ?? 0;
      const size = display.screen[0];
      const screen =
        size && size.pixel_width > 0 && size.pixel_height > 0
          ? { w: size.pixel_width, h: size.pixel_height }
          : undefined;
      const atom = (name: string) =>
        new Promise<number>((res, rej) => X.InternAtom(false, name, (e, a) => (e ? rej(e) : res(a))));
      const [active, netName, netPid, utf8] = await Promise.all([
        atom('_NET_ACTIVE_WINDOW'),
        atom('_NET_WM_NAME'),
        atom('_NET_WM_PID'),
        atom('UTF8_STRING'),
      ]);
      const wmClass = X.atoms.WM_CLASS ?? 67;
      const wmName = X.atoms.WM_NAME ?? 39;
      const prop = (wid: number, property: number, type = ANY_TYPE, length = 256) =>
        new Promise<Buffer | undefined>((res) => {
          X.GetProperty(0, wid, property, type, 0, length, (e, p) => {
            res(e || !p || p.type === 0 ? undefined : p.data);
            return true;
          });
        });

      let current = 0;
      let generation = 0;
      let lastKey = '';

      const readWindow = async (wid: number, gen: number): Promise<void> => {
        const [cls, name, legacyName, pid] = await Promise.all([
          prop(wid, wmClass),
          prop(wid, netName, utf8),
          prop(wid, wmName),
          prop(wid, netPid, ANY_TYPE, 1),
        ]);
        if (gen !== generation || closed) return;
        const parts = cls ? cls.toString('latin1').split('\0') : [];
        const app = (parts[1] || parts[0] || '').slice(0, 128);
        const title = (
          name && name.length > 0 ? name.toString('utf8') : (legacyName?.toString('latin1') ?? '')
        )
          .replace(/\0+$/, '')
          .slice(0, 512);
        const info = app
          ? { app, title, pid: pid && pid.length >= 4 ? pid.readUInt32LE(0) : 0, screen }
          : undefined;
        const key = JSON.stringify(info ?? null);
        if (key === lastKey) return;
        lastKey = key;
        options.onFocus(info);
      };

      const readActive = async (): Promise<void> => {
        const gen = ++generation;
        const data = await prop(root, active, ANY_TYPE, 1);
        if (gen !== generation || closed) return;
        const wid = data && data.length >= 4 ? data.readUInt32LE(0) : 0;
        if (wid !== current) {
          current = wid;
          if (wid !== 0) X.ChangeWindowAttributes(wid, { eventMask: PROPERTY_CHANGE }, () => true);
        }
        if (wid === 0) {
          if (lastKey !== 'null') {
            lastKey = 'null';
            options.onFocus(undefined);
          }
          return;
        }
        await readWindow(wid, gen);
      };

      X.on('event', (ev) => {
        if (ev.name !== 'PropertyNotify' || closed) return;
        if (ev.wid === root && ev.atom === active) {
          options.onChanging();
          lastKey = '';
          void readActive();
        } else if (ev.wid === current && current !== 0 && (ev.atom === netName || ev.atom === wmName)) {
          void readWindow(current, generation);
        }
      });
      X.ChangeWindowAttributes(root, { eventMask: PROPERTY_CHANGE });
      await readActive();
      return {
        close: () => {
          closed = true;
          try {
            X.terminate?.();
          } catch {
            // already gone
          }
        },
      };
    }
  });
}
