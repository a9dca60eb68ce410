/**
 * A DOM keyboard event → the one event model's `key` event, named as the desktop agent names keys
 * (US-layout unshifted character for printable keys, 'Space', 'Enter', 'ArrowLeft', 'F5', ...), so
 * the privacy filter and the dataset builder treat browser and desktop keystrokes alike. Like the
 * desktop, a key carries its character only without Ctrl, Alt or Meta, and never on key-up.
 */
import type { KeyEvent, Modifier } from '@steno/protocol';

export interface DomKey {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  isComposing: boolean;
}

const PUNCTUATION: Readonly<Record<string, string>> = {
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Backquote: '`',
  Comma: ',',
  Period: '.',
  Slash: '/',
  IntlBackslash: '\\',
};

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'OS', 'Fn']);
/** Keys that act without typing: kept at the `actions` level (with Ctrl/Alt/Meta combinations). */
const COMMAND_KEY = /^(?:F(?:[1-9]|1[0-9]|2[0-4])|Escape)$/;
/** Keys that move or edit without typing: kept outside text fields at the `full` level. */
const NAVIGATION_KEYS = new Set([
  'Enter',
  'Tab',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'PageUp',
  'PageDown',
  'Home',
  'End',
  'Space',
  'Backspace',
  'Delete',
]);

/** One character (one code point: a letter outside the BMP is two UTF-16 units), without copying it. */
function oneChar(s: string): boolean {
  return s.length === 1 || (s.length === 2 && (s.codePointAt(0) ?? 0) > 0xffff);
}

function keyName(e: DomKey): string | undefined {
  if (MODIFIERS.has(e.key)) return undefined;
  if (/^Key[A-Z]$/.test(e.code)) return e.code.slice(3).toLowerCase();
  if (/^(Digit|Numpad)[0-9]$/.test(e.code)) return e.code.slice(-1);
  if (e.code === 'Space') return 'Space';
  const punct = PUNCTUATION[e.code];
  if (punct) return punct;
  if (e.key === 'Dead' || e.key === 'Process' || e.key === 'Unidentified' || e.key === '') return undefined;
  return oneChar(e.key) ? e.key.toLowerCase() : e.key.slice(0, 32);
}

function modifiers(e: DomKey): Modifier[] {
  const mods: Modifier[] = [];
  if (e.shiftKey) mods.push('shift');
  if (e.ctrlKey) mods.push('ctrl');
  if (e.altKey) mods.push('alt');
  if (e.metaKey) mods.push('meta');
  return mods;
}

/**
 * The fields of a DOM keyboard event, read once each. From a content script every property read on
 * a DOM event is a call into the browser, and naming a key reads `key` and `code` several times.
 */
export function domKey(e: DomKey): DomKey {
  return {
    key: e.key,
    code: e.code,
    shiftKey: e.shiftKey,
    ctrlKey: e.ctrlKey,
    altKey: e.altKey,
    metaKey: e.metaKey,
    isComposing: e.isComposing,
  };
}

/** A shortcut: a key with Ctrl, Alt or Meta, or a function key or Escape. */
export function isShortcut(event: KeyEvent): boolean {
  return event.mods.some((m) => m !== 'shift') || COMMAND_KEY.test(event.key);
}

/**
 * The key event to record for a DOM key event, or undefined. `typing`: the focus is in a text
 * field at the `full` level (characters and editing keys kept); else only shortcuts, plus
 * navigation keys (no characters) when `navigation` is true. `e` is best a plain copy of the DOM
 * event's fields (`domKey`): each field read from the DOM event itself is a call into the browser.
 */
export function toKeyEvent(
  e: DomKey,
  dir: 'down' | 'up',
  t: number,
  mode: { typing: boolean; navigation: boolean },
): KeyEvent | undefined {
  if (e.isComposing) return undefined;
  const key = keyName(e);
  if (key === undefined) return undefined;
  const mods = modifiers(e);
  const event: KeyEvent = { type: 'key', t, dir, key, mods };
  const plain = !e.ctrlKey && !e.altKey && !e.metaKey;
  if (mode.typing) {
    if (dir === 'down' && plain && oneChar(e.key)) event.char = e.key;
    return event;
  }
  if (isShortcut(event)) return event;
  return mode.navigation && NAVIGATION_KEYS.has(key) ? event : undefined;
}
