/**
 * The element under the pointer, or with the keyboard focus, read from the desktop's accessibility
 * tree over AT-SPI (issue 17): the accessibility bus's address comes from the session bus
 * (org.a11y.Bus GetAddress), and the application's own objects answer org.a11y.atspi.Accessible
 * (GetRoleName, GetRole, GetState, Name, Parent, GetChildren) and org.a11y.atspi.Component
 * (GetAccessibleAtPoint, GetExtents) — the interfaces of at-spi2-core's xml/ definitions.
 *
 * Off the hot path: every read is asynchronous, bounded by a short timeout and by how many may be
 * in flight, and never throws: no accessibility bus, no application answering, a timeout or
 * anything unexpected gives `undefined` (no target). A password field (ROLE_PASSWORD_TEXT, or an
 * element inside one) yields `secret`, and the caller keeps nothing of it. The strings returned
 * are raw: the caller filters them before they go anywhere.
 */
import { createRequire } from 'node:module';
import type { MessageBus } from '@homebridge/dbus-native';
import type { LogFn } from '../log.ts';

/** A rectangle in screen pixels. */
export interface ScreenBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface AccessibleElement {
  /** AT-SPI role name: 'push button', 'text', 'check box', ... */
  role: string;
  /** Accessible name (raw: filter before use). */
  name: string | undefined;
  /** Names of the states set: 'focused', 'sensitive', 'checked', ... */
  states: string[];
  box: ScreenBox;
  /** Ancestors from the window down to the element's parent (the application itself left out). */
  ancestors: { role: string; name: string | undefined }[];
}

export type AccessibleRead = { kind: 'element'; element: AccessibleElement } | { kind: 'secret' };

/** What to read: the element at a screen point, or the one with the keyboard focus. */
export type ElementQuery =
  | { kind: 'point'; x: number; y: number; pid?: number | undefined }
  | { kind: 'focus'; pid?: number | undefined };

export interface AccessibilityReader {
  /** The element, `secret` for a password field, or undefined (nothing readable, in time). */
  read(query: ElementQuery): Promise<AccessibleRead | undefined>;
  /** Connects and learns the applications now, so that the first read is not the slow one. */
  warm(): void;
  close(): void;
}

export interface AccessibilityOptions {
  /** The session's environment: DBUS_SESSION_BUS_ADDRESS (or AT_SPI_BUS_ADDRESS). */
  env?: NodeJS.ProcessEnv | undefined;
  /** A read gives up after this long (default 1,500 ms; nothing waits for it). */
  timeoutMs?: number | undefined;
  /** Reads in flight (until they settle) at most; more are answered `undefined` at once (default 2). */
  maxInFlight?: number | undefined;
  log?: LogFn | undefined;
}

/** The library is CommonJS and its typings omit createClient, which it exports. */
const dbus = createRequire(import.meta.url)('@homebridge/dbus-native') as {
  createClient(options: { busAddress: string }): MessageBus;
};

interface RawBus {
  invoke(msg: Record<string, unknown>, cb: (err: unknown, ...body: unknown[]) => void): void;
  connection: {
    on(event: string, cb: (...a: unknown[]) => void): void;
    once(event: string, cb: (...a: unknown[]) => void): void;
    stream: { destroy(): void };
  };
}

/** A client on `address`, once its connection is up (a socket that leads nowhere fails here, fast). */
function openBus(address: string, sockets: RawBus[]): Promise<RawBus> {
  return new Promise((resolve, reject) => {
    let b: RawBus;
    try {
      b = dbus.createClient({ busAddress: address }) as unknown as RawBus;
    } catch (err) {
      reject(new Unavailable(describe(err)));
      return;
    }
    sockets.push(b);
    const fail = (err?: unknown): void => {
      b.connection.stream.destroy();
      reject(new Unavailable(err === undefined ? 'the bus closed' : describe(err)));
    };
    b.connection.on('error', fail);
    b.connection.once('end', () => fail());
    b.connection.once('connect', () => resolve(b));
  });
}

type Ref = readonly [bus: string, path: string];

