import { readFileSync } from 'node:fs';
import { StenoEvent } from '@steno/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEvents, encodeEvents, encodeEventsV1, encodeEventsV2 } from './payload-codec.ts';

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
    type: fc.constant('path' as const),
    t: fc.integer({ min: 0, max: 50 }),
    points: fc
      .array(
        fc.tuple(
          fc.integer({ min: 0, max: 3_600_000 }),
          fc.integer({ min: -100_000, max: 100_000 }),
          fc.integer({ min: -100_000, max: 100_000 }),
        ),
        { minLength: 1, maxLength: 40 },
      )
      .map((ps) => ps.sort((a, b) => a[0] - b[0])),
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
  it('round-trips any event stream exactly (columns, time deltas, key-release back-references, path steps)', () => {
    fc.assert(
      fc.property(stream, (events) => {
        expect(decodeEvents(encodeEvents(events))).toEqual(events);
      }),
      { numRuns: 300 },
    );
  });

  it('stores a mouse path as small steps: smaller than codec 2 when the path is long', () => {
    const points: [number, number, number][] = Array.from({ length: 200 }, (_, i) => [
      i * 8,
      1800 - i * 7,
      900 + Math.round(40 * Math.sin(i / 9)),
    ]);
    const events = [{ type: 'path', t: 1_795_000_000_000, points }] as StenoEvent[];
    expect(decodeEvents(encodeEvents(events))).toEqual(events);
    expect(encodeEvents(events).length).toBeLessThan(encodeEventsV2(events).length);
  });

  it('round-trips the bundled recording, and still reads codecs 2 and 1', () => {
    const lines = readFileSync(new URL('../../../../examples/demo-recording.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const events = lines.map((l) => StenoEvent.parse(l.event ?? l));
    expect(decodeEvents(encodeEvents(events))).toEqual(events);
    expect(decodeEvents(encodeEventsV1(events))).toEqual(events);
    expect(decodeEvents(encodeEventsV2(events))).toEqual(events);
    expect(encodeEvents(events).length).toBeLessThan(encodeEventsV1(events).length);
    expect([encodeEvents(events)[0], encodeEventsV2(events)[0], encodeEventsV1(events)[0]]).toEqual([
      3, 2, 1,
    ]);
    expect(() => decodeEvents(new Uint8Array([9, 1, 2]))).toThrow(/unknown payload codec/);
  });
});
