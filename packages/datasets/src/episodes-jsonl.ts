/**
 * Episodes as JSON lines: one episode a line, its steps nested, snake_case keys in a fixed order
 * (the same build gives the same bytes). Returned as bytes so the caller can encrypt them before
 * anything touches a disk.
 */
import type { Episode, Step } from './steps.ts';

export const EPISODES_FILE = 'episodes.jsonl';

function stepRecord(s: Step): Record<string, unknown> {
  return {
    step: s.step,
    t_ms: s.tMs,
    app: s.app,
    title: s.title,
    action: s.action,
    x: s.x,
    y: s.y,
    x_norm: s.xNorm,
    y_norm: s.yNorm,
    to_x: s.toX,
    to_y: s.toY,
    to_x_norm: s.toXNorm,
    to_y_norm: s.toYNorm,
    button: s.button,
    dx: s.dx,
    dy: s.dy,
    keys: s.keys,
    presses: s.presses,
    text: s.text,
    path: s.path,
    pyautogui: s.pyautogui,
    before_frame: s.beforeFrame,
    after_frame: s.afterFrame,
    x_in_window: s.xInWindow,
    y_in_window: s.yInWindow,
    x_in_frame: s.xInFrame,
    y_in_frame: s.yInFrame,
    target:
      s.target === null
        ? null
        : {
            source: s.target.source,
            role: s.target.role,
            name: s.target.name ?? null,
            tag: s.target.tag,
            selector: s.target.selector,
            states: s.target.states ?? null,
            box: [s.target.box.x, s.target.box.y, s.target.box.w, s.target.box.h],
          },
  };
}

export function episodeRecord(e: Episode): Record<string, unknown> {
  return {
    episode_id: e.episodeId,
    contributor: e.contributor,
    app: e.app,
    apps: e.apps,
    title: e.title,
    screen_w: e.screen?.w ?? null,
    screen_h: e.screen?.h ?? null,
    start_ms: e.startMs,
    end_ms: e.endMs,
    end_reason: e.endReason,
    task_marked: e.taskMarked,
    task: e.task,
    task_status: e.taskStatus,
    reviewed: e.reviewed,
    steps: e.steps.map(stepRecord),
  };
}

/** UTF-8 bytes, one JSON object per line, each line ending in `\n`. */
export function episodesToJsonl(episodes: readonly Episode[]): Uint8Array {
  let text = '';
  for (const e of episodes) text += `${JSON.stringify(episodeRecord(e))}\n`;
  return new TextEncoder().encode(text);
}
