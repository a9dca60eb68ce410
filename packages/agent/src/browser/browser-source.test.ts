/**
 * The agent's own gate on browser events (defence in depth, issue #10): whatever the extension
 * sends, nothing passes without an active lease, during a pause, or for an origin no site rule
 * covers; `actions` keeps no typed character; query strings go unless the rule keeps them; strings
 * pass the privacy filter; desktop-only event types are refused; output stays in time order.
 */
import type { CaptureLease, CaptureScope, StenoEvent } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import type { LeaseHolder, LeaseView } from '../lease-holder.ts';
import { CompiledScope } from '../scope-gate.ts';
import { BrowserSource } from './browser-source.ts';

const CRM = 'https://crm.example.com';
const WIKI = 'https://wiki.example.com';
const SCOPE: CaptureScope = {
  apps: [],
  sites: [
    { origin: CRM, level: 'full' },
    { origin: 'https://*.docs.example.com', level: 'full', keepQuery: true },
    { origin: WIKI, level: 'actions' },
  ],
};
const T = Date.now();

function gate(kind: LeaseView['kind'], paused = false) {
  const lease = { policyVersion: 3, scope: SCOPE } as unknown as CaptureLease;
  const holder = {
    view: () => (kind === 'none' ? { kind } : { kind, lease }),
    scope: new CompiledScope(SCOPE),
  } as unknown as LeaseHolder;
  return { lease: () => holder, contributorPaused: () => paused };
}

function drain(source: BrowserSource, n: number): Promise<StenoEvent[]> {
  const abort = new AbortController();
  const out: StenoEvent[] = [];
  return (async () => {
    for await (const item of source.events(0, abort.signal)) {
      out.push(item.event);
      if (out.length >= n) abort.abort();
    }
    return out;
  })();
}

const key = (t: number, k: string, char?: string, mods: ('ctrl' | 'shift')[] = []): StenoEvent => ({
  type: 'key',
  t,
  dir: 'down',
  key: k,
  mods,
  ...(char ? { char } : {}),
});
const element = (t: number, extra: Record<string, unknown> = {}): StenoEvent =>
  ({
    type: 'element',
    t,
    action: 'click',
    role: 'button',
    name: 'Save',
    tag: 'button',
    selector: '#save',
    page: { x: 1, y: 2, w: 3, h: 4 },
    screen: { x: 1, y: 2, w: 3, h: 4 },
    mods: [],
    ...extra,
  }) as StenoEvent;

