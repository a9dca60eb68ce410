/**
 * The server's own check of capture permission (DESIGN invariant 1, issue 15): a device's word is
 * not enough. For every event of a batch the server asks, as of the moment the event was captured:
 * did a lease this server issued to this device cover it, and was that lease active; was the
 * contributor's region under a recorded legal basis; had the contributor consented to the notice
 * then in force; was capture paused (program, org unit, device, contributor); was the focused
 * application or site in the scope version of that lease, and at which level. An event that fails
 * any of these is dropped before anything is stored, sealed or queued; only its reason code is
 * kept (a count per code in the acknowledgement). A batch in which nothing may be stored is
 * refused with the first reason. Pure over the facts it is given: `loadPermissionFacts` reads them.
 */
import { applyLevel, type CompiledScope, isBuiltinExcluded, type WindowInfo } from '@steno/privacy';
import type { Batch, CaptureLevel, FocusEvent, PermissionCode, StenoEvent } from '@steno/protocol';

export interface LeaseFact {
  leaseId: string;
  issuedAt: number;
  expiresAt: number;
  policyVersion: number;
  state: 'active' | 'paused';
}

/** What the server knew about this device and contributor over the batch's time span. */
export interface PermissionFacts {
  /** Whether every lease the batch names was issued by this server to this device. */
  namedAll: boolean;
  /** Every lease this server issued to the device over the batch's time span. */
  leases: readonly LeaseFact[];
  /** Pause intervals that touch the device (global, its org unit, the device, the contributor). */
  pauses: readonly { start: number; end: number }[];
  /** When the region's legal basis was recorded; undefined: none. */
  basisSince: number | undefined;
  /** Consent notices in version order, with their publication times. */
  notices: readonly { version: number; publishedAt: number }[];
  /** The contributor's consent decisions in the order they were made. */
  consent: readonly { version: number; decision: 'given' | 'withdrawn'; at: number }[];
  /** The compiled scope of a policy version (immutable per version). */
  scopeOf(version: number): CompiledScope;
}

export type PermissionOutcome =
  | {
      ok: true;
      /** The events that may be stored, in order. */
      events: StenoEvent[];
      /** Events not stored, by reason; empty when all were kept. */
      dropped: Partial<Record<PermissionCode, number>>;
    }
  | { ok: false; code: PermissionCode; message: string; dropped: Partial<Record<PermissionCode, number>> };

const MESSAGES: Record<PermissionCode, string> = {
  LEASE_REQUIRED: 'no capture lease this server issued to the device covers the events',
  LEGAL_BASIS_MISSING: "the contributor's region had no legal basis when the events were captured",
  CONSENT_MISSING: 'the contributor had not consented to the notice in force when the events were captured',
  CAPTURED_WHILE_PAUSED: 'the events were captured while capture was paused',
  OUT_OF_SCOPE: 'the events are from an application or site outside the capture scope',
  LEVEL_EXCEEDED: 'the events carry typed content where the scope allows actions only',
};

const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The window a focus event names: a desktop window, or a browser tab (its `app` is the origin). */
function windowOf(focus: Extract<StenoEvent, { type: 'focus' }>): WindowInfo {
  return { app: focus.app, title: focus.title };
}

/**
 * For the second wall's filter: whether names and addresses are detected in the window a focus
 * event opens, under the scope of the lease in force when it was captured (the app rule's
 * `names: false` turns them off, as on the device). Without a lease in force, names stay on.
 */
export function namesInWindow(facts: PermissionFacts): (focus: FocusEvent) => boolean {
  return (focus) => {
    const lease = leaseAt(facts.leases, focus.t);
    return lease === undefined || facts.scopeOf(lease.policyVersion).namesFor(windowOf(focus));
  };
}

/** The level a window gets under a scope; a browser tab by its site rule alone, as the agent does. */
function levelOf(scope: CompiledScope, window: WindowInfo | undefined): CaptureLevel {
  if (!window || isBuiltinExcluded(window)) return 'none';
  if (ORIGIN.test(window.app)) return scope.siteRule(window.app)?.level ?? 'none';
  return scope.levelFor(window);
}

/** Whether consent to the notice in force at `t` had been given by `t` and not withdrawn since. */
function consentedAt(facts: PermissionFacts, t: number): boolean {
  let notice: number | undefined;
  for (const n of facts.notices) if (n.publishedAt <= t) notice = n.version;
  if (notice === undefined) return false;
  let given = false;
  for (const c of facts.consent) {
    if (c.at > t) continue; // decisions are in the order made; only those made by `t` count
    if (c.version === notice) given = c.decision === 'given';
  }
  return given;
}

/**
 * The lease in force at `t`: the latest issued of the device's leases whose window holds `t` —
 * whether or not the batch names it, so a newer paused or narrower lease cannot be left out.
 */
