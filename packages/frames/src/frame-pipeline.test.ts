import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { FrameGate } from './frame-gate.ts';
import {
  type FrameOutcome,
  FramePipeline,
  type FramePipelineOptions,
  screenToFrame,
} from './frame-pipeline.ts';
import { FramesError } from './frames-error.ts';
import type { Rect } from './geometry.ts';
import { isBlack, type RawImage } from './raw-image.ts';
import {
  activeView,
  FakeSource,
  lease,
  ocrLine,
  paint,
  SCREEN,
  ScriptedOcr,
  stackOf,
  win,
} from './test-support/synthetic.ts';

const APPS = [{ app: 'Work', level: 'full' as const, frames: true }];

async function decode(webp: Uint8Array): Promise<RawImage> {
  const { data, info } = await sharp(webp).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

function setup(
  windows: ReturnType<typeof win>[],
  active: ReturnType<typeof win>,
  ocr = new ScriptedOcr(() => []),
  extra: Partial<FramePipelineOptions> = {},
) {
  const stack = stackOf(windows, active);
  const colours = new Map(windows.map((w, i) => [w.id, [60 + i * 40, 200, 90] as [number, number, number]]));
  const source = new FakeSource(stack, () => paint(stack, colours));
  const state = { paused: false, view: activeView(lease({}, APPS)) };
  const gate = new FrameGate({ lease: () => state.view, contributorPaused: () => state.paused });
  const pipeline = new FramePipeline({
    source,
    ocr,
    gate,
    minIntervalMs: 0,
    encode: { scale: 1, quality: 100 },
    ...extra,
  });
  return { pipeline, source, state, stack, ocr };
}

function expectOk(o: FrameOutcome): asserts o is Extract<FrameOutcome, { ok: true }> {
  if (!o.ok) throw new Error(`frame dropped: ${o.reason}`);
}

/** `r` shrunk by 2px: lossy WebP (4:2:0 chroma) smears colour a pixel or two over an edge. */
function inner(r: Rect): Rect {
  return { x: r.x + 2, y: r.y + 2, width: r.width - 4, height: r.height - 4 };
}

/** Pixels of `r` are the window colour (not black), allowing for WebP's colour error. */
function notBlack(img: RawImage, r: Rect): boolean {
  return !isBlack(img, r, 30);
}

describe('FramePipeline on synthetic screens', () => {
  it('everything but the visible content of in-scope windows is black; metadata maps coordinates', async () => {
    const work = win('Work', { x: 10, y: 10, width: 120, height: 90 });
    const chat = win('Chat', { x: 180, y: 30, width: 120, height: 120 });
    const { pipeline, ocr } = setup([work, chat], work);
    const out = await pipeline.take({ actionId: 'act-1' });
    expectOk(out);
    const img = await decode(out.frame.webp);
    expect([img.width, img.height]).toEqual([SCREEN.width, SCREEN.height]);
    expect(isBlack(img, inner(chat.outer), 8)).toBe(true);
    // Title bar and border of the in-scope window, and the desktop, are black too.
    expect(
      isBlack(img, inner({ x: work.outer.x, y: work.outer.y, width: work.outer.width, height: 12 }), 8),
    ).toBe(true);
    expect(isBlack(img, inner({ x: 0, y: 150, width: 320, height: 50 }), 8)).toBe(true);
    expect(notBlack(img, { x: work.content.x + 4, y: work.content.y + 4, width: 100, height: 60 })).toBe(
      true,
    );
    expect(out.frame.meta).toMatchObject({
      actionId: 'act-1',
      kind: 'before',
      app: 'Work',
      window: work.content,
    });
    // Recognition saw only the kept area.
    expect(ocr.calls[0]).toMatchObject({ width: work.content.width, height: work.content.height });
    expect(screenToFrame(out.frame.meta, work.content.x, work.content.y)).toEqual({
      x: work.content.x,
      y: work.content.y,
    });
  });

  it('never takes a frame while an out-of-scope window covers the window acted on', async () => {
    const work = win('Work', { x: 10, y: 10, width: 120, height: 90 });
    const chat = win('Chat', { x: 100, y: 40, width: 120, height: 120 });
    const { pipeline, ocr } = setup([work, chat], work);
    const out = await pipeline.take({ actionId: 'a', window: work.client });
    expect(out).toMatchObject({ ok: false, reason: 'TARGET_COVERED' });
    expect(ocr.calls).toHaveLength(0);
  });

  it('flagged text and caller-given regions are black; the rest of the window is not', async () => {
    const work = win('Work', { x: 0, y: 0, width: 300, height: 150 });
    const c = work.content;
    const ocr = new ScriptedOcr(() => [
      ocrLine(10, 10, [
        ['mail', 95],
        ['jane.doe@example.org', 94],
        ['today', 95],
      ]),
    ]);
    const field: Rect = { x: c.x + 20, y: c.y + 80, width: 100, height: 20 };
    const { pipeline } = setup([work], work, ocr);
    const out = await pipeline.take({ actionId: 'a', redactRegions: [field] });
    expectOk(out);
    const img = await decode(out.frame.webp);
    // OCR boxes are relative to the recognised area, which starts at the content corner.
    const email = { x: c.x + 10 + 5 * 6, y: c.y + 10, width: 20 * 6, height: 10 };
    expect(isBlack(img, inner(email), 8)).toBe(true);
    expect(isBlack(img, inner(field), 8)).toBe(true);
    expect(notBlack(img, { x: c.x + 10, y: c.y + 40, width: 200, height: 30 })).toBe(true);
    expect(out.frame.meta.redaction).toMatchObject({ regions: 1, ocrLines: 1 });
  });

  it('known secrets may come from a function called after recognition; its failure drops the frame', async () => {
    const work = win('Work', { x: 0, y: 0, width: 300, height: 150 });
    const c = work.content;
    const ocr = new ScriptedOcr(() => [
      ocrLine(10, 10, [
        ['login', 95],
        ['hunter2horse', 95],
      ]),
    ]);
    const { pipeline } = setup([work], work, ocr);
    let calledAfterOcr = false;
    const out = await pipeline.take({
      actionId: 'a',
      knownSecrets: async () => {
        calledAfterOcr = ocr.calls.length === 1;
        return ['hunter2horse'];
      },
    });
    expectOk(out);
    expect(calledAfterOcr).toBe(true);
    const img = await decode(out.frame.webp);
    expect(isBlack(img, inner({ x: c.x + 10 + 6 * 6, y: c.y + 10, width: 12 * 6, height: 10 }), 8)).toBe(
      true,
    );
    expect(notBlack(img, { x: c.x + 10, y: c.y + 40, width: 200, height: 30 })).toBe(true);

    const failed = await pipeline.take({
      actionId: 'b',
      knownSecrets: () => Promise.reject(new Error('undecided')),
    });
    expect(failed).toMatchObject({ ok: false, reason: 'SECRETS_UNAVAILABLE' });
  });

  it('fails closed: recognition failure or timeout drops the frame', async () => {
    const work = win('Work', { x: 0, y: 0, width: 300, height: 150 });
    const failing = new ScriptedOcr(() => {
      throw new FramesError('FRAMES_OCR_TIMEOUT', 'recognition did not finish in time');
    });
    const { pipeline } = setup([work], work, failing);
    expect(await pipeline.take({ actionId: 'a' })).toMatchObject({ ok: false, reason: 'OCR_FAILED' });
  });

  it('fails closed: mostly unsure recognition drops the frame; one unsure line is blacked out whole', async () => {
    const work = win('Work', { x: 0, y: 0, width: 300, height: 150 });
    const unsure = (y: number) =>
      ocrLine(4, y, [
        ['key', 95],
        ['x9Qz7TkP2mWv8Lr4', 30],
      ]);
    const { pipeline } = setup(
      [work],
      work,
      new ScriptedOcr(() => [unsure(4), unsure(20), unsure(36), ocrLine(4, 52, [['ok', 95]])]),
    );
    expect(await pipeline.take({ actionId: 'a' })).toMatchObject({ ok: false, reason: 'OCR_UNSURE' });

    const one = setup(
      [work],
      work,
      new ScriptedOcr(() => [
        unsure(4),
        ocrLine(4, 30, [
          ['hello', 95],
          ['team', 95],
        ]),
      ]),
    );
    const out = await one.pipeline.take({ actionId: 'b' });
    expectOk(out);
    const img = await decode(out.frame.webp);
    const c = work.content;
    expect(isBlack(img, inner({ x: c.x + 4, y: c.y + 4, width: 20 * 6 - 6, height: 10 }), 8)).toBe(true);
    expect(notBlack(img, { x: c.x + 4, y: c.y + 30, width: 60, height: 10 })).toBe(true);
  });

  it('unstable layout, no lease, pause, rate limit: no frame', async () => {
    const work = win('Work', { x: 0, y: 0, width: 300, height: 150 });
    const s = setup([work], work);
    s.source.stable = false;
    expect(await s.pipeline.take({ actionId: 'a' })).toMatchObject({ ok: false, reason: 'UNSTABLE' });
    s.state.paused = true;
    expect(await s.pipeline.take({ actionId: 'b' })).toMatchObject({
      ok: false,
      reason: 'CONTRIBUTOR_PAUSED',
    });
    s.state.view = { kind: 'none' };
    expect(await s.pipeline.take({ actionId: 'c' })).toMatchObject({ ok: false, reason: 'NO_LEASE' });
    expect(s.source.snapshots).toBe(1);

    const limited = setup([work], work, undefined, { minIntervalMs: 60_000 });
    expectOk(await limited.pipeline.take({ actionId: 'a' }));
    expect(await limited.pipeline.take({ actionId: 'b' })).toMatchObject({
      ok: false,
      reason: 'RATE_LIMITED',
    });
  });

  it('a pause arriving while recognition runs drops the frame', async () => {
    const work = win('Work', { x: 0, y: 0, width: 300, height: 150 });
    let pause = () => {};
    const s = setup(
      [work],
      work,
      new ScriptedOcr(() => {
        pause();
        return [];
      }),
    );
    pause = () => {
      s.state.paused = true;
    };
    expect(await s.pipeline.take({ actionId: 'a' })).toMatchObject({
      ok: false,
      reason: 'CONTRIBUTOR_PAUSED',
    });
  });

  it('the queue is bounded: the oldest unprocessed frames are dropped, never sent', async () => {
    const work = win('Work', { x: 0, y: 0, width: 300, height: 150 });
    let release = () => {};
    const gateOpen = new Promise<void>((r) => {
      release = r;
    });
    const s = setup(
      [work],
      work,
      new ScriptedOcr(async () => {
        await gateOpen;
        return [];
      }),
      { queueSize: 2 },
    );
    const outs = [1, 2, 3, 4, 5].map((i) => s.pipeline.take({ actionId: `a${i}` }));
    await new Promise((r) => setTimeout(r, 50));
    release();
    const results = await Promise.all(outs);
    // a1 is being recognised; a2 and a3 were pushed out by a4 and a5.
    expect(results.map((r) => (r.ok ? r.frame.meta.actionId : r.reason))).toEqual([
      'a1',
      'QUEUE_FULL',
      'QUEUE_FULL',
      'a4',
      'a5',
    ]);
  });

  it('window crop and downscale keep the metadata consistent', async () => {
    const work = win('Work', { x: 40, y: 20, width: 200, height: 120 });
    const { pipeline } = setup([work], work, undefined, { crop: 'window', encode: { scale: 0.5 } });
    const out = await pipeline.take({ actionId: 'a' });
    expectOk(out);
    const m = out.frame.meta;
    expect([m.width, m.height]).toEqual([work.content.width / 2, work.content.height / 2]);
    expect(m.origin).toEqual({ x: work.content.x, y: work.content.y });
    expect(m.windowInFrame).toEqual({ x: 0, y: 0, width: m.width, height: m.height });
    expect(screenToFrame(m, work.content.x + 10, work.content.y + 20)).toEqual({ x: 5, y: 10 });
  });

  it('close drops queued frames and closes the source', async () => {
    const work = win('Work', { x: 0, y: 0, width: 300, height: 150 });
    const s = setup([work], work);
    await s.pipeline.close();
    expect(await s.pipeline.take({ actionId: 'a' })).toMatchObject({ ok: false, reason: 'CLOSED' });
    expect(s.source.closed).toBe(true);
  });
});
