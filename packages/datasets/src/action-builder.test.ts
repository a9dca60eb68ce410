import { readFileSync } from 'node:fs';
import { StenoEvent } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import {
  ActionBuilder,
  type ActionBuilderOptions,
  type BuiltEpisode,
  buildEpisodes,
} from './action-builder.ts';
import type { Action } from './actions.ts';
import { toPyautogui } from './pyautogui.ts';
import { EventScript } from './test-support/event-script.ts';

function actions(s: EventScript, options: ActionBuilderOptions = {}): Action[] {
  return buildEpisodes(s.events, options).flatMap((e) => e.steps.map((st) => st.action));
}

function forms(s: EventScript, options: ActionBuilderOptions = {}): string[] {
  return actions(s, options).map(toPyautogui);
}

describe('pointer thresholds', () => {
  it('two left clicks within 500 ms and 5 px are one double click', () => {
    const s = new EventScript().focus('app').click(100, 200).wait(150).click(103, 203);
    expect(forms(s)).toEqual(['pyautogui.doubleClick(x=100, y=200)']);
  });

  it('two clicks 600 ms apart stay two clicks', () => {
    const s = new EventScript().focus('app').click(100, 200).wait(500).click(100, 200);
    expect(actions(s).map((a) => a.type)).toEqual(['click', 'click']);
  });

  it('two quick clicks 8 px apart stay two clicks', () => {
    const s = new EventScript().focus('app').click(100, 200).wait(100).click(108, 200);
    expect(actions(s).map((a) => a.type)).toEqual(['click', 'click']);
  });

  it('honours configured double-click thresholds', () => {
    const s = new EventScript().focus('app').click(100, 200).wait(150).click(100, 200);
    expect(actions(s, { thresholds: { doubleClickMs: 100 } }).map((a) => a.type)).toEqual(['click', 'click']);
    expect(actions(s, { thresholds: { doubleClickMs: 300 } }).map((a) => a.type)).toEqual(['double_click']);
  });

  it('a third quick click makes a triple click; a fourth starts over', () => {
    const s = new EventScript().focus('app').click(10, 10).wait(50).click(10, 10).wait(50).click(12, 11);
    expect(forms(s)).toEqual(['pyautogui.tripleClick(x=10, y=10)']);
    s.wait(50).click(10, 10);
    expect(actions(s).map((a) => a.type)).toEqual(['triple_click', 'click']);
  });

  it('a triple click: time counts from the press before, distance from the first', () => {
    // presses 450 ms apart: each within 500 ms of the one before, the third 900 ms after the first
    const s = new EventScript().focus('app').click(10, 10).wait(350).click(10, 10).wait(350).click(10, 10);
    expect(actions(s).map((a) => a.type)).toEqual(['triple_click']);
    const slow = new EventScript().focus('app').click(10, 10).wait(100).click(10, 10).wait(700).click(10, 10);
    expect(actions(slow).map((a) => a.type)).toEqual(['double_click', 'click']);
    const far = new EventScript().focus('app').click(10, 10).wait(100).click(10, 10).wait(100).click(30, 10);
    expect(actions(far).map((a) => a.type)).toEqual(['double_click', 'click']);
  });

  it('a press that moves beyond 10 px is a drag; within 10 px a click', () => {
    const drag = new EventScript().focus('app').drag([100, 100], [130, 100]);
    expect(forms(drag)).toEqual(['pyautogui.moveTo(x=100, y=100); pyautogui.dragTo(x=130, y=100)']);
    const jitter = new EventScript().focus('app').drag([100, 100], [108, 100]);
    expect(actions(jitter).map((a) => a.type)).toEqual(['click']);
    expect(actions(jitter, { thresholds: { dragPx: 5 } }).map((a) => a.type)).toEqual(['drag']);
  });

  it('a press that wanders away and comes back is still a drag', () => {
    const s = new EventScript().focus('app').down(100, 100).wait(20);
    s.move([
      [150, 100],
      [101, 100],
    ]).up(101, 100);
    expect(actions(s).map((a) => a.type)).toEqual(['drag']);
  });

  it('right and middle buttons, modifiers held during a click', () => {
    const s = new EventScript()
      .focus('app')
      .click(5, 6, 'right')
      .wait(600)
      .click(7, 8, 'middle')
      .wait(600)
      .click(9, 10, 'left', ['shift', 'ctrl']);
    expect(forms(s)).toEqual([
      'pyautogui.rightClick(x=5, y=6)',
      'pyautogui.middleClick(x=7, y=8)',
      "with pyautogui.hold(['ctrl', 'shift']): pyautogui.click(x=9, y=10)",
    ]);
  });

  it('back/forward buttons and releases without a press are not actions', () => {
    const s = new EventScript().focus('app').down(1, 1, 'back').up(1, 1, 'back').up(3, 3);
    const b = buildEpisodes(s.events);
    expect(b).toEqual([]);
  });

  it('merges wheel events into one scroll; pyautogui scrolls up for positive clicks', () => {
    const s = new EventScript().focus('app').wheel(500, 400, 1).wheel(501, 400, 1).wheel(502, 401, 1);
    s.wait(900).wheel(500, 400, -2).wheel(500, 400, 0, 3);
    expect(forms(s)).toEqual([
      'pyautogui.scroll(-3, x=500, y=400)',
      'pyautogui.scroll(2, x=500, y=400); pyautogui.hscroll(3, x=500, y=400)',
    ]);
  });

  it('attaches the path that led to a pointer action, thinned, and none when disabled', () => {
    const pts: [number, number][] = Array.from({ length: 50 }, (_, i) => [i * 10, 100]);
    const s = new EventScript().focus('app').move(pts).click(490, 100);
    const [click] = actions(s, { thresholds: { maxPathPoints: 8 } });
    expect(click?.path).toHaveLength(8);
    expect(click?.path?.at(-1)).toEqual({ x: 490, y: 100 });
    expect(click?.path?.[0]).toEqual({ x: 0, y: 100 });
    const [bare] = actions(s, { thresholds: { includePaths: false } });
    expect(bare?.path).toBeUndefined();
  });

  it('does not attach a path that came before typing to a later key action', () => {
    const s = new EventScript()
      .focus('app')
      .move([[1, 1]])
      .type('ab')
      .key('Enter');
    expect(actions(s).every((a) => a.path === undefined)).toBe(true);
  });
});

