/**
 * The text-region detector and the `tesseract` program's TSV (issue 19, the recogniser choices
 * bench/frames compares): regions cover every pixel that is not flat, columns of a layout are
 * split, and word boxes read from the stacked regions map back to where they were.
 */
import { describe, expect, it } from 'vitest';
import type { Rect } from './geometry.ts';
import type { OcrLine } from './ocr-engine.ts';
import type { GreyImage } from './raw-image.ts';
import { parseTsv } from './tesseract-cli-ocr.ts';
import { ScriptedOcr } from './test-support/synthetic.ts';
import { findTextRegions, RegionFirstOcr } from './text-regions.ts';

const W = 300;
const H = 120;

function page(): GreyImage {
  return { width: W, height: H, data: new Uint8Array(W * H).fill(250) };
}

function ink(img: GreyImage, r: Rect): void {
  for (let y = r.y; y < r.y + r.height; y++)
    for (let x = r.x; x < r.x + r.width; x += 2) img.data[y * img.width + x] = 10;
}

const contains = (outer: Rect, r: Rect) =>
  outer.x <= r.x &&
  outer.y <= r.y &&
  outer.x + outer.width >= r.x + r.width &&
  outer.y + outer.height >= r.y + r.height;

describe('text regions', () => {
  it('every non-flat pixel is inside a region; two columns far apart are two regions; blank space is left out', () => {
    const img = page();
    const left = { x: 10, y: 10, width: 80, height: 9 };
    const right = { x: 200, y: 12, width: 60, height: 9 };
    const below = { x: 10, y: 60, width: 120, height: 9 };
    for (const r of [left, right, below]) ink(img, r);
    const regions = findTextRegions(img);
    for (const r of [left, right, below]) expect(regions.some((g) => contains(g, r))).toBe(true);
    expect(regions).toHaveLength(3);
    const covered = regions.reduce((a, r) => a + r.width * r.height, 0);
    expect(covered).toBeLessThan((W * H) / 4);
  });

  it('words read from the stacked regions map back to their place in the image', async () => {
    const img = page();
    ink(img, { x: 10, y: 10, width: 80, height: 9 });
    ink(img, { x: 200, y: 70, width: 60, height: 9 });
    // The scripted recogniser "reads" one word over each dark block it finds in the stacked image.
    const ocr = new ScriptedOcr((g) => {
      const lines: OcrLine[] = [];
      for (let y = 0; y < g.height; y++) {
        const row = g.data.subarray(y * g.width, (y + 1) * g.width);
        const x = row.findIndex((v) => v < 50);
        if (x < 0 || lines.some((l) => y < l.bbox.y + l.bbox.height + 1)) continue;
        const bbox = { x, y, width: 20, height: 9 };
        lines.push({ text: 'word', confidence: 90, bbox, words: [{ text: 'word', confidence: 90, bbox }] });
      }
      return lines;
    });
    const lines = await new RegionFirstOcr(ocr).recognize(img);
    expect(lines.map((l) => [l.bbox.x, l.bbox.y])).toEqual([
      [10, 10],
      [200, 70],
    ]);
    // One recognition, over far fewer pixels than the image.
    expect(ocr.calls).toHaveLength(1);
    expect((ocr.calls[0]?.width ?? 0) * (ocr.calls[0]?.height ?? 0)).toBeLessThan((W * H) / 2);
  });

  it('parses the tesseract TSV into lines of words, boxes scaled back', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '1\t1\t0\t0\t0\t0\t0\t0\t600\t200\t-1\t',
      '4\t1\t1\t1\t1\t0\t20\t10\t300\t24\t-1\t',
      '5\t1\t1\t1\t1\t1\t20\t10\t80\t24\t96.5\tmail',
      '5\t1\t1\t1\t1\t2\t110\t10\t210\t24\t91.0\tjane@example.org',
      '4\t1\t1\t1\t2\t0\t20\t50\t100\t24\t-1\t',
      '5\t1\t1\t1\t2\t1\t20\t50\t100\t24\t95\t ',
    ].join('\n');
    expect(parseTsv(tsv, 2)).toEqual([
      {
        text: 'mail jane@example.org',
        confidence: 91,
        bbox: { x: 10, y: 5, width: 150, height: 12 },
        words: [
          { text: 'mail', confidence: 96.5, bbox: { x: 10, y: 5, width: 40, height: 12 } },
          { text: 'jane@example.org', confidence: 91, bbox: { x: 55, y: 5, width: 105, height: 12 } },
        ],
      },
    ]);
  });
});
