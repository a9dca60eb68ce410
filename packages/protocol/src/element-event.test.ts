/**
 * The element event (issue 17, additive to v1): a browser element as the extension has always sent
 * it still parses unchanged; a desktop element (`source: 'desktop'`) has no tag and no page box,
 * carries AT-SPI states and may mark where typing started; states are plain names, nothing else.
 */
import { describe, expect, it } from 'vitest';
import { StenoEvent } from './events.ts';

const box = { x: 10, y: 20, w: 80, h: 30 };
const browser = {
  type: 'element',
  t: 1_764_403_200_000,
  action: 'click',
  role: 'button',
  name: 'Submit',
  tag: 'button',
  selector: '#submit',
  page: box,
  screen: box,
  x: 40,
  y: 30,
  mods: [],
};
const desktop = {
  type: 'element',
  t: 1_764_403_200_000,
  source: 'desktop',
  action: 'type',
  role: 'text',
  selector: 'dialog "Expense claim" > filler > text',
  states: ['editable', 'focused', 'single_line'],
  screen: box,
  mods: [],
};

describe('element events (issue 17)', () => {
  it('a browser element parses as before, and stays as it was', () => {
    expect(StenoEvent.parse(browser)).toEqual(browser);
  });

  it('a desktop element needs no tag or page box and may mark a typing start', () => {
    expect(StenoEvent.parse(desktop)).toEqual(desktop);
  });

  it('refuses states that are not plain names, an unknown source, and fields it does not know', () => {
    expect(StenoEvent.safeParse({ ...desktop, states: ['Focused'] }).success).toBe(false);
    expect(StenoEvent.safeParse({ ...desktop, states: ['focused by jane.doe@example.org'] }).success).toBe(
      false,
    );
    expect(StenoEvent.safeParse({ ...desktop, source: 'browser' }).success).toBe(false);
    expect(StenoEvent.safeParse({ ...desktop, ancestors: [] }).success).toBe(false);
    expect(StenoEvent.safeParse({ ...desktop, states: Array(49).fill('focused') }).success).toBe(false);
  });
});
