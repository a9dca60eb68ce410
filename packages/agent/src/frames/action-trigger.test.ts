/** Which events start an action with a frame: the dataset builder's action boundaries (issue 11). */
import type { StenoEvent } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import { ActionTrigger } from './action-trigger.ts';

const key = (
  t: number,
  k: string,
  char?: string,
  mods: ('shift' | 'ctrl' | 'alt' | 'meta')[] = [],
): StenoEvent =>
  char === undefined
    ? { type: 'key', t, dir: 'down', key: k, mods }
    : { type: 'key', t, dir: 'down', key: k, char, mods };

function marks(events: StenoEvent[]): (string | undefined)[] {
  const trigger = new ActionTrigger({ prefix: 'p' });
  return events.map((e) => trigger.mark(e)?.actionId);
}

describe('ActionTrigger', () => {
  it('tags presses, focus changes, shortcuts, the first key of a typing run and the first wheel of a scroll', () => {
    expect(
      marks([
        { type: 'focus', t: 0, app: 'a' },
        { type: 'button', t: 10, dir: 'down', button: 'left', x: 1, y: 1, mods: [] },
        { type: 'button', t: 20, dir: 'up', button: 'left', x: 1, y: 1, mods: [] },
        key(30, 'h', 'h'),
        key(40, 'i', 'i'),
        key(50, 'Backspace'),
        key(60, 'o', 'o'),
        key(2_000, 'x', 'x'), // a pause over a second: a new run
        key(2_010, 'Shift'),
        key(2_020, 'c', 'c', ['ctrl']),
        key(2_030, 'y', 'y'), // after a shortcut: a new run
        key(2_040, '@', '@', ['ctrl', 'alt']), // AltGr types
        key(2_050, 'Tab', undefined, ['shift']),
        key(2_060, 'Enter'),
        { type: 'wheel', t: 3_000, x: 1, y: 1, dx: 0, dy: 1, mods: [] },
        { type: 'wheel', t: 3_100, x: 1, y: 1, dx: 0, dy: 1, mods: [] },
        { type: 'wheel', t: 4_000, x: 1, y: 1, dx: 0, dy: 1, mods: [] },
        { type: 'key', t: 4_010, dir: 'up', key: 'Enter', mods: [] },
      ]),
    ).toEqual([
      'p-1',
      'p-2',
      undefined,
      'p-3',
      undefined,
      undefined,
      undefined,
      'p-4',
      undefined,
      'p-5',
      'p-6',
      undefined,
      'p-7',
      undefined,
      'p-8',
      undefined,
      'p-9',
      undefined,
    ]);
  });

  it('ids are opaque: a random prefix per run and a counter', () => {
    const a = new ActionTrigger().mark({ type: 'focus', t: 0, app: 'x' })?.actionId ?? '';
    const b = new ActionTrigger().mark({ type: 'focus', t: 0, app: 'x' })?.actionId ?? '';
    expect(a).toMatch(/^[A-Za-z0-9_-]{8}-1$/);
    expect(a).not.toBe(b);
  });
});