describe('keys', () => {
  it('modifier combinations become hotkeys; modifier keys alone are not actions', () => {
    const s = new EventScript()
      .focus('app')
      .shortcut(['ctrl'], 'c')
      .shortcut(['ctrl', 'shift'], 't')
      .shortcut(['meta'], 'l')
      .shortcut(['alt'], 'F4')
      .shortcut(['shift'], 'Tab');
    expect(forms(s)).toEqual([
      "pyautogui.hotkey('ctrl', 'c')",
      "pyautogui.hotkey('ctrl', 'shift', 't')",
      "pyautogui.hotkey('win', 'l')",
      "pyautogui.hotkey('alt', 'f4')",
      "pyautogui.hotkey('shift', 'tab')",
    ]);
  });

  it('special keys become presses, repeated presses merge', () => {
    const s = new EventScript().focus('app').key('Enter').key('Tab').key('Escape').key('F5').key('PageDown');
    s.wait(1_500).key('ArrowDown').key('ArrowDown').key('ArrowDown').key('Home').key('Delete');
    expect(forms(s)).toEqual([
      "pyautogui.press('enter')",
      "pyautogui.press('tab')",
      "pyautogui.press('esc')",
      "pyautogui.press('f5')",
      "pyautogui.press('pagedown')",
      "pyautogui.press('down', presses=3)",
      "pyautogui.press('home')",
      "pyautogui.press('delete')",
    ]);
  });

  it('AltGr (Ctrl+Alt) with a character types it', () => {
    const s = new EventScript().focus('app').type('a').key('q', ['ctrl', 'alt'], '@').type('b');
    expect(forms(s)).toEqual(["pyautogui.write('a@b')"]);
  });

  it('never turns a printable key without a judged character into text or a press', () => {
    const s = new EventScript().focus('app').key('h').key('i', ['shift']).key('Enter');
    const eps = buildEpisodes(s.events);
    expect(eps.flatMap((e) => e.steps.map((st) => toPyautogui(st.action)))).toEqual([
      "pyautogui.press('enter')",
    ]);
  });

  it('keys pyautogui cannot press, keys without a character and unknown events are dropped and counted', () => {
    const s = new EventScript().focus('app').key('Unidentified').key('AudioVolumeUp').key('q').type('ab');
    const other = { type: 'navigate', t: s.t, origin: 'https://x.example', path: '/', kind: 'load' };
    s.events.push(other as unknown as StenoEvent);
    s.wait(100).type('cd').key('Enter');
    const builder = new ActionBuilder();
    const eps = [...s.events.flatMap((e) => builder.push(e)), ...builder.finish()];
    expect(eps.flatMap((e) => e.steps.map((st) => toPyautogui(st.action)))).toEqual([
      "pyautogui.write('abcd')",
      "pyautogui.press('enter')",
    ]);
    expect(builder.drops).toEqual({
      keysWithoutChar: 1,
      keysUnmapped: 2,
      buttonsUnused: 0,
      eventsIgnored: 1,
    });
  });
});

