/**
 * The contributor's view of frames: the last few frame events exactly as they will leave the
 * machine (the redacted WebP, byte for byte), in memory only, served only by the local control
 * server. `forget` removes them with the events.
 */
import type { FrameEvent, FrameEventMeta } from '@steno/protocol';

export interface FrameSummary {
  actionId: string;
  t: number;
  /** WebP size in bytes. */
  bytes: number;
  meta: FrameEventMeta;
}

export class FramePreview {
  readonly #size: number;
  #frames: FrameEvent[] = [];

  constructor(size = 6) {
    this.#size = size;
  }

  readonly push = (frame: FrameEvent): void => {
    this.#frames.push(frame);
    if (this.#frames.length > this.#size) this.#frames = this.#frames.slice(-this.#size);
  };

  forget(sinceMs: number): void {
    this.#frames = this.#frames.filter((f) => f.t < sinceMs);
  }

  /** Newest first, without the image. */
  list(): FrameSummary[] {
    return this.#frames
      .map((f) => ({
        actionId: f.actionId,
        t: f.t,
        bytes: Math.floor((f.webp.length * 3) / 4) - (f.webp.match(/=+$/)?.[0].length ?? 0),
        meta: f.meta,
      }))
      .reverse();
  }

  /** The WebP bytes of a frame still shown, decoded from the very string that is uploaded. */
  webp(actionId: string): Buffer | undefined {
    const frame = this.#frames.find((f) => f.actionId === actionId);
    return frame ? Buffer.from(frame.webp, 'base64') : undefined;
  }
}
