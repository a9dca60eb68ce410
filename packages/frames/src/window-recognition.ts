/**
 * Text recognition per window, incremental (issue 19). Each in-scope window's visible pixels are
 * read as grey; when the same window was recognised in an earlier frame with the same geometry
 * and the same scope, only the bands of rows that changed are recognised again (`planBands`) and
 * the lines outside them are kept. Anything else — a first frame, a moved or resized window, a
 * new lease or policy, a fail-closed rule of the band planner — recognises the whole window, as
 * before. What is kept per window (its last grey pixels, lines and the decisions on them) lives
 * in memory only, is wiped when the window leaves the frame, when the scope changes, on
 * `forget()` (the pipeline calls it on any pause, refusal or dropped frame, and on close), and
 * every pixel buffer is zero-filled when it is let go. Decisions are never reused as pixels: the
 * pipeline judges every line, kept or new, again on each frame and paints the boxes into the new
 * frame.
 */
import { type BandOptions, type ColdReason, type PreviousRecognition, planBands } from './changed-bands.ts';
import { bounds, type Rect, translate } from './geometry.ts';
import type { OcrEngine, OcrLine } from './ocr-engine.ts';
import { type GreyImage, type RawImage, toGrey, wipe } from './raw-image.ts';
import type { LineVerdict } from './text-redaction.ts';
import type { PlannedWindow, StackWindow } from './window-stack.ts';

export type IncrementalOptions = BandOptions;

export type WindowColdReason = 'first' | 'geometry' | 'scope' | ColdReason;

/** What recognition did for one frame: for the bench and the status page, never pixels or text. */
export interface RecognitionStats {
  /** In-scope windows read. */
  readonly windows: number;
  /** Windows recognised whole. */
  readonly cold: number;
  /** Windows whose pixels had not changed: nothing recognised, every line kept. */
  readonly unchanged: number;
  /** Bands of changed rows recognised in the remaining windows. */
  readonly bands: number;
  /** Grey pixels handed to the recogniser (before its own scaling). */
  readonly recognisedPixels: number;
  /** Grey pixels of all windows read; `recognisedPixels / windowPixels` is the share read again. */
  readonly windowPixels: number;
  /** Why windows were recognised whole. */
  readonly coldReasons: Partial<Record<WindowColdReason, number>>;
  /** Milliseconds spent on grey conversion and comparison (inside the recognition stage). */
  readonly diffMs: number;
}

/** The decisions the pipeline took on a frame's lines (`redactRecognisedText`'s output). */
export interface LineDecisions {
  /** One per line of `FrameText.lines`, in order. */
  readonly verdicts: readonly LineVerdict[];
}

export interface FrameText {
  /** Every window's lines, in screen coordinates. */
  readonly lines: readonly OcrLine[];
  /** Whose lines they are: each window and how many of `lines` are its, in the order of `lines`. */
  readonly windows: readonly { readonly window: StackWindow; readonly lines: number }[];
  readonly stats: RecognitionStats;
  /** Keeps this frame's pixels, lines and decisions for the next frame (after it was encoded). */
  commit(decisions: LineDecisions): void;
  /** Lets this frame's pixels go and forgets every window (the frame was dropped). */
  discard(): void;
}

interface Entry extends PreviousRecognition {
  readonly scope: object;
  readonly geometry: string;
}

interface Staged {
  readonly key: string;
  readonly window: StackWindow;
  readonly area: Rect;
  readonly geometry: string;
  readonly grey: GreyImage;
  readonly lines: OcrLine[];
}

function keyOf(p: PlannedWindow): string {
  return `${p.window.id}/${p.window.client}`;
}

function geometryOf(area: Rect, visible: readonly Rect[]): string {
  return [area, ...visible].map((r) => `${r.x},${r.y},${r.width},${r.height}`).join(';');
}

/** Blacks out pixels of `grey` (at `area` on screen) outside `visible`: another window's pixels. */
function maskOutside(grey: GreyImage, area: Rect, visible: readonly Rect[]): void {
  if (visible.length === 1) return; // the one visible rect is the area itself
  const inside = new Uint8Array(grey.width * grey.height);
  for (const r of visible) {
    for (let y = r.y - area.y; y < r.y - area.y + r.height; y++)
      inside.fill(1, y * grey.width + r.x - area.x, y * grey.width + r.x - area.x + r.width);
  }
  for (let i = 0; i < inside.length; i++) if (!inside[i]) grey.data[i] = 0;
}

const shift = (l: OcrLine, dx: number, dy: number): OcrLine => ({
  ...l,
  bbox: translate(l.bbox, dx, dy),
  words: l.words.map((w) => ({ ...w, bbox: translate(w.bbox, dx, dy) })),
});

export class WindowRecognizer {
  readonly #ocr: OcrEngine;
  readonly #incremental: IncrementalOptions | false;
  readonly #entries = new Map<string, Entry>();
  #generation = 0;

  /** `incremental: false` recognises every window whole on every frame and keeps nothing. */
  constructor(ocr: OcrEngine, incremental: IncrementalOptions | false = {}) {
    this.#ocr = ocr;
    this.#incremental = incremental;
  }

