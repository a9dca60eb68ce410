/**
 * Decides one held segment of events: maps detections in the rebuilt text back to the events that
 * typed (and erased) them, replaces each contiguous run of those key events by one marker, drops
 * the key-ups that belong to removed key-downs, and then removes any four-character window of a
 * detected value still present in the output characters — remnants of a secret typed, erased and
 * retyped, or windows that form across a marker or with what was emitted before.
 */
import type { EntityType, StenoEvent } from '@steno/protocol';
import { detect } from './detect.ts';
import type { DetectOptions } from './detection.ts';

export interface SegmentInput {
  events: StenoEvent[];
  /** Whole segment is one entity (password window or prompt, open private key block). */
  wholeEntity: EntityType | null;
  final: { text: string; src: number[] };
  typed: { text: string; src: number[]; deletedBy: number[] };
  /** `typed` equals `final`: one detection pass suffices. */
  linear: boolean;
  /** Text emitted just before this segment in the same line (soft cuts), read as left context only. */
  carry: string;
  /** The last characters already emitted by the filter, so windows across the cut are seen. */
  tail: string;
  options: DetectOptions | undefined;
  /** Windows of values detected earlier in the same line (before a soft cut): still removed here. */
  carryGrams: ReadonlyMap<string, EntityType>;
}

export interface SegmentOutput {
  events: StenoEvent[];
  /** Keys whose next key-up must be dropped (their key-down went into a marker). */
  pendingUps: string[];
  markers: number;
  /** Windows of the values detected in this segment, for the continuation of the line. */
  grams: Map<string, EntityType>;
}

const RUN = 1;
const DROP = 2;

/** The events of a segment and which of them go: RUN (into a marker) or DROP (a key-up of one). */
class Flags {
  readonly flag: Uint8Array;
  readonly entityAt: (EntityType | undefined)[];
  any = false;
  /** The event that erased each typing event's character, built on first use. */
  #deleterOf: Int32Array | null = null;

  constructor(
    readonly events: StenoEvent[],
    readonly typed: SegmentInput['typed'],
  ) {
    this.flag = new Uint8Array(events.length);
    this.entityAt = new Array(events.length);
  }

  // a span reaches to the erasures of its characters too, so the count of Backspaces after it does
  // not tell the length of what was typed
  #deleters(): Int32Array {
    if (this.#deleterOf === null) {
      const d = new Int32Array(this.events.length).fill(-1);
      const { src, deletedBy } = this.typed;
      for (let k = 0; k < src.length; k++) {
        const del = deletedBy[k] as number;
        if (del >= 0) d[src[k] as number] = del;
      }
      this.#deleterOf = d;
    }
    return this.#deleterOf;
  }

  /** Flags the key events from `a` to `b` (and on to their erasures); true when any was new. */
  range(a: number, b: number, entity: EntityType): boolean {
    const deleterOf = this.#deleters();
    const { events, flag, entityAt } = this;
    let changed = false;
    for (let i = a; i <= b; i++) {
      const del = deleterOf[i] as number;
      if (del > b) b = del;
      if (events[i]?.type === 'key' && flag[i] !== RUN) {
        flag[i] = RUN;
        entityAt[i] ??= entity;
        changed = true;
      }
    }
    if (changed) this.any = true;
    return changed;
  }
}

function addGrams(grams: Map<string, EntityType>, value: string, entity: EntityType): void {
  for (let k = 0; k + 4 <= value.length; k++) grams.set(value.slice(k, k + 4), entity);
}

