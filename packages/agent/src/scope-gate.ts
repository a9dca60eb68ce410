/**
 * The scope gate (DESIGN invariant 1): decides, for the window in focus and the capture lease held
 * now, at which level anything may be captured — `none`, `actions` (mouse and shortcuts, no typed
 * text) or `full` — and cuts events down to that level. Default deny: no lease, an expired or
 * paused lease, a contributor pause, an unknown window or a window no rule matches all give
 * `none`, and `none` yields nothing at all, not even a focus event or a key count. Built-in
 * exclusions (password managers; titles suggesting passwords, sign-in, private or incognito
 * browsing) give `none` whatever the policy says.
 */
import { type CompiledScope, isBuiltinExcluded, type WindowInfo } from '@steno/privacy';
import type { CaptureLease, CaptureLevel } from '@steno/protocol';

// The scope itself is evaluated by @steno/privacy, the same code the server's ingest runs.
export {
  applyLevel,
  CompiledScope,
  isBuiltinExcluded,
  minLevel,
  type WindowInfo,
} from '@steno/privacy';

export type GateReason =
  | 'NO_LEASE'
  | 'LEASE_EXPIRED'
  | 'LEASE_PAUSED'
  | 'CONTRIBUTOR_PAUSED'
  | 'NO_FOCUS'
  | 'BUILTIN_EXCLUSION'
  | 'NOT_IN_SCOPE'
  | 'IN_SCOPE';

export interface GateDecision {
  readonly level: CaptureLevel;
  readonly reason: GateReason;
}

export interface GateInput {
  /** The lease as it stands now; see `LeaseHolder.view()`. */
  readonly lease:
    | { readonly kind: 'none' }
    | { readonly kind: 'expired' | 'paused' | 'active'; readonly lease: CaptureLease };
  readonly scope: CompiledScope | undefined;
  readonly contributorPaused: boolean;
  readonly window: WindowInfo | undefined;
}

/** Decides the capture level; default deny, with the reason. */
export function decideLevel(input: GateInput): GateDecision {
  if (input.lease.kind === 'none') return { level: 'none', reason: 'NO_LEASE' };
  if (input.lease.kind === 'expired') return { level: 'none', reason: 'LEASE_EXPIRED' };
  if (input.lease.kind === 'paused') return { level: 'none', reason: 'LEASE_PAUSED' };
  if (input.contributorPaused) return { level: 'none', reason: 'CONTRIBUTOR_PAUSED' };
  if (!input.window) return { level: 'none', reason: 'NO_FOCUS' };
  if (isBuiltinExcluded(input.window)) return { level: 'none', reason: 'BUILTIN_EXCLUSION' };
  const level = input.scope?.levelFor(input.window) ?? 'none';
  return level === 'none' ? { level, reason: 'NOT_IN_SCOPE' } : { level, reason: 'IN_SCOPE' };
}