  /** Windows remembered now (for tests). */
  get remembered(): number {
    return this.#entries.size;
  }

  /** Wipes and forgets every window's pixels, lines and decisions. */
  forget(): void {
    this.#generation++;
    for (const e of this.#entries.values()) wipe(e.grey);
    this.#entries.clear();
  }

  /**
   * Recognises the windows of a frame (`image` already reduced to kept pixels). Throws what the
   * recogniser throws, after wiping this frame's buffers and forgetting every window.
   */
  async recognize(image: RawImage, windows: readonly PlannedWindow[], scope: object): Promise<FrameText> {
    const keys = new Set(windows.map(keyOf));
    const rescoped = new Set<string>();
    for (const [k, e] of this.#entries) {
      // A window that closed or left the frame, or a new lease or policy: forget it.
      if (!keys.has(k) || e.scope !== scope) {
        if (keys.has(k)) rescoped.add(k);
        wipe(e.grey);
        this.#entries.delete(k);
      }
    }
    const generation = this.#generation;
    const staged: Staged[] = [];
    const coldReasons: Partial<Record<WindowColdReason, number>> = {};
    let cold = 0;
    let unchanged = 0;
    let bandCount = 0;
    let recognisedPixels = 0;
    let windowPixels = 0;
    let diffMs = 0;
    try {
      for (const pw of windows) {
        const area = bounds(pw.visible);
        if (!area) continue;
        const d0 = performance.now();
        const grey = toGrey(image, area);
        const local = pw.visible.map((r) => translate(r, -area.x, -area.y));
        maskOutside(grey, area, pw.visible);
        const geometry = geometryOf(area, pw.visible);
        const key = keyOf(pw);
        windowPixels += grey.width * grey.height;
        const prev = this.#incremental ? this.#entries.get(key) : undefined;
        let reason: WindowColdReason | undefined;
        let plan: ReturnType<typeof planBands> | undefined;
        if (!prev) reason = rescoped.has(key) ? 'scope' : 'first';
        else if (prev.geometry !== geometry) reason = 'geometry';
        else {
          plan = planBands(prev, grey, local, this.#incremental || {});
          if (plan.kind === 'cold') reason = plan.reason;
        }
        diffMs += performance.now() - d0;
        // Staged before recognition, so a failure wipes this window's pixels too.
        const entry: Staged = { key, window: pw.window, area, geometry, grey, lines: [] };
        staged.push(entry);
        if (reason !== undefined || !plan || plan.kind === 'cold') {
          cold++;
          coldReasons[reason ?? 'first'] = (coldReasons[reason ?? 'first'] ?? 0) + 1;
          recognisedPixels += grey.width * grey.height;
          entry.lines.push(...(await this.#ocr.recognize(grey, { layout: 'page' })));
        } else if (plan.kind === 'unchanged') {
          unchanged++;
          entry.lines.push(...(prev as Entry).lines);
        } else {
          for (const i of plan.reused) entry.lines.push((prev as Entry).lines[i] as OcrLine);
          for (const b of plan.bands) {
            bandCount++;
            const rows = b.bottom - b.top;
            recognisedPixels += grey.width * rows;
            const band = {
              width: grey.width,
              height: rows,
              data: grey.data.slice(b.top * grey.width, b.bottom * grey.width),
            };
            try {
              for (const l of await this.#ocr.recognize(band, { layout: 'band' }))
                entry.lines.push(shift(l, 0, b.top));
            } finally {
              wipe(band);
            }
          }
          entry.lines.sort((a, b) => a.bbox.y - b.bbox.y || a.bbox.x - b.bbox.x);
        }
      }
    } catch (e) {
      for (const s of staged) wipe(s.grey);
      this.forget();
      throw e;
    }

    const lines: OcrLine[] = [];
    const offsets: number[] = [];
    for (const s of staged) {
      offsets.push(lines.length);
      for (const l of s.lines) lines.push(shift(l, s.area.x, s.area.y));
    }
    let settled = false;
    const discard = () => {
      if (settled) return;
      settled = true;
      for (const s of staged) wipe(s.grey);
      this.forget();
    };
    return {
      lines,
      windows: staged.map((s) => ({ window: s.window, lines: s.lines.length })),
      stats: {
        windows: staged.length,
        cold,
        unchanged,
        bands: bandCount,
        recognisedPixels,
        windowPixels,
        coldReasons,
        diffMs,
      },
      discard,
      commit: (decisions) => {
        if (settled) return;
        // Nothing is kept without incremental recognition, or when a forget() came in between.
        if (!this.#incremental || generation !== this.#generation) return discard();
        settled = true;
        for (const [n, s] of staged.entries()) {
          const from = offsets[n] as number;
          const old = this.#entries.get(s.key);
          if (old && old.grey !== s.grey) wipe(old.grey);
          this.#entries.set(s.key, {
            scope,
            geometry: s.geometry,
            grey: s.grey,
            lines: s.lines,
            verdicts: s.lines.map((_, i) => decisions.verdicts[from + i] ?? 'unsure'),
          });
        }
      },
    };
  }
}
