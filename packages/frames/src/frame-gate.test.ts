import { describe, expect, it } from 'vitest';
import { FrameGate } from './frame-gate.ts';
import { FrameScope } from './frame-scope.ts';
import { FrameRateLimiter } from './rate-limiter.ts';
import { activeView, lease } from './test-support/synthetic.ts';

const apps = [
  { app: 'Work', level: 'full' as const, frames: true },
  { app: 'Mail', title: 'drafts', level: 'full' as const, frames: true },
  { app: 'Mail', level: 'full' as const },
  { app: 'Term', level: 'none' as const, frames: true },
];

describe('FrameScope', () => {
  it('first matching rule wins; frames only when the rule says so and the level captures', () => {
    const s = new FrameScope(lease({}, apps).scope);
    expect(s.allowsFrames({ app: 'work', title: 'x' })).toBe(true);
    expect(s.allowsFrames({ app: 'Mail', title: 'Drafts (3)' })).toBe(true);
    expect(s.allowsFrames({ app: 'Mail', title: 'Inbox' })).toBe(false);
    expect(s.allowsFrames({ app: 'Term' })).toBe(false);
    expect(s.allowsFrames({ app: 'Other' })).toBe(false);
    expect(s.allowsFrames({ app: '' })).toBe(false);
  });

  it('built-in exclusions win over the policy', () => {
    const s = new FrameScope(lease({}, [{ app: '*', level: 'full', frames: true }]).scope);
    expect(s.allowsFrames({ app: 'KeePassXC' })).toBe(false);
    expect(s.allowsFrames({ app: 'firefox', title: 'Sign in - Example' })).toBe(false);
    expect(s.allowsFrames({ app: 'firefox', title: 'Docs' })).toBe(true);
  });
});

describe('FrameGate', () => {
  const l = lease({ expiresAt: 10_000 }, apps);
  it('default deny with a reason', () => {
    let paused = false;
    let view = activeView(l);
    const gate = new FrameGate({ lease: () => view, contributorPaused: () => paused });
    expect(gate.check(1_000).ok).toBe(true);
    expect(gate.check(1_000, { app: 'Work' }).ok).toBe(true);
    expect(gate.check(1_000, { app: 'Mail', title: 'Inbox' })).toEqual({ ok: false, reason: 'NOT_IN_SCOPE' });
    expect(gate.check(1_000, { app: 'Work' }, true)).toEqual({ ok: false, reason: 'TARGET_COVERED' });
    expect(gate.check(10_000)).toEqual({ ok: false, reason: 'LEASE_EXPIRED' });
    paused = true;
    expect(gate.check(1_000)).toEqual({ ok: false, reason: 'CONTRIBUTOR_PAUSED' });
    view = activeView({ ...l, state: 'paused' });
    expect(gate.check(1_000)).toEqual({ ok: false, reason: 'LEASE_PAUSED' });
    view = { kind: 'none' };
    expect(gate.check(1_000)).toEqual({ ok: false, reason: 'NO_LEASE' });
  });
});

describe('FrameRateLimiter', () => {
  it('at most one frame per interval', () => {
    const r = new FrameRateLimiter(1_000);
    expect(r.tryTake(0)).toBe(true);
    expect(r.tryTake(999)).toBe(false);
    expect(r.tryTake(1_000)).toBe(true);
    expect(r.tryTake(1_500)).toBe(false);
  });
});
