/**
 * Events of one subject's device stream (ordered by time) → episodes of actions. Pointer presses
 * become clicks, double clicks or drags by the thresholds; wheel events merge into scrolls; typed
 * characters, redaction markers and pastes become `type` actions; keys with Ctrl, Alt, Meta (or
 * Shift on a named key) become hotkeys; other named keys become `key` presses. Episodes end at an
 * application switch, an idle gap, a task marker, and the end of the stream.
 *
 * The builder never turns a printable key into an action unless the key event carries the `char`
 * the privacy filter judged: a letter key without one (text the filter did not see) is dropped.
 */
import type {
  ButtonEvent,
  ElementEvent,
  FocusEvent,
  FrameEvent,
  KeyEvent,
  Modifier,
  StenoEvent,
  TaskEvent,
} from '@steno/protocol';
import type { Action, ClickAction, KeyAction, Point, ScrollAction } from './actions.ts';
import { isModifierKey, isNamedKey, modifierNames, pyautoguiKeyName } from './key-names.ts';
import { type ActionThresholds, DEFAULT_THRESHOLDS } from './thresholds.ts';
import { TypingRun } from './typing-run.ts';

export interface Screen {
  w: number;
  h: number;
}

/** The window an action happened in: shared by the actions taken there. */
export interface WindowContext {
  /** Application in focus; null before any focus event. */
  app: string | null;
  title: string | undefined;
  screen: Screen | undefined;
}

/**
 * The element an action was aimed at: from the browser extension's element event joined to the
 * desktop click (by time and screen position), or (issue 17) from the desktop agent's read of the
 * accessibility tree — joined to the click at its point, or to the typing that started in it.
 * Strings were filtered on the device.
 */
export interface ElementTarget {
  source: 'browser' | 'desktop';
  role: string;
  name: string | undefined;
  /** Web pages only. */
  tag: string | undefined;
  /** A CSS selector on a web page; the accessibility path from the window on the desktop. */
  selector: string;
  /** Desktop only: the AT-SPI states set. */
  states?: string[];
  /** The element's box in screen pixels. */
  box: { x: number; y: number; w: number; h: number };
}

export interface BuiltStep {
  action: Action;
  window: WindowContext;
  /** The element the action was aimed at, when one was joined to it. */
  target?: ElementTarget;
  /** The frame taken just before the action (joined by the action's id). */
  before?: FrameEvent;
  /** The next frame of the same window in the episode (the before frame of a later action there). */
  after?: FrameEvent;
}

/** Frames waiting for their action: at most this many (a frame whose action never came is let go). */
const MAX_WAITING_FRAMES = 64;

/**
 * Why an episode ended: `task_end` / `task_abandoned` when the contributor ended or abandoned the
 * task it was; `task` at a marker (a new task began, or an older agent's bare marker).
 */
export type EpisodeEndReason =
  | 'app_switch'
  | 'idle'
  | 'task'
  | 'task_end'
  | 'task_abandoned'
  | 'end_of_stream';

/** How a marked task ended: done, given up, or never ended (idle, a new task, the end of the stream). */
export type TaskStatus = 'completed' | 'abandoned' | 'unfinished';

export interface BuiltEpisode {
  /** Application in focus; null when actions came before any focus event. */
  app: string | null;
  /** Label of the task marker that opened the episode, as captured (the dataset build decides whether to keep it). */
  task: string | undefined;
  /** True when a task marker opened the episode. */
  taskMarked: boolean;
  /** For an episode that is a started task (`phase: start`): how it ended. */
  taskStatus: TaskStatus | undefined;
  /** The device's opaque id of that task (joins the contributor's review; never written out). */
  taskId: string | undefined;
  /** Applications of the steps, in order of first use (a task may span several). */
  apps: string[];
  startT: number;
  endT: number;
  endReason: EpisodeEndReason;
  steps: BuiltStep[];
}

