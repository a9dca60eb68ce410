/**
 * X11 capture into memory: the window stack (top-level windows bottom to top with geometry,
 * WM_CLASS, title and pid, from QueryTree and _NET_CLIENT_LIST_STACKING) and the root window's
 * pixels. Pixels come through MIT-SHM when the server accepts a segment (the x11 package's
 * built-in provider: an anonymous tmpfs segment, unlinked before any pixel is written to it) and
 * through core GetImage otherwise. Nothing is written to a file by this module.
 */
import { createClient, type XClient, type XDisplay, type XError, type XShmSegment } from 'x11';
import { FramesError } from './frames-error.ts';
import type { Rect } from './geometry.ts';
import { fromBgrx, type RawImage, wipe } from './raw-image.ts';
import { type StackWindow, sameLayout, type WindowStack } from './window-stack.ts';

export interface X11ScreenOptions {
  /** X display, default $DISPLAY. */
  display?: string | undefined;
  /** Try MIT-SHM for the pixels (default true); falls back to GetImage when it does not attach. */
  shm?: boolean | undefined;
  /** How long one X request may take (default 2000 ms). */
  requestTimeoutMs?: number | undefined;
}

/** One capture: the stack before and after the pixels were read, and the pixels. */
export interface ScreenSnapshot {
  readonly stack: WindowStack;
  /** RGBA, unredacted: never leaves the pipeline before `keepOnly`. */
  readonly image: RawImage;
  /** False when the windows moved, restacked or changed focus while the pixels were read. */
  readonly stable: boolean;
  /** Milliseconds spent reading the stack (twice) and the pixels. */
  readonly timings: { readonly stackMs: number; readonly pixelsMs: number };
}

/** Where frames come from: the X11 screen, or a fake in tests. */
export interface ScreenSource {
  snapshot(): Promise<ScreenSnapshot>;
  close(): Promise<void>;
}

type AtomTable = Record<'stacking' | 'active' | 'netName' | 'netPid' | 'utf8', number>;

const ANY_TYPE = 0;
const IS_VIEWABLE = 2;
const INPUT_ONLY = 2;
const Z_PIXMAP = 2;
const ALL_PLANES = 0xffffffff;

export class X11Screen implements ScreenSource {
  readonly #X: XClient;
  readonly #root: number;
  readonly #timeoutMs: number;
  readonly #atoms: AtomTable;
  #lost: string | undefined;
  #shm: XShmSegment | undefined;
  #shmSize = 0;
  readonly #wantShm: boolean;
  #shmTried = false;

  private constructor(X: XClient, root: number, atoms: AtomTable, options: X11ScreenOptions) {
    this.#X = X;
    this.#root = root;
    this.#atoms = atoms;
    this.#timeoutMs = options.requestTimeoutMs ?? 2_000;
    this.#wantShm = options.shm ?? true;
  }

