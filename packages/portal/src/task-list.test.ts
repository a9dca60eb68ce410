/** issue 17: the tasks the review page lists, from the contributor's own events. */
import { describe, expect, it } from 'vitest';
import { tasksOf } from './task-list.ts';

describe('tasksOf', () => {
  it('one item per task id: latest description, start and end, how it ended, the applications it went through', () => {
    const tasks = tasksOf([
      { type: 'focus', t: 1, app: 'gedit' },
      { type: 'task', t: 2, phase: 'start', taskId: 'tk1', label: 'File the report' },
      { type: 'focus', t: 3, app: 'firefox' },
      { type: 'focus', t: 4, app: 'gedit' },
      { type: 'task', t: 5, phase: 'name', taskId: 'tk1', label: 'File the Q3 report' },
      { type: 'task', t: 6, phase: 'end', taskId: 'tk1' },
      { type: 'focus', t: 7, app: 'xterm' },
      { type: 'task', t: 8, phase: 'start', taskId: 'tk2' },
      { type: 'task', t: 9, phase: 'abandon', taskId: 'tk2' },
      { type: 'task', t: 10, phase: 'start', taskId: 'tk3', label: 'Still going' },
      { type: 'task', t: 11, label: 'a bare marker of an older agent' },
      { type: 'task', t: 12, phase: 'end', taskId: 'unknown' },
    ]);
    expect(tasks).toEqual([
      { taskId: 'tk3', label: 'Still going', startT: 10, endT: undefined, status: 'open', apps: ['xterm'] },
      { taskId: 'tk2', label: undefined, startT: 8, endT: 9, status: 'abandoned', apps: ['xterm'] },
      {
        taskId: 'tk1',
        label: 'File the Q3 report',
        startT: 2,
        endT: 6,
        status: 'completed',
        apps: ['gedit', 'firefox'],
      },
    ]);
  });
});
