/**
 * Which windows frames may show, from the lease's capture scope: the first app rule that matches
 * a window (application exact and case-insensitive or `*`; optional title pattern) must allow
 * capture (`level` other than `none`) and frames (`frames: true`; off unless set). Built-in
 * exclusions (password managers, sign-in and private windows) are never in scope, whatever the
 * policy says. Same first-match semantics as the agent's scope gate.
 */
import { CompiledScope, isBuiltinExcluded } from '@steno/privacy';
import type { CaptureScope } from '@steno/protocol';

/** What a scope decision needs to know about a window. */
export interface ScopedWindow {
  readonly app: string;
  readonly title?: string | undefined;
}

/**
 * The default built-in exclusion: the one list the agent's scope gate and the server's ingest use
 * too (`isBuiltinExcluded` of @steno/privacy).
 */
export const defaultExcluded: (window: ScopedWindow) => boolean = isBuiltinExcluded;

export class FrameScope {
  readonly #scope: CompiledScope;
  readonly #excluded: (window: ScopedWindow) => boolean;

  constructor(scope: CaptureScope, excluded: (window: ScopedWindow) => boolean = defaultExcluded) {
    this.#scope = new CompiledScope(scope);
    this.#excluded = excluded;
  }

  /** Whether frames may show this window. Unknown windows (no app) never. */
  allowsFrames(window: ScopedWindow): boolean {
    if (!window.app || this.#excluded(window)) return false;
    const rule = this.#scope.appRuleFor(window);
    return rule !== undefined && rule.level !== 'none' && rule.frames === true;
  }

  /**
   * Whether the name detector runs on this window's recognised text: on unless its first matching
   * app rule says `names: false` (issue 16), as the agent's filter decides for the window's typed text.
   */
  namesFor(window: ScopedWindow): boolean {
    return this.#scope.namesFor(window);
  }
}
