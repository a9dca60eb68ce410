/**
 * Test support for frames without X11: a frame taker that answers from a script (a real, tiny WebP,
 * or a drop reason), after an optional delay, recording what it was asked and the known secrets it
 * was handed; and a source the test pushes events into.
 */
import {
  createImage,
  encodeWebp,
  type FrameDropReason,
  type FrameOutcome,
  type FrameRequest,
} from '@steno/frames';
import type { StenoEvent } from '@steno/protocol';
import type { EventSource, SourceItem } from '../event-source.ts';
import type { FrameTaker } from '../frames/frame-stage.ts';

export interface TakeRecord {
  actionId: string;
  /** The known secrets the frame was redacted with (undefined: it never got that far). */
  known: readonly string[] | undefined;
}

export class FakeFrameTaker implements FrameTaker {
  readonly requests: TakeRecord[] = [];
  closed = false;
  /** A drop reason for request `i`, or undefined to make a frame. */
  decide: (req: FrameRequest, i: number) => FrameDropReason | undefined = () => undefined;
  /** Milliseconds the redaction of request `i` takes. */
  delayMs: (i: number) => number = () => 20;
  #webp: Uint8Array | undefined;

  async take(req: FrameRequest): Promise<FrameOutcome> {
    const i = this.requests.length;
    const record: TakeRecord = { actionId: req.actionId, known: undefined };
    this.requests.push(record);
    const reason = this.decide(req, i);
    if (reason) return { ok: false, reason };
    this.#webp ??= (await encodeWebp(createImage(32, 20), { scale: 1, quality: 50 })).webp;
    await new Promise((r) => setTimeout(r, this.delayMs(i)));
    try {
      const given = req.knownSecrets;
      record.known = typeof given === 'function' ? await given() : (given ?? []);
    } catch {
      return { ok: false, reason: 'SECRETS_UNAVAILABLE' };
    }
    const rect = { x: 10, y: 20, width: 30, height: 15 };
    return {
      ok: true,
      frame: {
        webp: this.#webp,
        meta: {
          v: 1,
          actionId: req.actionId,
          kind: req.kind ?? 'before',
          t: Date.now(),
          width: 32,
          height: 20,
          scale: 0.5,
          origin: { x: 0, y: 0 },
          window: rect,
          windowInFrame: { x: 5, y: 10, width: 15, height: 8 },
          app: 'org.example.Editor',
          redaction: { textBoxes: 0, unsureLines: 0, regions: 0, ocrLines: 0 },
        },
      },
      timings: { stack: 0, pixels: 0, blackout: 0, queued: 0, ocr: 0, redact: 0, encode: 0, total: 0 },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A source the test pushes events into; it ends at `end()` (or when the agent stops). */
export class PushSource implements EventSource {
  readonly #queue: StenoEvent[] = [];
  #ended = false;
  #wake: (() => void) | undefined;

  push(...events: StenoEvent[]): void {
    this.#queue.push(...events);
    this.#wake?.();
  }

  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  async *events(_from: number, signal: AbortSignal): AsyncGenerator<SourceItem> {
    let cursor = 0;
    const onAbort = (): void => this.#wake?.();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        const event = this.#queue.shift();
        if (event) {
          cursor += 1;
          yield { event, cursor };
          continue;
        }
        if (this.#ended || signal.aborted) return;
        await new Promise<void>((r) => {
          this.#wake = r;
        });
        this.#wake = undefined;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}

/** Key-down and key-up events typing `text` from `t0`, `gap` ms a key. */
export function typing(text: string, t0: number, gap = 40): StenoEvent[] {
  return [...text].flatMap((ch, i): StenoEvent[] => {
    const key = ch === ' ' ? 'Space' : ch === '\n' ? 'Enter' : ch;
    const down: StenoEvent =
      ch === '\n'
        ? { type: 'key', t: t0 + i * gap, dir: 'down', key, mods: [] }
        : { type: 'key', t: t0 + i * gap, dir: 'down', key, char: ch, mods: [] };
    return [down, { type: 'key', t: t0 + i * gap + 5, dir: 'up', key, mods: [] }];
  });
}
