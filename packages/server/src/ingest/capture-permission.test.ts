/**
 * The server's permission check (issue 15), on facts built by hand: examples for each rule, and a
 * property that whatever a device sends and whatever the history, nothing kept was captured
 * without a covering active lease, legal basis, consent, outside a pause, in scope and at level.
 */
import { CompiledScope } from '@steno/privacy';
import type { Batch, CaptureScope, StenoEvent } from '@steno/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeBatch, type LeaseFact, type PermissionFacts } from './capture-permission.ts';

const SCOPES: Record<number, CaptureScope> = {
  0: { apps: [], sites: [] },
  1: {
    apps: [
      { app: 'gedit', level: 'full', frames: true },
      { app: 'firefox', level: 'actions' },
    ],
    sites: [{ origin: 'https://*.example.com', level: 'actions' }],
  },
  2: { apps: [{ app: 'gedit', level: 'actions' }], sites: [] },
};
const compiled = new Map(Object.entries(SCOPES).map(([v, s]) => [Number(v), new CompiledScope(s)]));

function facts(over: Partial<PermissionFacts> = {}): PermissionFacts {
  return {
    namedAll: true,
    leases: [
      { leaseId: 'ls_aaaaaaaaaaaa', issuedAt: 0, expiresAt: 10_000, policyVersion: 1, state: 'active' },
    ],
    pauses: [],
    basisSince: 0,
    notices: [{ version: 1, publishedAt: 0 }],
    consent: [{ version: 1, decision: 'given', at: 0 }],
    scopeOf: (v) => compiled.get(v) ?? (compiled.get(0) as CompiledScope),
    ...over,
  };
}

function batch(events: StenoEvent[], leases: string[] | null = ['ls_aaaaaaaaaaaa']): Batch {
  return {
    v: 1,
    batchId: '00000000-0000-4000-8000-000000000000',
    deviceId: 'dev_aaaaaaaaaaaaaaaaaaaa',
    subject: 's',
    seq: 0,
    createdAt: 1,
    events,
    ...(leases ? { leases } : {}),
  };
}

const focus = (t: number, app: string, actionId?: string): StenoEvent => ({
  type: 'focus',
  t,
  app,
  ...(actionId ? { actionId } : {}),
});
const key = (t: number, char?: string, mods: ('ctrl' | 'shift')[] = []): StenoEvent => ({
  type: 'key',
  t,
  dir: 'down',
  key: char ?? 's',
  ...(char ? { char } : {}),
  mods,
});

describe('judgeBatch', () => {
  it('keeps typed text at full, only shortcuts without characters at actions, nothing out of scope', () => {
    const out = judgeBatch(
      batch([
        focus(1, 'gedit'),
        key(2, 'a'),
        focus(3, 'firefox'),
        key(4, 'b'),
        key(5, undefined, ['ctrl']),
        focus(6, 'nautilus'),
        key(7, 'c'),
      ]),
      facts(),
    );
    expect(out).toMatchObject({ ok: true, dropped: { LEVEL_EXCEEDED: 1, OUT_OF_SCOPE: 2 } });
    expect(out.ok && out.events.map((e) => e.t)).toEqual([1, 2, 3, 5]);
  });

  it('judges each event by the latest lease issued before it, named or not', () => {
    const leases: LeaseFact[] = [
      { leaseId: 'ls_aaaaaaaaaaaa', issuedAt: 0, expiresAt: 10_000, policyVersion: 1, state: 'active' },
      { leaseId: 'ls_bbbbbbbbbbbb', issuedAt: 100, expiresAt: 10_000, policyVersion: 1, state: 'paused' },
      { leaseId: 'ls_cccccccccccc', issuedAt: 200, expiresAt: 10_000, policyVersion: 2, state: 'active' },
    ];
    const out = judgeBatch(
      batch([focus(50, 'gedit'), key(150, 'a'), key(250, 'b'), key(260, undefined, ['ctrl'])]),
      facts({ leases }),
    );
    expect(out).toMatchObject({ ok: true, dropped: { CAPTURED_WHILE_PAUSED: 1, LEVEL_EXCEEDED: 1 } });
    expect(out.ok && out.events.map((e) => e.t)).toEqual([50, 260]);
  });

  it('refuses a batch that names no lease, or one the server did not issue to the device', () => {
    expect(judgeBatch(batch([focus(1, 'gedit')], null), facts())).toMatchObject({
      ok: false,
      code: 'LEASE_REQUIRED',
    });
    expect(judgeBatch(batch([focus(1, 'gedit')]), facts({ namedAll: false }))).toMatchObject({
      ok: false,
      code: 'LEASE_REQUIRED',
    });
    expect(judgeBatch(batch([focus(20_000, 'gedit')]), facts())).toMatchObject({
      ok: false,
      code: 'LEASE_REQUIRED',
    });
  });

  it('consent counts for the notice in force at the time, until withdrawn', () => {
    const f = facts({
      notices: [
        { version: 1, publishedAt: 0 },
        { version: 2, publishedAt: 500 },
      ],
      consent: [
        { version: 1, decision: 'given', at: 10 },
        { version: 2, decision: 'given', at: 700 },
        { version: 2, decision: 'withdrawn', at: 900 },
      ],
    });
    const out = judgeBatch(
      batch([
        focus(5, 'gedit'),
        focus(20, 'gedit'),
        focus(600, 'gedit'),
        focus(800, 'gedit'),
        focus(950, 'gedit'),
      ]),
      f,
    );
    expect(out.ok && out.events.map((e) => e.t)).toEqual([20, 800]);
    expect(out.ok && out.dropped).toEqual({ CONSENT_MISSING: 3 });
  });

  it('frames only of windows whose rule allows them; a browser tab by its site rule', () => {
    const frame = (t: number, app: string, actionId: string): StenoEvent => ({
      type: 'frame',
      t,
      actionId,
      webp: 'UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA=',
      meta: {
        kind: 'before',
        app,
        width: 1,
        height: 1,
        scale: 1,
        origin: { x: 0, y: 0 },
        window: { x: 0, y: 0, width: 1, height: 1 },
        windowInFrame: { x: 0, y: 0, width: 1, height: 1 },
      },
    });
    const out = judgeBatch(
      batch([
        focus(1, 'gedit'),
        frame(2, 'gedit', 'a1'),
        frame(3, 'firefox', 'a2'),
        focus(3, 'firefox', 'a2'),
        focus(4, 'https://wiki.example.com'),
        key(5, 'x'),
        {
          type: 'element',
          t: 6,
          action: 'click',
          role: 'button',
          tag: 'button',
          selector: '#b',
          page: { x: 0, y: 0, w: 1, h: 1 },
          screen: { x: 0, y: 0, w: 1, h: 1 },
          mods: [],
        },
      ]),
      facts(),
    );
    expect(out.ok && out.events.map((e) => e.t)).toEqual([1, 2, 3, 4, 6]);
    expect(out.ok && out.dropped).toEqual({ OUT_OF_SCOPE: 1, LEVEL_EXCEEDED: 1 });
  });
});

