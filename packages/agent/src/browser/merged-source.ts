/**
 * Several live sources as one (desktop hooks and the browser extension): one stream in arrival
 * order, in time order (a late event — typed text the extension held for its privacy filter — is
 * moved up to the last time emitted, never before it, since the server refuses out-of-order
 * batches), and each run of one source's events starts with that source's focus, so the privacy
 * stage cuts typed text where the stream switches and every run can be read in its own context.
 * Such a repeated focus is marked `restated`: no focus change, so the frame stage takes no frame
 * for it (a frame there would take the rate limiter's slot from the click that follows it).
 * Live sources cannot resume from a cursor; the merged cursor just counts.
 */
import type { FocusEvent, StenoEvent } from '@steno/protocol';
import type { EventSource, SourceContext, SourceItem } from '../event-source.ts';

export class MergedSource implements EventSource {
  readonly #sources: readonly EventSource[];
  readonly defaultHoldbackMs: number | undefined;

  constructor(sources: readonly EventSource[]) {
    this.#sources = sources;
    const holdbacks = sources.flatMap((s) =>
      s.defaultHoldbackMs === undefined ? [] : [s.defaultHoldbackMs],
    );
    this.defaultHoldbackMs = holdbacks.length === 0 ? undefined : Math.max(...holdbacks);
  }

  async attach(context: SourceContext): Promise<void> {
    for (const s of this.#sources) await s.attach?.(context);
  }

  async detach(): Promise<void> {
    for (const s of this.#sources) await s.detach?.();
  }

  /** The leases any of the sources held (the desktop source holds the one lease of the device). */
  leaseIds(fromMs: number, toMs: number): string[] {
    return [...new Set(this.#sources.flatMap((s) => s.leaseIds?.(fromMs, toMs) ?? []))];
  }

  forget(sinceMs: number): void {
    for (const s of this.#sources) s.forget?.(sinceMs);
  }

  async *events(fromCursor: number, signal: AbortSignal): AsyncGenerator<SourceItem> {
    const queue: { index: number; item: SourceItem }[] = [];
    let wake: (() => void) | undefined;
    let running = this.#sources.length;
    let failure: unknown;
    // Our own signal: if the consumer stops early, the sources stop too.
    const inner = new AbortController();
    const onAbort = (): void => inner.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const pumps = this.#sources.map(async (source, index) => {
      try {
        for await (const item of source.events(0, inner.signal)) {
          queue.push({ index, item });
          wake?.();
        }
      } catch (err) {
        failure ??= err;
      } finally {
        running -= 1;
        wake?.();
      }
    });
    let cursor = fromCursor;
    let lastT = 0;
    let lastIndex: number | undefined;
    const focus = new Map<number, FocusEvent>();
    try {
      for (;;) {
        const next = queue.shift();
        if (!next) {
          if (failure !== undefined) throw failure;
          if (running === 0) break;
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
          continue;
        }
        const { index, item } = next;
        const t = Math.max(lastT, item.event.t);
        const event: StenoEvent = t === item.event.t ? item.event : { ...item.event, t };
        const known = focus.get(index);
        if (lastIndex !== undefined && lastIndex !== index && event.type !== 'focus' && known) {
          cursor += 1;
          yield { event: { ...known, t }, cursor, restated: true };
        }
        if (event.type === 'focus') focus.set(index, event);
        lastIndex = index;
        lastT = t;
        cursor += 1;
        yield { event, cursor, ...(item.context ? { context: true } : {}) };
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      inner.abort();
      await Promise.all(pumps);
    }
  }
}
