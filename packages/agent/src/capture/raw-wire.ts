/**
 * The bytes between the hook child and the agent. Input events (keys, buttons, moves, wheel: all
 * but a handful of messages) travel as fixed 24-byte records, so neither side builds a string or
 * parses JSON per event; the rare messages (focus, ready, error) travel as a length-prefixed JSON
 * RawInput, checked by `parseRawInput`. The child fills one buffer and writes it every few
 * milliseconds; the agent decodes whole chunks, carrying a partial frame over to the next chunk.
 *
 * Record: kind u8 | down or wheel direction u8 | modifier mask u8 | button u8 |
 * keycode or wheel rotation i32 | x i32 | y i32 | t f64 (epoch ms), little-endian.
 * JSON frame: 0x7f | 3 zero bytes | length u32 | UTF-8 JSON.
 */
import { parseRawInput, type RawInput } from './raw-input.ts';

export const RECORD_BYTES = 24;
const JSON_HEADER_BYTES = 8;
const KIND_KEY = 1;
const KIND_BUTTON = 2;
const KIND_MOVE = 3;
const KIND_WHEEL = 4;
const KIND_JSON = 0x7f;
/** Longest JSON frame accepted (a focus message: app ≤ 128 and title ≤ 512 characters). */
const MAX_JSON_BYTES = 16 * 1024;

/** Appends frames to a reusable buffer; `take()` hands out what was written and starts over. */
export class RawWriter {
  #buf: Buffer;
  #view: DataView;
  #len = 0;

  constructor(capacity = 64 * 1024) {
    this.#buf = Buffer.allocUnsafe(capacity);
    this.#view = new DataView(this.#buf.buffer, this.#buf.byteOffset, this.#buf.byteLength);
  }

  get length(): number {
    return this.#len;
  }

  /** Whether another record (or a JSON frame of `bytes`) would overflow the buffer. */
  full(bytes = RECORD_BYTES): boolean {
    return this.#len + bytes > this.#buf.length;
  }

  key(t: number, down: boolean, keycode: number, mask: number): void {
    this.#record(KIND_KEY, down ? 1 : 0, mask, 0, keycode, 0, 0, t);
  }

  button(t: number, down: boolean, button: number, x: number, y: number, mask: number): void {
    this.#record(KIND_BUTTON, down ? 1 : 0, mask, button, 0, x, y, t);
  }

  move(t: number, x: number, y: number): void {
    this.#record(KIND_MOVE, 0, 0, 0, 0, x, y, t);
  }

  wheel(t: number, x: number, y: number, rotation: number, direction: number, mask: number): void {
    this.#record(KIND_WHEEL, direction, mask, 0, rotation, x, y, t);
  }

  /** A rare message as JSON; a message too long for the buffer is dropped (it cannot happen). */
  json(message: RawInput): void {
    const text = Buffer.from(JSON.stringify(message), 'utf8');
    if (text.length > MAX_JSON_BYTES || this.full(JSON_HEADER_BYTES + text.length)) return;
    const at = this.#len;
    this.#view.setUint32(at, KIND_JSON, true);
    this.#view.setUint32(at + 4, text.length, true);
    text.copy(this.#buf, at + JSON_HEADER_BYTES);
    this.#len = at + JSON_HEADER_BYTES + text.length;
  }

  /** A copy of the frames written so far; the buffer is reused. */
  take(): Buffer {
    const out = Buffer.from(this.#buf.subarray(0, this.#len));
    this.#len = 0;
    return out;
  }

  #record(
    kind: number,
    a: number,
    mask: number,
    button: number,
    n: number,
    x: number,
    y: number,
    t: number,
  ): void {
    const at = this.#len;
    const v = this.#view;
    v.setUint8(at, kind);
    v.setUint8(at + 1, a);
    v.setUint8(at + 2, mask);
    v.setUint8(at + 3, button);
    v.setInt32(at + 4, n, true);
    v.setInt32(at + 8, x, true);
    v.setInt32(at + 12, y, true);
    v.setFloat64(at + 16, t, true);
    this.#len = at + RECORD_BYTES;
  }
}

/**
 * Decodes chunks from the child into RawInputs. A malformed frame (an unknown kind, an
 * over-long JSON frame) means the stream cannot be trusted any more: `push` says so, and the
 * supervisor restarts the child.
 */
export class RawReader {
  #pending: Buffer | undefined;

  /** Decodes what `chunk` completes; false when the stream is malformed (restart the child). */
  push(chunk: Buffer, onInput: (input: RawInput) => void): boolean {
    const buf = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = undefined;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let at = 0;
    while (at < buf.length) {
      const kind = view.getUint8(at);
      if (kind === KIND_JSON) {
        if (buf.length - at < JSON_HEADER_BYTES) break;
        const n = view.getUint32(at + 4, true);
        if (n > MAX_JSON_BYTES) return false;
        if (buf.length - at < JSON_HEADER_BYTES + n) break;
        const input = parseRawInput(buf.toString('utf8', at + JSON_HEADER_BYTES, at + JSON_HEADER_BYTES + n));
        at += JSON_HEADER_BYTES + n;
        if (input) onInput(input);
        continue;
      }
      if (buf.length - at < RECORD_BYTES) break;
      const t = view.getFloat64(at + 16, true);
      const a = view.getUint8(at + 1);
      const mask = view.getUint8(at + 2) & 0x0f;
      const n = view.getInt32(at + 4, true);
      const x = view.getInt32(at + 8, true);
      const y = view.getInt32(at + 12, true);
      at += RECORD_BYTES;
      if (!Number.isFinite(t)) continue;
      switch (kind) {
        case KIND_KEY:
          onInput(['k', t, a ? 1 : 0, n, mask]);
          break;
        case KIND_BUTTON:
          onInput(['b', t, a ? 1 : 0, view.getUint8(at - RECORD_BYTES + 3), x, y, mask]);
          break;
        case KIND_MOVE:
          onInput(['m', t, x, y]);
          break;
        case KIND_WHEEL:
          onInput(['w', t, x, y, n, a, mask]);
          break;
        default:
          return false;
      }
    }
    if (at < buf.length) this.#pending = Buffer.from(buf.subarray(at));
    return true;
  }
}