export function decideSegment(input: SegmentInput): SegmentOutput {
  const { events } = input;
  const n = events.length;
  const flags = new Flags(events, input.typed);
  const { flag, entityAt } = flags;

  const grams = new Map<string, EntityType>(input.carryGrams);

  if (input.wholeEntity) {
    const first = input.typed.src[0];
    if (first !== undefined) {
      let last = first;
      for (let i = n - 1; i > first; i--) {
        const e = events[i] as StenoEvent;
        if (e.type === 'key' && !(i === n - 1 && e.dir === 'down' && isBoundaryLike(e.key))) {
          last = i;
          break;
        }
      }
      flags.range(first, last, input.wholeEntity);
    }
  } else {
    const { carry } = input;
    const finalText = carry + input.final.text;
    for (const d of detect(finalText, input.options)) {
      if (d.end <= carry.length) continue;
      let lo = Number.POSITIVE_INFINITY;
      let hi = -1;
      for (let p = Math.max(d.start, carry.length); p < d.end; p++) {
        const s = input.final.src[p - carry.length] as number;
        if (s < lo) lo = s;
        if (s > hi) hi = s;
      }
      if (hi >= 0) flags.range(lo, hi, d.entity);
      addGrams(grams, finalText.slice(d.start, d.end), d.entity);
    }
    if (!input.linear) {
      const { text, src, deletedBy } = input.typed;
      for (const d of detect(text, input.options)) {
        let lo = Number.POSITIVE_INFINITY;
        let hi = -1;
        for (let p = d.start; p < d.end; p++) {
          const s = src[p] as number;
          const del = deletedBy[p] as number;
          lo = Math.min(lo, s);
          hi = Math.max(hi, s, del);
        }
        if (hi >= 0) flags.range(lo, hi, d.entity);
        addGrams(grams, text.slice(d.start, d.end), d.entity);
      }
    }
    if (grams.size > 0) removeWindows(input, flags, grams);
  }

  if (!flags.any) return { events, pendingUps: [], markers: 0, grams };
  const pendingUps = dropUps(events, flag);
  const out: StenoEvent[] = [];
  let inRun = false;
  let markers = 0;
  for (let i = 0; i < n; i++) {
    const f = flag[i];
    const e = events[i] as StenoEvent;
    if (f === DROP) continue;
    if (f === RUN) {
      if (!inRun) {
        out.push({ type: 'redaction', t: e.t, entity: entityAt[i] as EntityType });
        markers++;
        inRun = true;
      }
      continue;
    }
    if (e.type === 'key') inRun = false;
    out.push(e);
  }
  return { events: out, pendingUps, markers, grams };
}

function isBoundaryLike(key: string): boolean {
  return (
    key === 'Enter' ||
    key === 'NumpadEnter' ||
    key === 'Return' ||
    key === 'Tab' ||
    key.startsWith('Arrow') ||
    key.startsWith('Page')
  );
}

/** Marks key-ups whose key-down went into a marker; returns keys whose up has not arrived yet. */
function dropUps(events: StenoEvent[], flag: Uint8Array): string[] {
  // nothing is outstanding before the first key-down that went into a marker
  let first = 0;
  while (first < events.length && flag[first] !== RUN) first++;
  const outstanding = new Map<string, number>();
  for (let i = first; i < events.length; i++) {
    const e = events[i] as StenoEvent;
    if (e.type !== 'key') continue;
    if (e.dir === 'down') {
      if (flag[i] === RUN) outstanding.set(e.key, (outstanding.get(e.key) ?? 0) + 1);
    } else if (outstanding.size > 0) {
      const k = outstanding.get(e.key) ?? 0;
      if (k > 0) {
        if (k === 1) outstanding.delete(e.key);
        else outstanding.set(e.key, k - 1);
        if (flag[i] !== RUN) flag[i] = DROP;
      }
    }
  }
  return [...outstanding.keys()];
}

/** Repeats until no 4-character window of a detected value is left in the output characters. */
function removeWindows(input: SegmentInput, flags: Flags, grams: Map<string, EntityType>): void {
  const { events, tail } = input;
  const { flag } = flags;
  for (let round = 0; round < events.length + 1; round++) {
    let chars = tail;
    const owner: number[] = new Array(tail.length).fill(-1);
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as StenoEvent;
      if (e.type !== 'key' || e.char === undefined || flag[i] !== 0) continue;
      chars += e.char;
      for (let k = 0; k < e.char.length; k++) owner.push(i);
    }
    let changed = false;
    for (let k = 0; k + 4 <= chars.length; k++) {
      const entity = grams.get(chars.slice(k, k + 4));
      if (entity === undefined) continue;
      let lo = Number.POSITIVE_INFINITY;
      let hi = -1;
      for (let j = k; j < k + 4; j++) {
        const o = owner[j] as number;
        if (o < 0) continue;
        lo = Math.min(lo, o);
        hi = Math.max(hi, o);
      }
      if (hi >= 0 && flags.range(lo, hi, entity)) changed = true;
    }
    if (!changed) return;
  }
}