describe('typing', () => {
  it('a run of characters is one type action, Enter a press of its own', () => {
    const s = new EventScript().focus('app').type("It's ok").key('Enter');
    expect(forms(s)).toEqual(["pyautogui.write('It\\'s ok')", "pyautogui.press('enter')"]);
  });

  it('redaction markers and pastes become tokens inside the text', () => {
    const s = new EventScript()
      .focus('app')
      .type('mail ')
      .redaction('EMAIL')
      .type(' key ')
      .redaction('API_KEY');
    s.type(' and ').paste();
    const [a] = actions(s);
    expect(a).toMatchObject({
      type: 'type',
      text: 'mail [EMAIL] key [API_KEY] and [PASTE]',
      entities: ['EMAIL', 'API_KEY'],
      pastes: 1,
    });
  });

  it('a marker on its own is a type action holding only the token', () => {
    const s = new EventScript().focus('app').redaction('PASSWORD').key('Enter');
    expect(forms(s)).toEqual(["pyautogui.write('[PASSWORD]')", "pyautogui.press('enter')"]);
  });

  it('splits a run after the idle threshold', () => {
    const s = new EventScript().focus('app').type('hello').wait(1_500).type('world');
    expect(actions(s).map((a) => (a.type === 'type' ? a.text : a.type))).toEqual(['hello', 'world']);
    expect(
      actions(s, { thresholds: { typingIdleMs: 5_000 } }).map((a) => (a.type === 'type' ? a.text : '')),
    ).toEqual(['helloworld']);
  });

  it('Backspace erases within the run; on an empty run it is a press', () => {
    const s = new EventScript().focus('app').type('helo').key('Backspace').type('lo');
    expect(forms(s)).toEqual(["pyautogui.write('hello')"]);
    const t = new EventScript().focus('app').key('Backspace').key('Backspace');
    expect(forms(t)).toEqual(["pyautogui.press('backspace', presses=2)"]);
    const w = new EventScript().focus('app').type('one two').key('Backspace', ['ctrl']).type('three');
    expect(forms(w)).toEqual(["pyautogui.write('one three')"]);
    const m = new EventScript().focus('app').type('at ').redaction('EMAIL').key('Backspace');
    expect(forms(m)).toEqual(["pyautogui.write('at ')"]);
  });

  it('a click ends a run', () => {
    const s = new EventScript().focus('app').type('ab').click(5, 5).type('cd');
    expect(forms(s)).toEqual(["pyautogui.write('ab')", 'pyautogui.click(x=5, y=5)', "pyautogui.write('cd')"]);
  });
});

