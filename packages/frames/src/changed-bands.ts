/**
 * Which rows of a window must be recognised again (issue 19). The window's grey pixels are
 * compared with those of its last recognised frame row by row; every run of changed rows grows
 * up and down to the nearest unchanged blank row (no glyph crosses it), then over every
 * previously recognised line it touches, so a band holds whole text lines and every line outside
 * it is separated from it by an unchanged blank row and read from pixels that did not change.
 * Fail closed: too many changed rows, or a band touching a line that was blacked out (flagged or
 * unsure: never judged again from a band alone), means the whole window is recognised again.
 * Pure: no I/O, nothing kept.
 */
import { type Rect, union } from './geometry.ts';
import type { OcrLine } from './ocr-engine.ts';
import type { GreyImage } from './raw-image.ts';
import type { LineVerdict } from './text-redaction.ts';

/** What the last recognition of a window found, in window-local coordinates. */
export interface PreviousRecognition {
  readonly grey: GreyImage;
  readonly lines: readonly OcrLine[];
  /** The verdict on each line at the last frame. */
  readonly verdicts: readonly LineVerdict[];
}

export interface BandOptions {
  /** Blank rows kept above and below each band, as margin for the recogniser (default 3). */
  readonly padRows?: number | undefined;
  /**
   * A row is blank when every run of equal pixels in it is at least this long (default 32), so a
   * flat row across panels of different colours still cuts, but a row through glyphs never does.
   * Runs of up to 3 px at the edges of the window (borders) are allowed.
   */
  readonly minFlatRun?: number | undefined;
  /** Bands closer than this many rows are recognised as one (default 12). */
  readonly mergeGap?: number | undefined;
  /** Above this share of the window's rows in bands, the whole window is recognised (default 0.5). */
  readonly maxChangedShare?: number | undefined;
}

/** Rows [top, bottom) of the window, full width. */
export interface Band {
  readonly top: number;
  readonly bottom: number;
}

export type ColdReason = 'too-many-changes' | 'touches-redaction';

export type BandPlan =
  | { readonly kind: 'unchanged' }
  /** `reused`: indexes of previous lines that stay (outside every band). */
  | { readonly kind: 'bands'; readonly bands: readonly Band[]; readonly reused: readonly number[] }
  | { readonly kind: 'cold'; readonly reason: ColdReason };

const EDGE_RUN = 3;

/**
 * Plans the bands to recognise again. `visible` are the window's visible rectangles in local
 * coordinates (pixels outside them are masked black in both images).
 */
