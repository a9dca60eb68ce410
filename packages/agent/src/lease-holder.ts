/**
 * The capture lease on the device: no lease, no capture. A lease is accepted only if it parses,
 * its Ed25519 signature verifies (domain steno-lease-v1) with the server key pinned at enrolment,
 * it names this device and subject, it is not older than the lease held, and it has not expired.
 * The holder renews in the background (half-way through the lease's life, with backoff on
 * failure), takes pushed leases (a pause is a lease with state `paused`) and expires the lease on
 * the local clock at `expiresAt` when it hears nothing. Every change is reported synchronously.
 *
 * A global pause also arrives as a program-pause notice, signed once by the server for every agent
 * (issue 19): once verified it pauses capture at once, whatever the lease held says. It can only
 * pause: capture resumes only with an active lease issued after the notice. A notice older than
 * the lease held (a replay from an earlier pause) changes nothing.
 */

import type { KeyObject } from 'node:crypto';
import {
  type CaptureLease,
  importPublicKey,
  LIMITS,
  type ProgramPauseNotice,
  SignedLease,
  verifyCanonical,
  verifyProgramPause,
} from '@steno/protocol';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF, sleep } from './backoff.ts';
import type { LogFn } from './log.ts';
import { CompiledScope } from './scope-gate.ts';

export type LeaseView =
  | { readonly kind: 'none' }
  | { readonly kind: 'expired' | 'paused' | 'active'; readonly lease: CaptureLease };

export type LeaseRejection =
  | 'LEASE_INVALID'
  | 'LEASE_SIGNATURE_INVALID'
  | 'LEASE_WRONG_DEVICE'
  | 'LEASE_STALE'
  | 'LEASE_EXPIRED'
  | 'LEASE_KEY_MISSING';

export type AcceptOutcome = { ok: true; view: LeaseView } | { ok: false; error: LeaseRejection };

/** Fetches a fresh signed lease from the server (a POST with a device proof); any failure is a code. */
export type LeaseRequester = (
  signal: AbortSignal,
) => Promise<{ ok: true; lease: unknown } | { ok: false; reason: string; permanent?: boolean }>;

export interface LeaseHolderOptions {
  deviceId: string;
  subject: string;
  /** The server's lease-signing public key (raw Ed25519, base64url), pinned at enrolment. */
  leaseKey: string | undefined;
  /** Requests a lease; without one the holder only takes pushed leases. */
  request?: LeaseRequester | undefined;
  log: LogFn;
  backoff?: BackoffOptions | undefined;
  /** Renew when this fraction of the lease's life is left (default 0.5). */
  renewAtFraction?: number | undefined;
  now?: (() => number) | undefined;
  onChange?: ((view: LeaseView) => void) | undefined;
}

export class LeaseHolder {
  readonly #options: LeaseHolderOptions;
  readonly #key: KeyObject | undefined;
  readonly #now: () => number;
  #lease: CaptureLease | undefined;
  /** The newest program-pause notice taken: it pauses every lease issued at or before it. */
  #notice: ProgramPauseNotice | undefined;
  #scope: CompiledScope | undefined;
  #expiryTimer: NodeJS.Timeout | undefined;
  #renewNow: (() => void) | undefined;
  #abort = new AbortController();
  #loop: Promise<void> | undefined;
  #lastView: LeaseView['kind'] = 'none';
  /** The leases held recently, oldest first: batches name those their events were captured under. */
  readonly #held: { leaseId: string; issuedAt: number; expiresAt: number }[] = [];
  lastErrorCode: string | undefined;

  constructor(options: LeaseHolderOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    let key: KeyObject | undefined;
    try {
      key = options.leaseKey ? importPublicKey(options.leaseKey) : undefined;
    } catch {
      key = undefined;
    }
    this.#key = key;
    if (!key) this.lastErrorCode = 'LEASE_KEY_MISSING';
  }

