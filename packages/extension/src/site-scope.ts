/**
 * Site scope in the extension: the lease's site rules (origin patterns with levels), matched the
 * same way the agent's scope gate matches them (`https://*.example.com`: `*` stands for one or
 * more labels; first matching rule wins; no match: not captured), the URL cut a navigation
 * gets (origin and path; query and fragment only when the rule keeps them), and whether the privacy
 * filter looks for names on a site (the lease's app rules, matched as the agent matches a browser
 * tab's focus: its app is the origin, it has no title).
 */
import type { CaptureLevel } from '@steno/protocol';

export interface SiteRuleView {
  origin: string;
  level: CaptureLevel;
  keepQuery?: boolean | undefined;
}

/** An app rule of the lease as far as the name switch needs it. */
export interface AppRuleView {
  app: string;
  title?: string | undefined;
  /** False where the rule says `names: false`. */
  names: boolean;
}

export interface SiteDecision {
  level: CaptureLevel;
  keepQuery: boolean;
  /** Names and addresses detected (the default) or not (`names: false` in the site's app rule). */
  names: boolean;
}

export const OUT_OF_SCOPE: SiteDecision = Object.freeze({ level: 'none', keepQuery: false, names: true });

function originPattern(origin: string): RegExp {
  const escaped = origin
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('[a-z0-9.-]+');
  return new RegExp(`^${escaped}$`, 'i');
}

/** The web origin of a URL (http and https only); undefined for anything else (file:, data:, chrome:). */
export function webOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether names and addresses are detected on a site's pages: what the agent's and the server's
 * filters decide for the site's focus event (`CompiledScope.namesFor` with the origin as the app and
 * no title) — the first app rule for the origin (exact, case-insensitive) or `*` whose title pattern,
 * if any, matches an empty title (an invalid pattern never matches) says; no rule: on.
 */
export function namesForSite(apps: readonly AppRuleView[], origin: string): boolean {
  const app = origin.toLowerCase();
  for (const rule of apps) {
    if (rule.app !== '*' && rule.app.toLowerCase() !== app) continue;
    if (rule.title !== undefined) {
      try {
        if (!new RegExp(rule.title, 'i').test('')) continue;
      } catch {
        continue;
      }
    }
    return rule.names;
  }
  return true;
}

/**
 * The level for an origin under the site rules (the first match wins, no match is `none`), and the
 * name switch from the app rules.
 */
export function decideSite(
  sites: readonly SiteRuleView[],
  origin: string | undefined,
  apps: readonly AppRuleView[] = [],
): SiteDecision {
  if (origin === undefined) return OUT_OF_SCOPE;
  for (const rule of sites) {
    if (originPattern(rule.origin).test(origin)) {
      return {
        level: rule.level,
        keepQuery: rule.level !== 'none' && rule.keepQuery === true,
        names: namesForSite(apps, origin),
      };
    }
  }
  return OUT_OF_SCOPE;
}

/** What a navigation may say about a URL: origin and path, query and fragment only if kept. */
export function cutUrl(
  url: string,
  keepQuery: boolean,
): { origin: string; path: string; query?: string; fragment?: string } | undefined {
  const origin = webOrigin(url);
  if (origin === undefined) return undefined;
  const u = new URL(url);
  const out: { origin: string; path: string; query?: string; fragment?: string } = {
    origin,
    path: u.pathname.slice(0, 2048) || '/',
  };
  if (keepQuery && u.search.length > 1) out.query = u.search.slice(1, 2049);
  if (keepQuery && u.hash.length > 1) out.fragment = u.hash.slice(1, 1025);
  return out;
}
