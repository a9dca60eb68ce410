import { randomUUID } from 'node:crypto';
import { Batch, type StenoEvent } from '@steno/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateBatch } from './batch-schema.ts';

const T = 1_780_000_000_000;
const WEBP = `UklGR${'A'.repeat(40)}==`;

/** One valid event of every kind the protocol knows, with every optional field somewhere. */
const samples: StenoEvent[] = [
  { type: 'focus', t: T, app: 'gedit', title: 'notes.txt', screen: { w: 1920, h: 1080 }, actionId: 'a1' },
  { type: 'key', t: T + 1, dir: 'down', key: 'a', char: 'a', mods: ['shift'], actionId: 'a2' },
  { type: 'key', t: T + 2, dir: 'up', key: 'a', mods: [] },
  { type: 'button', t: T + 3, dir: 'down', button: 'left', x: 10, y: 20, mods: ['ctrl'], actionId: 'a3' },
  { type: 'wheel', t: T + 4, x: 1, y: 2, dx: 0, dy: -120, mods: [] },
  {
    type: 'path',
    t: T + 5,
    points: [
      [0, 1, 2],
      [16, 3, 4],
    ],
  },
  { type: 'redaction', t: T + 6, entity: 'EMAIL' },
  { type: 'paste', t: T + 7 },
  { type: 'task', t: T + 8, label: 'file the report' },
  {
    type: 'element',
    t: T + 9,
    action: 'click',
    role: 'button',
    name: 'Save',
    tag: 'button',
    selector: '#save',
    page: { x: 1, y: 2, w: 3, h: 4 },
    screen: { x: 5, y: 6, w: 3, h: 4 },
    x: 6,
    y: 7,
    value: 'x',
    mods: [],
  },
  { type: 'navigate', t: T + 10, origin: 'https://example.org', path: '/a', query: 'q=1', kind: 'load' },
  { type: 'scroll', t: T + 11, dx: 0, dy: 100, x: 0, y: 100, selector: 'main' },
  {
    type: 'frame',
    t: T + 12,
    actionId: 'a4',
    webp: WEBP,
    meta: {
      kind: 'before',
      app: 'gedit',
      width: 10,
      height: 10,
      scale: 0.5,
      origin: { x: 0, y: 0 },
      window: { x: 0, y: 0, width: 20, height: 20 },
      windowInFrame: { x: 0, y: 0, width: 10, height: 10 },
    },
  },
] as StenoEvent[];

function batchOf(events: unknown[]): Record<string, unknown> {
  return {
    v: 1,
    batchId: randomUUID(),
    deviceId: 'dev_AAAAAAAAAAAAAAAAAAAAAA',
    subject: 'alice',
    seq: 3,
    createdAt: T + 100,
    events,
    leases: ['ls_abcdefgh'],
  };
}

/** Values that sit on or across the edges zod draws: types, bounds, integers, lengths, unicode. */
const nasty = fc.oneof(
  fc.constantFrom(
    null,
    true,
    '',
    'a',
    '😀😀😀',
    '😀😀😀😀😀',
    '😀'.repeat(33),
    'e\u0301'.repeat(3),
    'x'.repeat(33),
    'x'.repeat(65),
    0,
    -1,
    1.5,
    100_000,
    100_001,
    -100_001,
    8_640_000_000_000,
    8_640_000_000_001,
    Number.MAX_SAFE_INTEGER,
    2 ** 60,
    [],
    {},
    ['shift', 'shift', 'ctrl', 'alt', 'meta'],
    ['hyper'],
    'left',
    'down',
    'EMAIL',
    'key',
    'frame',
    'UklGRnot-base64!',
    { w: 1, h: 1 },
    { x: 0, y: 0 },
  ),
  fc.string({ maxLength: 70, unit: 'grapheme' }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

type Path = (string | number)[];

/** Every path to a value inside `v` (objects and arrays), so a mutation can land anywhere. */
function pathsOf(v: unknown, prefix: Path = []): Path[] {
  if (typeof v !== 'object' || v === null) return [prefix];
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [
    prefix,
    ...keys.flatMap((k) => pathsOf((v as Record<string | number, unknown>)[k], [...prefix, k])),
  ];
}

function mutate(root: unknown, path: Path, op: 'set' | 'delete' | 'extra', value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  if (path.length === 0) return op === 'set' ? value : copy;
  let at: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (op === 'set') at[last] = value;
  else if (op === 'delete') {
    if (Array.isArray(at)) at.splice(Number(last), 1);
    else delete at[last];
  } else if (typeof at[last] === 'object' && at[last] !== null && !Array.isArray(at[last]))
    (at[last] as Record<string, unknown>).surplus = value;
  else at[last] = value;
  return copy;
}

describe('the compiled batch schema (issue 19)', () => {
  it('accepts every kind of valid event, as zod does', () => {
    const batch = batchOf(samples);
    expect(Batch.safeParse(batch).success).toBe(true);
    expect(validateBatch(batch).ok).toBe(true);
  });

  it('agrees with the protocol zod schema on random mutations of valid batches', () => {
    fc.assert(
      fc.property(
        fc.subarray(samples, { minLength: 1 }),
        fc.nat(),
        fc.constantFrom('set', 'delete', 'extra') as fc.Arbitrary<'set' | 'delete' | 'extra'>,
        nasty,
        (events, pick, op, value) => {
          const batch = batchOf(events);
          const paths = pathsOf(batch);
          const mutated = mutate(batch, paths[pick % paths.length] as Path, op, value);
          const zod = Batch.safeParse(mutated).success;
          const fast = validateBatch(mutated);
          expect(fast.ok).toBe(zod);
          if (!fast.ok) expect(fast.where).toMatch(/^batch/);
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('counts string lengths as zod does (code points), and names where a batch fails, never its values', () => {
    // Four emoji are eight UTF-16 units but four code points: at the `char` limit; five are over it.
    const ok = batchOf([{ type: 'key', t: T, dir: 'down', key: 'x', char: '😀😀😀😀', mods: [] }]);
    const over = batchOf([{ type: 'key', t: T, dir: 'down', key: 'x', char: '😀😀😀😀😀', mods: [] }]);
    expect([validateBatch(ok).ok, Batch.safeParse(ok).success]).toEqual([true, true]);
    expect([validateBatch(over).ok, Batch.safeParse(over).success]).toEqual([false, false]);
    const secret = batchOf([{ type: 'key', t: T, dir: 'down', key: 'x', char: 'hunter2-secret', mods: [] }]);
    const out = validateBatch(secret);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.where).toContain('batch.events.0.char');
      expect(out.where).not.toContain('hunter2');
    }
  });
});