  /** The lease as it stands at this instant (expiry is checked on every call, not only by the timer). */
  view(): LeaseView {
    const lease = this.#lease;
    if (!lease) return { kind: 'none' };
    if (this.#now() >= lease.expiresAt) return { kind: 'expired', lease };
    const noticed = this.#notice !== undefined && this.#notice.issuedAt >= lease.issuedAt;
    return { kind: lease.state === 'paused' || noticed ? 'paused' : 'active', lease };
  }

  /** A message from the push stream: a signed lease, or a signed program-pause notice. */
  take(input: unknown): AcceptOutcome {
    const isNotice = typeof input === 'object' && input !== null && 'notice' in input && !('lease' in input);
    return isNotice ? this.acceptPauseNotice(input) : this.accept(input);
  }

  /**
   * Verifies and takes a program-pause notice: capture pauses at once if it verifies with the
   * pinned server key and is not older than the lease held or the last notice taken.
   */
  acceptPauseNotice(input: unknown): AcceptOutcome {
    if (!this.#key) return this.#refuse('LEASE_KEY_MISSING');
    const verified = verifyProgramPause(input, this.#key);
    if (!verified.ok)
      return this.#refuse(verified.error === 'INVALID' ? 'LEASE_INVALID' : 'LEASE_SIGNATURE_INVALID');
    const { notice } = verified;
    if (notice.issuedAt > this.#now() + LIMITS.maxClockSkewMs) return this.#refuse('LEASE_INVALID');
    // A replayed notice from an earlier pause predates the lease that followed its resume.
    if (this.#lease && notice.issuedAt < this.#lease.issuedAt) return this.#refuse('LEASE_STALE');
    if (this.#notice && notice.issuedAt < this.#notice.issuedAt) return this.#refuse('LEASE_STALE');
    this.#notice = notice;
    this.#options.log('info', 'program_pause_accepted', { epoch: notice.epoch });
    this.#changed(true);
    return { ok: true, view: this.view() };
  }

  /** The scope of the lease held, compiled; undefined without a lease. */
  get scope(): CompiledScope | undefined {
    return this.#scope;
  }

  /**
   * The ids of the leases held whose validity overlaps [fromMs, toMs] (at most
   * LIMITS.maxLeasesPerBatch, the newest): what a batch of events from that window names, so the
   * server can check that a lease it issued covered each event (issue 15).
   */
  leaseIdsCovering(fromMs: number, toMs: number): string[] {
    const ids = this.#held.filter((l) => l.issuedAt <= toMs && l.expiresAt > fromMs).map((l) => l.leaseId);
    return ids.slice(-LIMITS.maxLeasesPerBatch);
  }

  /** Verifies and takes a signed lease (from a renewal or a push). */
  accept(input: unknown): AcceptOutcome {
    if (!this.#key) return this.#refuse('LEASE_KEY_MISSING');
    const parsed = SignedLease.safeParse(input);
    if (!parsed.success) return this.#refuse('LEASE_INVALID');
    const { lease, sig } = parsed.data;
    if (!verifyCanonical('steno-lease-v1', lease, sig, this.#key))
      return this.#refuse('LEASE_SIGNATURE_INVALID');
    if (lease.deviceId !== this.#options.deviceId || lease.subject !== this.#options.subject) {
      return this.#refuse('LEASE_WRONG_DEVICE');
    }
    const now = this.#now();
    if (lease.expiresAt <= lease.issuedAt || lease.issuedAt > now + LIMITS.maxClockSkewMs) {
      return this.#refuse('LEASE_INVALID');
    }
    // An older lease never replaces a newer one: a replayed "active" lease cannot lift a pause.
    if (this.#lease && lease.issuedAt < this.#lease.issuedAt) return this.#refuse('LEASE_STALE');
    if (lease.expiresAt <= now) return this.#refuse('LEASE_EXPIRED');
    if (this.#lease?.policyVersion !== lease.policyVersion || !this.#scope) {
      this.#scope = new CompiledScope(lease.scope);
    }
    this.#lease = lease;
    this.#held.push({ leaseId: lease.leaseId, issuedAt: lease.issuedAt, expiresAt: lease.expiresAt });
    if (this.#held.length > 4 * LIMITS.maxLeasesPerBatch) this.#held.shift();
    this.lastErrorCode = undefined;
    clearTimeout(this.#expiryTimer);
    this.#expiryTimer = setTimeout(() => this.#changed(), Math.max(0, lease.expiresAt - now) + 1);
    this.#expiryTimer.unref?.();
    this.#options.log('info', 'lease_accepted', {
      leaseId: lease.leaseId,
      state: lease.state,
      policyVersion: lease.policyVersion,
      expiresInMs: lease.expiresAt - now,
    });
    this.#changed(true);
    this.#renewNow?.();
    return { ok: true, view: this.view() };
  }

  /** Starts background renewal (if a requester was given). */
  start(): void {
    if (this.#options.request && !this.#loop) this.#loop = this.#renewLoop(this.#options.request);
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    clearTimeout(this.#expiryTimer);
    this.#renewNow?.();
    await this.#loop;
  }

  #refuse(error: LeaseRejection): AcceptOutcome {
    this.lastErrorCode = error;
    this.#options.log('warn', 'lease_refused', { code: error });
    return { ok: false, error };
  }

  #changed(force = false): void {
    const view = this.view();
    if (!force && view.kind === this.#lastView) return;
    this.#lastView = view.kind;
    this.#options.onChange?.(view);
  }

  /** When the next renewal is due: at once without a valid lease, else when `renewAtFraction` of its life is left. */
  #renewDueIn(): number {
    const lease = this.#lease;
    const now = this.#now();
    if (!lease || lease.expiresAt <= now) return 0;
    const fraction = this.#options.renewAtFraction ?? 0.5;
    const life = lease.expiresAt - lease.issuedAt;
    return Math.max(0, lease.expiresAt - life * fraction - now);
  }

  async #renewLoop(request: LeaseRequester): Promise<void> {
    const signal = this.#abort.signal;
    const backoff = this.#options.backoff ?? DEFAULT_BACKOFF;
    let attempt = 0;
    while (!signal.aborted) {
      const due = this.#renewDueIn();
      if (due > 0) {
        // A pushed lease re-plans the wait.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, due);
          function done(): void {
            clearTimeout(timer);
            resolve();
          }
          this.#renewNow = done;
        });
        this.#renewNow = undefined;
        if (this.#renewDueIn() > 0) continue;
      }
      if (signal.aborted) return;
      const outcome = await request(signal);
      if (signal.aborted) return;
      if (outcome.ok) {
        const accepted = this.accept(outcome.lease);
        if (accepted.ok) {
          attempt = 0;
          continue;
        }
      } else {
        this.lastErrorCode = outcome.reason;
        this.#options.log('warn', 'lease_renewal_failed', { reason: outcome.reason });
      }
      const delayMs = backoffDelay(attempt++, backoff);
      await sleep(Math.max(delayMs, 50), signal);
    }
  }
}
