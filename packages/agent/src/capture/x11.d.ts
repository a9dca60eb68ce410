/** The small part of the `x11` package (pure-JS X11 client, no typings of its own) the agent uses. */
declare module 'x11' {
  export interface XProperty {
    type: number;
    format: number;
    bytesAfter: number;
    data: Buffer;
  }
  export interface XEvent {
    name: string;
    wid?: number;
    atom?: number;
  }
  export interface XError extends Error {
    error?: number;
    majorOpcode?: number;
  }
  export interface XClient {
    atoms: Record<string, number>;
    InternAtom(onlyIfExists: boolean, name: string, cb: (err: XError | null, atom: number) => void): void;
    GetProperty(
      del: number,
      wid: number,
      property: number,
      type: number,
      offset: number,
      length: number,
      cb: (err: XError | null, prop: XProperty) => void,
    ): void;
    ChangeWindowAttributes(
      wid: number,
      values: { eventMask?: number },
      cb?: (err: XError | null) => void,
    ): void;
    on(event: 'event', listener: (ev: XEvent) => void): this;
    on(event: 'error', listener: (err: XError) => void): this;
    on(event: 'end', listener: () => void): this;
    terminate?(): void;
    close?(cb?: () => void): void;
  }
  export interface XScreen {
    root: number;
    pixel_width: number;
    pixel_height: number;
  }
  export interface XDisplay {
    client: XClient;
    screen: XScreen[];
  }
  export function createClient(
    options: { display?: string },
    cb: (err: XError | null, display: XDisplay) => void,
  ): XClient;
  export const eventMask: Record<string, number>;
  const x11: { createClient: typeof createClient; eventMask: typeof eventMask };
  export default x11;
}
