import { describe, expect, it } from 'vitest';
import { defineLayout, resolveKey, US_LAYOUT } from './keyboard-layout.ts';
import { Normaliser, simplifyPath } from './normaliser.ts';
import { MOD_CTRL, MOD_SHIFT } from './raw-input.ts';

describe('keyboard layout', () => {
  it('maps US keycodes with Shift and Caps Lock', () => {
    expect(resolveKey(US_LAYOUT, 30, { shift: false, capsLock: false })).toEqual({ key: 'a', char: 'a' });
    expect(resolveKey(US_LAYOUT, 30, { shift: true, capsLock: false })).toEqual({ key: 'a', char: 'A' });
    expect(resolveKey(US_LAYOUT, 30, { shift: false, capsLock: true })).toEqual({ key: 'a', char: 'A' });
    expect(resolveKey(US_LAYOUT, 30, { shift: true, capsLock: true })).toEqual({ key: 'a', char: 'a' });
    expect(resolveKey(US_LAYOUT, 2, { shift: true, capsLock: true })).toEqual({ key: '1', char: '!' });
    expect(resolveKey(US_LAYOUT, 57, { shift: false, capsLock: false })).toEqual({ key: 'Space', char: ' ' });
    expect(resolveKey(US_LAYOUT, 28, { shift: false, capsLock: false })).toEqual({ key: 'Enter' });
    expect(resolveKey(US_LAYOUT, 57419, { shift: false, capsLock: false })).toEqual({ key: 'ArrowLeft' });
  });

  it('is replaceable: a German table puts z where US has y', () => {
    const de = defineLayout('de', [
      [21, 'z', 'Z'],
      [44, 'y', 'Y'],
    ]);
    const n = new Normaliser({ layout: de });
    const [e] = n.push(['k', 1, 1, 21, 0]);
    expect(e).toMatchObject({ key: 'z', char: 'z' });
  });
});

describe('Normaliser', () => {
  it('keys: characters on key-down only, none with Ctrl; Caps Lock toggles', () => {
    const n = new Normaliser();
    expect(n.push(['k', 1, 1, 30, MOD_SHIFT])).toEqual([
      { type: 'key', t: 1, dir: 'down', key: 'a', char: 'A', mods: ['shift'] },
    ]);
    expect(n.push(['k', 2, 0, 30, 0])).toEqual([{ type: 'key', t: 2, dir: 'up', key: 'a', mods: [] }]);
    expect(n.push(['k', 3, 1, 46, MOD_CTRL])).toEqual([
      { type: 'key', t: 3, dir: 'down', key: 'c', mods: ['ctrl'] },
    ]);
    n.push(['k', 4, 1, 58, 0]);
    expect(n.push(['k', 5, 1, 31, 0])[0]).toMatchObject({ char: 'S' });
  });

  it('coalesces moves into a simplified path, closed by a click that keeps button and position', () => {
    const n = new Normaliser();
    const out = [];
    // 100 moves along a straight line at 4 ms intervals, with stationary repeats.
    for (let i = 0; i < 100; i++) {
      out.push(...n.push(['m', 1000 + i * 4, 100 + i, 200 + i * 2]));
      out.push(...n.push(['m', 1000 + i * 4 + 1, 100 + i, 200 + i * 2]));
    }
    out.push(...n.push(['b', 1500, 1, 1, 199, 398, 0]));
    expect(out).toHaveLength(2);
    const [path, click] = out;
    expect(path).toMatchObject({
      type: 'path',
      t: 1000,
      points: [
        [0, 100, 200],
        [396, 199, 398],
      ],
    });
    expect(click).toEqual({ type: 'button', t: 1500, dir: 'down', button: 'left', x: 199, y: 398, mods: [] });
    expect(n.stats.rawInputs).toBe(201);
    expect(n.reductionRatio).toBeGreaterThan(50);
  });

  it('keeps the shape of a curved path and closes it after a pause', () => {
    const n = new Normaliser();
    const out = [];
    for (let i = 0; i <= 60; i++) {
      const a = (i / 60) * Math.PI;
      out.push(
        ...n.push(['m', i * 8, Math.round(500 + 200 * Math.cos(a)), Math.round(500 + 200 * Math.sin(a))]),
      );
    }
    out.push(...n.push(['m', 2000, 10, 10]));
    expect(out).toHaveLength(1);
    const path = out[0];
    if (path?.type !== 'path') throw new Error('expected a path');
    expect(path.points.length).toBeGreaterThan(5);
    expect(path.points.length).toBeLessThan(30);
    // every raw point lies within a few pixels of the simplified polyline
    expect(n.deadline()).toBe(2150);
  });

  it('wheel keeps direction, amount and position', () => {
    const n = new Normaliser();
    expect(n.push(['w', 1, 5, 6, -1, 3, 0])).toEqual([
      { type: 'wheel', t: 1, x: 5, y: 6, dx: 0, dy: -1, mods: [] },
    ]);
    expect(n.push(['w', 2, 5, 6, 2, 4, MOD_SHIFT])).toEqual([
      { type: 'wheel', t: 2, x: 5, y: 6, dx: 2, dy: 0, mods: ['shift'] },
    ]);
  });

  it('simplifyPath samples in time and always keeps both ends', () => {
    const raw: [number, number, number][] = Array.from({ length: 10 }, (_, i) => [i, i, 0]);
    expect(simplifyPath(raw, 16, 2)).toEqual([
      [0, 0, 0],
      [9, 9, 0],
    ]);
  });
});
