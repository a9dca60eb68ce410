/**
 * The extension matches site rules exactly as the agent does (both enforce them), decides the name
 * switch of a site's pages as the agent decides it for the site's focus, and a navigation keeps
 * origin and path only, unless the rule keeps the query.
 */
import type { AppRule, SiteRule } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import { CompiledScope } from '../../agent/src/scope-gate.ts';
import { cutUrl, decideSite, namesForSite, webOrigin } from './site-scope.ts';

const SITES: SiteRule[] = [
  { origin: 'https://crm.example.com', level: 'full' },
  { origin: 'https://*.docs.example.com', level: 'actions', keepQuery: true },
  { origin: 'http://127.0.0.1:*', level: 'full' },
  { origin: 'https://blocked.example.com', level: 'none', keepQuery: true },
];

describe('site scope in the extension', () => {
  it('agrees with the agent on every origin', () => {
    const agent = new CompiledScope({ apps: [], sites: SITES });
    const origins = [
      'https://crm.example.com',
      'http://crm.example.com',
      'https://crm.example.com:8443',
      'https://a.docs.example.com',
      'https://a.b.docs.example.com',
      'https://docs.example.com',
      'https://a.docs.example.com.evil.net',
      'http://127.0.0.1:8080',
      'http://localhost:8080',
      'https://blocked.example.com',
      'https://CRM.EXAMPLE.COM',
    ];
    for (const origin of origins) {
      const rule = agent.siteRule(origin);
      expect(decideSite(SITES, origin).level, origin).toBe(rule?.level ?? 'none');
    }
  });

  it('default deny: no rule, no origin or a non-web URL is out of scope', () => {
    expect(decideSite([], 'https://crm.example.com').level).toBe('none');
    expect(decideSite(SITES, webOrigin('chrome://settings'))).toEqual({
      level: 'none',
      keepQuery: false,
      names: true,
    });
    expect(decideSite(SITES, webOrigin('file:///etc/passwd')).level).toBe('none');
    expect(decideSite(SITES, 'https://blocked.example.com').keepQuery).toBe(false);
  });

  it("issue 16: names are off on a site exactly where the agent's filter turns them off for its focus", () => {
    const specific: AppRule[] = [
      { app: 'https://crm.example.com', level: 'full', names: false },
      // A title pattern: a tab's focus has no title, so only a pattern matching '' applies.
      { app: 'https://docs.example.com', title: 'Budget', level: 'full', names: false },
      { app: 'https://wiki.example.com', title: '^$', level: 'full', names: false },
      { app: 'https://bad.example.com', title: '(', level: 'full', names: false },
      { app: 'https://hr.example.com', level: 'full' },
      { app: 'chromium', level: 'full', names: false },
    ];
    const origins = [
      'https://crm.example.com',
      'https://CRM.example.com',
      'https://docs.example.com',
      'https://wiki.example.com',
      'https://bad.example.com',
      'https://hr.example.com',
      'http://127.0.0.1:8080',
    ];
    for (const apps of [specific, [...specific, { app: '*', level: 'full', names: false } as AppRule]]) {
      const agent = new CompiledScope({ apps, sites: SITES });
      // What the agent sends the extension (browser-source.ts `state().apps`).
      const view = apps.map((r) => ({ app: r.app, title: r.title, names: r.names !== false }));
      for (const origin of origins)
        expect(namesForSite(view, origin), origin).toBe(agent.namesFor({ app: origin }));
    }
    expect(namesForSite([{ app: 'https://crm.example.com', names: false }], 'https://crm.example.com')).toBe(
      false,
    );
    expect(decideSite(SITES, 'https://crm.example.com', [{ app: '*', names: false }]).names).toBe(false);
    expect(decideSite(SITES, 'https://crm.example.com').names).toBe(true);
  });

  it('cuts query and fragment unless kept', () => {
    const url = 'https://crm.example.com/accounts/42?email=jane%40example.com#notes';
    expect(cutUrl(url, false)).toEqual({ origin: 'https://crm.example.com', path: '/accounts/42' });
    expect(cutUrl(url, true)).toEqual({
      origin: 'https://crm.example.com',
      path: '/accounts/42',
      query: 'email=jane%40example.com',
      fragment: 'notes',
    });
    expect(cutUrl('data:text/html,hi', true)).toBeUndefined();
  });
});
