import { verify } from 'node:crypto';
import type { StenoEvent } from '@steno/protocol';
import {
  Batch,
  batchV2SigningBytes,
  generateEd25519,
  importPrivateKey,
  importPublicKey,
  LIMITS,
  SignedBatchV2,
} from '@steno/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Batcher, type BatcherOptions, type SealedBatch } from './batcher.ts';
import { focus, key } from './test-support/test-fixtures.ts';

const keys = generateEd25519();
const base = {
  deviceId: 'dev_AAAAAAAAAAAAAAAAAAAA',
  subject: 'alice',
  privateKey: importPrivateKey(keys.privateKey),
  firstSeq: 0,
};

function batcher(options: Partial<BatcherOptions> = {}, clock = { now: 1_000 }): Batcher {
  return new Batcher({ ...base, now: () => clock.now, ...options });
}

function feed(b: Batcher, events: StenoEvent[]): SealedBatch[] {
  const out: SealedBatch[] = [];
  for (const [i, event] of events.entries()) out.push(...b.add({ event, cursor: i + 1 }));
  const last = b.seal();
  if (last) out.push(last);
  return out;
}

describe('Batcher', () => {
  it('caps batches at maxEvents and numbers them from firstSeq, signed', () => {
    const events = Array.from({ length: 25 }, (_, i) => key(1_000 + i, 'a', 'a'));
    const sealed = feed(batcher({ maxEvents: 10, firstSeq: 5 }), events);
    expect(sealed.map((s) => s.batch.events.length)).toEqual([10, 10, 5]);
    expect(sealed.map((s) => s.batch.seq)).toEqual([5, 6, 7]);
    expect(sealed.map((s) => s.cursor)).toEqual([10, 20, 25]);
    expect(new Set(sealed.map((s) => s.batch.batchId)).size).toBe(3);
    for (const s of sealed) {
      // Envelope v2: the signature covers the batch text exactly as it travels.
      const body = SignedBatchV2.parse(JSON.parse(s.body));
      expect(body).toEqual(s.envelope);
      expect(JSON.parse(body.batch)).toEqual(s.batch);
      const sig = Buffer.from(body.sig, 'base64url');
      const pub = importPublicKey(keys.publicKey);
      expect(verify(null, batchV2SigningBytes(body.batch), pub, sig)).toBe(true);
      // The same signature over the text with one character changed does not verify.
      const forged = body.batch.replace('"seq":', '"seq": ');
      expect(verify(null, batchV2SigningBytes(forged), pub, sig)).toBe(false);
    }
  });

  it('starts every batch with the focus in effect, without duplicating it', () => {
    const events = [
      focus(1),
      key(2, 'a', 'a'),
      key(3, 'b', 'b'),
      key(4, 'c', 'c'),
      focus(5, 'app2'),
      key(6, 'd', 'd'),
    ];
    const sealed = feed(batcher({ maxEvents: 3 }), events);
    const batches = sealed.map((s) => s.batch.events);
    expect(batches).toEqual([
      [events[0], events[1], events[2]],
      [events[0], events[3], events[4]],
      [events[4], events[5]],
    ]);
    // A batch that opens with a focus event gets no extra prefix.
    const [first] = feed(batcher(), [focus(1), focus(2, 'app2'), key(3, 'x', 'x')]);
    expect(first?.batch.events.filter((e) => e.type === 'focus')).toHaveLength(2);
  });

  it('uses a context focus (on resume) as the prefix without counting it as an event', () => {
    const b = batcher();
    expect(b.add({ event: focus(1), cursor: 40, context: true })).toEqual([]);
    expect(b.pending).toBe(0);
    b.add({ event: key(2, 'a', 'a'), cursor: 41 });
    const sealed = b.seal();
    expect(sealed?.batch.events.map((e) => e.type)).toEqual(['focus', 'key']);
    expect(sealed?.cursor).toBe(41);
  });

  it('seals when maxDelayMs has passed since the batch opened', () => {
    const clock = { now: 1_000 };
    const b = batcher({ maxDelayMs: 1_000 }, clock);
    expect(b.deadline()).toBeUndefined();
    b.add({ event: key(1, 'a', 'a'), cursor: 1 });
    expect(b.deadline()).toBe(2_000);
    clock.now = 2_000;
    const sealed = b.add({ event: key(2, 'b', 'b'), cursor: 2 });
    expect(sealed.map((s) => s.batch.events.length)).toEqual([1]);
    expect(b.pending).toBe(1);
  });

  it('stays under the byte limit', () => {
    const big: StenoEvent = {
      type: 'path',
      t: 1,
      points: Array.from({ length: 2_000 }, (_, i) => [i, 99_999, 99_999]),
    };
    const events = Array.from({ length: 40 }, (_, i) => ({ ...big, t: i }));
    const sealed = feed(batcher(), events);
    expect(sealed.length).toBeGreaterThan(1);
    for (const s of sealed) expect(Buffer.byteLength(s.body)).toBeLessThanOrEqual(LIMITS.maxBatchBytes);
    expect(sealed.flatMap((s) => s.batch.events)).toEqual(events);
  });

  it('refuses limits outside LIMITS', () => {
    expect(() => batcher({ maxEvents: LIMITS.maxEventsPerBatch + 1 })).toThrow(/maxEvents/);
    expect(() => batcher({ maxEvents: 1 })).toThrow(/maxEvents/);
    expect(() => batcher({ maxBytes: LIMITS.maxBatchBytes + 1 })).toThrow(/maxBytes/);
  });

  it('loses, reorders and duplicates nothing: batches minus focus prefixes are the input', () => {
    const event = fc.oneof(
      fc.constantFrom('a', 'b').map((app) => ({ type: 'focus' as const, app })),
      fc.constantFrom('x', 'y').map((k) => ({ type: 'key' as const, k })),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), fc.integer({ min: 2, max: 7 }), (shapes, maxEvents) => {
        const events: StenoEvent[] = shapes.map((s, i) =>
          s.type === 'focus' ? focus(i, s.app) : key(i, s.k),
        );
        const sealed = feed(batcher({ maxEvents }), events);
        const rebuilt: StenoEvent[] = [];
        let current: StenoEvent | undefined;
        for (const s of sealed) {
          const batch = s.batch.events;
          expect(batch.length).toBeLessThanOrEqual(maxEvents);
          const first = batch[0];
          const startsWithPrefix = first?.type === 'focus' && first === current && batch[1]?.type !== 'focus';
          if (current) expect(first?.type).toBe('focus');
          for (const e of startsWithPrefix ? batch.slice(1) : batch) {
            rebuilt.push(e);
            if (e.type === 'focus') current = e;
          }
        }
        expect(rebuilt).toEqual(events);
      }),
    );
  });

  it('keeps a group with frames of the largest size under the byte limit (issue 11): three fit a batch', () => {
    const frame = (t: number): StenoEvent => ({
      type: 'frame',
      t,
      actionId: `a-${t}`,
      webp: `UklGR${'A'.repeat(LIMITS.maxFrameBase64Chars - 5)}`,
      meta: {
        kind: 'before',
        app: 'org.example.Editor',
        width: 640,
        height: 400,
        scale: 0.5,
        origin: { x: 0, y: 0 },
        window: { x: 0, y: 0, width: 1280, height: 800 },
        windowInFrame: { x: 0, y: 0, width: 640, height: 400 },
      },
    });
    const b = batcher();
    const items = [focus(1), ...[2, 3, 4, 5, 6, 7, 8].flatMap((t) => [frame(t), key(t, 'a', 'a')])];
    const sealed = b.addGroup(items.map((event) => ({ event, cursor: 1 })));
    const last = b.seal();
    if (last) sealed.push(last);
    const frames = sealed.map((s) => s.batch.events.filter((e) => e.type === 'frame').length);
    expect(frames).toEqual([3, 3, 1]);
    for (const s of sealed) {
      expect(Buffer.byteLength(s.body)).toBeLessThanOrEqual(LIMITS.maxBatchBytes);
      const envelope = SignedBatchV2.parse(JSON.parse(s.body));
      expect(Batch.safeParse(JSON.parse(envelope.batch)).success).toBe(true);
    }
  });
});
