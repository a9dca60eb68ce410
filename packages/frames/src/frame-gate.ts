/**
 * Whether a frame may be taken now (DESIGN invariants 1 and 8 for pixels): a current, active
 * lease; no contributor pause; the window acted on in a scope that allows frames; no out-of-scope
 * window covering it. Default deny, with the reason. The lease is read through a function so the
 * gate always sees the lease as it stands (the agent's `LeaseHolder.view()` fits as is).
 */
import type { CaptureLease } from '@steno/protocol';
import { FrameScope, type ScopedWindow } from './frame-scope.ts';

/** The lease as the holder sees it (the agent's `LeaseView`). */
export type FrameLeaseView =
  | { readonly kind: 'none' }
  | { readonly kind: 'expired' | 'paused' | 'active'; readonly lease: CaptureLease };

export type FrameGateReason =
  | 'NO_LEASE'
  | 'LEASE_EXPIRED'
  | 'LEASE_PAUSED'
  | 'CONTRIBUTOR_PAUSED'
  | 'NOT_IN_SCOPE'
  | 'TARGET_COVERED';

export type FrameGateDecision = { ok: true; scope: FrameScope } | { ok: false; reason: FrameGateReason };

export interface FrameGateOptions {
  lease: () => FrameLeaseView;
  /** The contributor's own pause. */
  contributorPaused: () => boolean;
  /** Built-in exclusions; the agent passes its `isBuiltinExcluded` (default: the same list, copied). */
  excluded?: ((window: ScopedWindow) => boolean) | undefined;
}

export class FrameGate {
  readonly #options: FrameGateOptions;
  #cache: { key: string; scope: FrameScope } | undefined;

  constructor(options: FrameGateOptions) {
    this.#options = options;
  }

  /**
   * The decision at `now`. Without a window: may a capture start at all (lease, pauses)? With
   * one: may a frame show it (its scope allows frames; `covered`: an out-of-scope window lies over it)?
   */
  check(now: number, window?: ScopedWindow, covered = false): FrameGateDecision {
    const view = this.#options.lease();
    if (view.kind === 'none') return { ok: false, reason: 'NO_LEASE' };
    const lease = view.lease;
    if (view.kind === 'expired' || now >= lease.expiresAt) return { ok: false, reason: 'LEASE_EXPIRED' };
    if (view.kind === 'paused' || lease.state !== 'active') return { ok: false, reason: 'LEASE_PAUSED' };
    if (this.#options.contributorPaused()) return { ok: false, reason: 'CONTRIBUTOR_PAUSED' };
    const scope = this.#scopeOf(lease);
    if (window !== undefined) {
      if (!scope.allowsFrames(window)) return { ok: false, reason: 'NOT_IN_SCOPE' };
      if (covered) return { ok: false, reason: 'TARGET_COVERED' };
    }
    return { ok: true, scope };
  }

  #scopeOf(lease: CaptureLease): FrameScope {
    const key = `${lease.leaseId}\0${lease.policyVersion}`;
    if (this.#cache?.key !== key)
      this.#cache = { key, scope: new FrameScope(lease.scope, this.#options.excluded) };
    return this.#cache.scope;
  }
}
