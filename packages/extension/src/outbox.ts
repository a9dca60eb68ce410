/**
 * Events on their way from the content script to the service worker, sent in batches: one runtime
 * message per `delayMs` (or per `maxEvents` events) instead of one per event, since a message costs
 * the page more than recording the event did. A batch that is due goes with the next event added;
 * the timer only sends what is left when events stop coming (a timer that fires is one more call
 * into the content script). Only events already decided (masked and filtered)
 * enter it. When capture stops (level `none`: a pause, the kill switch, out of scope) whatever waits
 * is dropped, not sent, like the text the filter holds.
 */
import type { StenoEvent } from '@steno/protocol';

export interface OutboxOptions {
  /** The longest an event waits before its batch is sent (default 500 ms). */
  delayMs?: number;
  /** A batch is sent at once when it reaches this many events (default 200). */
  maxEvents?: number;
}

export class Outbox {
  readonly #post: (events: StenoEvent[]) => void;
  readonly #delayMs: number;
  readonly #maxEvents: number;
  #events: StenoEvent[] = [];
  #since = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(post: (events: StenoEvent[]) => void, options: OutboxOptions = {}) {
    this.#post = post;
    this.#delayMs = options.delayMs ?? 500;
    this.#maxEvents = options.maxEvents ?? 200;
  }

  /** Events waiting to be sent. */
  get size(): number {
    return this.#events.length;
  }

  add(events: readonly StenoEvent[]): void {
    if (events.length === 0) return;
    if (this.#events.length === 0) this.#since = Date.now();
    for (const e of events) this.#events.push(e);
    if (this.#events.length >= this.#maxEvents || Date.now() - this.#since >= this.#delayMs) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), this.#delayMs);
  }

  /** Sends what waits now (a batch is full, the page is hidden or going away). */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#events.length === 0) return;
    const events = this.#events;
    this.#events = [];
    this.#post(events);
  }

  /** Drops what waits, unsent. */
  drop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#events = [];
  }
}