  /** Connects to the display; rejects with FRAMES_X11_UNAVAILABLE when it cannot be reached. */
  static connect(options: X11ScreenOptions = {}): Promise<X11Screen> {
    const display = options.display ?? process.env.DISPLAY ?? '';
    return new Promise((resolve, reject) => {
      let screen: X11Screen | undefined;
      const fail = (reason: string, cause?: unknown) => {
        if (screen) screen.#markLost(reason);
        else
          reject(
            new FramesError('FRAMES_X11_UNAVAILABLE', `cannot reach the X display: ${reason}`, { cause }),
          );
      };
      const client = createClient({ display, ...(options.shm === false ? { shm: false } : {}) }, (err, d) => {
        if (err) {
          fail('connect failed', err);
          return;
        }
        void X11Screen.#init(d, options).then(
          (s) => {
            screen = s;
            resolve(s);
          },
          (e: unknown) => fail('setup failed', e),
        );
      });
      client.on('error', (err: XError) => {
        // Protocol errors belong to the request that caused them (handled there); others are the socket.
        if (err.majorOpcode !== undefined || err.error !== undefined) return;
        fail('connection error', err);
      });
      client.on('end', () => fail('connection closed'));
    });
  }

  static async #init(display: XDisplay, options: X11ScreenOptions): Promise<X11Screen> {
    const X = display.client;
    const root = display.screen[0]?.root;
    if (root === undefined) throw new FramesError('FRAMES_X11_UNAVAILABLE', 'the display has no screen');
    const atom = (name: string) =>
      new Promise<number>((res, rej) =>
        X.InternAtom(false, name, (e, a) => {
          if (e) rej(e);
          else res(a);
          return true;
        }),
      );
    const [stacking, active, netName, netPid, utf8] = await Promise.all([
      atom('_NET_CLIENT_LIST_STACKING'),
      atom('_NET_ACTIVE_WINDOW'),
      atom('_NET_WM_NAME'),
      atom('_NET_WM_PID'),
      atom('UTF8_STRING'),
    ]);
    return new X11Screen(X, root, { stacking, active, netName, netPid, utf8 }, options);
  }

  /** Whether pixels are read through MIT-SHM (known after the first capture). */
  get usingShm(): boolean {
    return this.#shm !== undefined;
  }

  #markLost(reason: string): void {
    this.#lost ??= reason;
  }

  /** One X request as a promise, with a timeout; the X error (a vanished window) rejects it. */
  #req<T>(what: string, send: (cb: (err: XError | null, value: T) => boolean) => void): Promise<T> {
    if (this.#lost)
      return Promise.reject(new FramesError('FRAMES_X11_UNAVAILABLE', `display lost: ${this.#lost}`));
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const timer = setTimeout(() => {
        done = true;
        reject(new FramesError('FRAMES_X11_TIMEOUT', `${what} got no answer in time`));
      }, this.#timeoutMs);
      send((err, value) => {
        if (done) return true;
        done = true;
        clearTimeout(timer);
        if (err) reject(new FramesError('FRAMES_X11_REQUEST_FAILED', `${what} failed`, { cause: err }));
        else resolve(value);
        return true;
      });
    });
  }

  async #prop(wid: number, property: number, type = ANY_TYPE, length = 256): Promise<Buffer | undefined> {
    try {
      const p = await this.#req<{ type: number; data: Buffer }>('GetProperty', (cb) =>
        this.#X.GetProperty(0, wid, property, type, 0, length, cb),
      );
      return p.type === 0 ? undefined : p.data;
    } catch (e) {
      if (e instanceof FramesError && e.code === 'FRAMES_X11_REQUEST_FAILED') return undefined;
      throw e;
    }
  }

  async #identity(wid: number): Promise<{ app: string; title: string; pid: number }> {
    const [cls, name, legacyName, pid] = await Promise.all([
      this.#prop(wid, this.#X.atoms.WM_CLASS ?? 67),
      this.#prop(wid, this.#atoms.netName, this.#atoms.utf8),
      this.#prop(wid, this.#X.atoms.WM_NAME ?? 39),
      this.#prop(wid, this.#atoms.netPid, ANY_TYPE, 1),
    ]);
    const parts = cls ? cls.toString('latin1').split('\0') : [];
    const app = (parts[1] || parts[0] || '').slice(0, 128);
    const title = (name && name.length > 0 ? name.toString('utf8') : (legacyName?.toString('latin1') ?? ''))
      .replace(/\0+$/, '')
      .slice(0, 512);
    return { app, title, pid: pid && pid.length >= 4 ? pid.readUInt32LE(0) : 0 };
  }

  /** The top-level ancestor (child of the root) of a client window; undefined if it vanished. */
  async #topLevel(wid: number): Promise<number | undefined> {
    let w = wid;
    for (let depth = 0; depth < 8; depth++) {
      const tree = await this.#req<{ parent: number }>('QueryTree', (cb) => this.#X.QueryTree(w, cb)).catch(
        () => undefined,
      );
      if (!tree) return undefined;
      if (tree.parent === this.#root || tree.parent === 0) return w;
      w = tree.parent;
    }
    return undefined;
  }

  async #clientContent(wid: number): Promise<Rect | undefined> {
    try {
      const [geo, at] = await Promise.all([
        this.#req<{ width: number; height: number }>('GetGeometry', (cb) => this.#X.GetGeometry(wid, cb)),
        this.#req<{ destX: number; destY: number }>('TranslateCoordinates', (cb) =>
          this.#X.TranslateCoordinates(wid, this.#root, 0, 0, cb),
        ),
      ]);
      return { x: at.destX, y: at.destY, width: geo.width, height: geo.height };
    } catch (e) {
      if (e instanceof FramesError && e.code === 'FRAMES_X11_REQUEST_FAILED') return undefined;
      throw e;
    }
  }

  /** Reads the window stack: viewable, painting top-level windows, bottom to top. */
  async windowStack(): Promise<WindowStack> {
    const X = this.#X;
    const rootGeo = await this.#req<{ width: number; height: number }>('GetGeometry', (cb) =>
      X.GetGeometry(this.#root, cb),
    );
    const screen = { x: 0, y: 0, width: rootGeo.width, height: rootGeo.height };
    const [tree, stackingData, activeData] = await Promise.all([
      this.#req<{ children: number[] }>('QueryTree', (cb) => X.QueryTree(this.#root, cb)),
      this.#prop(this.#root, this.#atoms.stacking, ANY_TYPE, 4096),
      this.#prop(this.#root, this.#atoms.active, ANY_TYPE, 1),
    ]);
    const clients: number[] = [];
    if (stackingData)
      for (let o = 0; o + 4 <= stackingData.length; o += 4) clients.push(stackingData.readUInt32LE(o));
    const active = activeData && activeData.length >= 4 ? activeData.readUInt32LE(0) : 0;

    // Each managed client, keyed by its top-level frame.
    const clientOf = new Map<number, number>();
    await Promise.all(
      clients.map(async (c) => {
        const top = await this.#topLevel(c);
        if (top !== undefined) clientOf.set(top, c);
      }),
    );

    const windows = await Promise.all(
      tree.children.map(async (id): Promise<StackWindow | undefined> => {
        try {
          const [attrs, geo] = await Promise.all([
            this.#req<{ mapState: number; klass: number; overrideRedirect: number }>(
              'GetWindowAttributes',
              (cb) => X.GetWindowAttributes(id, cb),
            ),
            this.#req<{ xPos: number; yPos: number; width: number; height: number; borderWidth: number }>(
              'GetGeometry',
              (cb) => X.GetGeometry(id, cb),
            ),
          ]);
          if (attrs.mapState !== IS_VIEWABLE || attrs.klass === INPUT_ONLY) return undefined;
          const outer = {
            x: geo.xPos,
            y: geo.yPos,
            width: geo.width + 2 * geo.borderWidth,
            height: geo.height + 2 * geo.borderWidth,
          };
          const client = clientOf.get(id) ?? 0;
          const [who, content] = await Promise.all([
            this.#identity(client || id),
            client ? this.#clientContent(client) : Promise.resolve(outer),
          ]);
          return {
            id,
            client,
            ...who,
            outer,
            content: content ?? outer,
            overrideRedirect: attrs.overrideRedirect !== 0,
          };
        } catch (e) {
          // A window that vanished between QueryTree and this read no longer paints anything.
          if (e instanceof FramesError && e.code === 'FRAMES_X11_REQUEST_FAILED') return undefined;
          throw e;
        }
      }),
    );
    return { screen, windows: windows.filter((w): w is StackWindow => w !== undefined), active };
  }

  async #ensureShm(size: number): Promise<XShmSegment | undefined> {
    if (this.#shm && this.#shmSize === size) return this.#shm;
    if (this.#shm) {
      this.#shm.detach();
      this.#shm = undefined;
    }
    if (!this.#wantShm || this.#shmTried) return undefined;
    this.#shmTried = true;
    try {
      const ext = await new Promise<import('x11').XShmExtension>((res, rej) =>
        this.#X.require('shm', (e, x) => (e ? rej(e) : res(x))),
      );
      const ok = await new Promise<boolean>((res) => ext.usable((e, u) => res(!e && u)));
      if (!ok) return undefined;
      const seg = await new Promise<XShmSegment>((res, rej) =>
        ext.createSegment(size, (e, s) => (e ? rej(e) : res(s))),
      );
      this.#shm = seg;
      this.#shmSize = size;
      this.#shmTried = false;
      return seg;
    } catch {
      return undefined;
    }
  }

  /** The root window's pixels as RGBA. */
  async capturePixels(screen: Rect): Promise<RawImage> {
    const { width, height } = screen;
    const size = width * height * 4;
    const seg = await this.#ensureShm(size);
    if (seg) {
      const reply = await this.#req<{ depth: number; size: number }>('ShmGetImage', (cb) =>
        seg.getImage(this.#root, 0, 0, width, height, ALL_PLANES, Z_PIXMAP, 0, cb),
      );
      this.#checkFormat(reply.depth, reply.size, width, height);
      const image = fromBgrx(seg.buffer, width, height);
      // The client-side copy and the segment held unredacted pixels: wipe both.
      wipe({ data: seg.buffer });
      seg.commit?.(0, reply.size);
      return image;
    }
    const reply = await this.#req<{ depth: number; data: Buffer }>('GetImage', (cb) =>
      this.#X.GetImage(Z_PIXMAP, this.#root, 0, 0, width, height, ALL_PLANES, cb),
    );
    this.#checkFormat(reply.depth, reply.data.length, width, height);
    const image = fromBgrx(reply.data, width, height);
    wipe({ data: reply.data });
    return image;
  }

  #checkFormat(depth: number, bytes: number, width: number, height: number): void {
    if ((depth !== 24 && depth !== 32) || bytes < width * height * 4)
      throw new FramesError('FRAMES_X11_UNSUPPORTED_FORMAT', `unsupported pixel format (depth ${depth})`);
  }

  /**
   * The stack, the pixels, and the stack again: `stable` is false when anything moved in between,
   * so the black-out never relies on a layout the pixels do not show.
   */
  async snapshot(): Promise<ScreenSnapshot> {
    const t0 = performance.now();
    const before = await this.windowStack();
    const t1 = performance.now();
    const image = await this.capturePixels(before.screen);
    const t2 = performance.now();
    const after = await this.windowStack();
    const t3 = performance.now();
    return {
      stack: after,
      image,
      stable: sameLayout(before, after),
      timings: { stackMs: t1 - t0 + (t3 - t2), pixelsMs: t2 - t1 },
    };
  }

  async close(): Promise<void> {
    this.#markLost('closed');
    try {
      this.#shm?.detach();
      this.#shm = undefined;
      this.#X.terminate?.();
    } catch {
      // already gone
    }
  }
}
