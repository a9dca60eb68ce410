/** The browser-capture additions to the event model (issue #10): additive members of the v1 union. */
import { describe, expect, it } from 'vitest';
import { Batch } from './batch.ts';
import { ElementEvent, NavigateEvent, ScrollEvent, StenoEvent } from './events.ts';

const T = 1_780_000_000_000;
const box = { x: 10, y: 20, w: 100, h: 30 };

const element = {
  type: 'element',
  t: T,
  action: 'click',
  role: 'button',
  name: 'Sign in',
  tag: 'button',
  selector: '#sign-in',
  page: box,
  screen: { x: 110, y: 220, w: 100, h: 30 },
  x: 150,
  y: 235,
  mods: [],
} as const;

describe('browser events', () => {
  it('accepts an element action, a navigation and a scroll in the StenoEvent union and in a batch', () => {
    const navigate = {
      type: 'navigate',
      t: T + 1,
      origin: 'https://crm.example.com',
      path: '/a',
      kind: 'load',
    };
    const scroll = { type: 'scroll', t: T + 2, dx: 0, dy: 240, x: 0, y: 240 };
    for (const e of [element, navigate, scroll]) expect(StenoEvent.safeParse(e).success).toBe(true);
    const batch = {
      v: 1,
      batchId: '018f3c1e-7a2b-7c3d-8e4f-123456789abc',
      deviceId: 'dev_abcdefghijklmnop',
      subject: 'alice',
      seq: 0,
      createdAt: T + 3,
      events: [element, navigate, scroll],
    };
    const parsed = Batch.safeParse(batch);
    expect(parsed.success ? 'ok' : parsed.error.issues.map((i) => i.path.join('.'))).toBe('ok');
  });

  it('existing events still parse unchanged (additive change)', () => {
    expect(StenoEvent.safeParse({ type: 'focus', t: T, app: 'https://crm.example.com' }).success).toBe(true);
    expect(
      StenoEvent.safeParse({ type: 'key', t: T, dir: 'down', key: 'a', char: 'a', mods: [] }).success,
    ).toBe(true);
  });

  it('is strict: unknown fields, a text field value, bad actions and oversized strings are refused', () => {
    expect(ElementEvent.safeParse({ ...element, text: 'typed value' }).success).toBe(false);
    expect(ElementEvent.safeParse({ ...element, action: 'hover' }).success).toBe(false);
    expect(ElementEvent.safeParse({ ...element, name: 'x'.repeat(257) }).success).toBe(false);
    expect(ElementEvent.safeParse({ ...element, selector: '' }).success).toBe(false);
    expect(ElementEvent.safeParse({ ...element, page: { ...box, w: -1 } }).success).toBe(false);
    expect(ElementEvent.safeParse({ ...element, page: { ...box, extra: 1 } }).success).toBe(false);
    expect(
      NavigateEvent.safeParse({ type: 'navigate', t: T, origin: 'https://a', path: '/', kind: 'reload' })
        .success,
    ).toBe(false);
    expect(ScrollEvent.safeParse({ type: 'scroll', t: T, dx: 0.5, dy: 0, x: 0, y: 0 }).success).toBe(false);
  });
});

describe('task markers (issue 17)', () => {
  it('accepts start, name, end and abandon with a task id, and the bare marker of older agents', () => {
    for (const phase of ['start', 'name', 'end', 'abandon'] as const)
      expect(
        StenoEvent.safeParse({ type: 'task', t: T, phase, taskId: 'tk_1', label: 'File Q3' }).success,
      ).toBe(true);
    expect(StenoEvent.safeParse({ type: 'task', t: T, label: 'old' }).success).toBe(true);
    expect(StenoEvent.safeParse({ type: 'task', t: T, phase: 'pause' }).success).toBe(false);
    expect(StenoEvent.safeParse({ type: 'task', t: T, taskId: 'no spaces' }).success).toBe(false);
  });
});
