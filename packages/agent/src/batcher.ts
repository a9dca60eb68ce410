/**
 * Groups source events into signed batches: at most `maxEvents` events, `maxBytes` of JSON
 * or `maxDelayMs` since the batch opened, whichever comes first. Each batch gets a random
 * batch id, the next per-device sequence number and its creation time, and is signed with
 * the device key. A batch that does not start with a focus event starts with the focus in
 * effect, so every batch can be read on its own.
 */

import type { KeyObject } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import {
  type Batch,
  type FocusEvent,
  LIMITS,
  type SignedBatchV2,
  type StenoEvent,
  signBatchV2,
} from '@steno/protocol';
import { AgentError } from './agent-error.ts';
import type { SourceItem } from './event-source.ts';

export interface BatcherOptions {
  deviceId: string;
  subject: string;
  privateKey: KeyObject;
  /** The sequence number of the first batch (from the spool's restart rule). */
  firstSeq: number;
  /** Default 500; at least 2 (room for the focus prefix), at most LIMITS.maxEventsPerBatch. */
  maxEvents?: number;
  /** Default 1000 ms. */
  maxDelayMs?: number;
  /** Upper bound on the request body; default LIMITS.maxBatchBytes less 4 KiB of headroom. */
  maxBytes?: number;
  now?: () => number;
  /**
   * The capture leases held over a time window (see `EventSource.leaseIds`): each batch names
   * those covering its events. Without it, or when it gives none, the batch names no lease and the
   * server refuses it (LEASE_REQUIRED).
   */
  leaseIds?: (fromMs: number, toMs: number) => string[];
}

export interface SealedBatch {
  readonly batch: Batch;
  /** The signed v2 envelope: the batch's JSON text and the device's signature over it. */
  readonly envelope: SignedBatchV2;
  /** The exact request body: what is spooled and (re)sent, byte for byte. */
  readonly body: string;
  /** The source cursor this batch reaches. */
  readonly cursor: number;
  readonly firstEventAt: number;
  readonly lastEventAt: number;
}

/** Bytes of the signed envelope around the events: ids, seq, times and the signature. */
const ENVELOPE_BYTES = 512;

export class Batcher {
  readonly #options: Required<Omit<BatcherOptions, 'firstSeq' | 'leaseIds'>>;
  readonly #leaseIds: BatcherOptions['leaseIds'];
  #nextSeq: number;
  #focus: FocusEvent | undefined;
  #events: StenoEvent[] = [];
  #bytes = 0;
  #openedAt = 0;
  #cursor = 0;
  #grouping = false;

