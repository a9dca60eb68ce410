/** The timeline a contributor reads: typed runs with redaction tokens in place, one line per action. */
import { describe, expect, it } from 'vitest';
import { groupByTask, searchRows, timelineRows, type WireEvent } from './event-timeline.ts';

const key = (t: number, char: string, extra: Partial<WireEvent> = {}): WireEvent[] => [
  { type: 'key', t, dir: 'down', key: char, char, mods: [], ...extra },
  { type: 'key', t: t + 1, dir: 'up', key: char, mods: [] },
];

describe('timelineRows', () => {
  it('joins typed characters, puts redaction tokens in place and splits on other actions', () => {
    const rows = timelineRows([
      { type: 'focus', t: 1, app: 'gedit', title: 'notes.txt' },
      ...key(2, 'h'),
      ...key(4, 'i'),
      { type: 'redaction', t: 6, entity: 'EMAIL' },
      ...key(7, '!'),
      { type: 'key', t: 9, dir: 'down', key: 's', char: 's', mods: ['ctrl'] },
      { type: 'button', t: 10, dir: 'down', button: 'left', x: 5, y: 6, mods: [] },
      { type: 'button', t: 11, dir: 'up', button: 'left', x: 5, y: 6, mods: [] },
      { type: 'path', t: 12, points: [[0, 1, 1]] },
      { type: 'path', t: 13, points: [[0, 2, 2]] },
      { type: 'paste', t: 14 },
    ]);
    expect(rows.map((r) => r.kind)).toEqual(['focus', 'typed', 'shortcut', 'click', 'move', 'paste']);
    expect(rows[0]?.summary).toBe('Switched to gedit — notes.txt');
    expect(rows[1]?.parts).toEqual([
      { kind: 'text', text: 'hi' },
      { kind: 'token', entity: 'EMAIL' },
      { kind: 'text', text: '!' },
    ]);
    expect(rows[2]?.summary).toBe('Pressed Ctrl+S');
    expect(rows[3]?.summary).toBe('Left click at 5, 6');
    expect(rows.every((r) => (r.t > 1 ? r.app === 'gedit' : true))).toBe(true);
  });

  it('shows a redaction outside typing as a row of its own, and unknown events by type', () => {
    const rows = timelineRows([
      { type: 'redaction', t: 1, entity: 'API_KEY' },
      { type: 'hologram', t: 2 },
    ]);
    expect(rows.map((r) => r.kind)).toEqual(['redaction', 'other']);
    expect(rows[0]?.parts).toEqual([{ kind: 'token', entity: 'API_KEY' }]);
  });

  it('issue 17: a modifier pressed as part of a chord is no row, and a focus restated per batch is one row', () => {
    const focus: WireEvent = {
      type: 'focus',
      t: 1,
      app: 'gedit',
      title: 'notes.txt',
      screen: { w: 800, h: 600 },
    };
    const rows = timelineRows([
      focus,
      { type: 'key', t: 2, dir: 'down', key: 'Control', mods: ['ctrl'] },
      { type: 'key', t: 3, dir: 'down', key: 'ShiftRight', mods: ['ctrl', 'shift'] },
      { type: 'key', t: 4, dir: 'down', key: 's', mods: ['ctrl', 'shift'] },
      { ...focus }, // the next batch starts with the focus in effect
      { type: 'key', t: 5, dir: 'down', key: 'AltRight', mods: ['alt'] },
      { type: 'key', t: 6, dir: 'down', key: 'F4', mods: ['alt'] },
    ]);
    expect(rows.map((r) => r.summary)).toEqual([
      'Switched to gedit — notes.txt',
      'Pressed Ctrl+Shift+S',
      'Pressed Alt+F4',
    ]);
  });

  it('issue 17: task markers read by phase', () => {
    const rows = timelineRows([
      { type: 'task', t: 1, phase: 'start', taskId: 'tk1', label: 'File the report' },
      { type: 'task', t: 2, phase: 'name', taskId: 'tk1', label: 'File the Q3 report' },
      { type: 'task', t: 3, phase: 'end', taskId: 'tk1' },
      { type: 'task', t: 4, phase: 'abandon', taskId: 'tk2' },
      { type: 'task', t: 5, label: 'old marker' },
    ]);
    expect(rows.map((r) => r.summary)).toEqual([
      'Started a task: File the report',
      'Described the task: File the Q3 report',
      'Ended the task',
      'Abandoned the task',
      'Task: old marker',
    ]);
  });

  it('issue 17: rows inside a task share it, grouped between its start and its end', () => {
    const rows = timelineRows([
      { type: 'focus', t: 1, app: 'gedit' },
      { type: 'button', t: 2, dir: 'down', button: 'left', x: 1, y: 1, mods: [] },
      { type: 'task', t: 3, phase: 'start', taskId: 'tk1', label: 'File the report' },
      { type: 'button', t: 4, dir: 'down', button: 'left', x: 2, y: 2, mods: [] },
      { type: 'focus', t: 5, app: 'firefox' },
      { type: 'task', t: 6, phase: 'name', taskId: 'tk1', label: 'File the Q3 report' },
      { type: 'task', t: 7, phase: 'end', taskId: 'tk1' },
      { type: 'button', t: 8, dir: 'down', button: 'left', x: 3, y: 3, mods: [] },
    ]);
    const groups = groupByTask(rows);
    expect(groups.map((g) => [g.task?.label ?? null, g.task?.status ?? null, g.rows.length])).toEqual([
      [null, null, 2],
      ['File the Q3 report', 'completed', 5],
      [null, null, 1],
    ]);
    // Newest first, the boundaries hold the same way.
    expect(groupByTask([...rows].reverse()).map((g) => g.rows.length)).toEqual([1, 5, 2]);
    const abandoned = timelineRows([
      { type: 'task', t: 1, phase: 'start', taskId: 'tk2' },
      { type: 'task', t: 2, phase: 'abandon', taskId: 'tk2' },
    ]);
    expect(abandoned[0]?.task).toMatchObject({ taskId: 'tk2', label: undefined, status: 'abandoned' });
  });

  it('issue 17: an element event names the target on the click it explains (inside its box, within 3 s)', () => {
    const click = (t: number, x: number, y: number): WireEvent => ({
      type: 'button',
      t,
      dir: 'down',
      button: 'left',
      x,
      y,
      mods: [],
    });
    const element = (t: number, extra: Partial<WireEvent>): WireEvent => ({
      type: 'element',
      t,
      action: 'click',
      role: 'button',
      name: 'Submit expense',
      selector: '#submit',
      screen: { x: 100, y: 100, w: 80, h: 30 },
      mods: [],
      ...extra,
    });
    const rows = timelineRows([
      click(1_000, 120, 110),
      element(2_900, {}), // late, as the extension's batches arrive: still this click
      click(10_000, 500, 500),
      element(10_100, {}), // elsewhere on the screen: not this click
      ...key(20_000, 'h'),
      element(20_050, { source: 'desktop', action: 'type', role: 'text', name: 'Amount', tag: undefined }),
    ]);
    expect(rows.map((r) => [r.kind, r.target ?? null])).toEqual([
      ['click', 'button “Submit expense”'],
      ['click', null],
      ['element', null],
      ['typed', 'text “Amount”'],
    ]);
    expect(rows[2]?.summary).toBe('Click button “Submit expense”');
  });

  it('issue 17: a frame is shown beside the action it was taken before, never as a row', () => {
    const webp = 'UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA=';
    const rows = timelineRows([
      { type: 'frame', t: 5, actionId: 'a1', webp, meta: { width: 640, height: 400 } },
      { type: 'button', t: 5, dir: 'down', button: 'left', x: 1, y: 1, mods: [], actionId: 'a1' },
      { type: 'button', t: 6, dir: 'down', button: 'left', x: 1, y: 1, mods: [] },
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.frame).toEqual({ src: `data:image/webp;base64,${webp}`, width: 640, height: 400 });
    expect(rows[1]?.frame).toBeUndefined();
  });

  it('search finds rows by what happened, application, element, task and typed text', () => {
    const rows = timelineRows([
      { type: 'task', t: 1, phase: 'start', taskId: 'tk1', label: 'Expense report' },
      { type: 'focus', t: 2, app: 'gedit' },
      ...key(3, 'q'),
      { type: 'button', t: 5, dir: 'down', button: 'left', x: 1, y: 1, mods: [] },
    ]);
    expect(searchRows(rows, 'EXPENSE')).toHaveLength(4);
    expect(searchRows(rows, 'gedit').map((r) => r.kind)).toEqual(['focus', 'typed', 'click']);
    expect(searchRows(rows, 'q').map((r) => r.kind)).toEqual(['typed']);
    expect(searchRows(rows, 'nothing like it')).toEqual([]);
  });
});