const ACCESSIBLE = 'org.a11y.atspi.Accessible';
const COMPONENT = 'org.a11y.atspi.Component';
const REGISTRY = 'org.a11y.atspi.Registry';
const ROOT = '/org/a11y/atspi/accessible/root';
const NULL_PATH = '/org/a11y/atspi/null';
const SCREEN = 0;
/** AtspiRole: ROLE_PASSWORD_TEXT. */
const ROLE_PASSWORD_TEXT = 40;
const ROLE_APPLICATION = 75;
/** AtspiStateType bits used to search. */
const STATE_ACTIVE = 1;
const STATE_FOCUSED = 12;
const STATE_SHOWING = 25;
/** AtspiStateType names by bit, as at-spi2-core numbers them. */
const STATE_NAMES = [
  'invalid',
  'active',
  'armed',
  'busy',
  'checked',
  'collapsed',
  'defunct',
  'editable',
  'enabled',
  'expandable',
  'expanded',
  'focusable',
  'focused',
  'has_tooltip',
  'horizontal',
  'iconified',
  'modal',
  'multi_line',
  'multiselectable',
  'opaque',
  'pressed',
  'resizable',
  'selectable',
  'selected',
  'sensitive',
  'showing',
  'single_line',
  'stale',
  'transient',
  'vertical',
  'visible',
  'manages_descendants',
  'indeterminate',
  'required',
  'truncated',
  'animated',
  'invalid_entry',
  'supports_autocompletion',
  'selectable_text',
  'is_default',
  'visited',
  'checkable',
  'has_popup',
  'read_only',
] as const;
/** Ancestors kept at most; nodes visited at most looking for the focus. */
const MAX_ANCESTORS = 12;
const MAX_FOCUS_SEARCH = 400;
const MAX_DEPTH = 40;
/** After a failed connection, try again no sooner than this. */
const RECONNECT_MS = 30_000;

class Unavailable extends Error {}

function hasState(bits: readonly number[], state: number): boolean {
  const word = bits[state >> 5] ?? 0;
  return ((word >>> (state & 31)) & 1) === 1;
}

export function stateNames(bits: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < STATE_NAMES.length; i++) if (hasState(bits, i)) out.push(STATE_NAMES[i] as string);
  return out;
}

/** A dbus-native variant is [signature, [value]]. */
function variantValue(v: unknown): unknown {
  return Array.isArray(v) && v.length === 2 && Array.isArray(v[1]) ? v[1][0] : v;
}

function asRef(v: unknown): Ref | undefined {
  if (!Array.isArray(v) || typeof v[0] !== 'string' || typeof v[1] !== 'string') return undefined;
  return v[1] === NULL_PATH ? undefined : [v[0], v[1]];
}