export interface ActionBuilderOptions {
  thresholds?: Partial<ActionThresholds>;
  /** Screen size when focus events do not carry one (e.g. from the device's enrolment). */
  screen?: Screen;
  /** Only events with from ≤ t < to make actions; focus events outside still set the context. */
  from?: number;
  to?: number;
}

/** Counts of input the builder could not use (aggregates, for the dataset card). */
export interface BuilderDropCounts {
  /** Printable keys without a judged character: never written as text or presses. */
  keysWithoutChar: number;
  /** Keys pyautogui cannot press ('Unidentified', media keys). */
  keysUnmapped: number;
  /** Back/forward buttons, releases without a press. */
  buttonsUnused: number;
  /** Events of types the builder does not turn into actions. */
  eventsIgnored: number;
}

interface Press {
  x: number;
  y: number;
  t: number;
  actionId: string | undefined;
  mods: Modifier[];
  farthest: number;
}

type PressButton = 'left' | 'right' | 'middle';
const CLICK_TYPE: Readonly<Record<PressButton, ClickAction['type']>> = {
  left: 'click',
  right: 'right_click',
  middle: 'middle_click',
};

interface OpenEpisode {
  app: string | null;
  task: OpenTask | null;
  steps: BuiltStep[];
}

/** A task marker's state: a started task spans applications until it is ended or abandoned. */
interface OpenTask {
  label: string | undefined;
  id: string | undefined;
  /** Started with `phase: start` (spans applications); false for an older agent's bare marker. */
  spans: boolean;
}

/** Element events waiting for their click, and clicks waiting for their element: at most this many. */
const MAX_JOIN_WAITING = 32;

export class ActionBuilder {
  readonly #th: ActionThresholds;
  readonly #defaultScreen: Screen | undefined;
  readonly #from: number;
  readonly #to: number;
  readonly drops: BuilderDropCounts = {
    keysWithoutChar: 0,
    keysUnmapped: 0,
    buttonsUnused: 0,
    eventsIgnored: 0,
  };

  #app: string | null = null;
  #window: WindowContext;
  #episode: OpenEpisode | null = null;
  /** The task the next episode belongs to (and, when it spans, the open episode's too). */
  #task: OpenTask | null = null;
  #elements: ElementEvent[] = [];
  /** Clicks and typing waiting for their element, with the window they were made in. */
  #untargeted: { step: BuiltStep; window: number }[] = [];
  /** Counts window changes: a desktop element joins only an action of the window it was read in. */
  #windowSeq = 0;
  /** Clicks joined to a desktop element, which a browser element (richer: tag, CSS selector) may replace. */
  #desktopTargeted: BuiltStep[] = [];
  #lastEventT: number | undefined;
  /** Identity of the last focus event (to tell a restated focus from a focus change). */
  #focusKey: string | undefined;
  #done: BuiltEpisode[] = [];

  #path: Point[] = [];
  #presses = new Map<PressButton, Press>();
  #run: TypingRun | null = null;
  #runActionId: string | undefined;
  /** Before frames by action id, until the action they belong to is made. */
  #frames = new Map<string, FrameEvent>();
  #lastClick: { action: ClickAction; downT: number; mods: Modifier[] } | null = null;
  #lastScroll: { action: ScrollAction; lastT: number; mods: Modifier[] } | null = null;
  #lastKey: { action: KeyAction; lastT: number } | null = null;

  constructor(options: ActionBuilderOptions = {}) {
    this.#th = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
    this.#defaultScreen = options.screen;
    this.#from = options.from ?? Number.NEGATIVE_INFINITY;
    this.#to = options.to ?? Number.POSITIVE_INFINITY;
    this.#window = { app: null, title: undefined, screen: this.#defaultScreen };
  }

