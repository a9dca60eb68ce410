/**
 * The second wall skips batches with nothing to read (issue 19). It may do so only if the filter
 * would have passed them unchanged: held to that here over random batches of pointer events, key
 * names with any modifiers (pastes and editing keys among them), markers and untitled focus.
 */
import type { StenoEvent } from '@steno/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPrivacyFilter } from './privacy-filter.ts';
import { rescanEvents } from './rescan.ts';

const mods = fc.subarray(['shift', 'ctrl', 'alt', 'meta'] as const);
const textless = fc.oneof(
  fc.record({
    type: fc.constant('key' as const),
    dir: fc.constantFrom('down' as const, 'up' as const),
    key: fc.constantFrom(
      'a',
      'v',
      'V',
      'Insert',
      'Backspace',
      'Delete',
      'Enter',
      'Tab',
      'ArrowLeft',
      'Home',
      'F5',
      'Shift',
    ),
    mods,
  }),
  fc.record({
    type: fc.constant('button' as const),
    dir: fc.constantFrom('down' as const, 'up' as const),
    button: fc.constant('left' as const),
    x: fc.nat(4000),
    y: fc.nat(4000),
    mods,
  }),
  fc.record({
    type: fc.constant('wheel' as const),
    x: fc.nat(99),
    y: fc.nat(99),
    dx: fc.constant(0),
    dy: fc.integer({ min: -5, max: 5 }),
    mods,
  }),
  fc.record({ type: fc.constant('focus' as const), app: fc.constantFrom('gedit', 'firefox') }),
  fc.record({ type: fc.constant('redaction' as const), entity: fc.constant('EMAIL' as const) }),
  fc.record({ type: fc.constant('paste' as const) }),
  fc.record({ type: fc.constant('task' as const) }),
);

const batch = fc
  .array(textless, { minLength: 1, maxLength: 80 })
  .map((es) => es.map((e, i) => ({ ...e, t: 1_795_000_000_000 + i * 10 }) as StenoEvent));

function fullFilter(events: StenoEvent[]) {
  const f = createPrivacyFilter();
  const out: StenoEvent[] = [];
  for (const e of events) out.push(...f.push(e));
  out.push(...f.flush());
  return { events: out, redacted: f.markers };
}

describe('rescanEvents (the second wall)', () => {
  it('gives what the full filter gives for batches it skips and for those it reads', () => {
    fc.assert(
      fc.property(batch, (events) => {
        expect(rescanEvents(events)).toEqual(fullFilter(events));
      }),
      { numRuns: 1_000 },
    );
  });

  it('reads a batch as soon as one event carries text', () => {
    const typed: StenoEvent[] = [
      { type: 'button', t: 1, dir: 'down', button: 'left', x: 1, y: 1, mods: [] },
      ...[...'mail bob@corp.com\n'].map(
        (ch, i): StenoEvent =>
          ({
            type: 'key',
            t: 2 + i,
            dir: 'down',
            key: ch === '\n' ? 'Enter' : ch,
            char: ch === '\n' ? undefined : ch,
            mods: [],
          }) as StenoEvent,
      ),
    ].map((e) => JSON.parse(JSON.stringify(e)) as StenoEvent);
    expect(rescanEvents(typed).redacted).toBe(1);
  });
});