describe('episodes', () => {
  const summary = (eps: BuiltEpisode[]) => eps.map((e) => [e.app, e.endReason, e.steps.length]);

  it('splits at application switches, not at a new window of the same application', () => {
    const s = new EventScript().focus('mail', 'Inbox').click(1, 1).focus('mail', 'Compose').click(2, 2);
    s.focus('editor').type('x').focus('mail').click(3, 3);
    expect(summary(buildEpisodes(s.events))).toEqual([
      ['mail', 'app_switch', 2],
      ['editor', 'app_switch', 1],
      ['mail', 'end_of_stream', 1],
    ]);
    const [first] = buildEpisodes(s.events);
    expect(first?.steps.map((st) => st.window.title)).toEqual(['Inbox', 'Compose']);
  });

  it('splits at idle gaps (configurable)', () => {
    const s = new EventScript().focus('app').click(1, 1).wait(130_000).click(2, 2);
    expect(summary(buildEpisodes(s.events))).toEqual([
      ['app', 'idle', 1],
      ['app', 'end_of_stream', 1],
    ]);
    expect(buildEpisodes(s.events, { thresholds: { episodeIdleMs: 200_000 } })).toHaveLength(1);
  });

  it('splits at task markers and carries the label to the next episode', () => {
    const s = new EventScript()
      .focus('app')
      .click(1, 1)
      .task('file the expense report')
      .click(2, 2)
      .task()
      .click(3, 3);
    const eps = buildEpisodes(s.events);
    expect(summary(eps)).toEqual([
      ['app', 'task', 1],
      ['app', 'task', 1],
      ['app', 'end_of_stream', 1],
    ]);
    expect(eps.map((e) => [e.taskMarked, e.task])).toEqual([
      [false, undefined],
      [true, 'file the expense report'],
      [true, undefined],
    ]);
  });

  it('drops empty episodes and marks actions before any focus with no application', () => {
    const s = new EventScript().click(1, 1).focus('a').focus('b').click(2, 2);
    expect(summary(buildEpisodes(s.events))).toEqual([
      [null, 'app_switch', 1],
      ['b', 'end_of_stream', 1],
    ]);
  });

  it('ignores events outside the time range but keeps the focus context from before it', () => {
    const s = new EventScript(1_000_000).focus('app', 'T').click(1, 1).wait(10_000);
    const from = s.t;
    s.click(2, 2).wait(10_000);
    const to = s.t;
    s.click(3, 3);
    const eps = buildEpisodes(s.events, { from, to });
    expect(summary(eps)).toEqual([['app', 'end_of_stream', 1]]);
    expect(eps[0]?.steps[0]?.action).toMatchObject({ x: 2, y: 2 });
  });

  it('uses the stream screen when focus events carry none', () => {
    const s = new EventScript().focus('app', undefined, null).click(1, 1);
    const [ep] = buildEpisodes(s.events, { screen: { w: 800, h: 600 } });
    expect(ep?.steps[0]?.window.screen).toEqual({ w: 800, h: 600 });
  });
});

describe('recorded input (examples/demo-recording.jsonl)', () => {
  const text = readFileSync(new URL('../../../examples/demo-recording.jsonl', import.meta.url), 'utf8');
  const events = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => StenoEvent.parse(JSON.parse(l)));

  it('yields clicks, typed lines and presses in application episodes', () => {
    const eps = buildEpisodes(events);
    expect(eps.length).toBeGreaterThanOrEqual(2);
    expect(eps.every((e) => e.app !== null)).toBe(true);
    const all = eps.flatMap((e) => e.steps.map((s) => toPyautogui(s.action)));
    expect(all[0]).toBe('pyautogui.click(x=700, y=400)');
    expect(all[1]).toBe("pyautogui.write('Standup notes:')");
    expect(all[2]).toBe("pyautogui.press('enter')");
    const firstClick = eps[0]?.steps[0]?.action;
    expect(firstClick?.path?.at(-1)).toEqual({ x: 700, y: 400 });
  });
});

