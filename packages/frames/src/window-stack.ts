/**
 * The window stack and what may be kept of it. From the top-level windows, bottom to top, and a
 * scope predicate, `planFrame` decides whether a frame may be taken for the window acted on and,
 * if so, which pixels survive: the visible content of in-scope windows, nothing else. Pure: the
 * X11 reader builds a `WindowStack`, tests build one by hand.
 */
import { area, clipRegion, intersect, overlaps, type Rect, subtractRect } from './geometry.ts';

/** One viewable top-level window (a child of the root: a window-manager frame or an unmanaged popup). */
export interface StackWindow {
  /** The top-level window id. */
  readonly id: number;
  /** The managed client inside it (from _NET_CLIENT_LIST_STACKING); 0 for an unmanaged window. */
  readonly client: number;
  /** WM_CLASS class (else instance); '' when unknown, which no scope rule matches. */
  readonly app: string;
  /** _NET_WM_NAME, else WM_NAME; '' when unknown. Used for scope title rules only, never stored. */
  readonly title: string;
  /** _NET_WM_PID, 0 when unknown. */
  readonly pid: number;
  /** Everything the window paints, decorations and border included, in screen coordinates. */
  readonly outer: Rect;
  /** The client area (what the application draws), in screen coordinates. */
  readonly content: Rect;
  /** Popups, menus, tooltips and notifications bypass the window manager. */
  readonly overrideRedirect: boolean;
}

export interface WindowStack {
  /** The screen, (0, 0, width, height). */
  readonly screen: Rect;
  /** Viewable, painting top-level windows, bottom to top. */
  readonly windows: readonly StackWindow[];
  /** The client id of _NET_ACTIVE_WINDOW; 0 when none. */
  readonly active: number;
}

/** Whether a window is in a scope that allows frames (app, title; see `FrameScope`). */
export type InScope = (window: StackWindow) => boolean;

export type PlanDropReason =
  /** No window to take the frame of (nothing active, or the id is not on screen). */
  | 'NO_TARGET'
  /** The window acted on is not in a scope that allows frames. */
  | 'TARGET_OUT_OF_SCOPE'
  /** An out-of-scope window (or an unknown popup) lies over the window acted on. */
  | 'TARGET_COVERED'
  /** Nothing of the window acted on is visible on the screen. */
  | 'TARGET_HIDDEN';

export interface FramePlan {
  readonly target: StackWindow;
  /** The pixels to keep: visible content of in-scope windows, disjoint, clipped to the screen. */
  readonly keep: readonly Rect[];
  /** The visible part of the target's content. */
  readonly targetVisible: readonly Rect[];
  /** Each in-scope window with visible content, top to bottom, and its part of `keep` (what recognition reads per window). */
  readonly windows: readonly PlannedWindow[];
}

/** An in-scope window and the part of `keep` it paints. */
export interface PlannedWindow {
  readonly window: StackWindow;
  /** Disjoint rectangles, clipped to the screen; together with the other windows' they make up `keep`. */
  readonly visible: readonly Rect[];
}

export type PlanOutcome = { ok: true; plan: FramePlan } | { ok: false; reason: PlanDropReason };

/** Finds a window by top-level or client id. */
export function findWindow(stack: WindowStack, id: number): StackWindow | undefined {
  if (id === 0) return undefined;
  return stack.windows.find((w) => w.client === id || w.id === id);
}

/**
 * Decides what a frame of `targetId` (default: the active window) may show. Fail closed: an
 * out-of-scope or unknown window overlapping the target's content drops the frame, and only the
 * content (never the decorations, which show the title) of in-scope windows is kept.
 */
export function planFrame(stack: WindowStack, inScope: InScope, targetId = stack.active): PlanOutcome {
  const targetIndex = stack.windows.findIndex(
    (w) => targetId !== 0 && (w.client === targetId || w.id === targetId),
  );
  const target = stack.windows[targetIndex];
  if (!target) return { ok: false, reason: 'NO_TARGET' };
  const scoped = stack.windows.map((w) => inScope(w));
  if (!scoped[targetIndex]) return { ok: false, reason: 'TARGET_OUT_OF_SCOPE' };
  for (let i = targetIndex + 1; i < stack.windows.length; i++) {
    const above = stack.windows[i] as StackWindow;
    if (!scoped[i] && overlaps(above.outer, target.content)) return { ok: false, reason: 'TARGET_COVERED' };
  }

  const keep: Rect[] = [];
  const windows: PlannedWindow[] = [];
  let targetVisible: Rect[] = [];
  for (let i = stack.windows.length - 1; i >= 0; i--) {
    if (!scoped[i]) continue;
    const w = stack.windows[i] as StackWindow;
    const content = intersect(w.content, stack.screen);
    if (!content) continue;
    let visible: Rect[] = [content];
    for (let j = i + 1; j < stack.windows.length && visible.length > 0; j++) {
      visible = subtractRect(visible, (stack.windows[j] as StackWindow).outer);
    }
    // Content of windows above was kept already; what is left here is disjoint from it.
    keep.push(...visible);
    if (area(visible) > 0) windows.push({ window: w, visible: clipRegion(visible, stack.screen) });
    if (i === targetIndex) targetVisible = visible;
  }
  if (area(targetVisible) === 0) return { ok: false, reason: 'TARGET_HIDDEN' };
  return { ok: true, plan: { target, keep: clipRegion(keep, stack.screen), targetVisible, windows } };
}

/** Whether two snapshots of the stack show the same windows in the same places and order. */
export function sameLayout(a: WindowStack, b: WindowStack): boolean {
  if (a.windows.length !== b.windows.length || a.active !== b.active) return false;
  for (let i = 0; i < a.windows.length; i++) {
    const x = a.windows[i] as StackWindow;
    const y = b.windows[i] as StackWindow;
    if (x.id !== y.id || !sameRect(x.outer, y.outer) || !sameRect(x.content, y.content)) return false;
  }
  return true;
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
