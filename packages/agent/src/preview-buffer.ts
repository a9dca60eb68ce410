/**
 * The contributor's live preview: the last events exactly as they will leave the machine (after the
 * scope gate and the privacy filter). Kept in memory only, shown only on the local status page.
 */
import type { StenoEvent } from '@steno/protocol';

export class PreviewBuffer {
  readonly #size: number;
  #events: StenoEvent[] = [];

  constructor(size = 50) {
    this.#size = size;
  }

  readonly push = (events: readonly StenoEvent[]): void => {
    this.#events.push(...events);
    if (this.#events.length > this.#size) this.#events = this.#events.slice(-this.#size);
  };

  /** Drops what the contributor forgot, so the preview never shows it again. */
  forget(sinceMs: number): void {
    this.#events = this.#events.filter((e) => e.t < sinceMs);
  }

  events(): StenoEvent[] {
    return [...this.#events];
  }
}
