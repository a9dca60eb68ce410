/**
 * Incremental recognition in the pipeline (issue 19), on synthetic screens with a scripted
 * recogniser: an unchanged window is not recognised again but its flagged text is still black in
 * the new frame; a secret that becomes known later is blacked out in a kept line; only the band
 * of changed rows is recognised; failure, pause, scope change and `incremental: false` mean whole
 * windows again.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { FrameGate } from './frame-gate.ts';
import { type FrameOutcome, FramePipeline } from './frame-pipeline.ts';
import { FramesError } from './frames-error.ts';
import type { Rect } from './geometry.ts';
import type { OcrLine } from './ocr-engine.ts';
import { type GreyImage, isBlack, type RawImage, toGrey } from './raw-image.ts';
import {
  activeView,
  FakeSource,
  lease,
  ocrLine,
  paint,
  ScriptedOcr,
  stackOf,
  win,
} from './test-support/synthetic.ts';

const APPS = [{ app: 'Work', level: 'full' as const, frames: true }];

async function decode(webp: Uint8Array): Promise<RawImage> {
  const { data, info } = await sharp(webp).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

function expectOk(o: FrameOutcome): asserts o is Extract<FrameOutcome, { ok: true }> {
  if (!o.ok) throw new Error(`frame dropped: ${o.reason}`);
}

/** Dark "glyph" pixels (runs of 1 px) in a rectangle, as text looks to the band planner. */
function glyphs(img: RawImage, r: Rect): void {
  for (let y = r.y; y < r.y + r.height; y++)
    for (let x = r.x; x < r.x + r.width; x += 2) {
      const i = (y * img.width + x) * 4;
      img.data[i] = 10;
      img.data[i + 1] = 10;
      img.data[i + 2] = 10;
    }
}

const inner = (r: Rect): Rect => ({ x: r.x + 2, y: r.y + 2, width: r.width - 4, height: r.height - 4 });

/**
 * One window, text rows drawn as glyph blocks; the scripted recogniser "reads" a block wherever it
 * finds one in the image it is given, as the line `texts[row]`, in that image's coordinates.
 */
function setup(rows: string[], options: { incremental?: false } = {}) {
  const work = win('Work', { x: 0, y: 0, width: 300, height: 150 });
  const c = work.content;
  const stack = stackOf([work], work);
  const texts = rows.slice();
  const rowRect = (i: number): Rect => ({
    x: c.x + 10,
    y: c.y + 6 + i * 16,
    width: texts[i]?.length ? texts[i].length * 6 : 0,
    height: 10,
  });
  const image = () => {
    const img = paint(stack, new Map([[work.id, [240, 240, 240]]]));
    for (let i = 0; i < texts.length; i++) if (texts[i]) glyphs(img, rowRect(i));
    return img;
  };
  const read = (g: GreyImage): OcrLine[] => {
    // Where in the window is the image it was given (the whole window, or a band of it)?
    const whole = toGrey(image(), c);
    let offset = -1;
    for (let y = 0; y + g.height <= whole.height && offset < 0; y++)
      if (Buffer.compare(whole.data.subarray(y * c.width, (y + g.height) * c.width), g.data) === 0)
        offset = y;
    if (offset < 0 || g.width !== c.width)
      throw new Error('the recogniser was given pixels of no known place');
    const lines: OcrLine[] = [];
    for (let i = 0; i < texts.length; i++) {
      const r = rowRect(i);
      const y = r.y - c.y - offset;
      if (!texts[i] || y < 0 || y + r.height > g.height) continue;
      lines.push(
        ocrLine(
          r.x - c.x,
          y,
          (texts[i] as string).split(' ').map((w) => [w, 95] as [string, number]),
        ),
      );
    }
    return lines;
  };
  const ocr = new ScriptedOcr(read);
  const source = new FakeSource(stack, image);
  const state = { paused: false, view: activeView(lease({}, APPS)) };
  const gate = new FrameGate({ lease: () => state.view, contributorPaused: () => state.paused });
  const pipeline = new FramePipeline({
    source,
    ocr,
    gate,
    minIntervalMs: 0,
    encode: { scale: 1, quality: 100 },
    ...(options.incremental === false ? { incremental: false } : {}),
  });
  return { pipeline, ocr, texts, rowRect, state, content: c };
}

