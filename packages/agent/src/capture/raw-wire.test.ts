/**
 * The hook child's binary wire: every input survives the round trip, whatever the chunking of
 * the pipe, and a malformed stream is refused rather than misread.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawInput } from './raw-input.ts';
import { RawReader, RawWriter } from './raw-wire.ts';

const t = fc.integer({ min: 1_600_000_000_000, max: 2_000_000_000_000 });
const coord = fc.integer({ min: -100_000, max: 100_000 });
const mask = fc.integer({ min: 0, max: 15 });
const input: fc.Arbitrary<RawInput> = fc.oneof(
  fc.tuple(fc.constant('k' as const), t, fc.constantFrom(0 as const, 1 as const), fc.nat(0xffff), mask),
  fc.tuple(
    fc.constant('b' as const),
    t,
    fc.constantFrom(0 as const, 1 as const),
    fc.nat(5),
    coord,
    coord,
    mask,
  ),
  fc.tuple(fc.constant('m' as const), t, coord, coord),
  fc.tuple(
    fc.constant('w' as const),
    t,
    coord,
    coord,
    fc.integer({ min: -50, max: 50 }),
    fc.constantFrom(3, 4),
    mask,
  ),
  fc.tuple(
    fc.constant('f' as const),
    t,
    fc.string({ maxLength: 128 }),
    fc.string({ maxLength: 512 }),
    fc.nat(),
  ),
  fc.tuple(
    fc.constant('f' as const),
    t,
    fc.string({ maxLength: 128 }),
    fc.string({ maxLength: 512 }),
    fc.nat(),
    fc.integer({ min: 1, max: 100_000 }),
    fc.integer({ min: 1, max: 100_000 }),
  ),
  fc.tuple(fc.constant('fx' as const), t),
  fc.tuple(fc.constant('f0' as const), t),
);

function write(w: RawWriter, i: RawInput): void {
  switch (i[0]) {
    case 'k':
      w.key(i[1], i[2] === 1, i[3], i[4]);
      break;
    case 'b':
      w.button(i[1], i[2] === 1, i[3], i[4], i[5], i[6]);
      break;
    case 'm':
      w.move(i[1], i[2], i[3]);
      break;
    case 'w':
      w.wheel(i[1], i[2], i[3], i[4], i[5], i[6]);
      break;
    default:
      w.json(i);
  }
}

describe('raw wire', () => {
  it('round-trips every input across arbitrary chunk boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(input, { maxLength: 60 }),
        fc.array(fc.nat(40), { maxLength: 20 }),
        (inputs, cuts) => {
          const w = new RawWriter(1 << 20);
          for (const i of inputs) write(w, i);
          const bytes = w.take();
          const r = new RawReader();
          const out: RawInput[] = [];
          let at = 0;
          for (const cut of [...cuts, bytes.length]) {
            const end = Math.min(bytes.length, at + cut);
            expect(r.push(bytes.subarray(at, end), (x) => out.push(x))).toBe(true);
            at = end;
          }
          expect(out).toEqual(inputs);
        },
      ),
    );
  });

  it('refuses an unknown frame kind', () => {
    const bytes = Buffer.alloc(24);
    bytes[0] = 9;
    expect(new RawReader().push(bytes, () => {})).toBe(false);
  });
});
