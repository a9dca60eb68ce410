/**
 * The output records of a dataset: episodes and their steps, de-identified. A step is one action
 * with quantised time, absolute and normalised coordinates, its pyautogui form and the window
 * context the spec allows (application always, title only when allow-listed). No subject id,
 * device id or raw timestamp appears here.
 */

import type { FrameEventMeta } from '@steno/protocol';
import type { ElementTarget, EpisodeEndReason, Screen, TaskStatus } from './action-builder.ts';
import type { Action, ActionType } from './actions.ts';
import { toPyautogui } from './pyautogui.ts';
import { quantise } from './quantise.ts';

export interface Step {
  contributor: string;
  episodeId: string;
  /** 0-based index of the step in its episode. */
  step: number;
  /** Epoch milliseconds, floored to the spec's quantisation. */
  tMs: number;
  app: string;
  title: string | null;
  screenW: number | null;
  screenH: number | null;
  action: ActionType;
  /** Pointer position (start of a drag), pixels. */
  x: number | null;
  y: number | null;
  /** x / screen width, y / screen height (null when the screen size is unknown). */
  xNorm: number | null;
  yNorm: number | null;
  /** End of a drag. */
  toX: number | null;
  toY: number | null;
  toXNorm: number | null;
  toYNorm: number | null;
  button: 'left' | 'right' | 'middle' | null;
  /** Scroll deltas in clicks (notches, as pyautogui scrolls): positive dy = down, positive dx = right. */
  dx: number | null;
  dy: number | null;
  /** Hotkey keys (['ctrl', 'c']), the pressed key (['enter']), or modifiers held during a pointer action. */
  keys: string[] | null;
  presses: number | null;
  /** Typed text with `[ENTITY]` and `[PASTE]` tokens. */
  text: string | null;
  /** Pointer points that led to the action (pixels, oldest first, no timing). */
  path: [number, number][] | null;
  pyautogui: string;
  /** The frame showing the screen just before the action (an id in frames.parquet), when one was taken. */
  beforeFrame: string | null;
  /** The next frame of the same window after the action, when there is one. */
  afterFrame: string | null;
  /** The pointer position relative to the acted-on window's content (screen pixels), with a before frame. */
  xInWindow: number | null;
  yInWindow: number | null;
  /** The pointer position in the before frame's pixels. */
  xInFrame: number | null;
  yInFrame: number | null;
  /** The element the action was aimed at (role, accessible name, tag, selector, screen box), when joined. */
  target: ElementTarget | null;
}

/** A frame a step refers to: its id in the dataset and its geometry. */
export interface StepFrame {
  id: string;
  meta: FrameEventMeta;
}

export interface Episode {
  episodeId: string;
  contributor: string;
  app: string;
  /** Title of the window the episode began in, when allow-listed. */
  title: string | null;
  screen: Screen | null;
  startMs: number;
  endMs: number;
  endReason: EpisodeEndReason;
  /** True when a contributor's task marker opened the episode. */
  taskMarked: boolean;
  /** The marker's label after redaction, when the spec keeps labels. */
  task: string | null;
  /** For a started task: `completed`, `abandoned` or `unfinished`; null otherwise. */
  taskStatus: TaskStatus | null;
  /** The contributor reviewed (and kept) this task. */
  reviewed: boolean;
  /** Applications of the steps in order of first use (one unless a task spans several). */
  apps: string[];
  steps: Step[];
}

export interface StepContext {
  contributor: string;
  episodeId: string;
  step: number;
  app: string;
  title: string | null;
  screen: Screen | undefined;
  quantiseMs: number;
  before?: StepFrame | undefined;
  after?: StepFrame | undefined;
  target?: ElementTarget | undefined;
}

const norm = (v: number, size: number | undefined): number | null =>
  size === undefined ? null : Math.round((v / size) * 1e5) / 1e5;

export function toStep(action: Action, ctx: StepContext): Step {
  const w = ctx.screen?.w;
  const h = ctx.screen?.h;
  const step: Step = {
    contributor: ctx.contributor,
    episodeId: ctx.episodeId,
    step: ctx.step,
    tMs: quantise(action.t, ctx.quantiseMs),
    app: ctx.app,
    title: ctx.title,
    screenW: w ?? null,
    screenH: h ?? null,
    action: action.type,
    x: null,
    y: null,
    xNorm: null,
    yNorm: null,
    toX: null,
    toY: null,
    toXNorm: null,
    toYNorm: null,
    button: null,
    dx: null,
    dy: null,
    keys: null,
    presses: null,
    text: null,
    path: action.path ? action.path.map((p) => [p.x, p.y]) : null,
    pyautogui: toPyautogui(action),
    beforeFrame: ctx.before?.id ?? null,
    afterFrame: ctx.after?.id ?? null,
    xInWindow: null,
    yInWindow: null,
    xInFrame: null,
    yInFrame: null,
    target: ctx.target ?? null,
  };
  switch (action.type) {
    case 'click':
    case 'double_click':
    case 'triple_click':
    case 'right_click':
    case 'middle_click':
    case 'scroll':
    case 'drag':
      step.x = action.x;
      step.y = action.y;
      step.xNorm = norm(action.x, w);
      step.yNorm = norm(action.y, h);
      step.keys = action.mods.length > 0 ? [...action.mods] : null;
      if (ctx.before) {
        const m = ctx.before.meta;
        step.xInWindow = action.x - m.window.x;
        step.yInWindow = action.y - m.window.y;
        step.xInFrame = Math.round((action.x - m.origin.x) * m.scale);
        step.yInFrame = Math.round((action.y - m.origin.y) * m.scale);
      }
      if (action.type === 'drag') {
        step.toX = action.toX;
        step.toY = action.toY;
        step.toXNorm = norm(action.toX, w);
        step.toYNorm = norm(action.toY, h);
        step.button = action.button;
      } else if (action.type === 'scroll') {
        step.dx = action.dx;
        step.dy = action.dy;
      } else {
        step.button =
          action.type === 'right_click' ? 'right' : action.type === 'middle_click' ? 'middle' : 'left';
      }
      break;
    case 'type':
      step.text = action.text;
      break;
    case 'hotkey':
      step.keys = [...action.keys];
      break;
    case 'key':
      step.keys = [action.key];
      step.presses = action.presses;
      break;
  }
  return step;
}
