/**
 * The on-device privacy filter as a pipeline stage between the source and the batcher: every
 * event passes `@steno/privacy` before anything is spooled. The filter may hold keystrokes for
 * lookahead; the stage flushes it at boundaries (focus, click, task) and after a quiet period,
 * and tracks which source cursor is fully decided, so a restart never skips held events.
 */
import { createPrivacyFilter, type FilterOptions, type PrivacyFilter } from '@steno/privacy';
import type { KeyEvent, StenoEvent } from '@steno/protocol';
import type { SourceItem } from './event-source.ts';

/** Spans shorter than this are not kept (the frames library ignores known secrets under 4 characters). */
const MIN_SPAN = 4;

/** Events that end a line of typed text: focus changes, clicks (desktop or browser element), tasks, navigations. */
const BOUNDARY_TYPES: ReadonlySet<StenoEvent['type']> = new Set([
  'focus',
  'button',
  'task',
  'element',
  'navigate',
]);

export interface PrivacyStageOptions {
  filter?: FilterOptions;
  /** Held keystrokes are decided after this much quiet at a word boundary (default 2 s). */
  idleFlushMs?: number;
  /** …and after this much quiet in the middle of a word (default 60 s). */
  maxHoldMs?: number;
  /** How long the raw text of redacted spans is kept in memory for frames (default 60 s, at most 60 s). */
  recentSpansMs?: number;
  now?: () => number;
}

export class PrivacyStage {
  readonly #filter: PrivacyFilter;
  readonly #idleMs: number;
  readonly #maxHoldMs: number;
  readonly #now: () => number;
  /** The cursor up to which every input has been decided and emitted. */
  #cleanCursor: number;
  #lastCursor: number;
  #lastInputAt = 0;
  /** Whether the last input ended a word (a space, punctuation key, or no character at all). */
  #atWordBoundary = true;
  readonly #recentMs: number;
  /** Typing key-downs pushed since everything was last decided (to learn which went into markers). */
  #undecided: KeyEvent[] = [];
  /** Raw text of recently redacted spans: memory only, never stored, logged or sent. */
  #recent: { at: number; text: string }[] = [];

  constructor(startCursor: number, options: PrivacyStageOptions = {}) {
    // Held keystrokes are emitted as one group into one batch: keep groups well under the
    // server's per-batch event limit.
    this.#filter = createPrivacyFilter({ maxHeldEvents: 2_000, ...options.filter });
    this.#idleMs = options.idleFlushMs ?? 2_000;
    this.#maxHoldMs = options.maxHoldMs ?? 60_000;
    this.#recentMs = Math.min(options.recentSpansMs ?? 60_000, 60_000);
    this.#now = options.now ?? Date.now;
    this.#cleanCursor = startCursor;
    this.#lastCursor = startCursor;
  }

  /** Events held for lookahead, not yet decided (0: everything pushed so far is decided). */
  get held(): number {
    return this.#filter.held;
  }

  /**
   * The raw text of the typed spans the filter redacted in the last minute, for frames: a secret
   * typed into a field is blacked out wherever recognition reads it on screen. Memory only.
   */
  recentRedactedSpans(): string[] {
    this.#prune();
    return this.#recent.map((r) => r.text);
  }

  /** Markers the filter has added so far. */
  get redactions(): number {
    return this.#filter.markers;
  }

  /**
   * When held keystrokes must be decided, if any are held: after a quiet spell at a word boundary,
   * or a much longer one in the middle of a word (deciding there could emit the first part of an
   * identifier whose rest is typed after the pause).
   */
  deadline(): number | undefined {
    if (this.#filter.held === 0) return undefined;
    return this.#lastInputAt + (this.#atWordBoundary ? this.#idleMs : this.#maxHoldMs);
  }

  push(item: SourceItem): SourceItem[] {
    this.#lastCursor = item.cursor;
    this.#lastInputAt = this.#now();
    const e = item.event;
    if (e.type === 'key' && e.dir === 'down')
      this.#atWordBoundary = e.char === undefined || /\s/.test(e.char);
    else if (e.type !== 'key') this.#atWordBoundary = true;
    if (e.type === 'key' && e.dir === 'down' && (e.char !== undefined || e.key === 'Backspace'))
      this.#undecided.push(e);
    const out = this.#filter.push(e);
    if (BOUNDARY_TYPES.has(e.type)) out.push(...this.#filter.flush());
    if (this.#filter.held === 0) {
      this.#learn(out);
      this.#cleanCursor = item.cursor;
      return out.map((event) => ({ event, cursor: item.cursor, ...(item.context ? { context: true } : {}) }));
    }
    // Something is held: emitted events carry only the cursor known to be fully decided.
    return out.map((event) => ({ event, cursor: this.#cleanCursor }));
  }

  /** A quiet spell: decide what is held, carrying the line's context into what follows. */
  idle(): SourceItem[] {
    const out = this.#filter.softFlush();
    this.#learn(out);
    this.#cleanCursor = this.#lastCursor;
    return out.map((event) => ({ event, cursor: this.#lastCursor }));
  }

  /** Decides everything held (shutdown, end of source). */
  flush(): SourceItem[] {
    const out = this.#filter.flush();
    this.#learn(out);
    this.#cleanCursor = this.#lastCursor;
    return out.map((event) => ({ event, cursor: this.#lastCursor }));
  }

  /**
   * Everything pushed is decided: the typing key-downs that did not come out went into markers.
   * Consecutive ones form a span (a redacted Backspace takes back the character before it).
   */
  #learn(out: readonly StenoEvent[]): void {
    if (this.#undecided.length === 0) return;
    const kept = new Set<StenoEvent>(out);
    const spans: string[] = [];
    let span = '';
    for (const k of this.#undecided) {
      if (kept.has(k)) {
        if (span) spans.push(span);
        span = '';
      } else span = k.char === undefined ? span.slice(0, -1) : span + k.char;
    }
    if (span) spans.push(span);
    this.#undecided = [];
    const at = this.#now();
    for (const text of spans) if (text.length >= MIN_SPAN) this.#recent.push({ at, text });
    this.#prune();
  }

  #prune(): void {
    const since = this.#now() - this.#recentMs;
    if (this.#recent.length > 0 && (this.#recent[0]?.at ?? 0) < since)
      this.#recent = this.#recent.filter((r) => r.at >= since);
  }
}