  /** Feeds one event; returns the episodes it completed. */
  push(e: StenoEvent): BuiltEpisode[] {
    if (e.t < this.#from || e.t >= this.#to) {
      if (e.type === 'focus') this.#focus(e);
      return this.#drain();
    }
    if (this.#lastEventT !== undefined) {
      const gap = e.t - this.#lastEventT;
      if (this.#task?.spans === true && this.#episode?.task === this.#task) {
        // a task spans pauses (reading, waiting) up to taskIdleMs; beyond it, it was left unfinished
        if (gap > this.#th.taskIdleMs) {
          this.#close('idle');
          this.#task = null;
        }
      } else if (gap > this.#th.episodeIdleMs) this.#close('idle');
    }
    // a restated focus carries the time of the focus it restates: time never moves back
    this.#lastEventT = Math.max(this.#lastEventT ?? e.t, e.t);
    switch (e.type) {
      case 'focus':
        this.#focus(e);
        break;
      case 'task':
        this.#onTask(e);
        break;
      case 'element':
        this.#onElement(e);
        break;
      case 'path':
        this.#onPath(e.t, e.points);
        break;
      case 'button':
        this.#onButton(e);
        break;
      case 'wheel':
        this.#onWheel(e.t, e.x, e.y, wheelClicks(e.dx), wheelClicks(e.dy), e.mods, e.actionId);
        break;
      case 'key':
        this.#onKey(e);
        break;
      case 'redaction':
        this.#path = [];
        this.#addUnit({ kind: 'entity', entity: e.entity }, e.t);
        break;
      case 'frame':
        this.#onFrame(e);
        break;
      case 'paste':
        this.#path = [];
        this.#addUnit({ kind: 'paste' }, e.t);
        break;
      default:
        // event types this builder does not read (browser navigation and page-scroll events): left
        // out rather than guessed at, since their strings were never part of an action
        this.drops.eventsIgnored++;
    }
    return this.#drain();
  }

  /** Ends the stream: closes the open episode and returns what is left. */
  finish(): BuiltEpisode[] {
    this.#close('end_of_stream');
    return this.#drain();
  }

  #drain(): BuiltEpisode[] {
    if (this.#done.length === 0) return [];
    const out = this.#done;
    this.#done = [];
    return out;
  }

  #focus(e: FocusEvent): void {
    // A browser tab's focus (its app is the site origin) inside a desktop application's stream is
    // the page in that application (the agent merges the two sources), not an application switch.
    if (this.#app !== null && !isOrigin(this.#app) && isOrigin(e.app)) return;
    // The agent restates the focus in effect at the head of every batch and of every run of one
    // source's events: the same window again is no focus change (merges carry across it).
    const key = focusKey(e);
    if (key === this.#focusKey) return;
    this.#focusKey = key;
    const { app, title, screen } = e;
    const spanning = this.#task?.spans === true && this.#episode?.task === this.#task;
    if (app !== this.#app && !spanning) this.#close('app_switch');
    else {
      // a new window of the same application: same episode, but no click or scroll carries across
      this.#flushRun();
      this.#forgetMerges();
    }
    this.#app = app;
    this.#window = { app, title, screen: screen ?? this.#defaultScreen };
    // The agent sends a desktop element only while the window it was read in has the focus (right
    // after its trigger, or later as long as that window is still in focus): one waiting now
    // belongs to an action in the old window (a drag's press, a double click's second press), never
    // to one in this window. Dropped after the old window's typing run was flushed and joined.
    this.#windowSeq += 1;
    this.#elements = this.#elements.filter((x) => x.source !== 'desktop');
  }

  #onTask(e: TaskEvent): void {
    const open = this.#task;
    switch (e.phase) {
      case undefined:
        // an older agent's bare marker: a boundary; the next episode carries its label
        this.#close('task');
        this.#task = { label: e.label, id: e.taskId, spans: false };
        return;
      case 'start':
        this.#close('task');
        this.#task = { label: e.label, id: e.taskId, spans: true };
        return;
      case 'name':
        if (open?.spans && (e.taskId === undefined || open.id === undefined || e.taskId === open.id)) {
          open.label = e.label;
          return;
        }
        // naming when no task is open starts one
        this.#close('task');
        this.#task = { label: e.label, id: e.taskId, spans: true };
        return;
      case 'end':
      case 'abandon': {
        const ep = this.#episode;
        const ending =
          open?.spans === true && (e.taskId === undefined || open.id === undefined || e.taskId === open.id);
        if (!ending) {
          this.drops.eventsIgnored++;
          return;
        }
        if (ep !== null) this.#close(e.phase === 'end' ? 'task_end' : 'task_abandoned');
        this.#task = null;
        return;
      }
    }
  }

  #close(reason: EpisodeEndReason): void {
    this.#flushRun();
    this.#presses.clear();
    this.#path = [];
    this.#forgetMerges();
    this.#frames.clear();
    const ep = this.#episode;
    this.#episode = null;
    if (ep === null || ep.steps.length === 0) return;
    linkAfterFrames(ep.steps);
    const task = ep.task;
    // a spanning task ends with it unless the next episode is the same task (never: it is closed
    // only at markers, idle or the end, and those end the task too)
    if (task !== null && task === this.#task && task.spans) this.#task = null;
    const taskStatus: TaskStatus | undefined = !task?.spans
      ? undefined
      : reason === 'task_end'
        ? 'completed'
        : reason === 'task_abandoned'
          ? 'abandoned'
          : 'unfinished';
    const apps: string[] = [];
    for (const s of ep.steps)
      if (s.window.app !== null && !apps.includes(s.window.app)) apps.push(s.window.app);
    let startT = Number.POSITIVE_INFINITY;
    let endT = Number.NEGATIVE_INFINITY;
    for (const s of ep.steps) {
      startT = Math.min(startT, s.action.t);
      endT = Math.max(endT, s.action.t);
    }
    this.#done.push({
      app: ep.app,
      task: task?.label,
      taskMarked: task !== null,
      taskStatus,
      taskId: task?.id,
      apps,
      startT,
      endT,
      endReason: reason,
      steps: ep.steps,
    });
  }

