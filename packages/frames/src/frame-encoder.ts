/**
 * The last stage: downscale and encode WebP with sharp, from an already redacted RGBA buffer held
 * in memory, to a buffer in memory. Nothing here sees unredacted pixels and nothing touches a
 * file. libvips' operation cache is switched off so no decoded pixels linger after a frame.
 */
import sharp from 'sharp';
import { FramesError } from './frames-error.ts';
import type { RawImage } from './raw-image.ts';

export interface EncodeOptions {
  /** Downscale factor, 0 < scale <= 1 (default 0.5). */
  readonly scale?: number | undefined;
  /** Upper bound on the encoded width in pixels (applied after `scale`). */
  readonly maxWidth?: number | undefined;
  /** WebP quality 1..100 (default 80). */
  readonly quality?: number | undefined;
}

export interface EncodedImage {
  readonly webp: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** Encoded pixels per source pixel. */
  readonly scale: number;
}

let cacheOff = false;

export function validateEncodeOptions(options: EncodeOptions): void {
  const { scale = 0.5, maxWidth, quality = 80 } = options;
  if (!(scale > 0 && scale <= 1)) throw new FramesError('FRAMES_INVALID_OPTIONS', 'scale must be in (0, 1]');
  if (maxWidth !== undefined && !(Number.isInteger(maxWidth) && maxWidth >= 16))
    throw new FramesError('FRAMES_INVALID_OPTIONS', 'maxWidth must be an integer >= 16');
  if (!(Number.isInteger(quality) && quality >= 1 && quality <= 100))
    throw new FramesError('FRAMES_INVALID_OPTIONS', 'quality must be an integer in 1..100');
}

export async function encodeWebp(img: RawImage, options: EncodeOptions = {}): Promise<EncodedImage> {
  validateEncodeOptions(options);
  if (!cacheOff) {
    sharp.cache(false);
    cacheOff = true;
  }
  let scale = options.scale ?? 0.5;
  if (options.maxWidth !== undefined && img.width * scale > options.maxWidth)
    scale = options.maxWidth / img.width;
  const width = Math.max(1, Math.round(img.width * scale));
  const height = Math.max(1, Math.round(img.height * scale));
  try {
    let pipeline = sharp(img.data, {
      raw: { width: img.width, height: img.height, channels: 4 },
    }).removeAlpha();
    if (width !== img.width || height !== img.height)
      pipeline = pipeline.resize(width, height, { kernel: 'lanczos3' });
    const webp = await pipeline.webp({ quality: options.quality ?? 80, effort: 2 }).toBuffer();
    return {
      webp: new Uint8Array(webp.buffer, webp.byteOffset, webp.byteLength),
      width,
      height,
      scale: width / img.width,
    };
  } catch (e) {
    throw new FramesError('FRAMES_ENCODE_FAILED', 'WebP encoding failed', { cause: e });
  }
}
