/**
 * The action vocabulary of datasets: what the builder makes of events. Times are epoch
 * milliseconds as captured (the dataset build quantises them); coordinates are screen pixels.
 */
import type { EntityType } from '@steno/protocol';

export const ACTION_TYPES = [
  'click',
  'double_click',
  'triple_click',
  'right_click',
  'middle_click',
  'drag',
  'scroll',
  'type',
  'hotkey',
  'key',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** pyautogui modifier names, in the order they are written: ctrl, alt, shift, win. */
export type ModifierName = 'ctrl' | 'alt' | 'shift' | 'win';

export interface Point {
  x: number;
  y: number;
}

interface ActionBase {
  t: number;
  /** The device's id of the event the action began with, when a frame was taken for it (joins the frame). */
  actionId?: string;
  /** Pointer points (oldest first) that led to this action, without timing. */
  path?: Point[];
}

export interface ClickAction extends ActionBase {
  type: 'click' | 'double_click' | 'triple_click' | 'right_click' | 'middle_click';
  x: number;
  y: number;
  /** Modifiers held during the click (shift-click, ctrl-click). */
  mods: ModifierName[];
}

export interface DragAction extends ActionBase {
  type: 'drag';
  button: 'left' | 'right' | 'middle';
  x: number;
  y: number;
  toX: number;
  toY: number;
  mods: ModifierName[];
}

export interface ScrollAction extends ActionBase {
  type: 'scroll';
  x: number;
  y: number;
  /** Summed wheel deltas in clicks (notches; 120-unit deltas divided by 120): positive dy scrolls down, positive dx right. */
  dx: number;
  dy: number;
  mods: ModifierName[];
}

/** One unit of typed content: a character, or a placeholder for content the dataset may not hold. */
export type TypedUnit =
  | { kind: 'char'; char: string }
  | { kind: 'entity'; entity: EntityType }
  | { kind: 'paste' };

export interface TypeAction extends ActionBase {
  type: 'type';
  /** The text with `[EMAIL]`, `[SECRET]`, ... for redaction markers and `[PASTE]` for pastes. */
  text: string;
  /** Entity types of the markers in `text`, in order (for redaction statistics). */
  entities: EntityType[];
  pastes: number;
}

export interface HotkeyAction extends ActionBase {
  type: 'hotkey';
  /** pyautogui key names: modifiers first, then the key, e.g. ['ctrl', 'c']. */
  keys: string[];
}

export interface KeyAction extends ActionBase {
  type: 'key';
  /** pyautogui key name, e.g. 'enter', 'tab', 'f5', 'left'. */
  key: string;
  /** The key pressed this many times in a row (auto-repeat or repeated presses). */
  presses: number;
}

export type Action = ClickAction | DragAction | ScrollAction | TypeAction | HotkeyAction | KeyAction;
