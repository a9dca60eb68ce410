import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRecording } from '@steno/agent';
import type { StenoEvent } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import { recordingVariant, toJsonl } from './recording-variants.ts';

const bundled = parseRecording(
  readFileSync(fileURLToPath(new URL('../../../../examples/demo-recording.jsonl', import.meta.url)), 'utf8'),
).map((r) => r.event);

const typed = (events: StenoEvent[]) =>
  events.map((e) => (e.type === 'key' && e.dir === 'down' && e.char ? e.char : '')).join('');
const apps = (events: StenoEvent[]) =>
  [...new Set(events.flatMap((e) => (e.type === 'focus' ? [e.app] : [])))].sort();
const clicks = (events: StenoEvent[]) =>
  events.flatMap((e) => (e.type === 'button' ? [`${e.x},${e.y}`] : [])).join(' ');

describe('demo recording variants (issue 15)', () => {
  const variants = [2, 3, 4, 5].map((seed) => recordingVariant(bundled, seed));

  it('are valid recordings: the replay parser accepts them, times never go back', () => {
    for (const v of variants) {
      const parsed = parseRecording(toJsonl(v)).map((r) => r.event);
      expect(parsed).toEqual(v);
      for (let i = 1; i < v.length; i++) expect(v[i]?.t).toBeGreaterThanOrEqual(v[i - 1]?.t ?? 0);
    }
  });

  it('use the same applications, in the same order, as the bundled recording', () => {
    const focusOrder = (events: StenoEvent[]) => events.flatMap((e) => (e.type === 'focus' ? [e.app] : []));
    for (const v of variants) {
      expect(apps(v)).toEqual(apps(bundled));
      expect(focusOrder(v)).toEqual(focusOrder(bundled));
    }
  });

  it('differ from the bundled one and from each other in typed words, clicks and timing', () => {
    const all = [bundled, ...variants];
    expect(new Set(all.map(typed)).size).toBe(all.length);
    expect(new Set(all.map(clicks)).size).toBe(all.length);
    expect(new Set(all.map((v) => (v.at(-1)?.t ?? 0) - (v[0]?.t ?? 0))).size).toBe(all.length);
  });

  it('are deterministic: the same seed gives the same recording', () => {
    expect(recordingVariant(bundled, 3)).toEqual(variants[1]);
  });

  it('keep shortcuts and line breaks, and type only characters the recording types', () => {
    const keys = (events: StenoEvent[]) =>
      events.flatMap((e) => (e.type === 'key' && e.dir === 'down' && !e.char ? [e.key] : []));
    for (const v of variants) {
      expect(keys(v)).toEqual(keys(bundled));
      expect(typed(v)).toMatch(/^[A-Za-z .,:3\n]*$/);
      expect(typed(v).split(' ').length).toBeGreaterThan(10);
    }
  });
});
