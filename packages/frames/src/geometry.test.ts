import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { area, bounds, intersect, type Rect, subtract } from './geometry.ts';

const rect = fc
  .record({
    x: fc.integer({ min: -50, max: 50 }),
    y: fc.integer({ min: -50, max: 50 }),
    w: fc.integer({ min: 0, max: 60 }),
    h: fc.integer({ min: 0, max: 60 }),
  })
  .map(({ x, y, w, h }): Rect => ({ x, y, width: w, height: h }));

describe('geometry', () => {
  it('subtract leaves disjoint pieces that cover exactly a minus b', () => {
    fc.assert(
      fc.property(rect, rect, (a, b) => {
        const pieces = subtract(a, b);
        for (const p of pieces) expect(intersect(p, b)).toBeUndefined();
        for (let i = 0; i < pieces.length; i++)
          for (let j = i + 1; j < pieces.length; j++)
            expect(intersect(pieces[i] as Rect, pieces[j] as Rect)).toBeUndefined();
        const o = intersect(a, b);
        expect(area(pieces)).toBe(area([a]) - (o ? area([o]) : 0));
      }),
    );
  });

  it('bounds of a region', () => {
    expect(
      bounds([
        { x: 1, y: 2, width: 3, height: 4 },
        { x: 10, y: 0, width: 1, height: 1 },
      ]),
    ).toEqual({ x: 1, y: 0, width: 10, height: 6 });
    expect(bounds([])).toBeUndefined();
  });
});
