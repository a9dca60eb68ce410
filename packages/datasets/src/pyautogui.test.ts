import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Action } from './actions.ts';
import { pyString, toPyautogui } from './pyautogui.ts';

const ALL: Action[] = [
  { type: 'click', t: 0, x: 1, y: 2, mods: [] },
  { type: 'double_click', t: 0, x: 1, y: 2, mods: ['ctrl'] },
  { type: 'triple_click', t: 0, x: 3, y: 4, mods: [] },
  { type: 'right_click', t: 0, x: 1, y: 2, mods: [] },
  { type: 'middle_click', t: 0, x: 1, y: 2, mods: [] },
  { type: 'drag', t: 0, button: 'right', x: 1, y: 2, toX: 30, toY: 40, mods: ['shift'] },
  { type: 'scroll', t: 0, x: 5, y: 6, dx: 2, dy: -3, mods: ['ctrl'] },
  {
    type: 'type',
    t: 0,
    text: 'it\'s a "test" \\ [EMAIL]\n\ttab é 中 \u2028 \u0007',
    entities: ['EMAIL'],
    pastes: 0,
  },
  { type: 'hotkey', t: 0, keys: ['ctrl', 'alt', 'shift', 'win', "'"] },
  { type: 'key', t: 0, key: 'enter', presses: 1 },
  { type: 'key', t: 0, key: '\\', presses: 4 },
];

describe('pyautogui form', () => {
  it('renders each action type', () => {
    expect(ALL.map(toPyautogui)).toEqual([
      'pyautogui.click(x=1, y=2)',
      "with pyautogui.hold('ctrl'): pyautogui.doubleClick(x=1, y=2)",
      'pyautogui.tripleClick(x=3, y=4)',
      'pyautogui.rightClick(x=1, y=2)',
      'pyautogui.middleClick(x=1, y=2)',
      "with pyautogui.hold('shift'): pyautogui.moveTo(x=1, y=2); pyautogui.dragTo(x=30, y=40, button='right')",
      "with pyautogui.hold('ctrl'): pyautogui.scroll(3, x=5, y=6); pyautogui.hscroll(2, x=5, y=6)",
      "pyautogui.write('it\\'s a \"test\" \\\\ [EMAIL]\\n\\ttab é 中 \\u2028 \\x07')",
      "pyautogui.hotkey('ctrl', 'alt', 'shift', 'win', '\\'')",
      "pyautogui.press('enter')",
      "pyautogui.press('\\\\', presses=4)",
    ]);
  });

  it('escapes strings so Python reads back exactly the text', () => {
    expect(pyString("a'b\\c")).toBe("'a\\'b\\\\c'");
  });

  const python = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!python)('every rendering is valid Python, and write() gets the exact text back', () => {
    const lines = ALL.map(toPyautogui);
    const typed = ALL.findIndex((a) => a.type === 'type');
    const script = [
      'import ast, json, sys',
      'lines = json.load(sys.stdin)',
      'for l in lines: ast.parse(l)',
      `call = ast.parse(lines[${typed}]).body[0].value`,
      'print(json.dumps(call.args[0].value))',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(lines), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toBe((ALL[typed] as { text: string }).text);
  });
});
