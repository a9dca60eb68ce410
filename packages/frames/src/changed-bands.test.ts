/**
 * The band planner of incremental recognition (issue 19): which rows are read again, which lines
 * are kept, and when the whole window is read again instead. The property: every changed row is
 * in a band, a band is bounded by unchanged blank rows (or the window's edge), and no kept line
 * reaches into a band.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Band, blankRow, type PreviousRecognition, planBands } from './changed-bands.ts';
import type { Rect } from './geometry.ts';
import type { OcrLine } from './ocr-engine.ts';
import type { GreyImage } from './raw-image.ts';
import type { LineVerdict } from './text-redaction.ts';

const W = 120;
const H = 80;
const ALL: Rect[] = [{ x: 0, y: 0, width: W, height: H }];

function blank(): GreyImage {
  return { width: W, height: H, data: new Uint8Array(W * H).fill(255) };
}

/** "Glyphs": a dotted block (runs of 1 px), as text looks row by row. */
function ink(img: GreyImage, r: Rect, seed = 0): void {
  for (let y = r.y; y < r.y + r.height; y++)
    for (let x = r.x; x < r.x + r.width; x++) if ((x + y + seed) % 2 === 0) img.data[y * W + x] = 20;
}

function line(r: Rect): OcrLine {
  return { text: 'x', confidence: 90, bbox: r, words: [{ text: 'x', confidence: 90, bbox: r }] };
}

function prevOf(grey: GreyImage, lines: Rect[], verdicts: LineVerdict[] = []) {
  return {
    grey,
    lines: lines.map(line),
    verdicts: lines.map((_, i) => verdicts[i] ?? 'clean'),
  } satisfies PreviousRecognition;
}

