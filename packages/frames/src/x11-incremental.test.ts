/**
 * Incremental recognition on a real X11 desktop (issue 19): Xvfb + openbox, two in-scope xterm
 * windows, text typed with xdotool between frames (the terminal echoes it). A secret shown in rows
 * that did not change stays black without being recognised again; a secret typed into changed
 * rows is recognised in its band and blacked out; a scroll, a resize and a new lease mean whole
 * windows again; and the independent reader (Debian's tesseract, else a fresh tesseract.js) finds
 * no secret in any frame of a sequence of incremental frames. Skips without Xvfb outside CI.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameGate, type FrameLeaseView } from './frame-gate.ts';
import { type FrameOutcome, FramePipeline } from './frame-pipeline.ts';
import type { Rect } from './geometry.ts';
import { type OcrEngine, type OcrHint, type OcrLine, TesseractOcr } from './ocr-engine.ts';
import { type GreyImage, isBlack, type RawImage } from './raw-image.ts';
import { leakedRuns, readAgain } from './test-support/second-reader.ts';
import { activeView, lease } from './test-support/synthetic.ts';
import { type TextWindow, X11_SKIP_MESSAGE, X11Desktop, x11Available } from './test-support/x11-desktop.ts';
import { X11Screen } from './x11-screen.ts';

const runX11 = x11Available() || Boolean(process.env.CI);
if (!runX11) console.warn(X11_SKIP_MESSAGE);

const APPS = [{ app: 'StenoWork', level: 'full' as const, frames: true }];
const COLS = 72;
const ROWS = 22;
const PRINTED = [
  'notes for today',
  'the quick brown fox jumps',
  'mail jane.doe@example.org ok',
  'plain words',
];

/** Records what the recogniser was asked to read and what it read. */
class SpyOcr implements OcrEngine {
  calls: { layout: string; width: number; height: number; text: string }[] = [];
  constructor(readonly inner: OcrEngine) {}
  async recognize(image: GreyImage, hint?: OcrHint): Promise<OcrLine[]> {
    const lines = await this.inner.recognize(image, hint);
    this.calls.push({
      layout: hint?.layout ?? 'page',
      width: image.width,
      height: image.height,
      text: lines.map((l) => l.text).join('\n'),
    });
    return lines;
  }
  async close(): Promise<void> {}
}

