/**
 * Raw hook input → the one event model. Keys get their name and character from the keyboard
 * layout (Shift and Caps Lock applied; no character with Ctrl, Alt or Meta, none on key-up);
 * buttons and wheel keep button, modifiers and position; mouse moves are coalesced into `path`
 * events and simplified: consecutive stationary points are dropped, points are sampled in time
 * (at most one per `sampleMs`, the last always kept), then Ramer–Douglas–Peucker removes points
 * within `epsilonPx` of the path's shape. A path closes at any other input, after `gapMs` without
 * movement, or when it grows too long. `stats` measures the reduction.
 */
import type { ButtonEvent, Modifier, StenoEvent } from '@steno/protocol';
import { type KeyboardLayout, resolveKey, US_LAYOUT } from './keyboard-layout.ts';
import { MOD_ALT, MOD_CTRL, MOD_META, MOD_SHIFT, type RawInput } from './raw-input.ts';

export interface NormaliserOptions {
  layout?: KeyboardLayout;
  /** Least time between two kept path points (default 16 ms, one 60 Hz frame). */
  sampleMs?: number;
  /** RDP tolerance in pixels (default 2). */
  epsilonPx?: number;
  /** A pause in movement this long closes the path (default 150 ms). */
  gapMs?: number;
  /** A path longer than this is closed and a new one begun (default 5 s). */
  maxPathMs?: number;
}

export interface NormaliserStats {
  /** Raw key, button, move and wheel inputs taken. */
  rawInputs: number;
  rawMoves: number;
  /** Events produced. */
  events: number;
  paths: number;
  pathPoints: number;
}

type Point = [t: number, x: number, y: number];

const BUTTONS: Readonly<Record<number, ButtonEvent['button']>> = {
  1: 'left',
  2: 'right',
  3: 'middle',
  4: 'back',
  5: 'forward',
};
const MAX_RAW_POINTS = 4_000;

export class Normaliser {
  readonly #layout: KeyboardLayout;
  readonly #sampleMs: number;
  readonly #epsilon: number;
  readonly #gapMs: number;
  readonly #maxPathMs: number;
  #capsLock = false;
  #path: Point[] = [];
  readonly stats: NormaliserStats = { rawInputs: 0, rawMoves: 0, events: 0, paths: 0, pathPoints: 0 };

  constructor(options: NormaliserOptions = {}) {
    this.#layout = options.layout ?? US_LAYOUT;
    this.#sampleMs = options.sampleMs ?? 16;
    this.#epsilon = options.epsilonPx ?? 2;
    this.#gapMs = options.gapMs ?? 150;
    this.#maxPathMs = options.maxPathMs ?? 5_000;
  }

  /** The input → reduced-output ratio so far (raw inputs per event produced). */
  get reductionRatio(): number {
    return this.stats.events === 0 ? 0 : this.stats.rawInputs / this.stats.events;
  }

  /** When the open path must be closed for lack of movement, if one is open. */
  deadline(): number | undefined {
    const last = this.#path.at(-1);
    return last ? last[0] + this.#gapMs : undefined;
  }

