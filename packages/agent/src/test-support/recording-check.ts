/**
 * Test support: checks that what a server stored is exactly a recording — every non-focus
 * event once, in order (times aside, since replay rebases them), and the same focus changes
 * (batches repeat the focus in effect at their start, so consecutive repeats are collapsed).
 */
import type { StenoEvent } from '@steno/protocol';

type Shape = Omit<StenoEvent, 't'>;

function shape(event: StenoEvent): Shape {
  const { t: _t, ...rest } = event;
  return rest;
}

export function describeStream(events: readonly StenoEvent[]): { actions: Shape[]; focus: Shape[] } {
  const actions = events.filter((e) => e.type !== 'focus').map(shape);
  const focus: Shape[] = [];
  let last = '';
  for (const e of events) {
    if (e.type !== 'focus') continue;
    const key = JSON.stringify(shape(e));
    if (key !== last) focus.push(shape(e));
    last = key;
  }
  return { actions, focus };
}