describe('issue 17 defects', () => {
  it('four wheel notches of dy 120 (WHEEL_DELTA units) replay as four clicks down', () => {
    const s = new EventScript().focus('app');
    for (let i = 0; i < 4; i++) s.wheel(900, 600, 120);
    expect(forms(s)).toEqual(['pyautogui.scroll(-4, x=900, y=600)']);
    expect(actions(s)[0]).toMatchObject({ dy: 4, dx: 0 });
  });

  it('wheel notches from an OS hook (1 per notch) stay clicks, and sideways 120s too', () => {
    const s = new EventScript().focus('app');
    for (let i = 0; i < 4; i++) s.wheel(900, 600, 1);
    s.wait(900).wheel(900, 600, -240).wait(900).wheel(900, 600, 0, 120);
    expect(forms(s)).toEqual([
      'pyautogui.scroll(-4, x=900, y=600)',
      'pyautogui.scroll(2, x=900, y=600)',
      'pyautogui.hscroll(1, x=900, y=600)',
    ]);
  });

  it('the recorded demo scroll (four notches of 120) is scroll(-4)', () => {
    const text = readFileSync(new URL('../../../examples/demo-recording.jsonl', import.meta.url), 'utf8');
    const events = text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => StenoEvent.parse(JSON.parse(l)));
    const scrolls = buildEpisodes(events)
      .flatMap((e) => e.steps.map((st) => toPyautogui(st.action)))
      .filter((f) => f.includes('scroll'));
    expect(scrolls).toEqual(['pyautogui.scroll(-4, x=900, y=600)']);
  });

  it('a modifier key pressed as part of a chord, as hooks report it (Control with ctrl held), is no action', () => {
    const s = new EventScript().focus('app');
    s.events.push({ type: 'key', t: s.t, dir: 'down', key: 'Control', mods: ['ctrl'] });
    s.events.push({ type: 'key', t: s.t + 5, dir: 'down', key: 'ControlRight', mods: ['ctrl'] });
    s.wait(20).key('s', ['ctrl']);
    s.events.push({ type: 'key', t: s.t, dir: 'up', key: 'Control', mods: [] });
    expect(forms(s)).toEqual(["pyautogui.hotkey('ctrl', 's')"]);
  });

  it('a focus restated at the head of each batch is one focus: merges and idle time carry across it', () => {
    // The agent's batcher starts every batch with the focus in effect (same t, app, title, screen).
    const s = new EventScript().focus('app', 'Doc');
    const focus = s.events[0];
    if (focus?.type !== 'focus') throw new Error('no focus');
    s.wait(100_000).click(100, 200);
    s.events.push({ ...focus }); // next batch
    s.wait(100).click(101, 201);
    s.wheel(5, 5, 1);
    s.events.push({ ...focus }); // next batch
    s.wheel(5, 5, 1).wait(100_000).click(1, 1);
    const eps = buildEpisodes(s.events);
    expect(eps.map((e) => e.endReason)).toEqual(['end_of_stream']);
    expect(eps[0]?.steps.map((st) => toPyautogui(st.action))).toEqual([
      'pyautogui.doubleClick(x=100, y=200)',
      'pyautogui.scroll(-2, x=5, y=5)',
      'pyautogui.click(x=1, y=1)',
    ]);
  });
});

describe('browser element targets (issue 17)', () => {
  const box = { x: 100, y: 200, w: 80, h: 30 };
  function element(t: number, extra: Record<string, unknown> = {}): StenoEvent {
    return StenoEvent.parse({
      type: 'element',
      t,
      action: 'click',
      role: 'button',
      name: 'Submit expense',
      tag: 'button',
      selector: '#submit',
      page: { x: 10, y: 20, w: 80, h: 30 },
      screen: box,
      x: 140,
      y: 215,
      mods: [],
      ...extra,
    });
  }

  it('joins the element event to the desktop click it explains, arriving after it in its own run', () => {
    const s = new EventScript().focus('chromium', 'Expenses');
    s.click(141, 214);
    const clickT = s.t - 100;
    s.events.push({ type: 'focus', t: s.t, app: 'https://expenses.example.com' });
    s.events.push(element(clickT + 20));
    s.events.push({
      type: 'focus',
      t: s.t + 1,
      app: 'chromium',
      title: 'Expenses',
      screen: { w: 1920, h: 1080 },
    });
    s.wait(300).click(600, 600);
    const eps = buildEpisodes(s.events);
    expect(eps).toHaveLength(1);
    expect(eps[0]?.apps).toEqual(['chromium']);
    expect(eps[0]?.steps.map((st) => st.target?.name ?? null)).toEqual(['Submit expense', null]);
    expect(eps[0]?.steps[0]?.target).toEqual({
      source: 'browser',
      role: 'button',
      name: 'Submit expense',
      tag: 'button',
      selector: '#submit',
      box,
    });
  });

  it('joins elements that arrive late (re-timed by the merged stream) to their clicks, in click order', () => {
    const s = new EventScript().focus('chromium');
    s.click(150, 210).wait(600).click(150, 212).wait(200).click(700, 500);
    // the extension's batch arrives later; the merged stream moved its events up to that time
    const late = s.t + 1_500;
    s.events.push(element(late, { name: 'first' }), element(late, { name: 'second' }));
    s.events.push(element(late, { name: 'third', x: 700, y: 500, screen: { x: 680, y: 490, w: 60, h: 20 } }));
    const steps = buildEpisodes(s.events).flatMap((e) => e.steps);
    expect(steps.map((st) => st.target?.name ?? null)).toEqual(['first', 'second', 'third']);
  });

  it('joins an element event that came before the click; not one too far in time or space', () => {
    const s = new EventScript().focus('chromium');
    s.events.push(element(s.t));
    s.wait(10).click(150, 210);
    s.events.push(element(s.t + 5_000));
    s.events.push(element(s.t, { x: 900, y: 900, screen: { x: 880, y: 880, w: 40, h: 40 } }));
    s.wait(600).click(400, 400);
    const steps = buildEpisodes(s.events).flatMap((e) => e.steps);
    expect(steps.map((st) => st.target?.role ?? null)).toEqual(['button', null]);
  });
});

