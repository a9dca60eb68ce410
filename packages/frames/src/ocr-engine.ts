/**
 * On-device text recognition. `OcrEngine` is what the pipeline needs (lines of words with boxes
 * and confidences); `TesseractOcr` is the implementation: one long-lived tesseract.js worker (a
 * worker thread, so recognition runs off the input path) with the English model from
 * @tesseract.js-data/eng, fully offline (`langPath` into that package, `cacheMethod: 'none'`, so
 * nothing is fetched and nothing is cached to disk). Start-up and every recognition have a
 * timeout; a worker that timed out is terminated and a new one started on the next call.
 * Images go to the worker as an in-memory PGM; small text is scaled up first.
 */
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { createWorker, type Worker } from 'tesseract.js';
import { FramesError } from './frames-error.ts';
import type { Rect } from './geometry.ts';
import type { GreyImage } from './raw-image.ts';

export interface OcrWord {
  readonly text: string;
  /** 0..100 as the recogniser reports it. */
  readonly confidence: number;
  /** In the coordinates of the image given to `recognize`. */
  readonly bbox: Rect;
}

export interface OcrLine {
  readonly text: string;
  readonly confidence: number;
  readonly bbox: Rect;
  readonly words: readonly OcrWord[];
}

/** What the caller knows of the image's layout, so the recogniser can skip its own page analysis. */
export interface OcrHint {
  /**
   * `page` (default): a whole window, any layout. `band`: full-width rows cut at blank rows, so
   * whole text lines, one above the other (incremental recognition of changed rows).
   */
  readonly layout?: 'page' | 'band' | undefined;
}

export interface OcrEngine {
  /** Lines of text found in `image`, boxes in its coordinates. Throws FramesError on failure or timeout. */
  recognize(image: GreyImage, hint?: OcrHint): Promise<OcrLine[]>;
  close(): Promise<void>;
}

export interface TesseractOcrOptions {
  /** How long starting the worker may take (default 20 s: the first start loads the model). */
  startTimeoutMs?: number;
  /** How long one recognition may take (default 8 s). */
  recognizeTimeoutMs?: number;
  /**
   * Scale factor before recognition (default 2): terminal and UI fonts are small for tesseract,
   * which misreads them at 1x. Images larger than `maxScaledPixels` after scaling are scaled less.
   */
  scale?: number;
  /** Upper bound on pixels handed to the recogniser after scaling (default 4.2 M: a 1280×800 screen at 1.43×). */
  maxScaledPixels?: number;
  /** Directory holding eng.traineddata.gz; default the @tesseract.js-data/eng package. */
  langPath?: string;
  /** Whether the model in `langPath` is gzipped (default true; false for a plain eng.traineddata). */
  langGzip?: boolean;
  /** Tesseract page segmentation mode for whole windows (default '11', sparse text: screens are not pages). */
  pageSegMode?: string;
  /** Page segmentation mode for bands of whole lines (default '6', one uniform block: no page analysis). */
  bandPageSegMode?: string;
}

const require = createRequire(import.meta.url);

/** The English model shipped in @tesseract.js-data/eng (a directory, never a URL). */
export function bundledLangPath(): string {
  return (require('@tesseract.js-data/eng') as { langPath: string }).langPath;
}

/**
 * The image scaled by `scale` (less when it would exceed `maxPixels`, never below 1) as an
 * in-memory binary PGM, which the caller wipes. The scaled copy is wiped here.
 */
export async function scaledPgm(
  image: GreyImage,
  scale: number,
  maxPixels: number,
): Promise<{ pgm: Buffer; scale: number }> {
  const s = Math.max(1, Math.min(scale, Math.sqrt(maxPixels / (image.width * image.height))));
  const w = Math.round(image.width * s);
  const h = Math.round(image.height * s);
  const pixels =
    s === 1
      ? image.data
      : await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
          .resize(w, h, { kernel: 'cubic' })
          .extractChannel(0)
          .raw()
          .toBuffer();
  const pgm = Buffer.concat([Buffer.from(`P5\n${w} ${h}\n255\n`, 'ascii'), pixels]);
  if (pixels !== image.data) pixels.fill(0);
  return { pgm, scale: s };
}

