/**
 * The hand-off inside a capture source: callbacks (the OS hook, the browser endpoint) push events,
 * and the source's `events()` loop drains them in order, sleeping while the queue is empty and
 * returning when its signal aborts.
 */
import type { StenoEvent } from '@steno/protocol';

export class EventQueue {
  #items: StenoEvent[] = [];
  #wake: (() => void) | undefined;

  push(event: StenoEvent): void {
    this.#items.push(event);
  }

  /** Wakes a sleeping drain (after pushing). */
  wake(): void {
    this.#wake?.();
  }

  /** Drops every queued event at or after `sinceMs` (forget). */
  dropFrom(sinceMs: number): void {
    this.#items = this.#items.filter((e) => e.t < sinceMs);
  }

  /** Everything still queued, emptying the queue. */
  takeAll(): StenoEvent[] {
    return this.#items.splice(0);
  }

  async *drain(signal: AbortSignal): AsyncGenerator<StenoEvent> {
    const onAbort = (): void => this.#wake?.();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      while (!signal.aborted) {
        const event = this.#items.shift();
        if (event) {
          yield event;
          continue;
        }
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        this.#wake = undefined;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}
