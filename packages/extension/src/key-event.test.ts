/** DOM keys → the desktop's key model: names, characters only when typing, shortcuts elsewhere. */
import { describe, expect, it } from 'vitest';
import { type DomKey, toKeyEvent } from './key-event.ts';

const dom = (key: string, code: string, mods: Partial<DomKey> = {}): DomKey => ({
  key,
  code,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  isComposing: false,
  ...mods,
});
const typing = { typing: true, navigation: true };
const elsewhere = { typing: false, navigation: true };
const actions = { typing: false, navigation: false };

describe('toKeyEvent', () => {
  it('names keys as the desktop layout does and keeps the typed character', () => {
    expect(toKeyEvent(dom('A', 'KeyA', { shiftKey: true }), 'down', 1, typing)).toEqual({
      type: 'key',
      t: 1,
      dir: 'down',
      key: 'a',
      char: 'A',
      mods: ['shift'],
    });
    expect(toKeyEvent(dom(' ', 'Space'), 'down', 1, typing)).toMatchObject({ key: 'Space', char: ' ' });
    expect(toKeyEvent(dom('@', 'Digit2', { shiftKey: true }), 'down', 1, typing)).toMatchObject({
      key: '2',
      char: '@',
    });
    expect(toKeyEvent(dom('Enter', 'Enter'), 'down', 1, typing)).toEqual({
      type: 'key',
      t: 1,
      dir: 'down',
      key: 'Enter',
      mods: [],
    });
    expect(toKeyEvent(dom('a', 'KeyA'), 'up', 1, typing)).not.toHaveProperty('char');
  });

  it('records no modifier alone, no composition and no character with Ctrl, Alt or Meta', () => {
    expect(toKeyEvent(dom('Shift', 'ShiftLeft', { shiftKey: true }), 'down', 1, typing)).toBeUndefined();
    expect(toKeyEvent(dom('a', 'KeyA', { isComposing: true }), 'down', 1, typing)).toBeUndefined();
    expect(toKeyEvent(dom('c', 'KeyC', { ctrlKey: true }), 'down', 1, typing)).toEqual({
      type: 'key',
      t: 1,
      dir: 'down',
      key: 'c',
      mods: ['ctrl'],
    });
  });

  it('outside text fields keeps shortcuts and navigation keys, never characters; at actions only shortcuts', () => {
    expect(toKeyEvent(dom('a', 'KeyA'), 'down', 1, elsewhere)).toBeUndefined();
    expect(toKeyEvent(dom('ArrowDown', 'ArrowDown'), 'down', 1, elsewhere)).toMatchObject({
      key: 'ArrowDown',
    });
    expect(toKeyEvent(dom(' ', 'Space'), 'down', 1, elsewhere)).not.toHaveProperty('char');
    expect(toKeyEvent(dom('ArrowDown', 'ArrowDown'), 'down', 1, actions)).toBeUndefined();
    expect(toKeyEvent(dom('s', 'KeyS', { ctrlKey: true }), 'down', 1, actions)).toMatchObject({
      key: 's',
      mods: ['ctrl'],
    });
    expect(toKeyEvent(dom('Escape', 'Escape'), 'down', 1, actions)).toMatchObject({ key: 'Escape' });
  });
});