  #forgetMerges(): void {
    this.#lastClick = null;
    this.#lastScroll = null;
    this.#lastKey = null;
  }

  #emit(action: Action): void {
    if (action.type !== 'type') this.#flushRun();
    this.#forgetMerges();
    if (this.#episode === null) {
      this.#episode = { app: this.#app, task: this.#task, steps: [] };
      // a bare marker labels one episode; a started task stays open until it ends
      if (this.#task !== null && !this.#task.spans) this.#task = null;
    }
    // the path that led to a pointer action; keyboard actions clear it as they arrive (#onKey)
    const pointer = action.type !== 'type' && action.type !== 'hotkey' && action.type !== 'key';
    if (pointer) {
      if (this.#th.includePaths && this.#path.length > 0)
        action.path = thin(this.#path, this.#th.maxPathPoints);
      this.#path = [];
    }
    const before = action.actionId === undefined ? undefined : this.#frames.get(action.actionId);
    if (before && action.actionId !== undefined) this.#frames.delete(action.actionId);
    const step: BuiltStep = { action, window: this.#window, ...(before ? { before } : {}) };
    this.#episode.steps.push(step);
    if (isClick(action) || action.type === 'type') this.#joinStep(step);
  }

  /**
   * An element event: joined to the click it explains, now or when that click is made. Element
   * events arrive in click order, so the oldest click that fits is the one.
   */
  #onElement(e: ElementEvent): void {
    for (let i = 0; i < this.#untargeted.length; i++) {
      const { step, window } = this.#untargeted[i] as { step: BuiltStep; window: number };
      if (e.source === 'desktop' && window !== this.#windowSeq) continue;
      if (this.#explains(e, step.action)) {
        this.#target(step, e);
        this.#untargeted.splice(i, 1);
        return;
      }
    }
    if (e.source === undefined) {
      // the page's own element explains a click better than the desktop's view of the browser window
      const i = this.#desktopTargeted.findIndex((s) => this.#explains(e, s.action));
      if (i >= 0) {
        this.#target(this.#desktopTargeted[i] as BuiltStep, e);
        this.#desktopTargeted.splice(i, 1);
        return;
      }
    }
    this.#elements.push(e);
    this.#elements = this.#elements
      .filter((x) => e.t - x.t <= this.#th.elementJoinMs)
      .slice(-MAX_JOIN_WAITING);
  }

  #joinStep(step: BuiltStep): void {
    const i = this.#elements.findIndex((e) => this.#explains(e, step.action));
    if (i >= 0) {
      this.#target(step, this.#elements[i] as ElementEvent);
      this.#elements.splice(i, 1);
      return;
    }
    this.#untargeted.push({ step, window: this.#windowSeq });
    const t = step.action.t;
    this.#untargeted = this.#untargeted
      .filter((u) => t - u.step.action.t <= this.#th.elementJoinMs)
      .slice(-MAX_JOIN_WAITING);
  }

  #target(step: BuiltStep, e: ElementEvent): void {
    step.target = targetOf(e);
    if (e.source !== 'desktop' || step.action.type === 'type') return;
    const t = step.action.t;
    this.#desktopTargeted.push(step);
    this.#desktopTargeted = this.#desktopTargeted
      .filter((s) => t - s.action.t <= this.#th.elementJoinMs)
      .slice(-MAX_JOIN_WAITING);
  }

  /**
   * Whether an element event belongs to an action: a click close in time with the click inside the
   * element's box, or (a desktop element where typing started) the typing close in time.
   */
  #explains(e: ElementEvent, a: Action): boolean {
    if (Math.abs(e.t - a.t) > this.#th.elementJoinMs) return false;
    if (e.action === 'type') return a.type === 'type';
    if (!isClick(a)) return false;
    if ((e.action === 'right_click') !== (a.type === 'right_click')) return false;
    const px = this.#th.elementJoinPx;
    if (e.x !== undefined && e.y !== undefined && Math.hypot(e.x - a.x, e.y - a.y) <= px) return true;
    const b = e.screen;
    return a.x >= b.x - px && a.x <= b.x + b.w + px && a.y >= b.y - px && a.y <= b.y + b.h + px;
  }

  #onFrame(e: FrameEvent): void {
    if (e.meta.kind !== 'before') {
      this.drops.eventsIgnored++;
      return;
    }
    this.#frames.set(e.actionId, e);
    if (this.#frames.size > MAX_WAITING_FRAMES) {
      const oldest = this.#frames.keys().next().value;
      if (oldest !== undefined) this.#frames.delete(oldest);
    }
  }

  #onPath(t: number, points: readonly (readonly [number, number, number])[]): void {
    for (const [dt, x, y] of points) {
      this.#path.push({ x, y });
      for (const p of this.#presses.values())
        if (t + dt >= p.t) p.farthest = Math.max(p.farthest, Math.hypot(x - p.x, y - p.y));
    }
  }

  #onButton(e: ButtonEvent): void {
    if (e.button !== 'left' && e.button !== 'right' && e.button !== 'middle') {
      this.drops.buttonsUnused++;
      return;
    }
    if (e.dir === 'down') {
      this.#flushRun();
      this.#presses.set(e.button, {
        x: e.x,
        y: e.y,
        t: e.t,
        actionId: e.actionId,
        mods: e.mods,
        farthest: 0,
      });
      return;
    }
    const p = this.#presses.get(e.button);
    if (p === undefined) {
      this.drops.buttonsUnused++;
      return;
    }
    this.#presses.delete(e.button);
    const moved = Math.max(p.farthest, Math.hypot(e.x - p.x, e.y - p.y));
    const mods = modifierNames(p.mods);
    if (moved > this.#th.dragPx) {
      this.#emit({
        type: 'drag',
        t: p.t,
        button: e.button,
        x: p.x,
        y: p.y,
        toX: e.x,
        toY: e.y,
        mods,
        ...withId(p.actionId),
      });
      return;
    }
    const last = this.#lastClick;
    if (
      e.button === 'left' &&
      last !== null &&
      p.t - last.downT <= this.#th.doubleClickMs &&
      Math.hypot(p.x - last.action.x, p.y - last.action.y) <= this.#th.doubleClickPx &&
      sameMods(p.mods, last.mods)
    ) {
      // a second press makes a double click, a third a triple click (selects a line in most
      // editors); a fourth starts over. Time counts from the press before, distance from the first.
      if (last.action.type === 'click') {
        last.action.type = 'double_click';
        this.#lastClick = { action: last.action, downT: p.t, mods: p.mods };
      } else {
        last.action.type = 'triple_click';
        this.#lastClick = null;
      }
      this.#path = [];
      return;
    }
    const action: ClickAction = {
      type: CLICK_TYPE[e.button],
      t: p.t,
      x: p.x,
      y: p.y,
      mods,
      ...withId(p.actionId),
    };
    this.#emit(action);
    if (e.button === 'left') this.#lastClick = { action, downT: p.t, mods: p.mods };
  }

  #onWheel(
    t: number,
    x: number,
    y: number,
    dx: number,
    dy: number,
    mods: Modifier[],
    actionId: string | undefined,
  ): void {
    const last = this.#lastScroll;
    if (
      last !== null &&
      this.#run === null &&
      t - last.lastT <= this.#th.scrollMergeMs &&
      Math.hypot(x - last.action.x, y - last.action.y) <= this.#th.dragPx &&
      sameMods(mods, last.mods)
    ) {
      last.action.dx += dx;
      last.action.dy += dy;
      last.lastT = t;
      this.#path = [];
      return;
    }
    const action: ScrollAction = {
      type: 'scroll',
      t,
      x,
      y,
      dx,
      dy,
      mods: modifierNames(mods),
      ...withId(actionId),
    };
    this.#emit(action);
    this.#lastScroll = { action, lastT: t, mods };
  }

  #onKey(e: KeyEvent): void {
    if (e.dir !== 'down' || isModifierKey(e.key)) return;
    this.#path = [];
    const ctrl = e.mods.includes('ctrl');
    const alt = e.mods.includes('alt');
    const meta = e.mods.includes('meta');
    // AltGr (Ctrl+Alt) types characters; Ctrl or Meta alone makes a shortcut
    const typingMods = !meta && (!ctrl || alt);
    const named = isNamedKey(e.key) && e.key !== 'Space' && e.key !== ' ';
    if (e.char !== undefined && typingMods && !named) {
      this.#addUnit({ kind: 'char', char: e.char }, e.t, e.actionId);
      return;
    }
    if ((e.key === 'Backspace' || e.key === 'BackSpace') && !meta && !this.#runIsEmpty()) {
      this.#run?.erase(e.t, ctrl || alt);
      return;
    }
    const name = pyautoguiKeyName(e.key);
    if (name === undefined) {
      this.drops.keysUnmapped++;
      return;
    }
    const mods = modifierNames(e.mods);
    if (!isNamedKey(e.key) && !ctrl && !alt && !meta) {
      // a printable key whose character the filter never judged: not text, not a press
      this.drops.keysWithoutChar++;
      return;
    }
    if (mods.length > 0) {
      this.#emit({ type: 'hotkey', t: e.t, keys: [...mods, name], ...withId(e.actionId) });
      return;
    }
    const last = this.#lastKey;
    if (last !== null && last.action.key === name && e.t - last.lastT <= this.#th.typingIdleMs) {
      last.action.presses++;
      last.lastT = e.t;
      return;
    }
    const action: KeyAction = { type: 'key', t: e.t, key: name, presses: 1, ...withId(e.actionId) };
    this.#emit(action);
    this.#lastKey = { action, lastT: e.t };
  }

  #runIsEmpty(): boolean {
    return this.#run === null || this.#run.isEmpty;
  }

  #addUnit(unit: Parameters<TypingRun['add']>[0], t: number, actionId?: string): void {
    if (this.#run !== null && t - this.#run.lastT > this.#th.typingIdleMs) this.#flushRun();
    if (this.#run === null) {
      this.#run = new TypingRun(t);
      this.#runActionId = actionId;
      this.#forgetMerges();
    }
    this.#run.add(unit, t);
  }

  #flushRun(): void {
    const run = this.#run;
    if (run === null) return;
    this.#run = null;
    const actionId = this.#runActionId;
    this.#runActionId = undefined;
    if (!run.isEmpty) this.#emit({ ...run.toAction(), ...withId(actionId) });
  }
}

