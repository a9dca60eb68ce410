/** Issue 17: the demo's frame recording, cut into the tasks each demo device replays. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRecording } from '@steno/agent';
import type { StenoEvent } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import { appendTake, frameApps, splitTakes } from './frame-takes.ts';
import { toJsonl } from './recording-variants.ts';

const read = (name: string) =>
  parseRecording(
    readFileSync(fileURLToPath(new URL(`../../../../examples/${name}`, import.meta.url)), 'utf8'),
  ).map((r) => r.event);
const recorded = read('demo-recording-frames.jsonl');
const bundled = read('demo-recording.jsonl');

const focus = (t: number, app: string, actionId?: string): StenoEvent => ({
  type: 'focus',
  t,
  app,
  ...(actionId ? { actionId } : {}),
});
const key = (t: number, char: string): StenoEvent => ({
  type: 'key',
  t,
  dir: 'down',
  key: char,
  char,
  mods: [],
});
const task = (t: number, phase: 'start' | 'end' | 'abandon'): StenoEvent => ({ type: 'task', t, phase });

describe('the frame recording cut into takes (issue 17)', () => {
  it('the committed recording holds five tasks, each in the xterm with its frames', () => {
    const takes = splitTakes(recorded);
    expect(takes).toHaveLength(5);
    expect(frameApps(recorded)).toEqual(['XTerm']);
    for (const take of takes) {
      expect(take.find((e) => e.type !== 'frame')).toMatchObject({ type: 'focus', app: 'XTerm' });
      expect(take.filter((e) => e.type === 'frame').length).toBeGreaterThan(0);
      expect(take.filter((e) => e.type === 'task').map((e) => (e as { phase?: string }).phase)).toEqual([
        'start',
        'end',
      ]);
    }
    // nothing is lost or repeated
    expect(takes.flat()).toEqual(recorded);
  });

  it('a take that does not begin in a window begins with the focus in effect (no action id of its own)', () => {
    const events = [
      focus(1, 'Editor', 'a1'),
      task(2, 'start'),
      key(3, 'x'),
      task(4, 'end'),
      key(5, 'y'),
      task(6, 'abandon'),
      focus(7, 'Other'),
    ];
    const takes = splitTakes(events);
    expect(takes).toEqual([
      [focus(1, 'Editor', 'a1'), task(2, 'start'), key(3, 'x'), task(4, 'end')],
      [focus(5, 'Editor'), key(5, 'y'), task(6, 'abandon')],
    ]);
  });

  it('a take follows the input-only recording, its gaps kept; the result is a valid recording', () => {
    const take = splitTakes(recorded)[1] ?? [];
    const joined = appendTake(bundled, take, 1_500);
    expect(joined).toHaveLength(bundled.length + take.length);
    const last = bundled.at(-1)?.t ?? 0;
    expect(joined[bundled.length]?.t).toBe(last + 1_500);
    const gaps = (es: readonly StenoEvent[]) => es.slice(1).map((e, i) => e.t - (es[i]?.t ?? 0));
    expect(gaps(joined.slice(bundled.length))).toEqual(gaps(take));
    expect(parseRecording(toJsonl(joined)).map((r) => r.event)).toEqual(joined);
  });
});
