import { readFileSync } from 'node:fs';
import { StenoEvent } from '@steno/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEvents, encodeEvents, encodeEventsV1 } from './payload-codec.ts';

const key = fc.constantFrom('a', 'b', 'Space', 'Enter', 'Shift', 'ArrowLeft');
const mods = fc.subarray(['shift', 'ctrl', 'alt', 'meta'] as const);
const event = fc.oneof(
  fc.record({
    type: fc.constant('key' as const),
    t: fc.integer({ min: 0, max: 50 }),
    dir: fc.constantFrom('down' as const, 'up' as const),
    key,
    char: fc.option(fc.constantFrom('a', 'b', ' '), { nil: undefined }),
    mods,
  }),
  fc.record({
    type: fc.constant('button' as const),
    t: fc.integer({ min: 0, max: 50 }),
    dir: fc.constantFrom('down' as const, 'up' as const),
    button: fc.constantFrom('left' as const, 'right' as const),
    x: fc.integer({ min: 0, max: 4000 }),
    y: fc.integer({ min: 0, max: 4000 }),
    mods,
  }),
  fc.record({
    type: fc.constant('focus' as const),
    t: fc.integer({ min: 0, max: 50 }),
    app: fc.constantFrom('gedit', 'firefox'),
    title: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
  }),
);

/** Time-ordered events with absolute times, optional fields really absent. */
const stream = fc.array(event, { maxLength: 200 }).map((es) => {
  let t = 1_795_000_000_000;
  return es.map((e) => {
    t += e.t;
    const out: Record<string, unknown> = { ...e, t };
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out as StenoEvent;
  });
});

describe('payload codec', () => {
  it('round-trips any event stream exactly (columns, time deltas, key-release back-references)', () => {
    fc.assert(
      fc.property(stream, (events) => {
        expect(decodeEvents(encodeEvents(events))).toEqual(events);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips the bundled recording, and still reads codec 1', () => {
    const lines = readFileSync(new URL('../../../../examples/demo-recording.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const events = lines.map((l) => StenoEvent.parse(l.event ?? l));
    expect(decodeEvents(encodeEvents(events))).toEqual(events);
    expect(decodeEvents(encodeEventsV1(events))).toEqual(events);
    expect(encodeEvents(events).length).toBeLessThan(encodeEventsV1(events).length);
    expect(() => decodeEvents(new Uint8Array([9, 1, 2]))).toThrow(/unknown payload codec/);
  });
});
