/**
 * The on-device privacy filter as a pipeline stage between the source and the batcher: every
 * event passes `@steno/privacy` before anything is spooled. The filter may hold keystrokes for
 * lookahead; the stage flushes it at boundaries (focus, click, task) and after a quiet period,
 * and tracks which source cursor is fully decided, so a restart never skips held events.
 */
import { createPrivacyFilter, type FilterOptions, type PrivacyFilter } from '@steno/privacy';
import type { StenoEvent } from '@steno/protocol';
import type { SourceItem } from './event-source.ts';

const BOUNDARY_TYPES: ReadonlySet<StenoEvent['type']> = new Set(['focus', 'button', 'task']);

export interface PrivacyStageOptions {
  filter?: FilterOptions;
  /** Held keystrokes are decided after this much quiet (default 2 s). */
  idleFlushMs?: number;
  now?: () => number;
}

export class PrivacyStage {
  readonly #filter: PrivacyFilter;
  readonly #idleMs: number;
  readonly #now: () => number;
  /** The cursor up to which every input has been decided and emitted. */
  #cleanCursor: number;
  #lastCursor: number;
  #heldSince: number | undefined;

  constructor(startCursor: number, options: PrivacyStageOptions = {}) {
    // Held keystrokes are emitted as one group into one batch: keep groups well under the
    // server's per-batch event limit.
    this.#filter = createPrivacyFilter({ maxHeldEvents: 2_000, ...options.filter });
    this.#idleMs = options.idleFlushMs ?? 2_000;
    this.#now = options.now ?? Date.now;
    this.#cleanCursor = startCursor;
    this.#lastCursor = startCursor;
  }

  /** Markers the filter has added so far. */
  get redactions(): number {
    return this.#filter.markers;
  }

  /** When held keystrokes must be decided, if any are held. */
  deadline(): number | undefined {
    return this.#heldSince === undefined ? undefined : this.#heldSince + this.#idleMs;
  }

  push(item: SourceItem): SourceItem[] {
    this.#lastCursor = item.cursor;
    const out = this.#filter.push(item.event);
    if (BOUNDARY_TYPES.has(item.event.type)) out.push(...this.#filter.flush());
    if (this.#filter.held === 0) {
      this.#heldSince = undefined;
      this.#cleanCursor = item.cursor;
      return out.map((event) => ({ event, cursor: item.cursor, ...(item.context ? { context: true } : {}) }));
    }
    // Something is held: emitted events carry only the cursor known to be fully decided.
    this.#heldSince ??= this.#now();
    return out.map((event) => ({ event, cursor: this.#cleanCursor }));
  }

  /** Decides everything held (quiet period, shutdown, end of source). */
  flush(): SourceItem[] {
    const out = this.#filter.flush();
    this.#heldSince = undefined;
    this.#cleanCursor = this.#lastCursor;
    return out.map((event) => ({ event, cursor: this.#lastCursor }));
  }
}