async function decode(webp: Uint8Array): Promise<RawImage> {
  const { data, info } = await sharp(webp).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

function expectOk(o: FrameOutcome): asserts o is Extract<FrameOutcome, { ok: true }> {
  if (!o.ok) throw new Error(`frame dropped: ${o.reason}`);
}

describe.skipIf(!runX11)('incremental frames on a real X11 desktop', () => {
  let desktop: X11Desktop;
  let ocr: TesseractOcr;
  let spy: SpyOcr;
  let pipeline: FramePipeline;
  let screen: X11Screen;
  let work: TextWindow;
  let view: FrameLeaseView;
  /** The cursor's row in the work window (the terminal echoes what is typed there). */
  let row = PRINTED.length;

  /** The screen box of `length` cells from (col, r) in the work window (xterm: 2 px inner border). */
  async function cells(r: number, col: number, length: number): Promise<Rect> {
    const w = (await screen.windowStack()).windows.find((s) => s.client === work.id);
    if (!w) throw new Error('work window gone');
    const cw = (w.content.width - 4) / COLS;
    const ch = (w.content.height - 4) / ROWS;
    return {
      x: Math.round(w.content.x + 2 + col * cw),
      y: Math.round(w.content.y + 2 + r * ch),
      width: Math.round(length * cw),
      height: Math.round(ch),
    };
  }

  /** Types a line and Return; resolves with the row it went to. */
  async function typeLine(text: string): Promise<number> {
    await desktop.type(`${text}\n`);
    await new Promise((r) => setTimeout(r, 150));
    return row++;
  }

  /** Whether the cells are black in the frame (1 px inside them: WebP smears edges). */
  async function blackCells(webp: Uint8Array, r: number, col: number, length: number): Promise<boolean> {
    const box = await cells(r, col, length);
    return isBlack(
      await decode(webp),
      { x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2 },
      10,
    );
  }

  async function take(id: string, calls = { from: 0 }): Promise<Extract<FrameOutcome, { ok: true }>> {
    calls.from = spy.calls.length;
    const out = await pipeline.take({ actionId: id });
    expectOk(out);
    return out;
  }

  beforeAll(async () => {
    desktop = await X11Desktop.start();
    ocr = new TesseractOcr();
    const warm = ocr.start();
    spy = new SpyOcr(ocr);
    work = await desktop.openText({
      wmClass: 'StenoWork',
      title: 'work',
      lines: PRINTED,
      geometry: `${COLS}x${ROWS}+20+30`,
    });
    await desktop.openText({
      wmClass: 'StenoWork',
      title: 'other',
      lines: ['second window', 'contact bob.smith@corp.example.com', 'nothing else'],
      geometry: '44x6+560+500',
      font: 'DejaVu Sans Mono',
      fontSize: 12,
    });
    await desktop.focus(work);
    screen = await X11Screen.connect({ display: desktop.display });
    view = activeView(lease({}, APPS));
    const gate = new FrameGate({ lease: () => view, contributorPaused: () => false });
    await warm;
    pipeline = new FramePipeline({
      source: screen,
      ocr: spy,
      gate,
      minIntervalMs: 0,
      encode: { scale: 1, quality: 90 },
    });
  });

  afterAll(async () => {
    await pipeline?.close();
    await ocr?.close();
    await desktop?.close();
  });

  it('a secret typed earlier, in rows that did not change, stays black in the next frame without being recognised again', async () => {
    const secret = 'AKIAIOSFODNN7EXAMPLE';
    const at = await typeLine(`key ${secret}`);
    const first = await take('a1');
    expect(first.frame.meta.redaction.textBoxes).toBeGreaterThan(0);
    expect(await blackCells(first.frame.webp, at, 4, secret.length)).toBe(true);

    // Something else changes, two rows below (one empty row between).
    row++;
    await desktop.type('\n');
    await typeLine('hello there');
    const calls = { from: 0 };
    const second = await take('a2', calls);
    expect(second.recognition).toMatchObject({ windows: 2, cold: 0, unchanged: 1 });
    expect(second.recognition?.bands).toBeGreaterThan(0);
    const read = spy.calls.slice(calls.from);
    expect(read.every((c) => c.layout === 'band')).toBe(true);
    expect(read.map((c) => c.text).join('\n')).not.toMatch(/AKIA|EXAMPLE/);
    expect(read.map((c) => c.text).join('\n')).toMatch(/hello|there/);
    // Kept, judged again, painted into the new pixels.
    expect(await blackCells(second.frame.webp, at, 4, secret.length)).toBe(true);
    const again = await readAgain(second.frame.webp);
    expect(leakedRuns(again.text, secret), again.reader).toEqual([]);
    expect(leakedRuns(again.text, 'jane.doe@example.org'), again.reader).toEqual([]);
    expect(leakedRuns(again.text, 'bob.smith@corp.example.com'), again.reader).toEqual([]);
  });

  it('a secret typed into changed rows is recognised in its band and blacked out', async () => {
    await take('b1');
    const secret = 'mary.major@example.net';
    const at = await typeLine(`mail ${secret}`);
    const calls = { from: 0 };
    const out = await take('b2', calls);
    expect(out.recognition).toMatchObject({ cold: 0, unchanged: 1 });
    const read = spy.calls.slice(calls.from);
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((c) => c.layout === 'band')).toBe(true);
    expect(read.map((c) => c.text).join('\n')).toMatch(/mary|example/);
    const share = (out.recognition?.recognisedPixels ?? 0) / (out.recognition?.windowPixels ?? 1);
    expect(share).toBeLessThan(0.25);
    expect(await blackCells(out.frame.webp, at, 5, secret.length)).toBe(true);
    const again = await readAgain(out.frame.webp);
    expect(leakedRuns(again.text, secret), again.reader).toEqual([]);
  });

  it('the independent reader finds no secret in any frame of a sequence of incremental frames', async () => {
    const secrets = [
      'jane.doe@example.org',
      'bob.smith@corp.example.com',
      'AKIAIOSFODNN7EXAMPLE',
      'mary.major@example.net',
    ];
    const steps = [
      'call +44 20 7946 0958 now',
      'the meeting moved to friday',
      'token ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5',
      'see you soon',
      'card 4111 1111 1111 1111 exp',
    ];
    const stepSecrets = [
      '+44 20 7946 0958',
      '',
      'ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5',
      '',
      '4111 1111 1111 1111',
    ];
    // One empty row away from the secret typed in the test before.
    row++;
    await desktop.type('\n');
    await take('d0');
    let incremental = 0;
    const cold: string[] = [];
    for (const [i, text] of steps.entries()) {
      await typeLine(text);
      const out = await take(`d${i + 1}`);
      if (out.recognition?.cold === 0) incremental++;
      else cold.push(JSON.stringify(out.recognition?.coldReasons));
      const again = await readAgain(out.frame.webp);
      if (stepSecrets[i]) secrets.push(stepSecrets[i] as string);
      for (const s of secrets)
        expect(leakedRuns(again.text, s), `${again.reader}, frame ${i + 1}`).toEqual([]);
      // Ordinary text is still there.
      expect(again.text).toMatch(/notes|quick|brown|second|window/);
    }
    expect(incremental, cold.join(' ')).toBe(steps.length);
  });

  it('a scroll, a resize and a new lease mean whole windows again, still with no secret left', async () => {
    await take('c0');
    // Scroll: enough new lines to push every line up.
    await desktop.type('\n'.repeat(ROWS - row + 2));
    row = ROWS - 1;
    const scrolled = await take('c1');
    // Every line moved: too many rows changed, or the change reached a line that was black.
    expect(scrolled.recognition).toMatchObject({ cold: 1, unchanged: 1 });
    const reasons = scrolled.recognition?.coldReasons ?? {};
    expect(
      (reasons['too-many-changes'] ?? 0) + (reasons['touches-redaction'] ?? 0),
      JSON.stringify(reasons),
    ).toBe(1);

    await desktop.xdotool(['windowsize', String(work.id), '520', '300']);
    await new Promise((r) => setTimeout(r, 400));
    const resized = await take('c2');
    expect(resized.recognition?.coldReasons.geometry).toBe(1);

    view = activeView(lease({ leaseId: 'lease-test-renewed' }, APPS));
    const calls = { from: 0 };
    const renewed = await take('c3', calls);
    expect(renewed.recognition).toMatchObject({ windows: 2, cold: 2, coldReasons: { scope: 2 } });
    expect(spy.calls.slice(calls.from).every((c) => c.layout === 'page')).toBe(true);
    const again = await readAgain(renewed.frame.webp);
    expect(leakedRuns(again.text, 'bob.smith@corp.example.com'), again.reader).toEqual([]);
  });
});