export function planBands(
  prev: PreviousRecognition,
  next: GreyImage,
  visible: readonly Rect[],
  options: BandOptions = {},
): BandPlan {
  const { width: w, height: h } = next;
  if (prev.grey.width !== w || prev.grey.height !== h) throw new Error('planBands: sizes differ');
  const padRows = options.padRows ?? 3;
  const minRun = options.minFlatRun ?? 32;
  const mergeGap = options.mergeGap ?? 12;
  const maxShare = options.maxChangedShare ?? 0.5;

  const changed = new Uint8Array(h);
  let any = false;
  for (let y = 0; y < h; y++) {
    const o = y * w;
    if (Buffer.compare(prev.grey.data.subarray(o, o + w), next.data.subarray(o, o + w)) !== 0) {
      changed[y] = 1;
      any = true;
    }
  }
  if (!any) return { kind: 'unchanged' };
  let changedRows = 0;
  for (let y = 0; y < h; y++) changedRows += changed[y] as number;
  if (changedRows > maxShare * h) return { kind: 'cold', reason: 'too-many-changes' };

  // 0 unknown, 1 cut, 2 not a cut; computed lazily.
  const cutCache = new Uint8Array(h);
  const cut = (y: number): boolean => {
    if (cutCache[y] === 0) cutCache[y] = !changed[y] && blankRow(next, y, visible, minRun) ? 1 : 2;
    return cutCache[y] === 1;
  };
  // Up and down to the nearest cut row (not included: margins are added at the end).
  const grow = (b: Band): Band => {
    let top = b.top;
    while (top > 0 && !cut(top - 1)) top--;
    let bottom = b.bottom;
    while (bottom < h && !cut(bottom)) bottom++;
    return { top, bottom };
  };

  let bands: Band[] = [];
  for (let y = 0; y < h; y++) {
    if (!changed[y]) continue;
    let end = y;
    while (end + 1 < h && changed[end + 1]) end++;
    bands.push(grow({ top: y, bottom: end + 1 }));
    y = end;
  }
  bands = merge(bands, mergeGap);

  // A previous line a band touches is read again whole: grow the band over it, until no band
  // touches a line that stays.
  const extent = prev.lines.map((l) => lineRows(l, h));
  const dropped = new Uint8Array(prev.lines.length);
  for (let again = true; again; ) {
    again = false;
    for (const [i, rows] of extent.entries()) {
      if (dropped[i]) continue;
      const at = bands.findIndex((b) => b.top < rows.bottom && rows.top < b.bottom);
      if (at < 0) continue;
      // A change touching a line that was blacked out: read the whole window, as on a first frame.
      if (prev.verdicts[i] !== 'clean') return { kind: 'cold', reason: 'touches-redaction' };
      dropped[i] = 1;
      const b = bands[at] as Band;
      bands[at] = grow({ top: Math.min(b.top, rows.top), bottom: Math.max(b.bottom, rows.bottom) });
      again = true;
    }
    bands = merge(bands, mergeGap);
  }

  // Margins of blank rows for the recogniser, never into a line that stays.
  const kept = new Uint8Array(h);
  for (const [i, rows] of extent.entries()) if (!dropped[i]) kept.fill(1, rows.top, rows.bottom);
  const margin = (y: number) => cut(y) && !kept[y];
  bands = merge(
    bands.map(({ top, bottom }) => {
      for (let k = 0; k < padRows && top > 0 && margin(top - 1); k++) top--;
      for (let k = 0; k < padRows && bottom < h && margin(bottom); k++) bottom++;
      return { top, bottom };
    }),
    0,
  );

  let rows = 0;
  for (const b of bands) rows += b.bottom - b.top;
  if (rows > maxShare * h) return { kind: 'cold', reason: 'too-many-changes' };

  const reused: number[] = [];
  for (let i = 0; i < prev.lines.length; i++) if (!dropped[i]) reused.push(i);
  return { kind: 'bands', bands, reused };
}

/** Rows a recognised line covers: its box and its words' boxes. */
function lineRows(line: OcrLine, height: number): Band {
  const r = line.words.reduce<Rect>((acc, wd) => union(acc, wd.bbox), line.bbox);
  return { top: Math.max(0, r.y), bottom: Math.min(height, r.y + r.height) };
}

function merge(bands: Band[], gap: number): Band[] {
  const sorted = bands.slice().sort((a, b) => a.top - b.top);
  const out: Band[] = [];
  for (const b of sorted) {
    const last = out.at(-1);
    if (last && b.top - last.bottom <= gap)
      out[out.length - 1] = { top: last.top, bottom: Math.max(last.bottom, b.bottom) };
    else out.push(b);
  }
  return out;
}

/**
 * Whether row `y` holds no glyph: inside each visible span, every run of equal pixels is at least
 * `minRun` long (the whole span when it is shorter), short runs allowed only at the span's ends.
 */
export function blankRow(img: GreyImage, y: number, visible: readonly Rect[], minRun: number): boolean {
  const row = y * img.width;
  for (const r of visible) {
    if (y < r.y || y >= r.y + r.height) continue;
    const x0 = Math.max(0, r.x);
    const x1 = Math.min(img.width, r.x + r.width);
    if (x1 <= x0) continue;
    const need = Math.min(minRun, x1 - x0);
    let start = x0;
    for (let x = x0 + 1; x <= x1; x++) {
      if (x < x1 && img.data[row + x] === img.data[row + x - 1]) continue;
      const len = x - start;
      const atEdge = start === x0 || x === x1;
      if (len < need && !(atEdge && len <= EDGE_RUN && x1 - x0 > 2 * EDGE_RUN + need)) return false;
      start = x;
    }
  }
  return true;
}
