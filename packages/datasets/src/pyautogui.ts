/**
 * Actions rendered as the pyautogui calls public computer-use datasets use
 * (`pyautogui.click(x=.., y=..)`, `pyautogui.write('...')`, `pyautogui.hotkey('ctrl', 'c')`).
 * Coordinates are absolute screen pixels, as pyautogui takes them. Modifiers held during a pointer
 * action are written as `with pyautogui.hold([...]): ...`, which is one line of valid Python.
 */
import type { Action, ModifierName } from './actions.ts';

/** A Python string literal in single quotes; control characters escaped, other characters kept. */
export function pyString(s: string): string {
  let out = "'";
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else out += ch;
  }
  return `${out}'`;
}

function withMods(mods: readonly ModifierName[], call: string): string {
  if (mods.length === 0) return call;
  const held = mods.length === 1 ? pyString(mods[0] as string) : `[${mods.map(pyString).join(', ')}]`;
  return `with pyautogui.hold(${held}): ${call}`;
}

const CLICK_CALL = {
  click: 'click',
  double_click: 'doubleClick',
  triple_click: 'tripleClick',
  right_click: 'rightClick',
  middle_click: 'middleClick',
} as const;

/** The pyautogui form of one action. */
export function toPyautogui(action: Action): string {
  switch (action.type) {
    case 'click':
    case 'double_click':
    case 'triple_click':
    case 'right_click':
    case 'middle_click':
      return withMods(action.mods, `pyautogui.${CLICK_CALL[action.type]}(x=${action.x}, y=${action.y})`);
    case 'drag': {
      const button = action.button === 'left' ? '' : `, button=${pyString(action.button)}`;
      // a compound statement cannot follow `;`, so the move goes inside the hold too
      return withMods(
        action.mods,
        `pyautogui.moveTo(x=${action.x}, y=${action.y}); pyautogui.dragTo(x=${action.toX}, y=${action.toY}${button})`,
      );
    }
    case 'scroll': {
      // pyautogui scrolls up for positive clicks; captured wheel deltas are positive downwards
      const calls: string[] = [];
      if (action.dy !== 0 || action.dx === 0)
        calls.push(`pyautogui.scroll(${-action.dy || 0}, x=${action.x}, y=${action.y})`);
      if (action.dx !== 0) calls.push(`pyautogui.hscroll(${action.dx}, x=${action.x}, y=${action.y})`);
      return withMods(action.mods, calls.join('; '));
    }
    case 'type':
      return `pyautogui.write(${pyString(action.text)})`;
    case 'hotkey':
      return `pyautogui.hotkey(${action.keys.map(pyString).join(', ')})`;
    case 'key':
      return action.presses === 1
        ? `pyautogui.press(${pyString(action.key)})`
        : `pyautogui.press(${pyString(action.key)}, presses=${action.presses})`;
  }
}
