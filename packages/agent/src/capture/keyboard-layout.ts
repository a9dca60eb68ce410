/**
 * Keyboard layouts: libuiohook keycodes (PC scan-code based, the same on every OS) → the key's
 * name and the character it types. The hook reports physical keys only, so the layout decides the
 * characters; the US table is the default and any other table can be passed in its place. Shift
 * selects the shifted character; Caps Lock inverts the case of letters only (`applyCapsLock`).
 */
import { applyCapsLock } from '@steno/privacy';

export interface KeyDef {
  /** The key's name: the unshifted character for printable keys, else 'Enter', 'F5', ... */
  readonly key: string;
  /** Character typed without Shift (printable keys only). */
  readonly char?: string;
  /** Character typed with Shift. */
  readonly shifted?: string;
}

export interface KeyboardLayout {
  readonly name: string;
  readonly keys: ReadonlyMap<number, KeyDef>;
}

export interface ResolvedKey {
  readonly key: string;
  readonly char?: string;
}

/** Builds a layout from rows of [keycode, unshifted, shifted] for printable keys plus named keys. */
export function defineLayout(
  name: string,
  printable: readonly (readonly [number, string, string])[],
  named: Readonly<Record<number, string>> = NAMED_KEYS,
): KeyboardLayout {
  const keys = new Map<number, KeyDef>();
  for (const [code, key] of Object.entries(named)) keys.set(Number(code), { key });
  for (const [code, char, shifted] of printable) keys.set(code, { key: char, char, shifted });
  return { name, keys };
}

/** Keys that do not type (or type whitespace) and are the same on every layout. */
export const NAMED_KEYS: Readonly<Record<number, string>> = Object.freeze({
  1: 'Escape',
  14: 'Backspace',
  15: 'Tab',
  28: 'Enter',
  29: 'Control',
  42: 'Shift',
  54: 'ShiftRight',
  56: 'Alt',
  58: 'CapsLock',
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [59 + i, `F${i + 1}`])),
  69: 'NumLock',
  70: 'ScrollLock',
  87: 'F11',
  88: 'F12',
  91: 'F13',
  92: 'F14',
  93: 'F15',
  ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [99 + i, `F${i + 16}`])),
  3597: 'NumpadEnter',
  3613: 'ControlRight',
  3639: 'PrintScreen',
  3640: 'AltRight',
  3653: 'Pause',
  3655: 'Home',
  3657: 'PageUp',
  3663: 'End',
  3665: 'PageDown',
  3666: 'Insert',
  3667: 'Delete',
  3675: 'Meta',
  3676: 'MetaRight',
  3677: 'ContextMenu',
  57416: 'ArrowUp',
  57419: 'ArrowLeft',
  57421: 'ArrowRight',
  57424: 'ArrowDown',
  60999: 'Home',
  61000: 'ArrowUp',
  61001: 'PageUp',
  61003: 'ArrowLeft',
  61005: 'ArrowRight',
  61007: 'End',
  61008: 'ArrowDown',
  61009: 'PageDown',
  61010: 'Insert',
  61011: 'Delete',
});

const row = (codes: readonly number[], plain: string, shifted: string) =>
  codes.map((code, i) => [code, plain[i] ?? '', shifted[i] ?? ''] as const);

/** US QWERTY (the default). The space bar's name is 'Space', as in recordings. */
export const US_LAYOUT: KeyboardLayout = (() => {
  const layout = defineLayout('us', [
    ...row([41, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], '`1234567890-=', '~!@#$%^&*()_+'),
    ...row([16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 43], 'qwertyuiop[]\\', 'QWERTYUIOP{}|'),
    ...row([30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40], "asdfghjkl;'", 'ASDFGHJKL:"'),
    ...row([44, 45, 46, 47, 48, 49, 50, 51, 52, 53], 'zxcvbnm,./', 'ZXCVBNM<>?'),
    ...row([71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83], '789-456+1230.', '789-456+1230.'),
    ...row([55, 3637], '*/', '*/'),
  ]);
  const keys = new Map(layout.keys);
  keys.set(57, { key: 'Space', char: ' ', shifted: ' ' });
  return { name: 'us', keys };
})();

/** Names a key and gives the character it types; `undefined` for a keycode the layout does not know. */
export function resolveKey(
  layout: KeyboardLayout,
  keycode: number,
  state: { shift: boolean; capsLock: boolean },
): ResolvedKey | undefined {
  const def = layout.keys.get(keycode);
  if (!def) return undefined;
  if (def.char === undefined) return { key: def.key };
  const base = state.shift ? (def.shifted ?? def.char) : def.char;
  return { key: def.key, char: applyCapsLock(base, state.capsLock) };
}
