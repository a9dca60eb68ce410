/**
 * Test support: reads a finished frame again, as an attacker would, to check no secret survived.
 * Debian's `tesseract` CLI when installed (an independent recogniser; image on stdin, text on
 * stdout, no files), else a fresh tesseract.js worker at a larger scale than the pipeline's.
 */
import { spawn, spawnSync } from 'node:child_process';
import sharp from 'sharp';
import { TesseractOcr } from '../ocr-engine.ts';
import { foldString } from '../ocr-text-variants.ts';

export function tesseractCliAvailable(): boolean {
  // STENO_FRAMES_READER=js forces the fallback (to test it where the CLI is installed).
  if (process.env.STENO_FRAMES_READER === 'js') return false;
  return spawnSync('sh', ['-c', 'command -v tesseract']).status === 0;
}

function cli(png: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('tesseract', ['stdin', 'stdout', '--psm', '11'], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', () => resolve(out));
    child.stdin.end(png);
  });
}

/** The text an independent reader finds in an encoded frame. */
export async function readAgain(webp: Uint8Array): Promise<{ reader: string; text: string }> {
  if (tesseractCliAvailable()) {
    const png = await sharp(webp)
      .resize({ width: 2 * ((await sharp(webp).metadata()).width ?? 0) })
      .png()
      .toBuffer();
    return { reader: 'tesseract-cli', text: await cli(png) };
  }
  const { data, info } = await sharp(webp).greyscale().raw().toBuffer({ resolveWithObject: true });
  const ocr = new TesseractOcr({ scale: 3, maxScaledPixels: 6_000_000, recognizeTimeoutMs: 30_000 });
  try {
    const lines = await ocr.recognize({ width: info.width, height: info.height, data });
    return { reader: 'tesseract.js', text: lines.map((l) => l.text).join('\n') };
  } finally {
    await ocr.close();
  }
}

/** The runs of 6 characters (spelling-folded) of `secret` that occur in `text`. */
export function leakedRuns(text: string, secret: string, run = 6): string[] {
  const t = foldString(text);
  const s = foldString(secret);
  const out: string[] = [];
  for (let i = 0; i + run <= s.length; i++)
    if (t.includes(s.slice(i, i + run))) out.push(s.slice(i, i + run));
  return out;
}