describe('incremental recognition in the pipeline', () => {
  it('an unchanged window is not recognised again, and its flagged text is black in the new frame', async () => {
    const s = setup(['notes for today', 'mail jane.doe@example.org ok', 'more notes']);
    const first = await s.pipeline.take({ actionId: 'a' });
    expectOk(first);
    expect(first.recognition).toMatchObject({ windows: 1, cold: 1, coldReasons: { first: 1 } });
    expect(s.ocr.calls).toHaveLength(1);

    const second = await s.pipeline.take({ actionId: 'b' });
    expectOk(second);
    expect(s.ocr.calls).toHaveLength(1);
    expect(second.recognition).toMatchObject({ cold: 0, unchanged: 1, recognisedPixels: 0 });
    expect(second.frame.meta.redaction.textBoxes).toBeGreaterThan(0);
    const img = await decode(second.frame.webp);
    const email = { x: s.rowRect(1).x + 5 * 6, y: s.rowRect(1).y, width: 20 * 6, height: 10 };
    expect(isBlack(img, inner(email), 8)).toBe(true);
    expect(isBlack(img, inner(s.rowRect(0)), 8)).toBe(false);
  });

  it('a secret that becomes known after the first frame is blacked out in a kept line', async () => {
    const s = setup(['login hunter2horse', 'other words']);
    expectOk(await s.pipeline.take({ actionId: 'a' }));
    const out = await s.pipeline.take({ actionId: 'b', knownSecrets: ['hunter2horse'] });
    expectOk(out);
    expect(s.ocr.calls).toHaveLength(1);
    const img = await decode(out.frame.webp);
    const secret = { x: s.rowRect(0).x + 6 * 6, y: s.rowRect(0).y, width: 12 * 6, height: 10 };
    expect(isBlack(img, inner(secret), 8)).toBe(true);
  });

  it('only the band of changed rows is recognised; a secret typed there is black, the lines kept are judged again', async () => {
    const s = setup(['mail jane.doe@example.org ok', 'hello', '', '', 'plain text']);
    expectOk(await s.pipeline.take({ actionId: 'a' }));
    s.texts[3] = 'key AKIAIOSFODNN7EXAMPLE';
    const out = await s.pipeline.take({ actionId: 'b' });
    expectOk(out);
    expect(out.recognition).toMatchObject({ cold: 0, bands: 1 });
    const call = s.ocr.calls[1] as GreyImage;
    expect(call.height).toBeLessThan(30);
    expect(call.width).toBe(s.content.width);
    const img = await decode(out.frame.webp);
    const key = { x: s.rowRect(3).x + 4 * 6, y: s.rowRect(3).y, width: 20 * 6, height: 10 };
    const email = { x: s.rowRect(0).x + 5 * 6, y: s.rowRect(0).y, width: 20 * 6, height: 10 };
    expect(isBlack(img, inner(key), 8)).toBe(true);
    expect(isBlack(img, inner(email), 8)).toBe(true);
    expect(isBlack(img, inner(s.rowRect(4)), 8)).toBe(false);
  });

  it('fails closed: a failed band recognition drops the frame and the next frame reads the whole window', async () => {
    const s = setup(['hello', '', '', 'world']);
    expectOk(await s.pipeline.take({ actionId: 'a' }));
    s.texts[2] = 'new words';
    const script = s.ocr.script;
    s.ocr.script = () => {
      throw new FramesError('FRAMES_OCR_FAILED', 'recognition failed');
    };
    expect(await s.pipeline.take({ actionId: 'b' })).toMatchObject({ ok: false, reason: 'OCR_FAILED' });
    s.ocr.script = script;
    const out = await s.pipeline.take({ actionId: 'c' });
    expectOk(out);
    expect(out.recognition).toMatchObject({ cold: 1, coldReasons: { first: 1 } });
  });

  it('a pause or a new lease forgets every window; incremental: false reads the whole window every time', async () => {
    const s = setup(['hello', 'world']);
    expectOk(await s.pipeline.take({ actionId: 'a' }));
    s.state.paused = true;
    expect(await s.pipeline.take({ actionId: 'b' })).toMatchObject({
      ok: false,
      reason: 'CONTRIBUTOR_PAUSED',
    });
    s.state.paused = false;
    const afterPause = await s.pipeline.take({ actionId: 'c' });
    expectOk(afterPause);
    expect(afterPause.recognition).toMatchObject({ cold: 1, coldReasons: { first: 1 } });

    s.state.view = activeView(lease({ leaseId: 'lease-test-2' }, APPS));
    const renewed = await s.pipeline.take({ actionId: 'd' });
    expectOk(renewed);
    expect(renewed.recognition).toMatchObject({ cold: 1, coldReasons: { scope: 1 } });

    const whole = setup(['hello', 'world'], { incremental: false });
    for (const id of ['a', 'b']) {
      const out = await whole.pipeline.take({ actionId: id });
      expectOk(out);
      expect(out.recognition).toMatchObject({ cold: 1 });
    }
    expect(whole.ocr.calls).toHaveLength(2);
  });
});
