/**
 * Trajectories as JSON lines in the shape public desktop computer-use datasets use (issue 17):
 * one task a line with its natural-language instruction, and per step a screenshot reference, the
 * action as a pyautogui call, the element it was aimed at, and a reasoning field left empty for a
 * trainer to fill (Steno records what people did, never why). Modelled on AgentNet's JSONL
 * (`task_id`, `instruction`, `task_completed`, steps with an image and pyautogui `code`) and the
 * AgentNetBench step schema (relative positions, element boxes); see packages/datasets/README.md.
 */
import type { Episode, Step } from './steps.ts';

export const TRAJECTORIES_FILE = 'trajectories.jsonl';
export const TRAJECTORIES_FORMAT = 'steno-trajectories/1';

/** The screenshot reference of a frame: its `path` in the hub Parquet, `<frame_id>.webp`. */
export function frameImagePath(frameId: string): string {
  return `${frameId}.webp`;
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;

function target(s: Step): Record<string, unknown> | null {
  const t = s.target;
  if (t === null) return null;
  const w = s.screenW;
  const h = s.screenH;
  return {
    source: t.source,
    role: t.role,
    name: t.name ?? null,
    tag: t.tag,
    selector: t.selector,
    // desktop targets: the AT-SPI states set when it was read (`focused`, `checked`, ...); browser: null
    states: t.states ?? null,
    bbox: [t.box.x, t.box.y, t.box.w, t.box.h],
    // [x, y, w, h] relative to the screen, as AgentNetBench's metadata boxes
    bbox_norm:
      w === null || h === null
        ? null
        : [round(t.box.x / w), round(t.box.y / h), round(t.box.w / w), round(t.box.h / h)],
  };
}

export function trajectoryRecord(e: Episode): Record<string, unknown> {
  return {
    format: TRAJECTORIES_FORMAT,
    task_id: e.episodeId,
    instruction: e.task,
    task_completed: e.taskStatus === 'completed' ? true : e.taskStatus === 'abandoned' ? false : null,
    contributor: e.contributor,
    apps: e.apps,
    screen: e.screen === null ? null : { w: e.screen.w, h: e.screen.h },
    steps: e.steps.map((s) => ({
      index: s.step,
      image: s.beforeFrame === null ? null : frameImagePath(s.beforeFrame),
      app: s.app,
      action: s.action,
      code: s.pyautogui,
      position: s.xNorm === null || s.yNorm === null ? null : { x: s.xNorm, y: s.yNorm },
      target: target(s),
      reasoning: '',
    })),
  };
}

/** UTF-8 JSON lines, one trajectory (episode) a line; images are referred to by path, never embedded. */
export function trajectoriesToJsonl(episodes: readonly Episode[]): Uint8Array {
  let text = '';
  for (const e of episodes) text += `${JSON.stringify(trajectoryRecord(e))}\n`;
  return new TextEncoder().encode(text);
}