describe('planBands', () => {
  it('nothing changed: nothing to read', () => {
    const a = blank();
    ink(a, { x: 4, y: 4, width: 60, height: 8 });
    expect(planBands(prevOf(a, []), { ...a, data: a.data.slice() }, ALL)).toEqual({ kind: 'unchanged' });
  });

  it('a change is read in a band of whole rows up to blank rows (with margin); lines elsewhere are kept', () => {
    const a = blank();
    ink(a, { x: 4, y: 4, width: 60, height: 8 }); // line 0: rows 4..11
    ink(a, { x: 4, y: 30, width: 40, height: 8 }); // line 1: rows 30..37
    const b = { ...a, data: a.data.slice() };
    ink(b, { x: 50, y: 31, width: 10, height: 6 }, 1); // typing at the end of line 1
    const plan = planBands(
      prevOf(a, [
        { x: 4, y: 4, width: 60, height: 8 },
        { x: 4, y: 30, width: 40, height: 8 },
      ]),
      b,
      ALL,
    );
    expect(plan).toEqual({ kind: 'bands', bands: [{ top: 27, bottom: 41 }], reused: [0] });
  });

  it('a previous line the band touches is read again whole: the band grows over it', () => {
    const a = blank();
    // A line whose recognised box is taller than the ink that changed (and with a blank row inside).
    ink(a, { x: 4, y: 20, width: 40, height: 4 });
    ink(a, { x: 4, y: 26, width: 40, height: 4 });
    const b = { ...a, data: a.data.slice() };
    ink(b, { x: 50, y: 26, width: 10, height: 4 }, 1);
    const plan = planBands(prevOf(a, [{ x: 4, y: 20, width: 60, height: 10 }]), b, ALL);
    expect(plan).toEqual({ kind: 'bands', bands: [{ top: 17, bottom: 33 }], reused: [] });
  });

  it('fails closed: a change touching a line that was blacked out means the whole window', () => {
    const a = blank();
    ink(a, { x: 4, y: 10, width: 60, height: 7 }); // a flagged line, rows 10..16
    const lines = [{ x: 4, y: 10, width: 60, height: 7 }];
    const touching = { ...a, data: a.data.slice() };
    ink(touching, { x: 70, y: 12, width: 20, height: 5 }); // typed at the end of that line
    expect(planBands(prevOf(a, lines, ['flagged']), touching, ALL)).toEqual({
      kind: 'cold',
      reason: 'touches-redaction',
    });
    expect(planBands(prevOf(a, lines, ['unsure']), touching, ALL)).toMatchObject({ kind: 'cold' });
    // A clean line touched is read again in the band.
    expect(planBands(prevOf(a, lines, ['clean']), touching, ALL)).toMatchObject({
      kind: 'bands',
      reused: [],
    });
    // New text one blank row below the flagged line is another line: only the band is read.
    const below = { ...a, data: a.data.slice() };
    ink(below, { x: 4, y: 18, width: 30, height: 6 });
    expect(planBands(prevOf(a, lines, ['flagged']), below, ALL)).toMatchObject({
      kind: 'bands',
      reused: [0],
    });
  });

  it('fails closed: more than half of the rows changed (a scroll) means the whole window', () => {
    const a = blank();
    for (let y = 2; y < H - 10; y += 10) ink(a, { x: 4, y, width: 80, height: 7 });
    const b = blank();
    for (let y = 7; y < H - 5; y += 10) ink(b, { x: 4, y, width: 80, height: 7 });
    expect(planBands(prevOf(a, []), b, ALL)).toEqual({ kind: 'cold', reason: 'too-many-changes' });
  });

  it('blank rows: flat panels of different colours cut, glyphs never, borders of up to 3 px allowed', () => {
    const img = blank();
    img.data.fill(200, 0, 40); // row 0: a grey sidebar and a white page
    img.data.fill(90, W, W + 2); // row 1: a 2 px border, then white
    ink(img, { x: 10, y: 2, width: 30, height: 1 }); // row 2: glyph pixels
    img.data.fill(20, 3 * W + 10, 3 * W + 30); // row 3: a 20 px bar (a large glyph's stroke)
    expect(blankRow(img, 0, ALL, 32)).toBe(true);
    expect(blankRow(img, 1, ALL, 32)).toBe(true);
    expect(blankRow(img, 2, ALL, 32)).toBe(false);
    expect(blankRow(img, 3, ALL, 32)).toBe(false);
    // Only visible spans count: a row hidden behind another window is blank.
    expect(blankRow(img, 2, [{ x: 0, y: 3, width: W, height: 10 }], 32)).toBe(true);
  });

  it('property: every changed row is in a band bounded by unchanged blank rows, and no kept line reaches into one', () => {
    const block = fc.record({
      x: fc.integer({ min: 0, max: W - 10 }),
      y: fc.integer({ min: 0, max: H - 4 }),
      width: fc.integer({ min: 2, max: 60 }),
      height: fc.integer({ min: 1, max: 12 }),
    });
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 8 }),
        fc.array(block, { minLength: 1, maxLength: 3 }),
        fc.array(block, { maxLength: 6 }),
        (before, edits, lineBoxes) => {
          const a = blank();
          for (const r of before) ink(a, clip(r));
          const b = { ...a, data: a.data.slice() };
          for (const r of edits) ink(b, clip(r), 1);
          const lines = lineBoxes.map(clip);
          const plan = planBands(prevOf(a, lines), b, ALL, { maxChangedShare: 1 });
          const changed = (y: number) =>
            Buffer.compare(a.data.subarray(y * W, (y + 1) * W), b.data.subarray(y * W, (y + 1) * W)) !== 0;
          if (plan.kind === 'unchanged') {
            for (let y = 0; y < H; y++) expect(changed(y)).toBe(false);
            return;
          }
          expect(plan.kind).toBe('bands');
          if (plan.kind !== 'bands') return;
          const inBand = (y: number) => plan.bands.some((band: Band) => y >= band.top && y < band.bottom);
          for (let y = 0; y < H; y++) if (changed(y)) expect(inBand(y)).toBe(true);
          // No glyph crosses a band's edge: the row outside it or the row inside it is an
          // unchanged blank row (or the band ends at the window's edge).
          const cut = (y: number) => !changed(y) && blankRow(b, y, ALL, 32);
          for (const band of plan.bands) {
            expect(band.top <= 0 || cut(band.top - 1) || cut(band.top)).toBe(true);
            expect(band.bottom >= H || cut(band.bottom) || cut(band.bottom - 1)).toBe(true);
          }
          for (const i of plan.reused) {
            const r = lines[i] as Rect;
            for (let y = r.y; y < r.y + r.height; y++) expect(inBand(y)).toBe(false);
          }
          // Every line not kept is inside a band (read again whole).
          for (const [i, r] of lines.entries())
            if (!plan.reused.includes(i)) expect(inBand(r.y) && inBand(r.y + r.height - 1)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

function clip(r: Rect): Rect {
  return { x: r.x, y: r.y, width: Math.min(r.width, W - r.x), height: Math.min(r.height, H - r.y) };
}
