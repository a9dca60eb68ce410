/**
 * Test support: text rendered into RGBA pixels with sharp (SVG text), with the box of every
 * marked span known, so a test can check those exact pixels after redaction. Monospace fonts make
 * the boxes exact: DejaVu Sans Mono advances 0.602 em a character.
 */
import sharp from 'sharp';
import type { Rect } from '../geometry.ts';
import type { RawImage } from '../raw-image.ts';

export interface TextRow {
  /** The whole line; `mark` must occur in it. */
  readonly text: string;
  /** The span whose box the test wants (a secret or identifier). */
  readonly mark?: string;
  readonly size: number;
  readonly font?: string;
}

export interface RenderedText {
  readonly image: RawImage;
  /** The boxes of each row's `mark`, one per space-separated part, in image coordinates (none without a mark). */
  readonly marks: Rect[][];
}

const ADVANCE = 0.602;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function renderText(
  width: number,
  height: number,
  rows: readonly TextRow[],
  left = 16,
): Promise<RenderedText> {
  let y = 12;
  const marks: Rect[][] = [];
  const texts: string[] = [];
  for (const row of rows) {
    const baseline = y + Math.round(row.size * 0.8);
    texts.push(
      `<text x="${left}" y="${baseline}" font-family="${row.font ?? 'DejaVu Sans Mono'}" font-size="${row.size}" fill="#101010">${escapeXml(row.text)}</text>`,
    );
    const boxes: Rect[] = [];
    if (row.mark) {
      const cw = row.size * ADVANCE;
      let at = row.text.indexOf(row.mark);
      for (const part of row.mark.split(' ')) {
        boxes.push({
          x: Math.floor(left + at * cw),
          y: Math.floor(baseline - row.size * 0.75),
          width: Math.ceil(part.length * cw),
          height: Math.ceil(row.size * 0.95),
        });
        at += part.length + 1;
      }
    }
    marks.push(boxes);
    y += Math.round(row.size * 1.9);
  }
  const svg = `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><rect width="100%" height="100%" fill="#f4f4f4"/>${texts.join('')}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    image: {
      width: info.width,
      height: info.height,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    },
    marks,
  };
}

/** Share of pixels in `r` brighter than mid-grey: ~0 for a blacked-out box, large for text on a light background. */
export function brightShare(img: RawImage, r: Rect): number {
  let bright = 0;
  let all = 0;
  for (let y = Math.max(0, r.y); y < Math.min(img.height, r.y + r.height); y++)
    for (let x = Math.max(0, r.x); x < Math.min(img.width, r.x + r.width); x++) {
      const i = (y * img.width + x) * 4;
      const luma =
        ((img.data[i] as number) * 77 +
          (img.data[i + 1] as number) * 150 +
          (img.data[i + 2] as number) * 29) >>
        8;
      all++;
      if (luma > 128) bright++;
    }
  return all === 0 ? 0 : bright / all;
}
