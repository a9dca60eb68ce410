/**
 * What a key event means for typed text: a character, a text boundary, an edit, a paste shortcut,
 * or nothing (shortcuts, modifiers, function keys). `char` is taken as final: the agent's layout
 * mapping has applied Shift and Caps Lock (see caps-lock.ts).
 */
import type { KeyEvent } from '@steno/protocol';

/** Keys that end the current line of text: the filter decides what it holds when one arrives. */
const BOUNDARY_KEYS = new Set([
  'Enter',
  'NumpadEnter',
  'Return',
  'Tab',
  'ArrowUp',
  'ArrowDown',
  'PageUp',
  'PageDown',
]);

export function isBoundaryKey(key: string): boolean {
  return BOUNDARY_KEYS.has(key);
}

/** A character typed into text: not a shortcut (Ctrl/Meta), except AltGr (Ctrl+Alt) which types. */
export function typedChar(e: KeyEvent): string | undefined {
  if (e.dir !== 'down' || e.char === undefined) return undefined;
  if (e.key.length > 1 && e.char.length === 1 && isBoundaryKey(e.key)) return undefined;
  const mods = e.mods;
  if (mods.length === 0) return e.char;
  const ctrl = mods.includes('ctrl');
  const meta = mods.includes('meta');
  const alt = mods.includes('alt');
  if (meta || (ctrl && !alt)) return undefined;
  return e.char;
}

/** Ctrl+V, Cmd+V, Ctrl+Shift+V (terminals) and Shift+Insert. */
export function isPasteShortcut(e: KeyEvent): boolean {
  if (e.dir !== 'down') return false;
  const key = e.key;
  if (key !== 'v' && key !== 'V' && key !== 'Insert') return false;
  const ctrl = e.mods.includes('ctrl');
  const meta = e.mods.includes('meta');
  const alt = e.mods.includes('alt');
  const shift = e.mods.includes('shift');
  if ((key === 'v' || key === 'V') && (ctrl || meta) && !alt) return true;
  return key === 'Insert' && shift && !ctrl && !meta;
}

/** Word-wise editing: Ctrl (Alt on macOS) with arrows, Backspace and Delete. */
export function isWordwise(e: KeyEvent): boolean {
  return e.mods.includes('ctrl') || e.mods.includes('alt');
}
