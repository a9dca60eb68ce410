/**
 * Browser capture as an `EventSource`: events the extension sends (through the native messaging
 * host and the control server) enter the same privacy stage, batcher, spool and uploader as desktop
 * events. The extension gates and filters on its side; this side does it all again (defence in
 * depth): lease and contributor pause, the lease's site rules for the sender's origin, the level
 * cut (`actions` keeps shortcuts, no characters), the query string and fragment unless the site
 * rule keeps them, and the privacy filter over every string an element or navigation carries.
 */
import { type DetectOptions, redactText } from '@steno/privacy';
import type { ElementEvent, FocusEvent, NavigateEvent, StenoEvent } from '@steno/protocol';
import { EventQueue } from '../event-queue.ts';
import type { EventSource, SourceItem } from '../event-source.ts';
import type { LeaseHolder } from '../lease-holder.ts';
import type { LogFn } from '../log.ts';
import { applyLevel } from '../scope-gate.ts';
import {
  BROWSER_EVENT_TYPES,
  type BrowserCapture,
  BrowserPost,
  type BrowserReceipt,
  type BrowserState,
} from './browser-wire.ts';

/** Where the browser source learns whether capture is allowed: the desktop source's lease and pause. */
export interface BrowserGate {
  lease(): LeaseHolder | undefined;
  contributorPaused(): boolean;
}

export interface BrowserSourceOptions {
  gate: BrowserGate;
  /** Organisation rules for the string fields (the same the privacy stage uses). */
  detect?: DetectOptions | undefined;
  log?: LogFn | undefined;
  /** Sees every body the extension sent, before anything else (tests assert what left the page). */
  onWire?: ((body: unknown) => void) | undefined;
}

export type ReceiveOutcome = { ok: true; receipt: BrowserReceipt } | { ok: false; error: 'SCHEMA_INVALID' };

export class BrowserSource implements EventSource {
  readonly #options: BrowserSourceOptions;
  readonly #out = new EventQueue();
  #focusOrigin: string | undefined;
  #lastT = 0;
  #received = 0;
  #dropped = 0;

  constructor(options: BrowserSourceOptions) {
    this.#options = options;
  }

  get counts(): { received: number; dropped: number } {
    return { received: this.#received, dropped: this.#dropped };
  }

  /** Whether capture is allowed now and the site rules the extension must enforce. */
  state(): BrowserState {
    const lease = this.#options.gate.lease();
    const view = lease?.view() ?? { kind: 'none' as const };
    let capture: BrowserCapture = 'capturing';
    let reason: string | undefined;
    if (view.kind === 'paused') [capture, reason] = ['paused', 'LEASE_PAUSED'];
    else if (this.#options.gate.contributorPaused()) [capture, reason] = ['paused', 'CONTRIBUTOR_PAUSED'];
    else if (view.kind === 'expired') [capture, reason] = ['no_lease', 'LEASE_EXPIRED'];
    else if (view.kind === 'none') [capture, reason] = ['no_lease', 'NO_LEASE'];
    const policyVersion = view.kind === 'none' ? undefined : view.lease.policyVersion;
    const sites = (lease?.scope?.sites ?? []).map((r) => ({
      origin: r.origin,
      level: r.level,
      ...(r.keepQuery ? { keepQuery: true } : {}),
    }));
    const apps = (view.kind === 'none' ? [] : view.lease.scope.apps).map((r) => ({
      app: r.app,
      ...(r.title !== undefined ? { title: r.title } : {}),
      names: r.names !== false,
    }));
    const key = `${capture}|${reason ?? ''}|${policyVersion ?? ''}`;
    return { v: 1, key, capture, reason, policyVersion, sites, apps };
  }

  /** Takes one post from the extension: parsed, gated and filtered here; returns how many were kept. */
  receive(body: unknown): ReceiveOutcome {
    this.#options.onWire?.(body);
    const parsed = BrowserPost.safeParse(body);
    if (!parsed.success) return { ok: false, error: 'SCHEMA_INVALID' };
    const { items, blur } = parsed.data;
    const state = this.state();
    const scope = this.#options.gate.lease()?.scope;
    let accepted = 0;
    for (const { origin, event } of items) {
      const rule = state.capture === 'capturing' ? scope?.siteRule(origin) : undefined;
      const kept = rule ? this.#admit(origin, event, rule.level, rule.keepQuery === true) : undefined;
      if (!kept) continue;
      this.#push(origin, kept);
      accepted += 1;
    }
    if (blur) this.#focusOrigin = undefined;
    this.#received += accepted;
    this.#dropped += items.length - accepted;
    if (items.length > accepted)
      this.#options.log?.('debug', 'browser_events_dropped', { dropped: items.length - accepted });
    if (accepted > 0) this.#out.wake();
    return { ok: true, receipt: { v: 1, accepted, dropped: items.length - accepted } };
  }

  async *events(fromCursor: number, signal: AbortSignal): AsyncGenerator<SourceItem> {
    let cursor = fromCursor;
    for await (const event of this.#out.drain(signal)) {
      cursor += 1;
      yield { event, cursor };
    }
  }

  forget(sinceMs: number): void {
    this.#out.dropFrom(sinceMs);
    this.#focusOrigin = undefined;
  }

  /** Gate and filter one event for its site's level; undefined: not captured. */
  #admit(
    origin: string,
    event: StenoEvent,
    level: 'none' | 'actions' | 'full',
    keepQuery: boolean,
  ): StenoEvent | undefined {
    if (level === 'none' || !BROWSER_EVENT_TYPES.has(event.type)) return undefined;
    // At `actions` a marker would say that something was typed: nothing typed leaves at all.
    if (level === 'actions' && event.type === 'redaction') return undefined;
    const cut = applyLevel(event, level);
    if (!cut) return undefined;
    const detect = this.#options.detect;
    const clean = (text: string): string => redactText(text, detect).text;
    switch (cut.type) {
      case 'focus':
        return cut.app === origin
          ? ({ type: 'focus', t: cut.t, app: origin } satisfies FocusEvent)
          : undefined;
      case 'navigate': {
        if (cut.origin !== origin) return undefined;
        const nav: NavigateEvent = {
          type: 'navigate',
          t: cut.t,
          origin,
          path: clean(cut.path),
          kind: cut.kind,
        };
        if (keepQuery && cut.query !== undefined) nav.query = clean(cut.query);
        if (keepQuery && cut.fragment !== undefined) nav.fragment = clean(cut.fragment);
        return nav;
      }
      case 'element': {
        const { name, value, ...rest } = cut;
        const out: ElementEvent = { ...rest, selector: clean(cut.selector) };
        if (name !== undefined) out.name = clean(name);
        if (value !== undefined) out.value = clean(value);
        return out;
      }
      case 'scroll':
        return cut.selector === undefined ? cut : { ...cut, selector: clean(cut.selector) };
      default:
        return cut;
    }
  }

  /** Queues an event after the focus of its origin, in time order (a late event is moved up to the last time). */
  #push(origin: string, event: StenoEvent): void {
    const t = Math.max(event.t, this.#lastT);
    if (event.type === 'focus') {
      if (this.#focusOrigin === origin) return;
    } else if (this.#focusOrigin !== origin) {
      this.#out.push({ type: 'focus', t, app: origin });
    }
    this.#focusOrigin = origin;
    this.#lastT = t;
    this.#out.push(t === event.t ? event : { ...event, t });
  }
}
