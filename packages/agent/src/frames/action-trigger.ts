/**
 * Which captured events start an action that gets a frame, and the id that joins the two: a button
 * press, the first key of a typing run, a shortcut key-down, the first wheel event of a scroll, and
 * a focus change. The runs follow the dataset builder's rules (a typing pause over `typingGapMs`, a
 * wheel pause over `scrollGapMs`, any other action, start a new one), so the builder finds the id
 * on the event its action starts with. Ids are opaque: a random prefix per agent run and a counter.
 */
import { randomBytes } from 'node:crypto';
import type { KeyEvent, StenoEvent } from '@steno/protocol';

export interface ActionTriggerOptions {
  /** A typing pause longer than this starts a new typing run (default 1000, the builder's `typingIdleMs`). */
  typingGapMs?: number | undefined;
  /** A wheel pause longer than this starts a new scroll (default 500, the builder's `scrollMergeMs`). */
  scrollGapMs?: number | undefined;
  /** Id prefix (default 8 random base64url characters). */
  prefix?: string | undefined;
}

const MODIFIER_KEYS = /^(?:Shift|Control|Alt|Meta|AltGraph|CapsLock)(?:Right|Left)?$/;

type Tagged = StenoEvent & { actionId: string };

export class ActionTrigger {
  readonly #typingGapMs: number;
  readonly #scrollGapMs: number;
  readonly #prefix: string;
  #n = 0;
  #lastTypedAt: number | undefined;
  #lastWheelAt: number | undefined;

  constructor(options: ActionTriggerOptions = {}) {
    this.#typingGapMs = options.typingGapMs ?? 1_000;
    this.#scrollGapMs = options.scrollGapMs ?? 500;
    this.#prefix = options.prefix ?? randomBytes(6).toString('base64url');
  }

  /**
   * The event with a new `actionId` when it starts an action that gets a frame; otherwise
   * undefined. Call it once per captured event, in capture order.
   */
  mark(e: StenoEvent): Tagged | undefined {
    switch (e.type) {
      case 'focus':
        this.#endRuns();
        return this.#tag(e);
      case 'button':
        if (e.dir !== 'down') return undefined;
        this.#endRuns();
        return this.#tag(e);
      case 'wheel': {
        const starts = this.#lastWheelAt === undefined || e.t - this.#lastWheelAt > this.#scrollGapMs;
        this.#lastTypedAt = undefined;
        this.#lastWheelAt = e.t;
        return starts ? this.#tag(e) : undefined;
      }
      case 'key':
        return this.#onKey(e);
      default:
        return undefined;
    }
  }

  #onKey(e: KeyEvent): Tagged | undefined {
    if (e.dir !== 'down' || MODIFIER_KEYS.test(e.key)) return undefined;
    const ctrl = e.mods.includes('ctrl');
    const alt = e.mods.includes('alt');
    const meta = e.mods.includes('meta');
    const named = e.char === undefined && e.key.length > 1;
    // AltGr (Ctrl+Alt) types characters; Ctrl, Alt or Meta otherwise make a shortcut
    const typing = e.char !== undefined && !meta && (!ctrl || alt);
    if (typing) {
      const starts = this.#lastTypedAt === undefined || e.t - this.#lastTypedAt > this.#typingGapMs;
      this.#lastTypedAt = e.t;
      this.#lastWheelAt = undefined;
      return starts ? this.#tag(e) : undefined;
    }
    if (e.key === 'Backspace' && !ctrl && !alt && !meta && this.#lastTypedAt !== undefined) {
      // erases within the typing run
      this.#lastTypedAt = e.t;
      return undefined;
    }
    const shortcut = ctrl || alt || meta || (e.mods.includes('shift') && named);
    this.#endRuns();
    return shortcut ? this.#tag(e) : undefined;
  }

  #endRuns(): void {
    this.#lastTypedAt = undefined;
    this.#lastWheelAt = undefined;
  }

  #tag(e: StenoEvent): Tagged {
    this.#n += 1;
    return { ...e, actionId: `${this.#prefix}-${this.#n}` } as Tagged;
  }
}