describe('task markers (issue 17)', () => {
  function summary(eps: ReturnType<typeof buildEpisodes>) {
    return eps.map((e) => [
      e.apps.join('+'),
      e.endReason,
      e.task ?? null,
      e.taskStatus ?? null,
      e.steps.length,
    ]);
  }
  const task = (t: number, phase: 'start' | 'name' | 'end' | 'abandon', label?: string): StenoEvent => ({
    type: 'task',
    t,
    phase,
    taskId: 'tk1',
    ...(label === undefined ? {} : { label }),
  });

  it('a started task is one episode across applications, named later, ended done', () => {
    const s = new EventScript().focus('terminal').click(1, 1);
    s.events.push(task(s.t, 'start', 'File the expense report'));
    s.wait(10).focus('firefox').click(2, 2).focus('libreoffice').type('Q3').wait(200_000).click(3, 3);
    s.events.push(task(s.t, 'name', 'File the Q3 expense report'));
    s.wait(10).focus('firefox').click(4, 4);
    s.events.push(task(s.t, 'end'));
    s.wait(10).click(5, 5).focus('terminal').click(6, 6);
    expect(summary(buildEpisodes(s.events))).toEqual([
      ['terminal', 'task', null, null, 1],
      ['firefox+libreoffice', 'task_end', 'File the Q3 expense report', 'completed', 4],
      ['firefox', 'app_switch', null, null, 1],
      ['terminal', 'end_of_stream', null, null, 1],
    ]);
  });

  it('abandon, a new start, a long idle and the end of the stream end a task unfinished or abandoned', () => {
    const s = new EventScript().focus('a');
    s.events.push(task(s.t, 'start', 'one'));
    s.wait(10).click(1, 1);
    s.events.push(task(s.t, 'abandon'));
    s.events.push(task(s.t + 1, 'start', 'two'));
    s.wait(10).click(2, 2);
    s.events.push(task(s.t, 'start', 'three'));
    s.wait(10).click(3, 3).wait(2_000_000).click(4, 4);
    s.events.push(task(s.t, 'start', 'four'));
    s.wait(10).click(5, 5);
    expect(summary(buildEpisodes(s.events))).toEqual([
      ['a', 'task_abandoned', 'one', 'abandoned', 1],
      ['a', 'task', 'two', 'unfinished', 1],
      ['a', 'idle', 'three', 'unfinished', 1],
      ['a', 'task', null, null, 1],
      ['a', 'end_of_stream', 'four', 'unfinished', 1],
    ]);
  });

  it('an end without an open task is ignored and counted', () => {
    const s = new EventScript().focus('a').click(1, 1);
    s.events.push(task(s.t, 'end'));
    const b = new ActionBuilder();
    for (const e of s.events) b.push(e);
    expect(b.finish().map((e) => e.endReason)).toEqual(['end_of_stream']);
    expect(b.drops.eventsIgnored).toBe(1);
  });
});
