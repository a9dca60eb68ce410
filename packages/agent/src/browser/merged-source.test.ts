/** Desktop and browser streams merged into one: time order, and each run starts with its source's focus. */
import type { StenoEvent } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import type { EventSource, SourceItem } from '../event-source.ts';
import { MergedSource } from './merged-source.ts';

/** A source that yields its events with a delay each, then ends. */
function scripted(events: StenoEvent[], delayMs: number): EventSource {
  return {
    defaultHoldbackMs: delayMs * 1_000,
    async *events(_from: number, signal: AbortSignal): AsyncGenerator<SourceItem> {
      let cursor = 0;
      for (const event of events) {
        await new Promise((r) => setTimeout(r, delayMs));
        if (signal.aborted) return;
        yield { event, cursor: ++cursor };
      }
    },
  };
}

describe('MergedSource', () => {
  it('merges in arrival order, never back in time, re-stating the focus when the stream switches', async () => {
    const desktop = scripted(
      [
        { type: 'focus', t: 100, app: 'chromium' },
        { type: 'button', t: 200, dir: 'down', button: 'left', x: 1, y: 1, mods: [] },
      ],
      5,
    );
    const browser = scripted(
      [
        { type: 'focus', t: 150, app: 'https://crm.example.com' },
        { type: 'key', t: 120, dir: 'down', key: 'a', char: 'a', mods: [] },
      ],
      7,
    );
    const merged = new MergedSource([desktop, browser]);
    expect(merged.defaultHoldbackMs).toBe(7_000);
    const out: SourceItem[] = [];
    for await (const item of merged.events(10, new AbortController().signal)) out.push(item);
    const times = out.map((i) => i.event.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(out.map((i) => i.cursor)).toEqual(out.map((_, i) => 11 + i));
    // Every non-focus event follows the focus of its own source.
    let focus = '';
    for (const { event } of out) {
      if (event.type === 'focus') focus = event.app;
      else if (event.type === 'key') expect(focus).toBe('https://crm.example.com');
      else if (event.type === 'button') expect(focus).toBe('chromium');
    }
    // a focus repeated at a switch is marked (no focus change: the frame stage takes no frame);
    // each source's own focus event, the first of its app here, is not
    const seen = new Set<string>();
    const marks = out.flatMap((i) => {
      if (i.event.type !== 'focus') return [];
      const first = !seen.has(i.event.app);
      seen.add(i.event.app);
      return [{ first, restated: i.restated === true }];
    });
    expect(marks.some((m) => m.restated)).toBe(true);
    for (const m of marks) expect(m.restated).toBe(!m.first);
  });
});
