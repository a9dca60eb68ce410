/**
 * A cheap text-region detector in front of the recogniser (issue 19, measured in bench/frames).
 * Row projection finds bands of rows that are not flat (`blankRow`), column projection inside each
 * band splits it where whole columns are flat for a wide gap (panels, columns of a layout); the
 * regions are stacked into one image, a few blank rows apart, and recognised as one block of lines
 * (no page analysis), and every word box is mapped back. Nothing that is not perfectly flat is
 * left out, so the detector can only lose blank space, never a glyph.
 */
import { blankRow } from './changed-bands.ts';
import { intersect, type Rect, union } from './geometry.ts';
import type { OcrEngine, OcrHint, OcrLine, OcrWord } from './ocr-engine.ts';
import type { GreyImage } from './raw-image.ts';

export interface TextRegionOptions {
  /** As `BandOptions.minFlatRun` (default 32). */
  readonly minFlatRun?: number | undefined;
  /** Bands of ink closer than this many blank rows are one band (dots over letters; default 2). */
  readonly joinRows?: number | undefined;
  /** Blank margin kept around each region (default 2 px). */
  readonly margin?: number | undefined;
}

/** Regions of an image that may hold text: everything that is not flat, in a few rectangles. */
export function findTextRegions(img: GreyImage, options: TextRegionOptions = {}): Rect[] {
  const minRun = options.minFlatRun ?? 32;
  const join = options.joinRows ?? 2;
  const margin = options.margin ?? 2;
  const all = [{ x: 0, y: 0, width: img.width, height: img.height }];
  const bands: { top: number; bottom: number }[] = [];
  for (let y = 0; y < img.height; y++) {
    if (blankRow(img, y, all, minRun)) continue;
    const last = bands.at(-1);
    if (last && y - last.bottom <= join) last.bottom = y + 1;
    else bands.push({ top: y, bottom: y + 1 });
  }
  const regions: Rect[] = [];
  for (const b of bands) {
    const top = Math.max(0, b.top - margin);
    const bottom = Math.min(img.height, b.bottom + margin);
    // A column is flat when every pixel of it in the band equals the first.
    const ink: boolean[] = [];
    for (let x = 0; x < img.width; x++) {
      const first = img.data[top * img.width + x];
      let flat = true;
      for (let y = top + 1; y < bottom && flat; y++) flat = img.data[y * img.width + x] === first;
      ink.push(!flat);
    }
    const gap = Math.max(16, 2 * (bottom - top));
    let start = -1;
    let lastInk = -1;
    for (let x = 0; x <= img.width; x++) {
      if (x < img.width && !ink[x]) continue;
      if (x < img.width && start >= 0 && x - lastInk <= gap) {
        lastInk = x;
        continue;
      }
      if (start >= 0) {
        const x0 = Math.max(0, start - margin);
        regions.push({
          x: x0,
          y: top,
          width: Math.min(img.width, lastInk + 1 + margin) - x0,
          height: bottom - top,
        });
      }
      start = x;
      lastInk = x;
    }
  }
  return regions;
}

interface Placement {
  readonly src: Rect;
  /** Where it went in the stacked image. */
  readonly dst: Rect;
}

/** Recognises only the regions `findTextRegions` finds, stacked into one image. */
export class RegionFirstOcr implements OcrEngine {
  readonly #inner: OcrEngine;
  readonly #options: TextRegionOptions;
  readonly #gapRows: number;

  constructor(inner: OcrEngine, options: TextRegionOptions & { gapRows?: number } = {}) {
    this.#inner = inner;
    this.#options = options;
    this.#gapRows = options.gapRows ?? 8;
  }

  async recognize(image: GreyImage, _hint?: OcrHint): Promise<OcrLine[]> {
    const regions = findTextRegions(image, this.#options);
    if (regions.length === 0) return [];
    const pad = 4;
    const width = Math.max(...regions.map((r) => r.width)) + 2 * pad;
    const placements: Placement[] = [];
    let y = this.#gapRows;
    for (const src of regions) {
      placements.push({ src, dst: { x: pad, y, width: src.width, height: src.height } });
      y += src.height + this.#gapRows;
    }
    const stacked: GreyImage = { width, height: y, data: new Uint8Array(width * y).fill(255) };
    for (const p of placements)
      for (let r = 0; r < p.src.height; r++) {
        const from = (p.src.y + r) * image.width + p.src.x;
        stacked.data.set(image.data.subarray(from, from + p.src.width), (p.dst.y + r) * width + p.dst.x);
      }
    let lines: OcrLine[];
    try {
      lines = await this.#inner.recognize(stacked, { layout: 'band' });
    } finally {
      stacked.data.fill(0);
    }
    return mapBack(lines, placements);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}

/**
 * Boxes in the stacked image back to the source. A word that reaches over two regions is kept
 * in both (clipped to each), so its black box can only grow.
 */
function mapBack(lines: readonly OcrLine[], placements: readonly Placement[]): OcrLine[] {
  const out: OcrLine[] = [];
  const toSrc = (r: Rect, p: Placement): Rect => ({
    x: r.x - p.dst.x + p.src.x,
    y: r.y - p.dst.y + p.src.y,
    width: r.width,
    height: r.height,
  });
  for (const line of lines) {
    for (const p of placements) {
      const words: OcrWord[] = [];
      for (const w of line.words) {
        const part = intersect(w.bbox, p.dst);
        if (part) words.push({ ...w, bbox: toSrc(part, p) });
      }
      if (words.length === 0) continue;
      const clipped = intersect(line.bbox, p.dst);
      const bbox = words.reduce<Rect>(
        (acc, w) => union(acc, w.bbox),
        clipped ? toSrc(clipped, p) : (words[0] as OcrWord).bbox,
      );
      out.push({ text: words.map((w) => w.text).join(' '), confidence: line.confidence, bbox, words });
    }
  }
  return out;
}
