/** The timeline a contributor reads: typed runs with redaction tokens in place, one line per action. */
import { describe, expect, it } from 'vitest';
import { timelineRows, type WireEvent } from './event-timeline.ts';

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
});