function isClick(a: Action): a is ClickAction {
  return (
    a.type === 'click' ||
    a.type === 'double_click' ||
    a.type === 'triple_click' ||
    a.type === 'right_click' ||
    a.type === 'middle_click'
  );
}

function targetOf(e: ElementEvent): ElementTarget {
  return {
    source: e.source ?? 'browser',
    role: e.role,
    name: e.name,
    tag: e.tag,
    selector: e.selector,
    ...(e.states ? { states: e.states } : {}),
    box: { x: e.screen.x, y: e.screen.y, w: e.screen.w, h: e.screen.h },
  };
}

function focusKey(e: FocusEvent): string {
  return JSON.stringify([e.app, e.title ?? null, e.screen?.w ?? null, e.screen?.h ?? null]);
}

/** A browser source's application: a site origin (`https://crm.example.com`). */
function isOrigin(app: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(app);
}

/**
 * Wheel deltas in pyautogui's unit, clicks (notches). OS hooks report notches (libuiohook divides
 * Windows' WHEEL_DELTA out); some sources (replay files, Windows raw deltas) report 120 per notch
 * (WHEEL_DELTA). A delta that is a non-zero multiple of 120 is taken to be in those units: no hook
 * reports 120 notches in one event.
 */
export function wheelClicks(delta: number): number {
  return delta !== 0 && delta % WHEEL_DELTA === 0 ? delta / WHEEL_DELTA : delta;
}
const WHEEL_DELTA = 120;

