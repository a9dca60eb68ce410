/** At most one frame per interval: a frame is taken only when the last one is at least `minIntervalMs` old. */

export class FrameRateLimiter {
  readonly #minIntervalMs: number;
  #last = Number.NEGATIVE_INFINITY;

  constructor(minIntervalMs = 1_000) {
    if (!(minIntervalMs >= 0)) throw new RangeError('minIntervalMs must be >= 0');
    this.#minIntervalMs = minIntervalMs;
  }

  /** Whether a frame may be taken at `now`; if so, the slot is used. */
  tryTake(now: number): boolean {
    if (now - this.#last < this.#minIntervalMs) return false;
    this.#last = now;
    return true;
  }
}
