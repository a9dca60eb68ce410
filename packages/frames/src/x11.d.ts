/**
 * The small part of the `x11` package (pure-JS X11 client, no typings of its own) the frame capture
 * uses. Named exports only and interfaces that merge with the agent's own declaration of the same
 * module (packages/agent/src/capture/x11.d.ts), since one TypeScript program sees both.
 */
declare module 'x11' {
  export interface XProperty {
    type: number;
    format: number;
    bytesAfter: number;
    data: Buffer;
  }
  export interface XError extends Error {
    error?: number;
    majorOpcode?: number;
  }
  export interface XWindowAttributes {
    klass: number;
    mapState: number;
    overrideRedirect: number;
  }
  export interface XGeometry {
    depth: number;
    xPos: number;
    yPos: number;
    width: number;
    height: number;
    borderWidth: number;
  }
  export interface XTree {
    root: number;
    parent: number;
    children: number[];
  }
  export interface XTranslated {
    child: number;
    destX: number;
    destY: number;
  }
  export interface XImage {
    depth: number;
    visualId: number;
    data: Buffer;
  }
  /** MIT-SHM segment from the extension's provider-backed API (lib/ext/shm.js). */
  export interface XShmSegment {
    size: number;
    buffer: Buffer;
    getImage(
      drawable: number,
      x: number,
      y: number,
      width: number,
      height: number,
      planeMask: number,
      format: number,
      offset: number,
      cb: (err: XError | null, reply: { depth: number; visual: number; size: number }) => void,
    ): void;
    /** Copies `buffer` into the shared segment. */
    commit?(offset?: number, length?: number): void;
    detach(cb?: () => void): void;
  }
  export interface XShmExtension {
    usable(cb: (err: XError | null, ok: boolean) => void): void;
    createSegment(size: number, cb: (err: XError | null, seg: XShmSegment) => void): void;
  }
  export type XCallback<T> = (err: XError | null, value: T) => boolean | undefined;
  export interface XClient {
    atoms: Record<string, number>;
    InternAtom(onlyIfExists: boolean, name: string, cb: XCallback<number>): void;
    GetProperty(
      del: number,
      wid: number,
      property: number,
      type: number,
      offset: number,
      length: number,
      cb: XCallback<XProperty>,
    ): void;
    GetWindowAttributes(wid: number, cb: XCallback<XWindowAttributes>): void;
    GetGeometry(wid: number, cb: XCallback<XGeometry>): void;
    QueryTree(wid: number, cb: XCallback<XTree>): void;
    TranslateCoordinates(src: number, dst: number, x: number, y: number, cb: XCallback<XTranslated>): void;
    GetImage(
      format: number,
      drawable: number,
      x: number,
      y: number,
      width: number,
      height: number,
      planeMask: number,
      cb: XCallback<XImage>,
    ): void;
    require(name: 'shm', cb: (err: Error | null, ext: XShmExtension) => void): void;
    on(event: 'error', listener: (err: XError) => void): this;
    on(event: 'end', listener: () => void): this;
    terminate?(): void;
  }
  export interface XScreen {
    root: number;
    pixel_width: number;
    pixel_height: number;
    root_depth: number;
  }
  export interface XDisplay {
    client: XClient;
    screen: XScreen[];
    isLocalSocket?: boolean;
  }
  export function createClient(
    options: { display?: string; shm?: boolean | 'off' },
    cb: (err: XError | null, display: XDisplay) => void,
  ): XClient;
}
