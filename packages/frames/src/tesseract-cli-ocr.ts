/**
 * Recognition with the native `tesseract` program (Debian's tesseract-ocr), one process per image:
 * the image goes in on stdin as a PGM and word boxes come back on stdout as TSV, so nothing touches
 * a file. One thread (`OMP_THREAD_LIMIT=1`), the system's English model. Measured beside
 * tesseract.js in bench/frames (issue 19); each call pays the process start and model load.
 */
import { spawn } from 'node:child_process';
import { FramesError } from './frames-error.ts';
import type { Rect } from './geometry.ts';
import {
  type OcrEngine,
  type OcrHint,
  type OcrLine,
  type OcrWord,
  scaledPgm,
  withTimeout,
} from './ocr-engine.ts';
import type { GreyImage } from './raw-image.ts';

export interface TesseractCliOcrOptions {
  /** The program (default `tesseract` on the PATH). */
  readonly command?: string | undefined;
  /** Scale factor before recognition (default 2), as `TesseractOcr`. */
  readonly scale?: number | undefined;
  readonly maxScaledPixels?: number | undefined;
  /** Page segmentation mode for whole windows (default '11') and for bands (default '6'). */
  readonly pageSegMode?: string | undefined;
  readonly bandPageSegMode?: string | undefined;
  /** How long one recognition may take (default 8 s). */
  readonly recognizeTimeoutMs?: number | undefined;
}

export class TesseractCliOcr implements OcrEngine {
  readonly #o: TesseractCliOcrOptions;
  constructor(options: TesseractCliOcrOptions = {}) {
    this.#o = options;
  }

  async recognize(image: GreyImage, hint: OcrHint = {}): Promise<OcrLine[]> {
    if (image.width === 0 || image.height === 0) return [];
    const { pgm, scale } = await scaledPgm(image, this.#o.scale ?? 2, this.#o.maxScaledPixels ?? 4_200_000);
    const psm = hint.layout === 'band' ? (this.#o.bandPageSegMode ?? '6') : (this.#o.pageSegMode ?? '11');
    let tsv: string;
    try {
      tsv = await withTimeout(
        run(
          this.#o.command ?? 'tesseract',
          ['stdin', 'stdout', '--psm', psm, '--dpi', '96', '-l', 'eng', 'tsv'],
          pgm,
        ),
        this.#o.recognizeTimeoutMs ?? 8_000,
        () => new FramesError('FRAMES_OCR_TIMEOUT', 'recognition did not finish in time'),
      );
    } catch (e) {
      throw e instanceof FramesError
        ? e
        : new FramesError('FRAMES_OCR_FAILED', 'recognition failed', { cause: e });
    } finally {
      pgm.fill(0);
    }
    return parseTsv(tsv, scale);
  }

  async close(): Promise<void> {}
}

function run(command: string, args: string[], input: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`exit ${code}`)),
    );
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** Tesseract's TSV (level, page, block, paragraph, line, word, left, top, width, height, conf, text) to lines. */
export function parseTsv(tsv: string, scale: number): OcrLine[] {
  const back = (l: number, t: number, w: number, h: number): Rect => {
    const x = Math.floor(l / scale);
    const y = Math.floor(t / scale);
    return { x, y, width: Math.ceil((l + w) / scale) - x, height: Math.ceil((t + h) / scale) - y };
  };
  const lines = new Map<string, { bbox: Rect; words: OcrWord[] }>();
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] === 'level') continue;
    const [level, , block, par, line, , left, top, width, height, conf] = f
      .slice(0, 11)
      .map(Number) as number[];
    const key = `${block}/${par}/${line}`;
    const box = back(left as number, top as number, width as number, height as number);
    if (level === 4) lines.set(key, { bbox: box, words: [] });
    if (level === 5) {
      const text = f.slice(11).join('\t').trim();
      if (text.length === 0) continue;
      lines.get(key)?.words.push({ text, confidence: conf as number, bbox: box });
    }
  }
  const out: OcrLine[] = [];
  for (const l of lines.values()) {
    if (l.words.length === 0) continue;
    out.push({
      text: l.words.map((w) => w.text).join(' '),
      confidence: Math.min(...l.words.map((w) => w.confidence)),
      bbox: l.bbox,
      words: l.words,
    });
  }
  return out;
}
