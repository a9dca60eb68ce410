/**
 * Event payload encoding before encryption: a codec byte, then the events, compressed.
 * Compress-then-encrypt is safe here: payloads are never mixed with attacker-chosen secrets.
 *
 * Codec 3 (written now) stores a chunk column by column — one array per field name, times as
 * differences from the previous event, a key release as a back-reference to its press, and a
 * mouse path's points as one flat run of differences (time, x, y from the point before) — then
 * Brotli (quality 5). Columns of like values compress far better than interleaved records, and a
 * path's steps are small where its coordinates are not: paths were half of codec 2's bytes
 * (bench/storage). Codec 2 (the same without the path differences) and codec 1 (msgpack
 * records, deflate) are still read.
 */
import {
  brotliCompressSync,
  brotliDecompressSync,
  constants,
  deflateRawSync,
  inflateRawSync,
} from 'node:zlib';
import type { StenoEvent } from '@steno/protocol';
import { Packr } from 'msgpackr';

const CODEC_MSGPACK_DEFLATE = 1;
const CODEC_COLUMNS_BROTLI = 2;
const CODEC_COLUMNS_PATH_DELTAS_BROTLI = 3;
const records = new Packr({ useRecords: true });
const plain = new Packr({ useRecords: false });
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };

type Row = Record<string, unknown>;

/** Events → columns. `@ref` (key releases): how many events back the matching press is (no event field starts with `@`). */
const REF = '@ref';
/** A path's points as [dt, dx, dy, dt, dx, dy, ...], each from the point before (the first from 0). */
const PTS = '@pts';

function pathSteps(points: readonly (readonly [number, number, number])[]): number[] {
  const out = new Array<number>(points.length * 3);
  let d = 0;
  let x = 0;
  let y = 0;
  points.forEach(([pd, px, py], i) => {
    out[i * 3] = pd - d;
    out[i * 3 + 1] = px - x;
    out[i * 3 + 2] = py - y;
    d = pd;
    x = px;
    y = py;
  });
  return out;
}

function pathPoints(steps: readonly number[]): [number, number, number][] {
  const out: [number, number, number][] = [];
  let d = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i + 2 < steps.length; i += 3) {
    d += steps[i] as number;
    x += steps[i + 1] as number;
    y += steps[i + 2] as number;
    out.push([d, x, y]);
  }
  return out;
}
function toColumns(
  events: readonly StenoEvent[],
  steps = true,
): { n: number; cols: Record<string, unknown[]> } {
  const cols: Record<string, unknown[]> = {};
  const held = new Map<string, { index: number; mods: string }>();
  let prev = 0;
  events.forEach((e, i) => {
    const row: Row = { ...e, t: e.t - prev };
    prev = e.t;
    if (steps && e.type === 'path') {
      delete row.points;
      row[PTS] = pathSteps(e.points);
    }
    if (e.type === 'key') {
      const mods = e.mods.join('+');
      if (e.dir === 'down') held.set(e.key, { index: i, mods });
      else {
        const press = held.get(e.key);
        if (press && press.mods === mods && !('char' in e) && e.actionId === undefined) {
          // Everything but the time is the press's: keep only how far back it is.
          delete row.key;
          delete row.mods;
          delete row.dir;
          row[REF] = i - press.index;
          held.delete(e.key);
        }
      }
    }
    for (const [k, v] of Object.entries(row)) {
      let col = cols[k];
      if (!col) {
        col = new Array(events.length).fill(null);
        cols[k] = col;
      }
      col[i] = v;
    }
  });
  return { n: events.length, cols };
}

function fromColumns(doc: { n: number; cols: Record<string, unknown[]> }): StenoEvent[] {
  const names = Object.keys(doc.cols);
  const out: Row[] = [];
  let prev = 0;
  for (let i = 0; i < doc.n; i++) {
    const row: Row = {};
    for (const k of names) {
      const v = doc.cols[k]?.[i];
      if (v !== null && v !== undefined) row[k] = v;
    }
    const t = prev + (row.t as number);
    row.t = t;
    prev = t;
    const steps = row[PTS];
    if (Array.isArray(steps)) {
      delete row[PTS];
      row.points = pathPoints(steps as number[]);
    }
    const ref = row[REF];
    if (typeof ref === 'number') {
      const press = out[i - ref] as { key: string; mods: string[] };
      delete row[REF];
      row.dir = 'up';
      row.key = press.key;
      row.mods = [...press.mods];
    }
    out.push(row);
  }
  return out as unknown as StenoEvent[];
}

export function encodeEvents(events: readonly StenoEvent[]): Uint8Array {
  const packed = brotliCompressSync(plain.pack(toColumns(events)), BROTLI);
  const out = new Uint8Array(packed.length + 1);
  out[0] = CODEC_COLUMNS_PATH_DELTAS_BROTLI;
  out.set(packed, 1);
  return out;
}

/** Codec 2, as earlier versions wrote it (kept for tests of reading old chunks). */
export function encodeEventsV2(events: readonly StenoEvent[]): Uint8Array {
  const packed = brotliCompressSync(plain.pack(toColumns(events, false)), BROTLI);
  const out = new Uint8Array(packed.length + 1);
  out[0] = CODEC_COLUMNS_BROTLI;
  out.set(packed, 1);
  return out;
}

/** Codec 1, as earlier versions wrote it (kept for tests of reading old chunks). */
export function encodeEventsV1(events: readonly StenoEvent[]): Uint8Array {
  const packed = deflateRawSync(records.pack(events), { level: 6 });
  const out = new Uint8Array(packed.length + 1);
  out[0] = CODEC_MSGPACK_DEFLATE;
  out.set(packed, 1);
  return out;
}

export function decodeEvents(bytes: Uint8Array): StenoEvent[] {
  switch (bytes[0]) {
    case CODEC_COLUMNS_PATH_DELTAS_BROTLI:
    case CODEC_COLUMNS_BROTLI:
      // Codec 2 has no path differences: its paths keep their points as they were.
      return fromColumns(plain.unpack(brotliDecompressSync(bytes.subarray(1))));
    case CODEC_MSGPACK_DEFLATE:
      return records.unpack(inflateRawSync(bytes.subarray(1))) as StenoEvent[];
    default:
      throw new TypeError('unknown payload codec');
  }
}
