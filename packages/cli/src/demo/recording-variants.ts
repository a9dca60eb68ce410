/**
 * Recordings for more demo contributors: deterministic variants of the bundled recording. A variant
 * types other words, clicks a little elsewhere and keeps a pace of its own, in the same applications
 * and with the same event schema, so that enough contributors share each application for the
 * example dataset spec's k while no two recordings are the same. Times keep increasing.
 */
import type { StenoEvent } from '@steno/protocol';

/** Plain words a variant types instead of the recording's (no names, numbers or identifiers). */
const WORDS = [
  'agenda',
  'backlog',
  'budget',
  'design',
  'draft',
  'estimate',
  'feedback',
  'handover',
  'invoice',
  'layout',
  'meeting',
  'minutes',
  'outline',
  'planning',
  'release',
  'report',
  'review',
  'schedule',
  'sprint',
  'summary',
  'template',
  'ticket',
  'training',
  'workshop',
] as const;

/** A small seeded generator (mulberry32): the same seed gives the same variant on every start. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type KeyEv = Extract<StenoEvent, { type: 'key' }>;
type Stroke = { key: string; mods: KeyEv['mods'] };

/** A typed character: a key-down that produced it (at most shift held), then its key-up. */
function isTypedPair(down: StenoEvent | undefined, up: StenoEvent | undefined): boolean {
  return (
    down?.type === 'key' &&
    down.dir === 'down' &&
    down.char !== undefined &&
    down.mods.every((m) => m === 'shift') &&
    up?.type === 'key' &&
    up.dir === 'up' &&
    up.key === down.key
  );
}

/** The keystroke for a character: learned from the recording, or a letter (shift for capitals). */
function strokeFor(ch: string, learned: ReadonlyMap<string, Stroke>): Stroke {
  const known = learned.get(ch);
  if (known) return known;
  const lower = ch.toLowerCase();
  return { key: lower, mods: ch === lower ? [] : ['shift'] };
}

function rewriteWords(text: string, rnd: () => number): string {
  return text.replace(/[A-Za-z]{4,}/g, (word) => {
    if (rnd() < 0.25) return word;
    const next = WORDS[Math.floor(rnd() * WORDS.length)] ?? 'draft';
    return /^[A-Z]/.test(word) ? next[0]?.toUpperCase() + next.slice(1) : next;
  });
}

/**
 * A variant of `events` for `seed` (any integer): other typed words (with their own typing rhythm),
 * click, scroll and pointer positions moved by up to 60 px per window, gaps scaled by 0.85-1.15.
 */
export function recordingVariant(events: readonly StenoEvent[], seed: number): StenoEvent[] {
  const rnd = seeded(seed * 7_919 + 17);
  const pace = 0.85 + rnd() * 0.3;
  const learned = new Map<string, Stroke>();
  for (const e of events)
    if (e.type === 'key' && e.dir === 'down' && e.char !== undefined)
      learned.set(e.char, { key: e.key, mods: e.mods });

  // Events with the gap before each: scaled originals, or a typed run retyped at a new rhythm.
  const out: { event: StenoEvent; gap: number }[] = [];
  let screen = { w: 1920, h: 1080 };
  let shift = { dx: 0, dy: 0 };
  const clampX = (x: number) => Math.min(screen.w - 1, Math.max(0, x + shift.dx));
  const clampY = (y: number) => Math.min(screen.h - 1, Math.max(0, y + shift.dy));
  const gapBefore = (i: number) =>
    i === 0 ? 0 : Math.max(1, Math.round(((events[i]?.t ?? 0) - (events[i - 1]?.t ?? 0)) * pace));

  for (let i = 0; i < events.length; ) {
    const e = events[i] as StenoEvent;
    if (isTypedPair(e, events[i + 1])) {
      let end = i;
      let text = '';
      while (isTypedPair(events[end], events[end + 1])) {
        text += (events[end] as KeyEv).char;
        end += 2;
      }
      let gap = gapBefore(i);
      for (const ch of rewriteWords(text, rnd)) {
        const s = strokeFor(ch, learned);
        const hold = 35 + Math.floor(rnd() * 40);
        out.push({ event: { type: 'key', t: 0, dir: 'down', key: s.key, mods: s.mods, char: ch }, gap });
        out.push({ event: { type: 'key', t: 0, dir: 'up', key: s.key, mods: s.mods }, gap: hold });
        gap = Math.max(1, 70 + Math.floor(rnd() * 110) - hold);
      }
      i = end;
      continue;
    }
    const gap = gapBefore(i);
    if (e.type === 'focus') {
      if (e.screen) screen = e.screen;
      shift = { dx: Math.round((rnd() - 0.5) * 120), dy: Math.round((rnd() - 0.5) * 120) };
      out.push({ event: e, gap });
    } else if (e.type === 'button' || e.type === 'wheel') {
      out.push({ event: { ...e, x: clampX(e.x), y: clampY(e.y) }, gap });
    } else if (e.type === 'path') {
      const points = e.points.map(
        ([dt, x, y]) => [Math.round(dt * pace), clampX(x), clampY(y)] as [number, number, number],
      );
      out.push({ event: { ...e, points }, gap });
    } else out.push({ event: e, gap });
    i += 1;
  }

  let t = events[0]?.t ?? 0;
  return out.map(({ event, gap }) => {
    t += gap;
    return { ...event, t } as StenoEvent;
  });
}

/** JSON lines, one event a line, as `steno agent --replay` reads them. */
export function toJsonl(events: readonly StenoEvent[]): string {
  return `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;
}