describe('BrowserSource', () => {
  it('takes in-scope events, prefixed with the focus of their origin', async () => {
    const source = new BrowserSource({ gate: gate('active') });
    const outcome = source.receive({
      v: 1,
      items: [
        { origin: CRM, event: key(T, 'a', 'a') },
        { origin: CRM, event: element(T + 1) },
      ],
    });
    expect(outcome).toEqual({ ok: true, receipt: { v: 1, accepted: 2, dropped: 0 } });
    expect(await drain(source, 3)).toEqual([
      { type: 'focus', t: T, app: CRM },
      key(T, 'a', 'a'),
      element(T + 1),
    ]);
  });

  it.each([
    ['no lease', gate('none')],
    ['an expired lease', gate('expired')],
    ['a paused lease', gate('paused')],
    ['a contributor pause', gate('active', true)],
  ])('keeps nothing under %s', (_what, g) => {
    const source = new BrowserSource({ gate: g });
    const outcome = source.receive({ v: 1, items: [{ origin: CRM, event: element(T) }] });
    expect(outcome).toEqual({ ok: true, receipt: { v: 1, accepted: 0, dropped: 1 } });
    expect(source.state().capture).not.toBe('capturing');
  });

  it('refuses origins no site rule covers, mismatched origins and desktop-only event types', () => {
    const source = new BrowserSource({ gate: gate('active') });
    const button: StenoEvent = { type: 'button', t: T, dir: 'down', button: 'left', x: 1, y: 1, mods: [] };
    const outcome = source.receive({
      v: 1,
      items: [
        { origin: 'https://chat.example.com', event: element(T) },
        { origin: 'https://evil.docs.example.com.attacker.net', event: element(T) },
        { origin: CRM, event: button },
        { origin: CRM, event: { type: 'navigate', t: T, origin: WIKI, path: '/', kind: 'load' } },
        { origin: CRM, event: { type: 'focus', t: T, app: WIKI } },
      ],
    });
    expect(outcome).toEqual({ ok: true, receipt: { v: 1, accepted: 0, dropped: 5 } });
    expect(source.receive({ v: 1, items: [{ origin: 'javascript:alert(1)', event: element(T) }] })).toEqual({
      ok: false,
      error: 'SCHEMA_INVALID',
    });
  });

  it('at the actions level keeps shortcuts without characters and no marker', async () => {
    const source = new BrowserSource({ gate: gate('active') });
    source.receive({
      v: 1,
      items: [
        { origin: WIKI, event: key(T, 'a', 'a') },
        { origin: WIKI, event: { type: 'redaction', t: T, entity: 'EMAIL' } },
        { origin: WIKI, event: key(T + 1, 's', undefined, ['ctrl']) },
      ],
    });
    expect(await drain(source, 2)).toEqual([
      { type: 'focus', t: T + 1, app: WIKI },
      key(T + 1, 's', undefined, ['ctrl']),
    ]);
  });

  it('drops query and fragment unless the rule keeps them, and filters every string', async () => {
    const source = new BrowserSource({ gate: gate('active') });
    const docs = 'https://a.docs.example.com';
    source.receive({
      v: 1,
      items: [
        {
          origin: CRM,
          event: {
            type: 'navigate',
            t: T,
            origin: CRM,
            path: '/u/jane.doe@example.com',
            query: 'q=1',
            fragment: 'x',
            kind: 'load',
          },
        },
        {
          origin: docs,
          event: {
            type: 'navigate',
            t: T + 1,
            origin: docs,
            path: '/p',
            query: 'mail=jane.doe@example.com',
            kind: 'history',
          },
        },
        {
          origin: docs,
          event: element(T + 2, {
            name: 'Mail jane.doe@example.com',
            value: 'jane.doe@example.com',
            selector: '[data-user="jane.doe@example.com"]',
          }),
        },
      ],
    });
    const events = await drain(source, 5);
    expect(events[1]).toEqual({ type: 'navigate', t: T, origin: CRM, path: '/u/[EMAIL]', kind: 'load' });
    expect(events[3]).toEqual({
      type: 'navigate',
      t: T + 1,
      origin: docs,
      path: '/p',
      query: 'mail=[EMAIL]',
      kind: 'history',
    });
    expect(events[4]).toMatchObject({
      name: 'Mail [EMAIL]',
      value: '[EMAIL]',
      selector: '[data-user="[EMAIL]"]',
    });
    expect(JSON.stringify(events)).not.toContain('jane');
  });

  it('keeps time order: a late event is moved up to the last time', async () => {
    const source = new BrowserSource({ gate: gate('active') });
    source.receive({
      v: 1,
      items: [
        { origin: CRM, event: element(T + 10) },
        { origin: CRM, event: key(T, 'a', 'a') },
      ],
    });
    const events = await drain(source, 3);
    expect(events.map((e) => e.t)).toEqual([T + 10, T + 10, T + 10]);
  });

  it('tells the extension the site rules and a state key that changes with the state', () => {
    const active = new BrowserSource({ gate: gate('active') }).state();
    const paused = new BrowserSource({ gate: gate('paused') }).state();
    expect(active).toMatchObject({ capture: 'capturing', policyVersion: 3 });
    expect(active.sites).toHaveLength(3);
    expect(paused).toMatchObject({ capture: 'paused', reason: 'LEASE_PAUSED' });
    expect(paused.key).not.toBe(active.key);
  });
});
