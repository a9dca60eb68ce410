import { describe, expect, it } from 'vitest';
import { blackOut, crop, fromBgrx, isBlack, keepOnly, toGrey } from './raw-image.ts';

describe('raw images', () => {
  it('converts X11 BGRX rows (with padding) to RGBA', () => {
    const src = new Uint8Array([
      3, 2, 1, 0, 6, 5, 4, 0, 9, 9, 9, 9, 30, 20, 10, 0, 60, 50, 40, 0, 9, 9, 9, 9,
    ]);
    const img = fromBgrx(src, 2, 2, 12);
    expect([...img.data]).toEqual([1, 2, 3, 255, 4, 5, 6, 255, 10, 20, 30, 255, 40, 50, 60, 255]);
  });

  it('keepOnly keeps the region and makes every other pixel opaque black', () => {
    const img = { width: 10, height: 10, data: new Uint8Array(400).fill(200) };
    const out = keepOnly(img, [{ x: 2, y: 3, width: 4, height: 2 }]);
    for (let y = 0; y < 10; y++)
      for (let x = 0; x < 10; x++) {
        const inside = x >= 2 && x < 6 && y >= 3 && y < 5;
        const i = (y * 10 + x) * 4;
        expect([...out.data.subarray(i, i + 4)]).toEqual(inside ? [200, 200, 200, 200] : [0, 0, 0, 255]);
      }
  });

  it('blackOut clips to the image; crop and grey follow the rectangle', () => {
    const img = { width: 8, height: 8, data: new Uint8Array(256).fill(255) };
    blackOut(img, { x: -5, y: 6, width: 100, height: 100 });
    expect(isBlack(img, { x: 0, y: 6, width: 8, height: 2 })).toBe(true);
    expect(isBlack(img, { x: 0, y: 5, width: 8, height: 1 })).toBe(false);
    const c = crop(img, { x: 4, y: 4, width: 10, height: 10 });
    expect([c.width, c.height]).toEqual([4, 4]);
    const g = toGrey(img, { x: 0, y: 5, width: 2, height: 2 });
    expect([...g.data]).toEqual([255, 255, 0, 0]);
  });
});