function leaseAt(leases: readonly LeaseFact[], t: number): LeaseFact | undefined {
  let best: LeaseFact | undefined;
  for (const l of leases)
    if (l.issuedAt <= t && t < l.expiresAt && (!best || l.issuedAt > best.issuedAt)) best = l;
  return best;
}

/**
 * Judges every event of an authenticated, schema-checked batch. Events are judged in order; the
 * focus in effect is the last focus event before an event in the same batch (the agent starts
 * every batch with it), so an event with no focus before it is out of scope.
 */
export function judgeBatch(batch: Batch, facts: PermissionFacts): PermissionOutcome {
  const dropped: Partial<Record<PermissionCode, number>> = {};
  const drop = (code: PermissionCode) => {
    dropped[code] = (dropped[code] ?? 0) + 1;
  };
  // A batch names the leases it was captured under; one naming a lease this server never issued to
  // this device is refused whole (a forged or borrowed lease).
  if (!batch.leases || !facts.namedAll || facts.leases.length === 0) {
    dropped.LEASE_REQUIRED = batch.events.length;
    return { ok: false, code: 'LEASE_REQUIRED', message: MESSAGES.LEASE_REQUIRED, dropped };
  }
  // A frame travels just before the event that carries its action id; a focus change's frame is
  // of the window being focused.
  const focusByAction = new Map<string, WindowInfo>();
  for (const e of batch.events)
    if (e.type === 'focus' && e.actionId !== undefined) focusByAction.set(e.actionId, windowOf(e));

  const kept: StenoEvent[] = [];
  let window: WindowInfo | undefined;
  let first: PermissionCode | undefined;
  // The level changes only with the focus or the lease: computed once per (window, lease).
  let memo: { window: WindowInfo | undefined; lease: LeaseFact; level: CaptureLevel } | undefined;
  const levelAt = (w: WindowInfo | undefined, lease: LeaseFact): CaptureLevel => {
    if (memo && memo.window === w && memo.lease === lease) return memo.level;
    memo = { window: w, lease, level: levelOf(facts.scopeOf(lease.policyVersion), w) };
    return memo.level;
  };
  for (const event of batch.events) {
    if (event.type === 'focus') window = windowOf(event);
    const code = judgeEvent(event, window, focusByAction, facts, levelAt);
    if (code) {
      drop(code);
      first ??= code;
    } else kept.push(event);
  }
  if (kept.length === 0) {
    const code = first ?? 'OUT_OF_SCOPE';
    return { ok: false, code, message: MESSAGES[code], dropped };
  }
  return { ok: true, events: kept, dropped };
}

function judgeEvent(
  event: StenoEvent,
  window: WindowInfo | undefined,
  focusByAction: ReadonlyMap<string, WindowInfo>,
  facts: PermissionFacts,
  levelAt: (window: WindowInfo | undefined, lease: LeaseFact) => CaptureLevel,
): PermissionCode | undefined {
  const t = event.t;
  const lease = leaseAt(facts.leases, t);
  if (!lease) return 'LEASE_REQUIRED';
  if (facts.basisSince === undefined || facts.basisSince > t) return 'LEGAL_BASIS_MISSING';
  if (!consentedAt(facts, t)) return 'CONSENT_MISSING';
  if (lease.state === 'paused') return 'CAPTURED_WHILE_PAUSED';
  for (const p of facts.pauses) if (p.start <= t && t < p.end) return 'CAPTURED_WHILE_PAUSED';
  if (event.type === 'frame') {
    const shown = focusByAction.get(event.actionId) ?? window;
    if (!shown || shown.app.toLowerCase() !== event.meta.app.toLowerCase()) return 'OUT_OF_SCOPE';
    return facts.scopeOf(lease.policyVersion).allowsFrames(shown) ? undefined : 'OUT_OF_SCOPE';
  }
  const level = levelAt(window, lease);
  if (level === 'none') return 'OUT_OF_SCOPE';
  if (level === 'full') return undefined;
  // `actions`: what the agent's gate lets through at this level, unchanged; a marker says that
  // something was typed, so none at this level either.
  if (event.type === 'redaction') return 'LEVEL_EXCEEDED';
  const cut = applyLevel(event, 'actions');
  if (!cut) return 'LEVEL_EXCEEDED';
  if (event.type === 'key' && event.char !== undefined) return 'LEVEL_EXCEEDED';
  return undefined;
}

/** "3 LEASE_REQUIRED, 2 OUT_OF_SCOPE": what was dropped, for a message; codes and counts only. */
export function describeDropped(dropped: Partial<Record<PermissionCode, number>>): string {
  return Object.entries(dropped)
    .map(([code, n]) => `${n} ${code}`)
    .join(', ');
}
