/** The content script's outbox: batches by time and size, drops what waits when capture stops. */
import type { StenoEvent } from '@steno/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from './outbox.ts';

const key = (t: number): StenoEvent => ({ type: 'key', t, dir: 'down', key: 'a', mods: [] });

describe('Outbox', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the events of one delay as one batch, in order', () => {
    const posted: StenoEvent[][] = [];
    const box = new Outbox((events) => posted.push(events), { delayMs: 500 });
    box.add([key(1)]);
    box.add([key(2), key(3)]);
    vi.advanceTimersByTime(499);
    expect(posted).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(posted).toEqual([[key(1), key(2), key(3)]]);
    vi.advanceTimersByTime(5_000);
    expect(posted).toHaveLength(1);
  });

  it('sends a full batch at once and flushes on demand; never an empty batch', () => {
    const posted: StenoEvent[][] = [];
    const box = new Outbox((events) => posted.push(events), { delayMs: 500, maxEvents: 3 });
    box.add([key(1), key(2), key(3)]);
    expect(posted).toEqual([[key(1), key(2), key(3)]]);
    box.add([key(4)]);
    box.flush();
    expect(posted).toEqual([[key(1), key(2), key(3)], [key(4)]]);
    box.flush();
    box.add([]);
    vi.advanceTimersByTime(1_000);
    expect(posted).toHaveLength(2);
  });

  it('a batch that is due goes with the next event, and the timer then has nothing left to send', () => {
    const posted: StenoEvent[][] = [];
    const box = new Outbox((events) => posted.push(events), { delayMs: 500 });
    box.add([key(1)]);
    vi.setSystemTime(Date.now() + 600); // time passes, but the timer has not run yet
    box.add([key(2)]);
    expect(posted).toEqual([[key(1), key(2)]]);
    vi.advanceTimersByTime(1_000);
    expect(posted).toHaveLength(1);
  });

  it('drops what waits when capture stops: nothing of it is ever sent', () => {
    const posted: StenoEvent[][] = [];
    const box = new Outbox((events) => posted.push(events), { delayMs: 500 });
    box.add([key(1), key(2)]);
    box.drop();
    expect(box.size).toBe(0);
    vi.advanceTimersByTime(1_000);
    box.flush();
    expect(posted).toEqual([]);
    box.add([key(3)]);
    vi.advanceTimersByTime(500);
    expect(posted).toEqual([[key(3)]]);
  });
});
