/**
 * Site scope in the extension: the lease's site rules (origin patterns with levels), matched the
 * same way the agent's scope gate matches them (`https://*.example.com`: `*` stands for one or
 * more labels; first matching rule wins; no match: not captured), and the URL cut a navigation
 * gets (origin and path; query and fragment only when the rule keeps them).
 */
import type { CaptureLevel } from '@steno/protocol';

export interface SiteRuleView {
  origin: string;
  level: CaptureLevel;
  keepQuery?: boolean | undefined;
}

export interface SiteDecision {
  level: CaptureLevel;
  keepQuery: boolean;
}

export const OUT_OF_SCOPE: SiteDecision = Object.freeze({ level: 'none', keepQuery: false });

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

/** The level for an origin under the site rules: the first match wins, no match is `none`. */
export function decideSite(sites: readonly SiteRuleView[], origin: string | undefined): SiteDecision {
  if (origin === undefined) return OUT_OF_SCOPE;
  for (const rule of sites) {
    if (originPattern(rule.origin).test(origin)) {
      return { level: rule.level, keepQuery: rule.level !== 'none' && rule.keepQuery === true };
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
