/**
 * The tasks a contributor marked (issue 17), read from their own events: one item per task id with
 * its latest description as the device sent it (filtered there), when it started and ended, how it
 * ended and the applications it went through. The review page lists these beside the contributor's
 * stored reviews. Markers without a task id (older agents) cannot be reviewed and are left out.
 */
import type { WireEvent } from './event-timeline.ts';

export interface TaskItem {
  taskId: string;
  label: string | undefined;
  startT: number;
  endT: number | undefined;
  status: 'open' | 'completed' | 'abandoned';
  /** Applications in focus during the task, in the order first seen. */
  apps: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Newest first. */
export function tasksOf(events: readonly WireEvent[]): TaskItem[] {
  const byId = new Map<string, TaskItem>();
  let open: TaskItem | undefined;
  let app: string | undefined;
  for (const e of events) {
    if (e.type === 'focus') {
      app = str(e.app);
      if (open && app && !open.apps.includes(app)) open.apps.push(app);
      continue;
    }
    if (e.type !== 'task') continue;
    const id = str(e.taskId);
    if (!id) continue;
    const label = str(e.label);
    if (e.phase === 'start') {
      const item: TaskItem = {
        taskId: id,
        label,
        startT: e.t,
        endT: undefined,
        status: 'open',
        apps: app ? [app] : [],
      };
      byId.set(id, item);
      open = item;
      continue;
    }
    const item = byId.get(id);
    if (!item) continue;
    if (e.phase === 'name') item.label = label ?? item.label;
    else if (e.phase === 'end' || e.phase === 'abandon') {
      item.status = e.phase === 'end' ? 'completed' : 'abandoned';
      item.endT = e.t;
      if (open === item) open = undefined;
    }
  }
  return [...byId.values()].sort((a, b) => b.startT - a.startT);
}
