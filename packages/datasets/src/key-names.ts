/**
 * Key events → pyautogui key names. Key names come from the agent's layout table
 * (packages/agent/src/capture/keyboard-layout.ts: 'a', 'Enter', 'ArrowLeft', 'F5', 'Space', ...)
 * or from a browser's KeyboardEvent.key (' ', 'Esc'); both spellings are mapped.
 */
import type { Modifier } from '@steno/protocol';
import type { ModifierName } from './actions.ts';

/** Keys that only modify others: never an action of their own. */
const MODIFIER_KEYS = new Set([
  'Shift',
  'ShiftLeft',
  'ShiftRight',
  'Control',
  'ControlLeft',
  'ControlRight',
  'Alt',
  'AltLeft',
  'AltRight',
  'AltGraph',
  'Meta',
  'MetaLeft',
  'MetaRight',
  'OS',
  'Super',
  'Hyper',
  'Fn',
  'CapsLock',
  'NumLock',
  'ScrollLock',
]);

const NAMED: Readonly<Record<string, string>> = {
  Enter: 'enter',
  NumpadEnter: 'enter',
  Return: 'enter',
  Tab: 'tab',
  Escape: 'esc',
  Esc: 'esc',
  Backspace: 'backspace',
  Delete: 'delete',
  Del: 'delete',
  Insert: 'insert',
  Home: 'home',
  End: 'end',
  PageUp: 'pageup',
  PageDown: 'pagedown',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Left: 'left',
  Right: 'right',
  Up: 'up',
  Down: 'down',
  Space: 'space',
  ' ': 'space',
  Spacebar: 'space',
  PrintScreen: 'printscreen',
  Pause: 'pause',
  ContextMenu: 'apps',
  Apps: 'apps',
  Help: 'help',
  Clear: 'clear',
};

const MODIFIER_ORDER: readonly [Modifier, ModifierName][] = [
  ['ctrl', 'ctrl'],
  ['alt', 'alt'],
  ['shift', 'shift'],
  ['meta', 'win'],
];

export function isModifierKey(key: string): boolean {
  return MODIFIER_KEYS.has(key);
}

/** Modifiers in pyautogui's names and a fixed order (ctrl, alt, shift, win). */
export function modifierNames(mods: readonly Modifier[]): ModifierName[] {
  const out: ModifierName[] = [];
  for (const [m, name] of MODIFIER_ORDER) if (mods.includes(m)) out.push(name);
  return out;
}

/**
 * The pyautogui name of a non-modifier key: named keys ('enter', 'f5', 'left'), or a single
 * printable key lower-cased ('c', ';'). `undefined` for keys pyautogui cannot press
 * ('Unidentified', media keys, multi-character names it does not know).
 */
export function pyautoguiKeyName(key: string): string | undefined {
  const named = NAMED[key];
  if (named !== undefined) return named;
  const f = /^F([1-9]|1[0-9]|2[0-4])$/.exec(key);
  if (f) return `f${f[1]}`;
  if ([...key].length === 1) return key.toLowerCase();
  return undefined;
}

/** True for a key that types nothing by itself: named keys, function keys. */
export function isNamedKey(key: string): boolean {
  return [...key].length > 1 || key === ' ';
}