describe('judgeBatch never keeps what was not permitted (property)', () => {
  const apps = ['gedit', 'firefox', 'nautilus', 'keepassxc'];
  const eventArb = fc.oneof(
    fc.record({ type: fc.constant('focus' as const), app: fc.constantFrom(...apps) }),
    fc.record({
      type: fc.constant('key' as const),
      char: fc.option(fc.constantFrom('a', 'Z', '1'), { nil: undefined }),
      ctrl: fc.boolean(),
    }),
    fc.record({ type: fc.constant('redaction' as const) }),
    fc.record({ type: fc.constant('button' as const) }),
  );
  const leaseArb = fc.record({
    issuedAt: fc.integer({ min: 0, max: 900 }),
    life: fc.integer({ min: 1, max: 600 }),
    policyVersion: fc.constantFrom(0, 1, 2),
    state: fc.constantFrom('active' as const, 'paused' as const),
  });
  const factsArb = fc.record({
    leases: fc.array(leaseArb, { minLength: 1, maxLength: 4 }),
    pauses: fc.array(
      fc.record({ start: fc.integer({ min: 0, max: 1000 }), len: fc.integer({ min: 1, max: 300 }) }),
      {
        maxLength: 2,
      },
    ),
    basisSince: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
    noticeAt: fc.integer({ min: 0, max: 1000 }),
    consent: fc.array(fc.record({ given: fc.boolean(), at: fc.integer({ min: 0, max: 1000 }) }), {
      maxLength: 3,
    }),
  });

  it('every kept event: covered by the latest active lease, basis, consent, no pause, in scope, at level', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 40 }), factsArb, (raw, f) => {
        const events: StenoEvent[] = raw.map((r, i) => {
          const t = 10 + i * 25;
          if (r.type === 'focus') return focus(t, r.app);
          if (r.type === 'key') return key(t, r.char, r.ctrl ? ['ctrl'] : []);
          if (r.type === 'redaction') return { type: 'redaction', t, entity: 'EMAIL' };
          return { type: 'button', t, dir: 'down', button: 'left', x: 1, y: 1, mods: [] };
        });
        const leases: LeaseFact[] = f.leases.map((l, i) => ({
          leaseId: `ls_lease${i}xxxxx`,
          issuedAt: l.issuedAt,
          expiresAt: l.issuedAt + l.life,
          policyVersion: l.policyVersion,
          state: l.state,
        }));
        const pauses = f.pauses.map((p) => ({ start: p.start, end: p.start + p.len }));
        const facts_ = facts({
          leases,
          pauses,
          basisSince: f.basisSince,
          notices: [{ version: 1, publishedAt: f.noticeAt }],
          consent: f.consent.map((c) => ({
            version: 1,
            decision: c.given ? 'given' : 'withdrawn',
            at: c.at,
          })),
        });
        const out = judgeBatch(batch(events), facts_);
        const kept = out.ok ? out.events : [];
        const dropped = Object.values(out.dropped).reduce((a, b) => a + b, 0);
        expect(kept.length + dropped).toBe(events.length);
        for (const e of kept) {
          const t = e.t;
          const covering = leases.filter((l) => l.issuedAt <= t && t < l.expiresAt);
          const latest = covering.sort((a, b) => b.issuedAt - a.issuedAt)[0];
          expect(latest?.state).toBe('active');
          expect(f.basisSince !== undefined && f.basisSince <= t).toBe(true);
          expect(f.noticeAt <= t).toBe(true);
          const decided = f.consent.filter((c) => c.at <= t).at(-1);
          expect(decided?.given).toBe(true);
          expect(pauses.some((p) => p.start <= t && t < p.end)).toBe(false);
          const app = [...events].reverse().find((x) => x.t <= t && x.type === 'focus') as
            | { app: string }
            | undefined;
          expect(app && ['gedit', 'firefox'].includes(app.app)).toBe(true);
          const level = compiled.get(latest?.policyVersion ?? 0)?.levelFor({ app: app?.app ?? '' });
          expect(level).not.toBe('none');
          if (level === 'actions') {
            expect(e.type).not.toBe('redaction');
            if (e.type === 'key') {
              expect(e.char).toBeUndefined();
              expect(e.mods).toContain('ctrl');
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
