/**
 * Uncompressed RGBA images in memory, and the pixel operations the black-out needs. Every
 * redaction happens here, on raw pixels, before any encoder sees the image; buffers that held
 * unredacted pixels are wiped once they are no longer needed.
 */
import { intersect, type Rect, type Region } from './geometry.ts';

/** Pixels row by row, 4 bytes each (R, G, B, A), no padding. */
export interface RawImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** One byte per pixel (luma), for recognition. */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export function createImage(width: number, height: number): RawImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

/**
 * X11 ZPixmap at depth 24/32 on a little-endian server (B, G, R, X per pixel) to RGBA.
 * `stride` is the bytes per source row (the server pads rows to its scanline unit).
 */
export function fromBgrx(src: Uint8Array, width: number, height: number, stride = width * 4): RawImage {
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    let s = y * stride;
    let d = y * width * 4;
    for (let x = 0; x < width; x++, s += 4, d += 4) {
      out[d] = src[s + 2] as number;
      out[d + 1] = src[s + 1] as number;
      out[d + 2] = src[s] as number;
      out[d + 3] = 255;
    }
  }
  return { width, height, data: out };
}

function bounded(img: RawImage, r: Rect): Rect | undefined {
  return intersect(
    { x: Math.floor(r.x), y: Math.floor(r.y), width: Math.ceil(r.width), height: Math.ceil(r.height) },
    { x: 0, y: 0, width: img.width, height: img.height },
  );
}

/** Paints a rectangle opaque black, in place. */
export function blackOut(img: RawImage, r: Rect): void {
  const b = bounded(img, r);
  if (!b) return;
  for (let y = b.y; y < b.y + b.height; y++) {
    const row = (y * img.width + b.x) * 4;
    for (let i = row, end = row + b.width * 4; i < end; i += 4) {
      img.data[i] = 0;
      img.data[i + 1] = 0;
      img.data[i + 2] = 0;
      img.data[i + 3] = 255;
    }
  }
}

/**
 * A new image of the same size where only `keep` comes from `img` and every other pixel is
 * opaque black. Copying into a fresh black buffer (rather than painting over the original) means
 * a mistake in the region arithmetic can only lose pixels, never let one through.
 */
export function keepOnly(img: RawImage, keep: Region): RawImage {
  const out = createImage(img.width, img.height);
  for (const r of keep) {
    const b = bounded(img, r);
    if (!b) continue;
    for (let y = b.y; y < b.y + b.height; y++) {
      const start = (y * img.width + b.x) * 4;
      out.data.set(img.data.subarray(start, start + b.width * 4), start);
    }
  }
  return out;
}

/** A copy of the part of `img` inside `r` (clipped to the image). */
export function crop(img: RawImage, r: Rect): RawImage {
  const b = bounded(img, r) ?? { x: 0, y: 0, width: 0, height: 0 };
  const out = new Uint8Array(b.width * b.height * 4);
  for (let y = 0; y < b.height; y++) {
    const start = ((b.y + y) * img.width + b.x) * 4;
    out.set(img.data.subarray(start, start + b.width * 4), y * b.width * 4);
  }
  return { width: b.width, height: b.height, data: out };
}

/** The luma of the part of `img` inside `r`, for recognition (BT.601 weights). */
export function toGrey(
  img: RawImage,
  r: Rect = { x: 0, y: 0, width: img.width, height: img.height },
): GreyImage {
  const b = bounded(img, r) ?? { x: 0, y: 0, width: 0, height: 0 };
  const out = new Uint8Array(b.width * b.height);
  let d = 0;
  for (let y = b.y; y < b.y + b.height; y++) {
    let s = (y * img.width + b.x) * 4;
    for (let x = 0; x < b.width; x++, s += 4) {
      out[d++] =
        ((img.data[s] as number) * 77 +
          (img.data[s + 1] as number) * 150 +
          (img.data[s + 2] as number) * 29) >>
        8;
    }
  }
  return { width: b.width, height: b.height, data: out };
}

/** Overwrites pixel memory that held unredacted content. */
export function wipe(img: { data: Uint8Array }): void {
  img.data.fill(0);
}

/** Whether every pixel inside `r` is black (all of R, G, B at most `tolerance`). */
export function isBlack(img: RawImage, r: Rect, tolerance = 0): boolean {
  const b = bounded(img, r);
  if (!b) return true;
  for (let y = b.y; y < b.y + b.height; y++) {
    const row = (y * img.width + b.x) * 4;
    for (let i = row, end = row + b.width * 4; i < end; i += 4) {
      if (
        (img.data[i] as number) > tolerance ||
        (img.data[i + 1] as number) > tolerance ||
        (img.data[i + 2] as number) > tolerance
      )
        return false;
    }
  }
  return true;
}
