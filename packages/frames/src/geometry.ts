/**
 * Rectangles and regions in screen pixels. A region is a list of disjoint rectangles; the window
 * stack is turned into the visible region of every window by subtracting what lies above it.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type Region = readonly Rect[];

export function isEmpty(r: Rect): boolean {
  return r.width <= 0 || r.height <= 0;
}

export function area(region: Region): number {
  let sum = 0;
  for (const r of region) sum += Math.max(0, r.width) * Math.max(0, r.height);
  return sum;
}

/** The overlap of two rectangles, or undefined when they do not overlap. */
export function intersect(a: Rect, b: Rect): Rect | undefined {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  if (right <= x || bottom <= y) return undefined;
  return { x, y, width: right - x, height: bottom - y };
}

export function overlaps(a: Rect, b: Rect): boolean {
  return intersect(a, b) !== undefined;
}

/** `a` minus `b`: up to four disjoint rectangles (bands above, below, left, right of the overlap). */
export function subtract(a: Rect, b: Rect): Rect[] {
  const o = intersect(a, b);
  if (!o) return isEmpty(a) ? [] : [a];
  const out: Rect[] = [];
  const aBottom = a.y + a.height;
  const oBottom = o.y + o.height;
  if (o.y > a.y) out.push({ x: a.x, y: a.y, width: a.width, height: o.y - a.y });
  if (aBottom > oBottom) out.push({ x: a.x, y: oBottom, width: a.width, height: aBottom - oBottom });
  if (o.x > a.x) out.push({ x: a.x, y: o.y, width: o.x - a.x, height: o.height });
  const aRight = a.x + a.width;
  const oRight = o.x + o.width;
  if (aRight > oRight) out.push({ x: oRight, y: o.y, width: aRight - oRight, height: o.height });
  return out;
}

/** A region minus a rectangle. */
export function subtractRect(region: Region, b: Rect): Rect[] {
  const out: Rect[] = [];
  for (const r of region) out.push(...subtract(r, b));
  return out;
}

/** A region clipped to a rectangle. */
export function clipRegion(region: Region, clip: Rect): Rect[] {
  const out: Rect[] = [];
  for (const r of region) {
    const o = intersect(r, clip);
    if (o) out.push(o);
  }
  return out;
}

/** The smallest rectangle holding the whole region, or undefined for an empty region. */
export function bounds(region: Region): Rect | undefined {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const r of region) {
    if (isEmpty(r)) continue;
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width);
    y1 = Math.max(y1, r.y + r.height);
  }
  return x1 > x0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : undefined;
}

/** A rectangle grown by `by` pixels on every side. */
export function inflate(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by };
}

/** A rectangle moved by (dx, dy). */
export function translate(r: Rect, dx: number, dy: number): Rect {
  return { x: r.x + dx, y: r.y + dy, width: r.width, height: r.height };
}

/** The smallest rectangle holding both. */
export function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}