export function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => FramesError): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export class TesseractOcr implements OcrEngine {
  readonly #startTimeoutMs: number;
  readonly #recognizeTimeoutMs: number;
  readonly #scale: number;
  readonly #maxScaledPixels: number;
  readonly #langPath: string;
  readonly #langGzip: boolean;
  readonly #psm: string;
  readonly #bandPsm: string;
  #worker: Promise<Worker> | undefined;
  /** The mode the current worker is set to. */
  #activePsm: string | undefined;
  #closed = false;

  constructor(options: TesseractOcrOptions = {}) {
    this.#startTimeoutMs = options.startTimeoutMs ?? 20_000;
    this.#recognizeTimeoutMs = options.recognizeTimeoutMs ?? 8_000;
    this.#scale = options.scale ?? 2;
    this.#maxScaledPixels = options.maxScaledPixels ?? 4_200_000;
    this.#langPath = options.langPath ?? bundledLangPath();
    this.#langGzip = options.langGzip ?? true;
    this.#psm = options.pageSegMode ?? '11';
    this.#bandPsm = options.bandPageSegMode ?? '6';
    if (!(this.#scale >= 1 && this.#scale <= 4))
      throw new FramesError('FRAMES_INVALID_OPTIONS', 'scale must be between 1 and 4');
  }

  /** Starts the worker now (otherwise on the first recognition). */
  async start(): Promise<void> {
    await this.#getWorker();
  }

  #getWorker(): Promise<Worker> {
    if (this.#closed)
      return Promise.reject(new FramesError('FRAMES_OCR_UNAVAILABLE', 'the recogniser is closed'));
    if (!this.#worker) {
      const starting = createWorker('eng', 1, {
        langPath: this.#langPath,
        cacheMethod: 'none',
        gzip: this.#langGzip,
        logger: () => {},
        errorHandler: () => {},
      }).then(async (w) => {
        await w.setParameters({ tessedit_pageseg_mode: this.#psm as never, user_defined_dpi: '96' });
        this.#activePsm = this.#psm;
        return w;
      });
      this.#worker = withTimeout(
        starting,
        this.#startTimeoutMs,
        () => new FramesError('FRAMES_OCR_UNAVAILABLE', 'the recogniser did not start in time'),
      ).catch((e: unknown) => {
        this.#worker = undefined;
        // A worker that starts after all is terminated, never left running.
        void starting.then((w) => w.terminate()).catch(() => {});
        throw e instanceof FramesError
          ? e
          : new FramesError('FRAMES_OCR_UNAVAILABLE', 'the recogniser could not start', { cause: e });
      });
    }
    return this.#worker;
  }

  async recognize(image: GreyImage, hint: OcrHint = {}): Promise<OcrLine[]> {
    if (image.width === 0 || image.height === 0) return [];
    const { pgm, scale } = await scaledPgm(image, this.#scale, this.#maxScaledPixels);
    const psm = hint.layout === 'band' ? this.#bandPsm : this.#psm;
    let worker: Worker;
    try {
      worker = await this.#getWorker();
    } catch (e) {
      pgm.fill(0);
      throw e;
    }
    let result: Awaited<ReturnType<Worker['recognize']>>;
    try {
      if (this.#activePsm !== psm) {
        await worker.setParameters({ tessedit_pageseg_mode: psm as never });
        this.#activePsm = psm;
      }
      result = await withTimeout(
        worker.recognize(pgm, {}, { blocks: true, text: false }),
        this.#recognizeTimeoutMs,
        () => new FramesError('FRAMES_OCR_TIMEOUT', 'recognition did not finish in time'),
      );
    } catch (e) {
      // Whatever state the worker is in, it is not trusted again.
      this.#worker = undefined;
      this.#activePsm = undefined;
      void worker.terminate().catch(() => {});
      throw e instanceof FramesError
        ? e
        : new FramesError('FRAMES_OCR_FAILED', 'recognition failed', { cause: e });
    } finally {
      pgm.fill(0);
    }
    const back = (b: { x0: number; y0: number; x1: number; y1: number }): Rect => {
      const x = Math.floor(b.x0 / scale);
      const y = Math.floor(b.y0 / scale);
      return { x, y, width: Math.ceil(b.x1 / scale) - x, height: Math.ceil(b.y1 / scale) - y };
    };
    const lines: OcrLine[] = [];
    for (const block of result.data.blocks ?? []) {
      for (const para of block.paragraphs) {
        for (const line of para.lines) {
          const words = line.words
            .filter((wd) => wd.text.trim().length > 0)
            .map((wd) => ({ text: wd.text, confidence: wd.confidence, bbox: back(wd.bbox) }));
          if (words.length === 0) continue;
          lines.push({ text: line.text.trim(), confidence: line.confidence, bbox: back(line.bbox), words });
        }
      }
    }
    return lines;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const w = this.#worker;
    this.#worker = undefined;
    if (w) await w.then((x) => x.terminate()).catch(() => {});
  }
}
