/**
 * The demo's frame recording (issue 17), examples/demo-recording-frames.jsonl, made by
 * `scripts/record-demo.ts` on a test desktop: the live agent's own events with its redacted
 * before-frames, in tasks the recording marked. It is not varied like the input-only recording: a
 * variant with other words or clicks would no longer match its screenshots. Instead each demo
 * contributor's device replays one of its tasks (a take), after its input-only recording, so that
 * every contributor has an episode in the recorded application (the example spec's k) and no two
 * of them replay the same screenshots while there are takes enough.
 */
import type { FocusEvent, StenoEvent } from '@steno/protocol';

/** Quiet time between a device's input-only recording and its take. */
export const TAKE_GAP_MS = 1_500;

/**
 * The takes: each runs to the end of its task (`task` with phase `end` or `abandon`); what follows
 * the last task's end is the last take's. A take that does not begin in a window (the agent sends
 * a focus only when the window changes) starts with the focus in effect, as a resumed replay does.
 */
export function splitTakes(events: readonly StenoEvent[]): StenoEvent[][] {
  const takes: StenoEvent[][] = [];
  let current: StenoEvent[] = [];
  let focus: FocusEvent | undefined;
  let inEffect: FocusEvent | undefined;
  const close = () => {
    const opening = current.find((e) => e.type !== 'frame');
    const first = current[0];
    if (first && opening?.type !== 'focus' && inEffect) {
      // the focus in effect is context: not the focus change its frame (if any) belongs to
      const { actionId: _ofAnotherFrame, ...context } = inEffect;
      current.unshift({ ...context, t: first.t });
    }
    if (current.some((e) => e.type !== 'focus')) takes.push(current);
    current = [];
  };
  for (const e of events) {
    if (current.length === 0) inEffect = focus;
    current.push(e);
    if (e.type === 'focus') focus = e;
    if (e.type === 'task' && (e.phase === 'end' || e.phase === 'abandon')) close();
  }
  close();
  return takes;
}

/** `base` and then `take`, its times moved to begin `gapMs` after `base` ends (gaps kept). */
export function appendTake(
  base: readonly StenoEvent[],
  take: readonly StenoEvent[],
  gapMs = TAKE_GAP_MS,
): StenoEvent[] {
  const first = take[0];
  if (!first) return [...base];
  const start = (base.at(-1)?.t ?? first.t - gapMs) + gapMs;
  return [...base, ...take.map((e) => ({ ...e, t: start + (e.t - first.t) }) as StenoEvent)];
}

/** The applications whose frames a recording holds, sorted. */
export function frameApps(events: readonly StenoEvent[]): string[] {
  return [...new Set(events.flatMap((e) => (e.type === 'frame' ? [e.meta.app] : [])))].sort();
}
