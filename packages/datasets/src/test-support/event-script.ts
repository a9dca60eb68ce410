/**
 * A small script for writing event streams in tests the way the agent would produce them: key
 * names from the US layout table ('a', 'Space', 'Enter'), `char` on typing key-downs only, paths
 * flushed before the button that ends them.
 */
import type { EntityType, FocusEvent, Modifier, StenoEvent } from '@steno/protocol';

export class EventScript {
  t: number;
  readonly events: StenoEvent[] = [];

  constructor(start = 1_764_403_200_000) {
    this.t = start;
  }

  wait(ms: number): this {
    this.t += ms;
    return this;
  }

  /** `screen: null` for a focus event without a screen size. */
  focus(app: string, title?: string, screen: FocusEvent['screen'] | null = { w: 1920, h: 1080 }): this {
    const e: FocusEvent = { type: 'focus', t: this.t, app };
    if (title !== undefined) e.title = title;
    if (screen !== null) e.screen = screen;
    this.events.push(e);
    return this.wait(50);
  }

  task(label?: string): this {
    this.events.push(label === undefined ? { type: 'task', t: this.t } : { type: 'task', t: this.t, label });
    return this.wait(50);
  }

  /** A coalesced path through the points, 16 ms apart. */
  move(points: [number, number][]): this {
    this.events.push({ type: 'path', t: this.t, points: points.map(([x, y], i) => [i * 16, x, y]) });
    return this.wait(points.length * 16);
  }

  down(
    x: number,
    y: number,
    button: 'left' | 'right' | 'middle' | 'back' = 'left',
    mods: Modifier[] = [],
  ): this {
    this.events.push({ type: 'button', t: this.t, dir: 'down', button, x, y, mods });
    return this;
  }

  up(
    x: number,
    y: number,
    button: 'left' | 'right' | 'middle' | 'back' = 'left',
    mods: Modifier[] = [],
  ): this {
    this.events.push({ type: 'button', t: this.t, dir: 'up', button, x, y, mods });
    return this;
  }

  click(x: number, y: number, button: 'left' | 'right' | 'middle' = 'left', mods: Modifier[] = []): this {
    this.down(x, y, button, mods).wait(60).up(x, y, button, mods);
    return this.wait(40);
  }

  drag(from: [number, number], to: [number, number]): this {
    this.down(from[0], from[1]).wait(50);
    const mid: [number, number] = [Math.round((from[0] + to[0]) / 2), Math.round((from[1] + to[1]) / 2)];
    this.move([mid, to]);
    return this.up(to[0], to[1]).wait(40);
  }

  wheel(x: number, y: number, dy: number, dx = 0, mods: Modifier[] = []): this {
    this.events.push({ type: 'wheel', t: this.t, x, y, dx, dy, mods });
    return this.wait(30);
  }

  /** One key press: down (with `char` when given) and up. */
  key(key: string, mods: Modifier[] = [], char?: string): this {
    this.events.push(
      char === undefined
        ? { type: 'key', t: this.t, dir: 'down', key, mods }
        : { type: 'key', t: this.t, dir: 'down', key, char, mods },
    );
    this.wait(40);
    this.events.push({ type: 'key', t: this.t, dir: 'up', key, mods });
    return this.wait(60);
  }

  /** Ctrl+C and the like, with the modifier keys' own events around it, as OS hooks report them. */
  shortcut(mods: Modifier[], key: string): this {
    const names: Record<Modifier, string> = { ctrl: 'Control', alt: 'Alt', shift: 'Shift', meta: 'Meta' };
    for (const m of mods) this.events.push({ type: 'key', t: this.t, dir: 'down', key: names[m], mods: [] });
    this.key(key, mods);
    for (const m of mods) this.events.push({ type: 'key', t: this.t, dir: 'up', key: names[m], mods });
    return this.wait(20);
  }

  /** Types text as US-layout key presses, `gapMs` apart. */
  type(text: string, gapMs = 100): this {
    for (const ch of text) {
      if (ch === ' ') this.key('Space', [], ' ');
      else if (/[A-Z]/.test(ch)) this.key(ch.toLowerCase(), ['shift'], ch);
      else this.key(ch, [], ch);
      this.wait(Math.max(0, gapMs - 100));
    }
    return this;
  }

  redaction(entity: EntityType): this {
    this.events.push({ type: 'redaction', t: this.t, entity });
    return this.wait(100);
  }

  paste(): this {
    this.events.push({ type: 'paste', t: this.t });
    return this.wait(100);
  }
}