  /** Takes one raw input; returns the events it completes (an open path first, then the input's own). */
  push(input: RawInput): StenoEvent[] {
    switch (input[0]) {
      case 'm': {
        this.stats.rawInputs += 1;
        this.stats.rawMoves += 1;
        const [, t, x, y] = input;
        const first = this.#path[0];
        const last = this.#path.at(-1);
        const out: StenoEvent[] = [];
        if (
          first &&
          last &&
          (t - last[0] > this.#gapMs || t - first[0] > this.#maxPathMs || this.#path.length >= MAX_RAW_POINTS)
        ) {
          out.push(...this.flush());
        }
        const prev = this.#path.at(-1);
        if (!prev || prev[1] !== x || prev[2] !== y) this.#path.push([t, coord(x), coord(y)]);
        return out;
      }
      case 'k': {
        this.stats.rawInputs += 1;
        const [, t, down, keycode, mask] = input;
        const out = this.flush();
        const mods = modifiers(mask);
        const resolved = resolveKey(this.#layout, keycode, {
          shift: (mask & MOD_SHIFT) !== 0,
          capsLock: this.#capsLock,
        });
        const key = resolved?.key ?? 'Unidentified';
        if (down && key === 'CapsLock') this.#capsLock = !this.#capsLock;
        const typing =
          down === 1 && resolved?.char !== undefined && (mask & (MOD_CTRL | MOD_ALT | MOD_META)) === 0;
        out.push(
          typing
            ? { type: 'key', t, dir: 'down', key, char: resolved?.char as string, mods }
            : { type: 'key', t, dir: down ? 'down' : 'up', key, mods },
        );
        return this.#count(out);
      }
      case 'b': {
        this.stats.rawInputs += 1;
        const [, t, down, button, x, y, mask] = input;
        const out = this.flush();
        const name = BUTTONS[button];
        if (name) {
          out.push({
            type: 'button',
            t,
            dir: down ? 'down' : 'up',
            button: name,
            x: coord(x),
            y: coord(y),
            mods: modifiers(mask),
          });
        }
        return this.#count(out);
      }
      case 'w': {
        this.stats.rawInputs += 1;
        const [, t, x, y, rotation, direction, mask] = input;
        const out = this.flush();
        const amount = Math.max(-10_000, Math.min(10_000, Math.round(rotation)));
        if (amount !== 0) {
          out.push({
            type: 'wheel',
            t,
            x: coord(x),
            y: coord(y),
            dx: direction === 4 ? amount : 0,
            dy: direction === 4 ? 0 : amount,
            mods: modifiers(mask),
          });
        }
        return this.#count(out);
      }
      default:
        return [];
    }
  }

  /** Closes the open path (focus change, quiet period, shutdown); returns it, simplified. */
  flush(): StenoEvent[] {
    const raw = this.#path;
    if (raw.length === 0) return [];
    this.#path = [];
    const points = simplifyPath(raw, this.#sampleMs, this.#epsilon);
    const t0 = points[0]?.[0] ?? 0;
    this.stats.paths += 1;
    this.stats.pathPoints += points.length;
    this.stats.events += 1;
    return [
      { type: 'path', t: t0, points: points.map(([t, x, y]) => [t - t0, x, y] as [number, number, number]) },
    ];
  }

  /** Forgets held state (the hook restarted): the open path is dropped, Caps Lock assumed off. */
  reset(): void {
    this.#path = [];
    this.#capsLock = false;
  }

  #count(out: StenoEvent[]): StenoEvent[] {
    // The flushed path was counted by flush(); count the input's own event.
    const own = out.at(-1);
    if (own && own.type !== 'path') this.stats.events += 1;
    return out;
  }
}

/** Time sampling (one point per `sampleMs`, the last always kept), then Ramer–Douglas–Peucker. */
export function simplifyPath(raw: readonly Point[], sampleMs: number, epsilon: number): Point[] {
  const sampled: Point[] = [];
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i] as Point;
    const last = sampled.at(-1);
    if (!last || p[0] - last[0] >= sampleMs || i === raw.length - 1) sampled.push(p);
  }
  if (sampled.length <= 2) return sampled;
  const keep = new Uint8Array(sampled.length);
  keep[0] = 1;
  keep[sampled.length - 1] = 1;
  const stack: [number, number][] = [[0, sampled.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [number, number];
    const pa = sampled[a] as Point;
    const pb = sampled[b] as Point;
    let worst = -1;
    let worstD = epsilon;
    for (let i = a + 1; i < b; i++) {
      const d = distanceToSegment(sampled[i] as Point, pa, pb);
      if (d > worstD) {
        worst = i;
        worstD = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return sampled.filter((_, i) => keep[i] === 1);
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[1] - a[1];
  const dy = b[2] - a[2];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(p[1] - a[1], p[2] - a[2]);
  const u = Math.max(0, Math.min(1, ((p[1] - a[1]) * dx + (p[2] - a[2]) * dy) / len2));
  return Math.hypot(p[1] - (a[1] + u * dx), p[2] - (a[2] + u * dy));
}

function modifiers(mask: number): Modifier[] {
  const mods: Modifier[] = [];
  if (mask & MOD_SHIFT) mods.push('shift');
  if (mask & MOD_CTRL) mods.push('ctrl');
  if (mask & MOD_ALT) mods.push('alt');
  if (mask & MOD_META) mods.push('meta');
  return mods;
}

function coord(v: number): number {
  return Math.max(-100_000, Math.min(100_000, Math.round(v)));
}
