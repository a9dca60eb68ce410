/**
 * The scope gate (DESIGN invariant 1): decides, for the window in focus and the capture lease held
 * now, at which level anything may be captured — `none`, `actions` (mouse and shortcuts, no typed
 * text) or `full` — and cuts events down to that level. Default deny: no lease, an expired or
 * paused lease, a contributor pause, an unknown window or a window no rule matches all give
 * `none`, and `none` yields nothing at all, not even a focus event or a key count. Built-in
 * exclusions (password managers; titles suggesting passwords, sign-in, private or incognito
 * browsing) give `none` whatever the policy says.
 */
import { DEFAULT_PASSWORD_TITLE_PATTERNS } from '@steno/privacy';
import type {
  AppRule,
  CaptureLease,
  CaptureLevel,
  CaptureScope,
  SiteRule,
  StenoEvent,
} from '@steno/protocol';

/** The window in focus, as the focus tracker (or a browser source) reports it. */
export interface WindowInfo {
  /** WM_CLASS class (or instance) or process name. */
  readonly app: string;
  readonly title?: string | undefined;
  readonly pid?: number | undefined;
  /** Web origin, when the source knows it (browser capture); X11 windows have none. */
  readonly site?: string | undefined;
}

export type GateReason =
  | 'NO_LEASE'
  | 'LEASE_EXPIRED'
  | 'LEASE_PAUSED'
  | 'CONTRIBUTOR_PAUSED'
  | 'NO_FOCUS'
  | 'BUILTIN_EXCLUSION'
  | 'NOT_IN_SCOPE'
  | 'IN_SCOPE';

export interface GateDecision {
  readonly level: CaptureLevel;
  readonly reason: GateReason;
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

  /** The level of the first matching app rule (and site rule, when the window has a site); none if no match. */
  levelFor(window: WindowInfo): CaptureLevel {
    const app = window.app.toLowerCase();
    const title = window.title ?? '';
    let level: CaptureLevel = 'none';
    for (const { rule, title: re, invalid } of this.#apps) {
      if (invalid) continue;
      if (rule.app !== '*' && rule.app.toLowerCase() !== app) continue;
      if (re && !re.test(title)) continue;
      level = rule.level;
      break;
    }
    if (window.site === undefined || level === 'none') return level;
    const site = this.#sites.find((s) => s.origin.test(window.site ?? ''));
    return site ? minLevel(level, site.rule.level) : 'none';
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

export interface GateInput {
  /** The lease as it stands now; see `LeaseHolder.view()`. */
  readonly lease:
    | { readonly kind: 'none' }
    | { readonly kind: 'expired' | 'paused' | 'active'; readonly lease: CaptureLease };
  readonly scope: CompiledScope | undefined;
  readonly contributorPaused: boolean;
  readonly window: WindowInfo | undefined;
}

/** Decides the capture level; default deny, with the reason. */
export function decideLevel(input: GateInput): GateDecision {
  if (input.lease.kind === 'none') return { level: 'none', reason: 'NO_LEASE' };
  if (input.lease.kind === 'expired') return { level: 'none', reason: 'LEASE_EXPIRED' };
  if (input.lease.kind === 'paused') return { level: 'none', reason: 'LEASE_PAUSED' };
  if (input.contributorPaused) return { level: 'none', reason: 'CONTRIBUTOR_PAUSED' };
  if (!input.window) return { level: 'none', reason: 'NO_FOCUS' };
  if (isBuiltinExcluded(input.window)) return { level: 'none', reason: 'BUILTIN_EXCLUSION' };
  const level = input.scope?.levelFor(input.window) ?? 'none';
  return level === 'none' ? { level, reason: 'NOT_IN_SCOPE' } : { level, reason: 'IN_SCOPE' };
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
