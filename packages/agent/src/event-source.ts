/**
 * The capture-source contract. The replay file is the first source; live OS capture and a
 * browser source implement the same interface, so the rest of the pipeline never changes.
 */
import type { StenoEvent } from '@steno/protocol';
import type { BackoffOptions } from './backoff.ts';
import type { DeviceIdentity } from './device-identity.ts';
import type { LogFn } from './log.ts';

export interface SourceItem {
  readonly event: StenoEvent;
  /**
   * The source's position after this item. The spool records the cursor each batch reaches,
   * and after a restart the source is reopened from the highest durable cursor.
   */
  readonly cursor: number;
  /**
   * True for state re-established when resuming (the focus in effect at the cursor): it makes
   * the next batch readable on its own but is not a newly captured event and is not counted.
   */
  readonly context?: boolean;
  /**
   * True for a focus a merged stream repeats where it switches sources (`MergedSource`): the
   * window in effect again, not a focus change, so it starts no action and gets no frame.
   */
  readonly restated?: boolean;
}

export interface EventSource {
  /**
   * Events after `fromCursor` (0 = from the beginning), in time order, with times on the
   * local epoch-ms clock. The iteration ends when the source is exhausted or `signal` aborts.
   * A source that cannot resume (live capture) ignores `fromCursor`.
   */
  events(fromCursor: number, signal: AbortSignal): AsyncIterable<SourceItem>;
  /**
   * Called by `runAgent` once the device identity is loaded, before `events`: a live source
   * needs the identity to hold a capture lease. Faults throw an `AgentError`.
   */
  attach?(context: SourceContext): Promise<void>;
  /** Called by `runAgent` when the agent stops (after `events` has ended). */
  detach?(): Promise<void>;
  /** The review holdback this source wants when `AgentOptions.holdbackMs` is not given. */
  readonly defaultHoldbackMs?: number;
  /**
   * The ids of the capture leases under which events in [fromMs, toMs] were captured (the source
   * holds the lease): the batcher names them in the batch, and the server stores only events a
   * lease it issued covers. A source without a lease returns none (its batches are refused).
   */
  leaseIds?(fromMs: number, toMs: number): string[];
  /** Drops everything the source still holds that happened at or after `sinceMs`. */
  forget?(sinceMs: number): void;
}

export interface SourceContext {
  readonly identity: DeviceIdentity;
  readonly server: string;
  readonly dataDir: string;
  readonly log: LogFn;
  readonly backoff: BackoffOptions;
  readonly requestTimeoutMs: number | undefined;
}
