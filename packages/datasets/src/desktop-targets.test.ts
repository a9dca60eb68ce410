/**
 * Desktop element targets (issue 17): the agent's element events read from the accessibility tree
 * (`source: 'desktop'`) join the click at their point and the typing that started in the element;
 * a typing element never explains a click nor a click element a typing run; a browser element
 * replaces a desktop one on the same click (the page knows its element better).
 */
import { StenoEvent } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import { buildEpisodes } from './action-builder.ts';
import { EventScript } from './test-support/event-script.ts';

const field = { x: 600, y: 370, w: 170, h: 34 };
const ok = { x: 690, y: 460, w: 86, h: 34 };

function desktop(t: number, extra: Record<string, unknown>): StenoEvent {
  return StenoEvent.parse({
    type: 'element',
    t,
    source: 'desktop',
    action: 'click',
    role: 'push button',
    name: 'OK',
    selector: 'dialog "Expense claim" > filler > push button "OK"',
    states: ['enabled', 'sensitive', 'showing'],
    screen: ok,
    mods: [],
    ...extra,
  });
}

const steps = (s: EventScript) => buildEpisodes(s.events).flatMap((e) => e.steps);

describe('desktop element targets (issue 17)', () => {
  it('joins a click to the element read at its point and typing to the field it started in', () => {
    const s = new EventScript().focus('Zenity', 'Expense claim');
    s.click(700, 390);
    const clickT = s.t - 100;
    s.events.push(
      desktop(clickT + 40, {
        role: 'text',
        name: undefined,
        selector: 'dialog "Expense claim" > text',
        states: ['editable', 'focusable'],
        screen: field,
        x: 700,
        y: 390,
      }),
    );
    s.wait(300);
    const typeT = s.t;
    s.type('lunch');
    s.events.push(
      desktop(typeT + 60, {
        action: 'type',
        role: 'text',
        name: undefined,
        selector: 'dialog "Expense claim" > text',
        states: ['editable', 'focused'],
        screen: field,
      }),
    );
    s.wait(1_500).click(720, 470);
    s.events.push(desktop(s.t - 100 + 30, { x: 720, y: 470 }));
    s.events.sort((a, b) => a.t - b.t);
    const built = steps(s);
    expect(built.map((st) => [st.action.type, st.target?.role ?? null, st.target?.name ?? null])).toEqual([
      ['click', 'text', null],
      ['type', 'text', null],
      ['click', 'push button', 'OK'],
    ]);
    expect(built[1]?.target).toEqual({
      source: 'desktop',
      role: 'text',
      name: undefined,
      tag: undefined,
      selector: 'dialog "Expense claim" > text',
      states: ['editable', 'focused'],
      box: field,
    });
  });

  it('a typing element does not join a click, a click element not a typing run, nor one elsewhere', () => {
    const s = new EventScript().focus('Zenity', 'Expense claim');
    s.type('abc');
    s.events.push(desktop(s.t - 200, { x: 700, y: 390, screen: field, role: 'text' }));
    s.wait(3_500).click(700, 390);
    s.events.push(desktop(s.t - 90, { action: 'type', role: 'text', screen: field }));
    s.wait(3_500).click(100, 100);
    s.events.push(desktop(s.t - 90, { x: 720, y: 470 }));
    s.events.sort((a, b) => a.t - b.t);
    expect(steps(s).map((st) => [st.action.type, st.target?.role ?? null])).toEqual([
      ['type', null],
      ['click', null],
      ['click', null],
    ]);
  });

  it('a desktop element waiting at a window change joins nothing in the next window (drag press, typing run kept)', () => {
    const pane = { x: 0, y: 100, w: 1200, h: 900 };
    const s = new EventScript().focus('gnome-terminal-server', 'Terminal');
    // a drag's press reads the terminal under the pointer: no click takes that element
    s.down(400, 500);
    s.events.push(
      desktop(s.t, {
        role: 'terminal',
        name: undefined,
        selector: 'frame > terminal',
        screen: pane,
        x: 400,
        y: 500,
      }),
    );
    s.wait(80)
      .move([[600, 600]])
      .up(600, 600)
      .wait(100);
    // typing there, flushed by the window change: it keeps the element it started in
    const typeT = s.t;
    s.type('ls');
    s.events.push(
      desktop(typeT, {
        action: 'type',
        role: 'terminal',
        name: undefined,
        selector: 'frame > terminal',
        screen: pane,
      }),
    );
    s.events.sort((a, b) => a.t - b.t);
    // within elementJoinMs, in an application without an accessibility tree, inside the old box
    s.focus('code', 'index.ts').click(410, 505);
    // and an element read in the new window does not explain a click made in the old one
    s.focus('gnome-terminal-server', 'Terminal').click(500, 300);
    s.focus('org.gnome.TextEditor', 'notes');
    s.events.push(desktop(s.t, { x: 500, y: 300, screen: { x: 480, y: 280, w: 60, h: 40 } }));
    s.wait(200).click(800, 800);
    expect(steps(s).map((st) => [st.window.app, st.action.type, st.target?.role ?? null])).toEqual([
      ['gnome-terminal-server', 'drag', null],
      ['gnome-terminal-server', 'type', 'terminal'],
      ['code', 'click', null],
      ['gnome-terminal-server', 'click', null],
      ['org.gnome.TextEditor', 'click', null],
    ]);
  });

  it('a browser element replaces the desktop one on the same click', () => {
    const s = new EventScript().focus('chromium', 'Expenses');
    s.click(720, 470);
    const t = s.t - 100;
    s.events.push(desktop(t + 20, { role: 'push button', name: 'Submit', x: 720, y: 470 }));
    s.wait(200);
    s.events.push(
      StenoEvent.parse({
        type: 'element',
        t: s.t,
        action: 'click',
        role: 'button',
        name: 'Submit expense',
        tag: 'button',
        selector: '#submit',
        page: { x: 10, y: 20, w: 86, h: 34 },
        screen: ok,
        x: 720,
        y: 470,
        mods: [],
      }),
    );
    s.wait(300).click(50, 50);
    expect(steps(s).map((st) => [st.target?.source ?? null, st.target?.name ?? null])).toEqual([
      ['browser', 'Submit expense'],
      [null, null],
    ]);
  });
});
