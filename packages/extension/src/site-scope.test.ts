/**
 * The extension matches site rules exactly as the agent does (both enforce them), and a navigation
 * keeps origin and path only, unless the rule keeps the query.
 */
import type { SiteRule } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import { CompiledScope } from '../../agent/src/scope-gate.ts';
import { cutUrl, decideSite, webOrigin } from './site-scope.ts';

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
    expect(decideSite(SITES, webOrigin('chrome://settings'))).toEqual({ level: 'none', keepQuery: false });
    expect(decideSite(SITES, webOrigin('file:///etc/passwd')).level).toBe('none');
    expect(decideSite(SITES, 'https://blocked.example.com').keepQuery).toBe(false);
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