  constructor(options: BatcherOptions) {
    const maxEvents = options.maxEvents ?? 500;
    if (!Number.isInteger(maxEvents) || maxEvents < 2 || maxEvents > LIMITS.maxEventsPerBatch) {
      throw new AgentError(
        'OPTIONS_INVALID',
        `maxEvents must be an integer in [2, ${LIMITS.maxEventsPerBatch}]`,
      );
    }
    const maxBytes = options.maxBytes ?? LIMITS.maxBatchBytes - 4096;
    if (maxBytes > LIMITS.maxBatchBytes || maxBytes < 4096) {
      throw new AgentError('OPTIONS_INVALID', `maxBytes must be in [4096, ${LIMITS.maxBatchBytes}]`);
    }
    this.#options = {
      deviceId: options.deviceId,
      subject: options.subject,
      privateKey: options.privateKey,
      maxEvents,
      maxDelayMs: options.maxDelayMs ?? 1000,
      maxBytes,
      now: options.now ?? Date.now,
    };
    this.#nextSeq = options.firstSeq;
    this.#leaseIds = options.leaseIds;
  }

  /** The sequence number the next sealed batch gets. */
  get nextSeq(): number {
    return this.#nextSeq;
  }

  /** Events waiting in the open batch. */
  get pending(): number {
    return this.#events.length;
  }

  /** When the open batch must be sealed, or undefined when no batch is open. */
  deadline(): number | undefined {
    return this.#events.length === 0 ? undefined : this.#openedAt + this.#options.maxDelayMs;
  }

  /**
   * Adds a group of items that must land in one batch (what the privacy filter decided at once
   * carries one source cursor: splitting it across batches could lose its tail after a crash).
   * The open batch is sealed first if the group would not fit; the group may exceed `maxEvents`.
   */
  addGroup(items: readonly SourceItem[]): SealedBatch[] {
    const sealed: SealedBatch[] = [];
    const live = items.filter((i) => !i.context);
    const count = live.length;
    const bytes = live.reduce((sum, i) => sum + eventBytes(i.event), 0);
    if (
      this.#events.length > 0 &&
      (this.#events.length + count > this.#options.maxEvents ||
        ENVELOPE_BYTES + this.#bytes + bytes > this.#options.maxBytes)
    )
      pushIfAny(sealed, this.seal());
    this.#grouping = true;
    try {
      for (const item of items) sealed.push(...this.add(item));
    } finally {
      this.#grouping = false;
    }
    if (this.#events.length >= this.#options.maxEvents) pushIfAny(sealed, this.seal());
    return sealed;
  }

  /** Adds one source item; returns the batches it caused to be sealed (usually none). */
  add(item: SourceItem): SealedBatch[] {
    const { event } = item;
    if (item.context) {
      if (event.type === 'focus') this.#focus = event;
      return [];
    }
    const sealed: SealedBatch[] = [];
    const now = this.#options.now();
    const size = eventBytes(event);
    const deadline = this.deadline();
    if (!this.#grouping && deadline !== undefined && now >= deadline) pushIfAny(sealed, this.seal());
    // The byte limit holds inside a group too: a group with frames (up to 256 KiB each) may be
    // split, the only case where a group's events land in two batches.
    if (
      this.#events.length > 0 &&
      ((!this.#grouping && this.#events.length + 1 > this.#options.maxEvents) ||
        ENVELOPE_BYTES + this.#bytes + size > this.#options.maxBytes)
    ) {
      pushIfAny(sealed, this.seal());
    }
    if (this.#events.length === 0) {
      this.#openedAt = now;
      if (event.type !== 'focus' && this.#focus) {
        // the repeated focus is context, not the focus change its frame (if any) belongs to
        const { actionId, ...focus } = this.#focus;
        this.#append(actionId === undefined ? this.#focus : focus);
      }
    }
    this.#append(event);
    this.#cursor = item.cursor;
    if (event.type === 'focus') this.#focus = event;
    if (!this.#grouping && this.#events.length >= this.#options.maxEvents) pushIfAny(sealed, this.seal());
    return sealed;
  }

  /**
   * Removes from the open batch every event at or after `since` (the contributor forgot them);
   * a remembered focus from that time is forgotten too. Returns how many events were removed.
   */
  discardSince(since: number): number {
    if (this.#focus && this.#focus.t >= since) this.#focus = undefined;
    const kept = this.#events.filter((e) => e.t < since);
    const removed = this.#events.length - kept.length;
    if (removed === 0) return 0;
    this.#events = kept.some((e) => e.type !== 'focus') ? kept : [];
    this.#bytes = this.#events.reduce((sum, e) => sum + eventBytes(e), 0);
    return removed;
  }

  /** Seals the open batch, if any. */
  seal(): SealedBatch | undefined {
    const events = this.#events;
    const first = events[0];
    const last = events.at(-1);
    if (!first || !last) return undefined;
    const leases = this.#leaseIds?.(first.t, last.t) ?? [];
    const batch: Batch = {
      v: 1,
      batchId: randomUUID(),
      deviceId: this.#options.deviceId,
      subject: this.#options.subject,
      seq: this.#nextSeq,
      createdAt: this.#options.now(),
      events,
      ...(leases.length > 0 ? { leases } : {}),
    };
    const { envelope, body } = signBatchV2(batch, this.#options.privateKey);
    this.#nextSeq += 1;
    this.#events = [];
    this.#bytes = 0;
    return {
      batch,
      envelope,
      body,
      cursor: this.#cursor,
      firstEventAt: first.t,
      lastEventAt: last.t,
    };
  }

  #append(event: StenoEvent): void {
    this.#events.push(event);
    this.#bytes += eventBytes(event);
  }
}

/**
 * Bytes an event adds to the request body. The batch travels as JSON text inside the envelope's
 * JSON (envelope v2), where every quote and backslash of it is escaped: count those twice.
 */
function eventBytes(event: StenoEvent): number {
  const json = JSON.stringify(event);
  let escaped = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 34 || c === 92) escaped++;
  }
  return Buffer.byteLength(json) + escaped + 1;
}

function pushIfAny(list: SealedBatch[], batch: SealedBatch | undefined): void {
  if (batch) list.push(batch);
}
