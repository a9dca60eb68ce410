/**
 * Which windows frames may show, from the lease's capture scope: the first app rule that matches
 * a window (application exact and case-insensitive or `*`; optional title pattern) must allow
 * capture (`level` other than `none`) and frames (`frames: true`; off unless set). Built-in
 * exclusions (password managers, sign-in and private windows) are never in scope, whatever the
 * policy says. Same first-match semantics as the agent's scope gate.
 */
import { DEFAULT_PASSWORD_TITLE_PATTERNS } from '@steno/privacy';
import type { AppRule, CaptureScope } from '@steno/protocol';

/** What a scope decision needs to know about a window. */
export interface ScopedWindow {
  readonly app: string;
  readonly title?: string | undefined;
}

/** Password managers and credential prompts: no frames, whatever the policy. */
const EXCLUDED_APPS =
  /pinentry|keepass|1password|bitwarden|lastpass|dashlane|enpass|nordpass|roboform|keeper|passwordsafe|pwsafe|gopass|qtpass|polkit|askpass|gcr-prompter|seahorse|kwallet|gnome-keyring|keychain|authy|yubico/i;
const PRIVATE_TITLE = /private browsing|\bincognito\b|\binprivate\b|private window|\bprivate\b.*\bmozilla\b/i;

/**
 * The default built-in exclusion (a copy of the agent's `isBuiltinExcluded`; the agent passes its
 * own to `FrameScope` so that one list rules both).
 */
export function defaultExcluded(window: ScopedWindow): boolean {
  if (EXCLUDED_APPS.test(window.app)) return true;
  const title = window.title ?? '';
  if (PRIVATE_TITLE.test(title)) return true;
  return DEFAULT_PASSWORD_TITLE_PATTERNS.some((p) => p.test(title));
}

export class FrameScope {
  readonly #apps: { rule: AppRule; title: RegExp | undefined; invalid: boolean }[];
  readonly #excluded: (window: ScopedWindow) => boolean;

  constructor(scope: CaptureScope, excluded: (window: ScopedWindow) => boolean = defaultExcluded) {
    this.#excluded = excluded;
    this.#apps = scope.apps.map((rule) => {
      if (rule.title === undefined) return { rule, title: undefined, invalid: false };
      try {
        return { rule, title: new RegExp(rule.title, 'i'), invalid: false };
      } catch {
        return { rule, title: undefined, invalid: true };
      }
    });
  }

  /** Whether frames may show this window. Unknown windows (no app) never. */
  allowsFrames(window: ScopedWindow): boolean {
    if (!window.app || this.#excluded(window)) return false;
    const app = window.app.toLowerCase();
    const title = window.title ?? '';
    for (const { rule, title: re, invalid } of this.#apps) {
      if (invalid) continue;
      if (rule.app !== '*' && rule.app.toLowerCase() !== app) continue;
      if (re && !re.test(title)) continue;
      return rule.level !== 'none' && rule.frames === true;
    }
    return false;
  }
}
