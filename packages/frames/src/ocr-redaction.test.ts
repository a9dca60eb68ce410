/**
 * Real recognition (tesseract.js, offline) on text rendered into pixels: secrets and identifiers
 * in several fonts and sizes are black in the finished frame, and reading the frame again finds
 * none of them, while ordinary text survives.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameGate } from './frame-gate.ts';
import { FramePipeline } from './frame-pipeline.ts';
import { TesseractOcr } from './ocr-engine.ts';
import { brightShare, renderText } from './test-support/rendered-text.ts';
import { leakedRuns, readAgain } from './test-support/second-reader.ts';
import { SECRET_ROWS as ROWS } from './test-support/secret-rows.ts';
import { activeView, FakeSource, lease } from './test-support/synthetic.ts';

describe('recognised secrets are blacked out in pixels (real OCR)', () => {
  let ocr: TesseractOcr;
  beforeAll(async () => {
    ocr = new TesseractOcr();
    await ocr.start();
  });
  afterAll(async () => {
    await ocr.close();
  });

  it('secrets and identifiers in several fonts and sizes are black; reading the frame again finds none', async () => {
    const rendered = await renderText(760, 290, ROWS);
    const w = rendered.image.width;
    const h = rendered.image.height;
    const win = {
      id: 1,
      client: 2,
      app: 'Work',
      title: 'notes',
      pid: 5,
      outer: { x: 0, y: 0, width: w, height: h },
      content: { x: 0, y: 0, width: w, height: h },
      overrideRedirect: false,
    };
    const source = new FakeSource({ screen: win.outer, windows: [win], active: 2 }, () => rendered.image);
    const gate = new FrameGate({
      lease: () => activeView(lease({}, [{ app: 'Work', level: 'full', frames: true }])),
      contributorPaused: () => false,
    });
    const pipeline = new FramePipeline({ source, ocr, gate, encode: { scale: 1, quality: 90 } });
    const out = await pipeline.take({ actionId: 'act-ocr' });
    if (!out.ok) throw new Error(`dropped: ${out.reason}`);
    const { data, info } = await sharp(out.frame.webp)
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const img = { width: info.width, height: info.height, data };

    rendered.marks.forEach((boxes, row) => {
      for (const box of boxes) expect(brightShare(img, box), `row ${row}`).toBeLessThan(0.02);
    });
    const again = await readAgain(out.frame.webp);
    for (const row of ROWS) if (row.mark) expect(leakedRuns(again.text, row.mark), again.reader).toEqual([]);
    // Not everything went black: ordinary words are still there.
    expect(again.text).toMatch(/hello|notes|today/);
  });

  it("issue 16: a person's name is black by default and kept in a window whose app rule says names: false; e-mails and keys are black in both", async () => {
    const rows = [
      { text: 'meeting with Alice Johnson today', mark: 'Alice Johnson', size: 16 },
      { text: 'mail jane.doe@example.org now', mark: 'jane.doe@example.org', size: 14 },
      { text: 'key AKIAIOSFODNN7EXAMPLE here', mark: 'AKIAIOSFODNN7EXAMPLE', size: 14 },
    ];
    const rendered = await renderText(560, 140, rows);
    const { width: w, height: h } = rendered.image;
    const win = {
      id: 1,
      client: 2,
      app: 'Crm',
      title: 'contacts',
      pid: 5,
      outer: { x: 0, y: 0, width: w, height: h },
      content: { x: 0, y: 0, width: w, height: h },
      overrideRedirect: false,
    };
    const frame = async (names: boolean | undefined) => {
      const source = new FakeSource({ screen: win.outer, windows: [win], active: 2 }, () => ({
        ...rendered.image,
        data: rendered.image.data.slice(),
      }));
      const rule = {
        app: 'Crm',
        level: 'full' as const,
        frames: true,
        ...(names === undefined ? {} : { names }),
      };
      const gate = new FrameGate({
        lease: () => activeView(lease({}, [rule])),
        contributorPaused: () => false,
      });
      const pipeline = new FramePipeline({ source, ocr, gate, encode: { scale: 1, quality: 90 } });
      const out = await pipeline.take({ actionId: `act-names-${names}` });
      if (!out.ok) throw new Error(`dropped: ${out.reason}`);
      const { data, info } = await sharp(out.frame.webp)
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { width: info.width, height: info.height, data };
    };
    const [name, mail, key] = rendered.marks;
    const shares = (img: Awaited<ReturnType<typeof frame>>, boxes: typeof name) =>
      (boxes ?? []).map((b) => brightShare(img, b));

    const byDefault = await frame(undefined);
    for (const s of shares(byDefault, name)) expect(s).toBeLessThan(0.02);
    const namesOff = await frame(false);
    for (const s of shares(namesOff, name)) expect(s).toBeGreaterThan(0.5);
    for (const img of [byDefault, namesOff])
      for (const s of [...shares(img, mail), ...shares(img, key)]) expect(s).toBeLessThan(0.02);
  });
});
