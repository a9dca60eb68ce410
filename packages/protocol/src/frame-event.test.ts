/** Frames in the event model (issue 11): additive members of the v1 union, strict and size-limited. */
import { describe, expect, it } from 'vitest';
import { Batch } from './batch.ts';
import { FrameEvent, StenoEvent } from './events.ts';
import { AppRule, SiteRule } from './lease.ts';
import { LIMITS } from './limits.ts';

const T = 1_780_000_000_000;
// "RIFF" + size + "WEBP" and a few bytes, base64: the shape check only looks at the RIFF prefix.
const WEBP = Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 \x04\x00\x00\x00abcd', 'latin1').toString('base64');

const frame = {
  type: 'frame',
  t: T,
  actionId: 'r4nd0m-12',
  webp: WEBP,
  meta: {
    kind: 'before',
    app: 'org.example.Editor',
    width: 640,
    height: 400,
    scale: 0.5,
    origin: { x: 0, y: 0 },
    window: { x: 40, y: 60, width: 600, height: 400 },
    windowInFrame: { x: 20, y: 30, width: 300, height: 200 },
  },
} as const;

describe('frame events', () => {
  it('accepts a frame before its action in a batch; the action carries the same actionId', () => {
    const click = {
      type: 'button',
      t: T,
      dir: 'down',
      button: 'left',
      x: 100,
      y: 120,
      mods: [],
      actionId: frame.actionId,
    };
    const batch = {
      v: 1,
      batchId: '018f3c1e-7a2b-7c3d-8e4f-123456789abc',
      deviceId: 'dev_abcdefghijklmnop',
      subject: 'alice',
      seq: 0,
      createdAt: T + 3,
      events: [{ type: 'focus', t: T, app: 'org.example.Editor', actionId: 'r4nd0m-11' }, frame, click],
    };
    const parsed = Batch.safeParse(batch);
    expect(parsed.success ? 'ok' : parsed.error.issues.map((i) => i.path.join('.'))).toBe('ok');
  });

  it('actionId is optional on key, button, wheel and focus events (existing events parse unchanged)', () => {
    for (const e of [
      { type: 'key', t: T, dir: 'down', key: 'a', char: 'a', mods: [] },
      { type: 'key', t: T, dir: 'down', key: 'c', mods: ['ctrl'], actionId: 'x-1' },
      { type: 'wheel', t: T, x: 1, y: 2, dx: 0, dy: 1, mods: [], actionId: 'x-2' },
      { type: 'focus', t: T, app: 'a', title: 'b' },
    ])
      expect(StenoEvent.safeParse(e).success).toBe(true);
    expect(
      StenoEvent.safeParse({ type: 'key', t: T, dir: 'down', key: 'a', mods: [], actionId: 'bad id!' })
        .success,
    ).toBe(false);
  });

  it('is strict: no title, no text, no unknown fields; only WebP base64 within the size limit', () => {
    expect(FrameEvent.safeParse(frame).success).toBe(true);
    expect(FrameEvent.safeParse({ ...frame, title: 'inbox' }).success).toBe(false);
    expect(FrameEvent.safeParse({ ...frame, meta: { ...frame.meta, title: 'inbox' } }).success).toBe(false);
    expect(FrameEvent.safeParse({ ...frame, meta: { ...frame.meta, text: 'hello' } }).success).toBe(false);
    expect(FrameEvent.safeParse({ ...frame, meta: { ...frame.meta, scale: 0 } }).success).toBe(false);
    expect(FrameEvent.safeParse({ ...frame, meta: { ...frame.meta, kind: 'during' } }).success).toBe(false);
    expect(FrameEvent.safeParse({ ...frame, actionId: undefined }).success).toBe(false);
    const png = Buffer.from('\x89PNG\r\n\x1a\n0000000000', 'latin1').toString('base64');
    expect(FrameEvent.safeParse({ ...frame, webp: png }).success).toBe(false);
    expect(FrameEvent.safeParse({ ...frame, webp: `${WEBP}!` }).success).toBe(false);
    const big = `UklGR${'A'.repeat(LIMITS.maxFrameBase64Chars - 5)}`;
    expect(FrameEvent.safeParse({ ...frame, webp: big }).success).toBe(true);
    expect(FrameEvent.safeParse({ ...frame, webp: `${big}AAAA` }).success).toBe(false);
  });

  it('a batch of the largest size holds three frames of the largest size and their events', () => {
    const big = { ...frame, webp: `UklGR${'A'.repeat(LIMITS.maxFrameBase64Chars - 5)}` };
    const bytes = 3 * Buffer.byteLength(JSON.stringify(big)) + 600 * 120; // + 600 ordinary events
    expect(bytes).toBeLessThan(LIMITS.maxBatchBytes - 4096);
  });

  it('lease rules carry the frames switch beside the level for apps and sites', () => {
    expect(AppRule.safeParse({ app: 'x', level: 'full', frames: true }).success).toBe(true);
    expect(SiteRule.safeParse({ origin: 'https://a.example', level: 'actions', frames: true }).success).toBe(
      true,
    );
    expect(SiteRule.safeParse({ origin: 'https://a.example', level: 'actions' }).success).toBe(true);
    expect(SiteRule.safeParse({ origin: 'https://a.example', level: 'actions', frames: 1 }).success).toBe(
      false,
    );
  });
});