export function startAccessibility(options: AccessibilityOptions = {}): AccessibilityReader {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? 1_500;
  const maxInFlight = options.maxInFlight ?? 2;
  const log = options.log;
  let bus: RawBus | undefined;
  let connecting: Promise<RawBus> | undefined;
  let failedAt = Number.NEGATIVE_INFINITY;
  let closed = false;
  let inFlight = 0;
  const sockets: RawBus[] = [];
  /** Application roots by process id (refreshed on a miss). */
  let apps = new Map<number, Ref[]>();

  const call = (b: RawBus, msg: Record<string, unknown>): Promise<unknown[]> =>
    new Promise((resolve, reject) => {
      b.invoke(msg, (err, ...body) => (err ? reject(new Unavailable(describe(err))) : resolve(body)));
    });

  async function connect(): Promise<RawBus> {
    const direct = env.AT_SPI_BUS_ADDRESS;
    let address = direct;
    if (!address) {
      const session = env.DBUS_SESSION_BUS_ADDRESS;
      if (!session) throw new Unavailable('no session bus');
      const s = await openBus(session, sockets);
      try {
        const [addr] = await call(s, {
          destination: 'org.a11y.Bus',
          path: '/org/a11y/bus',
          interface: 'org.a11y.Bus',
          member: 'GetAddress',
        });
        if (typeof addr !== 'string' || addr === '') throw new Unavailable('no accessibility bus');
        address = addr;
      } finally {
        s.connection.stream.destroy();
        sockets.splice(sockets.indexOf(s), 1);
      }
    }
    const a = await openBus(address, sockets);
    const drop = (): void => {
      if (bus === a) bus = undefined;
    };
    a.connection.on('error', drop);
    a.connection.on('end', drop);
    return a;
  }

  async function ready(): Promise<RawBus> {
    if (bus) return bus;
    if (Date.now() - failedAt < RECONNECT_MS) throw new Unavailable('accessibility bus unavailable');
    connecting ??= connect().then(
      (b) => {
        bus = b;
        connecting = undefined;
        return b;
      },
      (err: unknown) => {
        failedAt = Date.now();
        connecting = undefined;
        log?.('info', 'accessibility_unavailable', { reason: describe(err) });
        throw err;
      },
    );
    return connecting;
  }

  const on = (b: RawBus, ref: Ref, iface: string, member: string, signature?: string, body?: unknown[]) =>
    call(b, {
      destination: ref[0],
      path: ref[1],
      interface: iface,
      member,
      ...(signature ? { signature, body } : {}),
    });

  async function name(b: RawBus, ref: Ref): Promise<string | undefined> {
    const [v] = await on(b, ref, 'org.freedesktop.DBus.Properties', 'Get', 'ss', [ACCESSIBLE, 'Name']);
    const s = variantValue(v);
    return typeof s === 'string' && s !== '' ? s : undefined;
  }
  async function parent(b: RawBus, ref: Ref): Promise<Ref | undefined> {
    const [v] = await on(b, ref, 'org.freedesktop.DBus.Properties', 'Get', 'ss', [ACCESSIBLE, 'Parent']);
    return asRef(variantValue(v));
  }
  async function states(b: RawBus, ref: Ref): Promise<number[]> {
    const [v] = await on(b, ref, ACCESSIBLE, 'GetState');
    return Array.isArray(v) ? v.map(Number) : [];
  }
  async function children(b: RawBus, ref: Ref): Promise<Ref[]> {
    const [v] = await on(b, ref, ACCESSIBLE, 'GetChildren');
    return Array.isArray(v) ? v.map(asRef).filter((r): r is Ref => r !== undefined) : [];
  }
  async function role(b: RawBus, ref: Ref): Promise<number> {
    const [v] = await on(b, ref, ACCESSIBLE, 'GetRole');
    return Number(v);
  }

  /** The accessible applications of a process (their root objects). */
  async function appsOf(b: RawBus, pid: number | undefined): Promise<Ref[]> {
    if (pid !== undefined && apps.has(pid)) return apps.get(pid) as Ref[];
    const roots = await children(b, [REGISTRY, ROOT]);
    const next = new Map<number, Ref[]>();
    await Promise.all(
      roots.map(async (r) => {
        const [p] = await call(b, {
          destination: 'org.freedesktop.DBus',
          path: '/org/freedesktop/DBus',
          interface: 'org.freedesktop.DBus',
          member: 'GetConnectionUnixProcessID',
          signature: 's',
          body: [r[0]],
        }).catch(() => [undefined]);
        if (typeof p !== 'number') return;
        next.set(p, [...(next.get(p) ?? []), r]);
      }),
    );
    apps = next;
    return pid === undefined ? roots : (next.get(pid) ?? []);
  }

  /** The application's windows, the active one first. */
  async function windowsOf(b: RawBus, pid: number | undefined): Promise<Ref[]> {
    const frames = (await Promise.all((await appsOf(b, pid)).map((a) => children(b, a)))).flat();
    const withState = await Promise.all(frames.map(async (f) => ({ f, s: await states(b, f) })));
    return withState
      .filter((w) => hasState(w.s, STATE_SHOWING) || hasState(w.s, STATE_ACTIVE))
      .sort((x, y) => Number(hasState(y.s, STATE_ACTIVE)) - Number(hasState(x.s, STATE_ACTIVE)))
      .map((w) => w.f);
  }

  async function atPoint(b: RawBus, x: number, y: number, pid: number | undefined): Promise<Ref | undefined> {
    for (const w of await windowsOf(b, pid)) {
      const [inside] = await on(b, w, COMPONENT, 'Contains', 'iiu', [x, y, SCREEN]);
      if (inside !== true) continue;
      let at: Ref = w;
      for (let depth = 0; depth < MAX_DEPTH; depth++) {
        const [v] = await on(b, at, COMPONENT, 'GetAccessibleAtPoint', 'iiu', [x, y, SCREEN]);
        const next = asRef(v);
        if (!next || (next[0] === at[0] && next[1] === at[1])) break;
        at = next;
      }
      return at;
    }
    return undefined;
  }

  async function focused(b: RawBus, pid: number | undefined): Promise<Ref | undefined> {
    const [active] = await windowsOf(b, pid);
    if (!active) return undefined;
    // breadth first through what is showing, a bounded number of nodes
    let level: Ref[] = [active];
    let seen = 0;
    while (level.length > 0 && seen < MAX_FOCUS_SEARCH) {
      const next: Ref[] = [];
      for (const r of level) {
        if (++seen > MAX_FOCUS_SEARCH) break;
        const s = await states(b, r);
        if (hasState(s, STATE_FOCUSED)) return r;
        if (r === active || hasState(s, STATE_SHOWING)) next.push(...(await children(b, r)));
      }
      level = next;
    }
    return undefined;
  }

  async function describeElement(b: RawBus, ref: Ref): Promise<AccessibleRead | undefined> {
    const [roleName] = await on(b, ref, ACCESSIBLE, 'GetRoleName');
    const [roleId, bits, elementName, extents] = await Promise.all([
      role(b, ref),
      states(b, ref),
      name(b, ref),
      on(b, ref, COMPONENT, 'GetExtents', 'u', [SCREEN]).then(([v]) => v),
    ]);
    if (roleId === ROLE_PASSWORD_TEXT) return { kind: 'secret' };
    if (typeof roleName !== 'string' || roleName === '') return undefined;
    const [x, y, w, h] = Array.isArray(extents) ? extents.map(Number) : [];
    if (![x, y, w, h].every((n) => Number.isFinite(n))) return undefined;
    const ancestors: AccessibleElement['ancestors'] = [];
    let at = await parent(b, ref);
    while (at && ancestors.length < MAX_ANCESTORS) {
      const r = await role(b, at);
      if (r === ROLE_APPLICATION) break;
      // nothing inside a password field is kept either
      if (r === ROLE_PASSWORD_TEXT) return { kind: 'secret' };
      const [rn] = await on(b, at, ACCESSIBLE, 'GetRoleName');
      ancestors.unshift({ role: String(rn), name: await name(b, at) });
      at = await parent(b, at);
    }
    return {
      kind: 'element',
      element: {
        role: roleName,
        name: elementName,
        states: stateNames(bits),
        box: { x: x as number, y: y as number, w: Math.max(0, w as number), h: Math.max(0, h as number) },
        ancestors,
      },
    };
  }

  async function readNow(query: ElementQuery): Promise<AccessibleRead | undefined> {
    const b = await ready();
    const ref =
      query.kind === 'point'
        ? await atPoint(b, Math.round(query.x), Math.round(query.y), query.pid)
        : await focused(b, query.pid);
    return ref ? describeElement(b, ref) : undefined;
  }

  return {
    async read(query) {
      if (closed || inFlight >= maxInFlight) return undefined;
      // a read counts until it settles, not until its timeout: an application that stops answering
      // holds at most `maxInFlight` reads, and the next ones give up at once
      inFlight += 1;
      const reading = readNow(query).finally(() => {
        inFlight -= 1;
      });
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          reading,
          new Promise<undefined>((resolve) => {
            timer = setTimeout(() => resolve(undefined), timeoutMs);
          }),
        ]);
      } catch {
        return undefined;
      } finally {
        clearTimeout(timer);
        reading.catch(() => {});
      }
    },
    warm() {
      ready()
        .then((b) => appsOf(b, undefined))
        .catch(() => {});
    },
    close() {
      closed = true;
      for (const s of sockets.splice(0)) s.connection.stream.destroy();
      bus = undefined;
    },
  };
}

/** dbus-native fails with plain objects ({ name, message }), not Errors. */
function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object') {
    const { name, message } = err as { name?: unknown; message?: unknown };
    return [name, Array.isArray(message) ? message.join(' ') : message].filter(Boolean).join(': ');
  }
  return String(err);
}
