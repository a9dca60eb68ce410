/**
 * Which recognised text must be blacked out. Each line is read by the privacy filter (`detect`)
 * in several spellings (see `lineReadings`), so secrets and identifiers split across words or
 * misread by OCR are still found; every word a detection touches is blacked out. Strings the
 * caller knows were secret (typed text the filter redacted) are matched fuzzily. When the
 * recogniser is unsure of a word that could hide a secret or identifier, its whole line goes.
 * Pure: no I/O, no pixels.
 */
import { type DetectOptions, detect } from '@steno/privacy';
import { bounds, inflate, type Rect } from './geometry.ts';
import type { OcrLine } from './ocr-engine.ts';
import { foldForMatch, foldString, type LineReading, lineReadings } from './ocr-text-variants.ts';

export interface TextRedactionOptions {
  /** The organisation's rules (patterns, words), as the privacy filter takes them. */
  readonly detect?: DetectOptions | undefined;
  /**
   * Strings known to be secret right now (typed text the privacy filter redacted, held in memory
   * only): any recognised text matching a run of `knownSecretRun` of their characters is blacked out.
   */
  readonly knownSecrets?: readonly string[] | undefined;
  /** Run length for known-secret matching (default 6, or the whole secret when shorter; at least 4). */
  readonly knownSecretRun?: number | undefined;
  /** A word that could hide a secret or identifier, recognised below this confidence, blacks out its line (default 80). */
  readonly minRiskyConfidence?: number | undefined;
  /** Any word of 6+ characters below this confidence blacks out its line (default 45). */
  readonly minConfidence?: number | undefined;
}

export type LineVerdict = 'clean' | 'flagged' | 'unsure';

export interface TextRedaction {
  /** Rectangles to black out, in the recognised image's coordinates. */
  readonly boxes: Rect[];
  readonly lines: number;
  /** Lines with at least one word the filter (or a known secret) flagged. */
  readonly flaggedLines: number;
  /** Lines blacked out whole because recognition was unsure. */
  readonly unsureLines: number;
  /** The verdict on each input line, in order (what incremental recognition keeps per line). */
  readonly verdicts: LineVerdict[];
}

/**
 * Could this word, read correctly, be a secret or identifier? `@`, four or more digits, long
 * letter-digit mixes, long unbroken tokens, known key prefixes.
 */
export function riskyShape(word: string): boolean {
  const s = word.replace(/[^\p{L}\p{N}@©®._\-+/=:]/gu, '');
  if (s.length < 4) return false;
  if (/[@©®]/.test(s)) return true;
  const digits = s.replace(/\D/g, '').length;
  if (digits >= 4) return true;
  if (s.length >= 12 && /\p{L}/u.test(s) && digits > 0) return true;
  if (s.length >= 20) return true;
  return /^(?:sk|pk|rk|ghp|gho|ghs|ghu|glpat|xox[abpr]|akia|asia|aiza|eyj)/i.test(s);
}

function pad(r: Rect, lineHeight: number): Rect {
  return inflate(r, Math.max(2, Math.round(lineHeight * 0.15)));
}

function wordsOf(reading: LineReading, start: number, end: number): Set<number> {
  const out = new Set<number>();
  for (let i = start; i < end; i++) {
    const w = reading.owner[i];
    if (w !== undefined && w >= 0) out.add(w);
  }
  return out;
}

/** Decides, line by line, what must be blacked out of recognised text. */
export function redactRecognisedText(
  lines: readonly OcrLine[],
  options: TextRedactionOptions = {},
): TextRedaction {
  const minRisky = options.minRiskyConfidence ?? 80;
  const minAny = options.minConfidence ?? 45;
  const run = Math.max(4, options.knownSecretRun ?? 6);
  const secrets = (options.knownSecrets ?? []).map(foldString).filter((s) => s.length >= 4);
  const boxes: Rect[] = [];
  const verdicts: LineVerdict[] = [];
  let flaggedLines = 0;
  let unsureLines = 0;

  for (const [index, line] of lines.entries()) {
    verdicts.push('clean');
    const lineHeight = line.bbox.height;
    const texts = line.words.map((w) => w.text);
    if (texts.length === 0) continue;
    const unsure = line.words.some(
      (w) =>
        (w.confidence < minRisky && riskyShape(w.text)) ||
        (w.confidence < minAny && w.text.trim().length >= 6),
    );
    if (unsure) {
      unsureLines++;
      verdicts[index] = 'unsure';
      const whole = bounds([line.bbox, ...line.words.map((w) => w.bbox)]) ?? line.bbox;
      boxes.push(pad(whole, lineHeight));
      continue;
    }

    const hit = new Set<number>();
    const readings = lineReadings(texts);
    for (const reading of readings.base) {
      for (const d of detect(reading.text, options.detect))
        for (const w of wordsOf(reading, d.start, d.end)) hit.add(w);
    }
    // Glued readings find tokens OCR split; a detection there that reaches into a word already
    // flagged is that same finding grown over its neighbours (`mailjane.doe@…`), not a new one.
    const glued = new Set<number>();
    for (const reading of readings.joined) {
      for (const d of detect(reading.text, options.detect)) {
        const ws = wordsOf(reading, d.start, d.end);
        if (ws.size < 2 || [...ws].some((w) => hit.has(w))) continue;
        for (const w of ws) glued.add(w);
      }
    }
    for (const w of glued) hit.add(w);
    if (secrets.length > 0) {
      const folded = foldForMatch(readings.base[0] as LineReading);
      for (const secret of secrets) {
        const k = Math.min(run, secret.length);
        for (let i = 0; i + k <= secret.length; i++) {
          const gram = secret.slice(i, i + k);
          let at = folded.text.indexOf(gram);
          while (at >= 0) {
            for (const w of wordsOf(folded, at, at + k)) hit.add(w);
            at = folded.text.indexOf(gram, at + 1);
          }
        }
      }
    }
    if (hit.size === 0) continue;
    flaggedLines++;
    verdicts[index] = 'flagged';
    for (const w of hit) {
      const word = line.words[w];
      if (!word) continue;
      // The word's columns over the line's full height: glyph boxes are tight (no ascender room).
      const top = Math.min(word.bbox.y, line.bbox.y);
      const bottom = Math.max(word.bbox.y + word.bbox.height, line.bbox.y + line.bbox.height);
      boxes.push(pad({ x: word.bbox.x, y: top, width: word.bbox.width, height: bottom - top }, lineHeight));
    }
  }
  return { boxes, lines: lines.length, flaggedLines, unsureLines, verdicts };
}