function withId(actionId: string | undefined): { actionId?: string } {
  return actionId === undefined ? {} : { actionId };
}

/** The after frame of a step: the before frame of the next step in the episode showing the same window. */
function linkAfterFrames(steps: BuiltStep[]): void {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as BuiltStep;
    const b = step.before;
    if (!b) continue;
    for (let j = i + 1; j < steps.length; j++) {
      const next = (steps[j] as BuiltStep).before;
      if (next && next.meta.app === b.meta.app && sameRect(next.meta.window, b.meta.window)) {
        step.after = next;
        break;
      }
    }
  }
}

function sameRect(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

function sameMods(a: readonly Modifier[], b: readonly Modifier[]): boolean {
  return a.length === b.length && a.every((m) => b.includes(m));
}

/** Keeps at most `max` points, evenly spaced, always the last (where the pointer arrived). */
function thin(points: Point[], max: number): Point[] {
  if (points.length <= max) return points;
  if (max <= 1) return points.slice(-1);
  const out: Point[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)] as Point);
  return out;
}

/** Builds the episodes of a whole in-memory stream (tests, small inputs). */
export function buildEpisodes(
  events: Iterable<StenoEvent>,
  options: ActionBuilderOptions = {},
): BuiltEpisode[] {
  const builder = new ActionBuilder(options);
  const out: BuiltEpisode[] = [];
  for (const e of events) out.push(...builder.push(e));
  out.push(...builder.finish());
  return out;
}
