import type { CaptureLease, CaptureScope, Modifier, StenoEvent } from '@steno/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyLevel, CompiledScope, decideLevel, type GateInput, isBuiltinExcluded } from './scope-gate.ts';

const scope: CaptureScope = {
  apps: [
    { app: 'code', level: 'full' },
    { app: 'Firefox', title: 'jira', level: 'actions' },
    { app: '*', title: '^never$', level: 'full' },
  ],
  sites: [],
};
const lease = (state: 'active' | 'paused' = 'active'): CaptureLease => ({
  v: 1,
  leaseId: 'lse_12345678',
  deviceId: 'dev_aaaaaaaaaaaaaaaa',
  subject: 'alice',
  issuedAt: 1,
  expiresAt: 2,
  policyVersion: 1,
  state,
  scope,
});
const input = (over: Partial<GateInput> = {}): GateInput => ({
  lease: { kind: 'active', lease: lease() },
  scope: new CompiledScope(scope),
  contributorPaused: false,
  window: { app: 'Code', title: 'main.ts' },
  ...over,
});

describe('decideLevel (default deny)', () => {
  it('gives the first matching rule its level, case-insensitively, with title patterns', () => {
    expect(decideLevel(input())).toEqual({ level: 'full', reason: 'IN_SCOPE' });
    expect(decideLevel(input({ window: { app: 'firefox', title: 'JIRA board' } })).level).toBe('actions');
    expect(decideLevel(input({ window: { app: 'firefox', title: 'news' } }))).toEqual({
      level: 'none',
      reason: 'NOT_IN_SCOPE',
    });
  });

  it('captures nothing without an active lease, during a pause, or without a known window', () => {
    expect(decideLevel(input({ lease: { kind: 'none' } })).reason).toBe('NO_LEASE');
    expect(decideLevel(input({ lease: { kind: 'expired', lease: lease() } })).reason).toBe('LEASE_EXPIRED');
    expect(decideLevel(input({ lease: { kind: 'paused', lease: lease('paused') } })).reason).toBe(
      'LEASE_PAUSED',
    );
    expect(decideLevel(input({ contributorPaused: true })).reason).toBe('CONTRIBUTOR_PAUSED');
    expect(decideLevel(input({ window: undefined })).reason).toBe('NO_FOCUS');
  });

  it('built-in exclusions win over any policy, even a catch-all rule', () => {
    const all = new CompiledScope({ apps: [{ app: '*', level: 'full' }], sites: [] });
    for (const window of [
      { app: 'KeePassXC', title: 'db.kdbx' },
      { app: 'Bitwarden' },
      { app: 'firefox', title: 'Mozilla Firefox Private Browsing' },
      { app: 'chromium', title: 'New Tab - Incognito' },
      { app: 'firefox', title: 'Sign in - Google Accounts' },
      { app: 'code', title: 'Enter your password' },
    ]) {
      expect(isBuiltinExcluded(window)).toBe(true);
      expect(decideLevel(input({ scope: all, window })).reason).toBe('BUILTIN_EXCLUSION');
    }
  });

  it('an invalid title pattern never matches', () => {
    const bad = new CompiledScope({ apps: [{ app: 'code', title: '(', level: 'full' }], sites: [] });
    expect(decideLevel(input({ scope: bad })).level).toBe('none');
  });

  it('site rules narrow a browser window to the listed origins', () => {
    const s = new CompiledScope({
      apps: [{ app: 'firefox', level: 'full' }],
      sites: [{ origin: 'https://*.example.com', level: 'actions' }],
    });
    expect(s.levelFor({ app: 'firefox', site: 'https://jira.example.com' })).toBe('actions');
    expect(s.levelFor({ app: 'firefox', site: 'https://example.org' })).toBe('none');
  });
});

describe('applyLevel', () => {
  const key = (k: string, mods: Modifier[], char?: string): StenoEvent =>
    char
      ? { type: 'key', t: 1, dir: 'down', key: k, char, mods }
      : { type: 'key', t: 1, dir: 'down', key: k, mods };

  it('at actions keeps shortcuts without characters and drops plain typing and modifier keys', () => {
    expect(applyLevel(key('c', ['ctrl'], 'c'), 'actions')).toEqual(key('c', ['ctrl']));
    expect(applyLevel(key('a', [], 'a'), 'actions')).toBeUndefined();
    expect(applyLevel(key('a', ['shift'], 'A'), 'actions')).toBeUndefined();
    expect(applyLevel(key('Enter', []), 'actions')).toBeUndefined();
    expect(applyLevel(key('Control', ['ctrl']), 'actions')).toBeUndefined();
    expect(applyLevel(key('F5', []), 'actions')).toEqual(key('F5', []));
  });

  it('none yields nothing for every event; actions never yields a character (property)', () => {
    const ev = fc.record({
      k: fc.constantFrom('a', 'b', '1', 'Enter', 'Space', 'F2', 'Shift', 'Control'),
      mods: fc.subarray(['shift', 'ctrl', 'alt', 'meta'] as const),
      char: fc.option(fc.string({ minLength: 1, maxLength: 1 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(ev, ({ k, mods, char }) => {
        const e = key(k, [...mods], char);
        expect(applyLevel(e, 'none')).toBeUndefined();
        const out = applyLevel(e, 'actions');
        if (out?.type === 'key') {
          expect(out.char).toBeUndefined();
          expect(out.mods.some((m) => m !== 'shift') || /^F\d+$|^Escape$/.test(out.key)).toBe(true);
        }
      }),
    );
  });
});
