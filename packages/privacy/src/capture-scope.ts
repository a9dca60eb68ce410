/**
 * The capture scope, evaluated the same way on the device and on the server (issue 15): which level
 * (`none`, `actions`, `full`) a window or site gets under a scope, the built-in exclusions no
 * policy can lift, and what an event may carry at a level. The agent's scope gate uses it to decide
 * what to capture; the server's ingest uses it to refuse what a modified agent captured anyway.
 * Pure: no I/O.
 */
import type { AppRule, CaptureLevel, CaptureScope, SiteRule, StenoEvent } from '@steno/protocol';
import { DEFAULT_PASSWORD_TITLE_PATTERNS } from './password-context.ts';

/** The window in focus, as the focus tracker (or a browser source) reports it. */
export interface WindowInfo {
  /** WM_CLASS class (or instance) or process name. */
  readonly app: string;
  readonly title?: string | undefined;
  readonly pid?: number | undefined;
  /** Web origin, when the source knows it (browser capture); X11 windows have none. */
  readonly site?: string | undefined;
}

/** Password managers and credential prompts: never captured, whatever the policy. */
const EXCLUDED_APPS =
  /pinentry|keepass|1password|bitwarden|lastpass|dashlane|enpass|nordpass|roboform|keeper|passwordsafe|pwsafe|gopass|qtpass|polkit|askpass|gcr-prompter|seahorse|kwallet|gnome-keyring|keychain|authy|yubico/i;

/** Titles of private browsing windows. */
const PRIVATE_TITLE = /private browsing|\bincognito\b|\binprivate\b|private window|\bprivate\b.*\bmozilla\b/i;

/** Built-in exclusion that no policy can lift: password managers, password / sign-in / private windows. */
export function isBuiltinExcluded(window: WindowInfo): boolean {
  if (EXCLUDED_APPS.test(window.app)) return true;
  const title = window.title ?? '';
  if (PRIVATE_TITLE.test(title)) return true;
  return DEFAULT_PASSWORD_TITLE_PATTERNS.some((p) => p.test(title));
}

const RANK: Record<CaptureLevel, number> = { none: 0, actions: 1, full: 2 };

/** The lower of two levels. */
export function minLevel(a: CaptureLevel, b: CaptureLevel): CaptureLevel {
  return RANK[a] <= RANK[b] ? a : b;
}

/** A capture scope compiled once per lease: title patterns become RegExps (an invalid one never matches). */
export class CompiledScope {
  readonly #apps: { rule: AppRule; title: RegExp | undefined; invalid: boolean }[];
  readonly #sites: { rule: SiteRule; origin: RegExp }[];

  constructor(scope: CaptureScope) {
    this.#apps = scope.apps.map((rule) => {
      if (rule.title === undefined) return { rule, title: undefined, invalid: false };
      try {
        return { rule, title: new RegExp(rule.title, 'i'), invalid: false };
      } catch {
        return { rule, title: undefined, invalid: true };
      }
    });
    this.#sites = scope.sites.map((rule) => ({ rule, origin: originPattern(rule.origin) }));
  }

  /** The first app rule matching a window (application exact or `*`, then the title pattern). */
  appRuleFor(window: WindowInfo): AppRule | undefined {
    const app = window.app.toLowerCase();
    const title = window.title ?? '';
    for (const { rule, title: re, invalid } of this.#apps) {
      if (invalid) continue;
      if (rule.app !== '*' && rule.app.toLowerCase() !== app) continue;
      if (re && !re.test(title)) continue;
      return rule;
    }
    return undefined;
  }

  /** The level of the first matching app rule (and site rule, when the window has a site); none if no match. */
  levelFor(window: WindowInfo): CaptureLevel {
    const level: CaptureLevel = this.appRuleFor(window)?.level ?? 'none';
    if (window.site === undefined || level === 'none') return level;
    const site = this.#sites.find((s) => s.origin.test(window.site ?? ''));
    return site ? minLevel(level, site.rule.level) : 'none';
  }

  /**
   * Whether frames may show a window: not built-in excluded, and its first matching app rule
   * captures (`level` other than `none`) and allows frames (`frames: true`).
   */
  allowsFrames(window: WindowInfo): boolean {
    if (!window.app || isBuiltinExcluded(window)) return false;
    const rule = this.appRuleFor(window);
    return rule !== undefined && rule.level !== 'none' && rule.frames === true;
  }

  /**
   * Whether the name detector runs for a window: on unless its first matching app rule says
   * `names: false` (a window no rule matches is not captured at all; names stay on for it).
   */
  namesFor(window: WindowInfo): boolean {
    return this.appRuleFor(window)?.names !== false;
  }

  /** The first site rule matching a web origin (browser capture); undefined: out of scope. */
  siteRule(origin: string): SiteRule | undefined {
    return this.#sites.find((s) => s.origin.test(origin))?.rule;
  }

  /** The site rules as the lease carries them (sent to the browser extension, which enforces them too). */
  get sites(): readonly SiteRule[] {
    return this.#sites.map((s) => s.rule);
  }
}

/** `https://*.example.com` → a RegExp matching that origin exactly, `*` standing for one or more labels. */
function originPattern(origin: string): RegExp {
  const escaped = origin
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('[a-z0-9.-]+');
  return new RegExp(`^${escaped}$`, 'i');
}

const MODIFIER_KEYS = new Set([
  'Shift',
  'ShiftRight',
  'Control',
  'ControlRight',
  'Alt',
  'AltRight',
  'Meta',
  'MetaRight',
  'CapsLock',
]);
/** Keys that act without typing anything: allowed alone at the `actions` level. */
const COMMAND_KEYS = /^(?:F(?:[1-9]|1[0-9]|2[0-4])|Escape)$/;

/**
 * Cuts one event down to `level`: `none` → nothing; `actions` → mouse, focus and shortcuts only
 * (a key with Ctrl, Alt or Meta, or a function key or Escape), never a character, and no plain or
 * modifier key at all; `full` → unchanged (the privacy filter comes next).
 */
export function applyLevel(event: StenoEvent, level: CaptureLevel): StenoEvent | undefined {
  if (level === 'none') return undefined;
  if (level === 'full' || event.type !== 'key') return event;
  if (MODIFIER_KEYS.has(event.key)) return undefined;
  const shortcut = event.mods.some((m) => m === 'ctrl' || m === 'alt' || m === 'meta');
  if (!shortcut && !COMMAND_KEYS.test(event.key)) return undefined;
  const { char: _char, ...rest } = event;
  return rest;
}
