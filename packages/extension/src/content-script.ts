/// <reference lib="dom" />
/**
 * The content script: turns what happens on an in-scope page into events of the one event model,
 * deciding what to mask before an event exists. It records nothing until the service worker says
 * this page's level (default deny), nothing in private windows or sub-frames, nothing about
 * never-captured fields (field-policy.ts), and typed text only in text fields at the `full` level,
 * passed through @steno/privacy here, before anything leaves the page (secrets and personal data
 * become markers that keep no length; people's names and addresses too, unless the lease's app
 * rule for the site says `names: false`). Only events the user caused (`isTrusted`) are recorded.
 *
 * Every listener returns at once while the level is `none`, before it reads anything of the DOM
 * event: from the content script's world each read of an event property or a DOM attribute is a
 * call into the browser, and a page pays for each.
 */
import { createPrivacyFilter, type DetectOptions, type PrivacyFilter, redactText } from '@steno/privacy';
import type {
  CaptureLevel,
  ElementEvent,
  KeyEvent,
  Modifier,
  NavigateEvent,
  StenoEvent,
} from '@steno/protocol';
import { accessibleName, actionTarget, boxes, roleOf, stableSelector } from './element-info.ts';
import { focusedElement, isNeverCaptured } from './field-policy.ts';
import { FieldPolicyCache } from './field-policy-cache.ts';
import { domKey, isShortcut, toKeyEvent } from './key-event.ts';
import { type ContentToWorker, EVENTS_PORT, type ScopeMessage } from './messages.ts';
import { Outbox } from './outbox.ts';
import { cutUrl } from './site-scope.ts';
import { createStringRedactor } from './string-redactor.ts';

/** Typed text is decided after this much quiet at a word boundary (the rest waits for a boundary). */
const IDLE_FLUSH_MS = 1_500;
/** Scroll ends closer than this make one scroll (a burst of wheel notches is one gesture). */
const SCROLL_QUIET_MS = 500;
/** Decided events wait at most this long for the batch they go in (outbox.ts). */
const BATCH_MS = 2_000;

/**
 * A timer for "this much quiet after the last poke". A poke only notes the time; the one timer,
 * when it fires early, re-arms itself for the remainder. Timers are what a content script pays most
 * for per call (setTimeout and clearTimeout cost more than the rest of a keystroke's work), so a
 * burst of typing or scrolling arms one about every `quietMs`, not one per keystroke or frame.
 */
class QuietTimer {
  #last = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  constructor(
    readonly quietMs: number,
    readonly onQuiet: () => void,
  ) {}
  poke(): void {
    this.#last = Date.now();
    this.#timer ??= setTimeout(this.#fire, this.quietMs);
  }
  cancel(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
  #fire = (): void => {
    const wait = this.#last + this.quietMs - Date.now();
    if (wait > 0) {
      this.#timer = setTimeout(this.#fire, wait);
      return;
    }
    this.#timer = undefined;
    this.onQuiet();
  };
}

/** What an element event keeps of the pointer event that caused it. */
interface Pointer {
  screenX: number;
  screenY: number;
  clientX: number;
  clientY: number;
  mods: Modifier[];
}

function main(): void {
  if (chrome.extension.inIncognitoContext || window.top !== window) return;
  // The page's document, looked up once: in the content script's world every use of the global
  // `document` is a call into the browser.
  const doc = document;
  let level: CaptureLevel = 'none';
  let keepQuery = false;
  // Names and addresses detected unless the site's app rule turns them off (`names: false`).
  let names = true;
  let detect: DetectOptions | undefined;
  // The typed-text filter, made at the first key or event that needs it (with the privacy package's
  // tables: a page whose level stays `none` never builds them), and dropped with what it holds when
  // capture stops or the name setting changes.
  let filter: PrivacyFilter | undefined;
  const textFilter = (): PrivacyFilter =>
    (filter ??= createPrivacyFilter(names ? undefined : { names: false }));
  const held = (): number => filter?.held ?? 0;
  let atWordBoundary = true;
  let lastUrl: string | undefined;
  let viewport: { x: number; y: number } | undefined;
  const downs = new Set<string>();
  let pendingScroll: { target: Element | Document; t: number } | undefined;
  const fields = new FieldPolicyCache();
  let redacted = createStringRedactor();

  let eventsPort: chrome.runtime.Port | undefined;
  const openEventsPort = (): chrome.runtime.Port => {
    const p = chrome.runtime.connect({ name: EVENTS_PORT });
    p.onDisconnect.addListener(() => {
      if (eventsPort === p) eventsPort = undefined;
    });
    return p;
  };
  const outbox = new Outbox(
    (events) => {
      const message: ContentToWorker = { kind: 'events', events };
      // A port whose service worker was stopped throws: one more try on a fresh port.
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          eventsPort ??= openEventsPort();
          eventsPort.postMessage(message);
          return;
        } catch {
          eventsPort = undefined;
        }
      }
    },
    { delayMs: BATCH_MS },
  );
  const send = (events: StenoEvent[]): void => {
    if (level === 'none' || events.length === 0) return;
    // A scroll still gathering goes first: events leave in the order they happened.
    if (pendingScroll && events[0]?.type !== 'scroll') settleScroll();
    outbox.add(events);
  };
  // Mid-word, held text waits for a boundary: deciding now could let out half an identifier.
  const idle = new QuietTimer(IDLE_FLUSH_MS, () => {
    if (atWordBoundary && filter) send(filter.softFlush());
  });
  const flushText = (): void => {
    idle.cancel();
    if (filter) send(filter.flush());
  };
  const push = (event: StenoEvent): void => {
    const f = textFilter();
    send(f.push(event));
    if (f.held === 0) return;
    if (atWordBoundary) idle.poke();
  };

  let listenForInput: (on: boolean) => void = () => {};
  const applyScope = (scope: ScopeMessage): void => {
    const was = level;
    const namesNow = scope.names !== false;
    if (namesNow !== names) {
      // What was typed so far is decided under the setting it was typed under.
      if (level !== 'none' && scope.level !== 'none') flushText();
      names = namesNow;
      detect = names ? undefined : { names: false };
      filter = undefined;
      redacted = createStringRedactor(undefined, detect);
    }
    level = scope.level;
    keepQuery = scope.keepQuery;
    if (level === 'none') {
      // Paused or out of scope: whatever the filter holds or the outbox keeps is dropped, not sent.
      idle.cancel();
      filter = undefined;
      outbox.drop();
      pendingScroll = undefined;
      fields.clear();
      downs.clear();
      if (was !== 'none') listenForInput(false);
    } else if (was === 'none') {
      listenForInput(true);
      navigated('load');
    }
  };

  const navigated = (kind: NavigateEvent['kind']): void => {
    if (level === 'none') return;
    const cut = cutUrl(location.href, keepQuery);
    if (!cut) return;
    const key = `${cut.origin}${cut.path}?${cut.query ?? ''}#${cut.fragment ?? ''}`;
    if (key === lastUrl) return;
    lastUrl = key;
    flushText();
    const event: NavigateEvent = {
      type: 'navigate',
      t: Date.now(),
      origin: cut.origin,
      path: redactText(cut.path, detect).text,
      kind,
    };
    if (cut.query !== undefined) event.query = redactText(cut.query, detect).text;
    if (cut.fragment !== undefined) event.fragment = redactText(cut.fragment, detect).text;
    send([event]);
  };

  const viewportOrigin = (p?: Pointer): { x: number; y: number } => {
    if (p && (p.screenX !== 0 || p.clientX !== 0))
      viewport = { x: p.screenX - p.clientX, y: p.screenY - p.clientY };
    return (
      viewport ?? {
        x: window.screenX + (window.outerWidth - window.innerWidth),
        y: window.screenY + (window.outerHeight - window.innerHeight),
      }
    );
  };

  /** A pointer event's fields, each read once (a read is a call into the browser). */
  const pointerOf = (e: MouseEvent): Pointer => {
    const mods: Modifier[] = [];
    if (e.shiftKey) mods.push('shift');
    if (e.ctrlKey) mods.push('ctrl');
    if (e.altKey) mods.push('alt');
    if (e.metaKey) mods.push('meta');
    return { screenX: e.screenX, screenY: e.screenY, clientX: e.clientX, clientY: e.clientY, mods };
  };

  const elementEvent = (
    el: Element,
    action: ElementEvent['action'],
    p: Pointer | undefined,
    extra: { value?: string } = {},
  ): ElementEvent => {
    const role = roleOf(el);
    const name = accessibleName(el, role);
    const coord = (v: number): number => Math.max(-100_000, Math.min(100_000, Math.round(v)));
    const event: ElementEvent = {
      type: 'element',
      t: Date.now(),
      action,
      role,
      tag: el.tagName.toLowerCase().slice(0, 32),
      selector: stableSelector(el, redacted),
      ...boxes(el, viewportOrigin(p)),
      mods: p ? p.mods : [],
    };
    if (name !== undefined) event.name = redacted(name);
    if (p) {
      event.x = coord(p.screenX);
      event.y = coord(p.screenY);
    }
    if (extra.value !== undefined) event.value = redacted(extra.value.slice(0, 256));
    return event;
  };

  const onPointer = (action: ElementEvent['action']) => (e: MouseEvent) => {
    if (level === 'none' || !e.isTrusted) return;
    if (action === 'click' && e.button !== 0) return;
    const el = actionTarget(e.composedPath()[0] ?? e.target);
    if (!el || isNeverCaptured(el)) return;
    flushText();
    send([elementEvent(el, action, pointerOf(e))]);
  };

  const onChange = (e: Event): void => {
    if (level === 'none' || !e.isTrusted) return;
    const el = e.target;
    if (!(el instanceof Element) || isNeverCaptured(el)) return;
    if (el instanceof HTMLSelectElement) {
      const labels = Array.from(el.selectedOptions).map((o) => o.label || o.text);
      flushText();
      send([elementEvent(el, 'select', undefined, { value: labels.join(', ') })]);
    } else if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
      flushText();
      const action = el.type === 'radio' ? 'select' : el.checked ? 'check' : 'uncheck';
      send([elementEvent(el, action, undefined)]);
    }
  };

  // Typed text is decided when focus moves (to another field, by a click, Tab or the page's own
  // script): checked at the first key after the move, not by a focus listener that would run on
  // every click of every button.
  let typedInto: Element | null | undefined;
  const onKey = (dir: 'down' | 'up') => (e: KeyboardEvent) => {
    if (level === 'none' || !e.isTrusted) return;
    // The event's fields, each read once (a read is a call into the browser).
    const k = domKey(e);
    // A key-up whose key-down was not recorded records nothing: nothing more to look up.
    if (dir === 'up' && !downs.has(k.code)) return;
    const target = focusedElement(doc);
    if (target !== typedInto) {
      if (held() > 0) flushText();
      typedInto = target;
    }
    const policy = fields.policy(target);
    if (policy.never) return;
    if (dir === 'up') downs.delete(k.code);
    const typing = level === 'full' && policy.text;
    const event: KeyEvent | undefined = toKeyEvent(k, dir, Date.now(), {
      typing,
      navigation: level === 'full',
    });
    if (!event) return;
    if (dir === 'down') {
      downs.add(k.code);
      atWordBoundary = event.char === undefined || /\s/.test(event.char);
    }
    if (!typing && !isShortcut(event) && held() === 0) send([event]);
    else push(event);
  };

  // Scrolls, coalesced per scrolled element: the delta over a burst and the position after it. Only
  // `scrollend` is listened to (one call per scroll, not one per frame of it); ends closer than
  // SCROLL_QUIET_MS make one burst, which is settled after that quiet or as soon as anything else
  // is recorded.
  const scrollStart = new WeakMap<object, { x: number; y: number }>();
  const position = (target: Element | Document): { x: number; y: number } =>
    target instanceof Element
      ? { x: Math.round(target.scrollLeft), y: Math.round(target.scrollTop) }
      : { x: Math.round(window.scrollX), y: Math.round(window.scrollY) };
  scrollStart.set(doc, position(doc));
  function settleScroll(): void {
    if (!pendingScroll) return;
    const { target, t } = pendingScroll;
    pendingScroll = undefined;
    scrollQuiet.cancel();
    const start = scrollStart.get(target) ?? { x: 0, y: 0 };
    const end = position(target);
    scrollStart.set(target, end);
    if ((end.x === start.x && end.y === start.y) || level === 'none') return;
    const el = target instanceof Element ? target : undefined;
    if (el && isNeverCaptured(el)) return;
    send([
      {
        type: 'scroll',
        t,
        dx: end.x - start.x,
        dy: end.y - start.y,
        x: end.x,
        y: end.y,
        ...(el ? { selector: stableSelector(el, redacted) } : {}),
      },
    ]);
  }
  const scrollQuiet = new QuietTimer(SCROLL_QUIET_MS, settleScroll);
  const onScrollEnd = (e: Event): void => {
    const t = e.target;
    const target = t instanceof Element && t !== doc.scrollingElement ? t : doc;
    if (level === 'none') {
      scrollStart.set(target, position(target));
      return;
    }
    if (pendingScroll && pendingScroll.target !== target) settleScroll();
    pendingScroll = { target, t: Date.now() };
    scrollQuiet.poke();
  };

  // The input listeners are registered only while the page's level is not `none`: a page out of
  // scope, paused or without a lease is never called for its clicks and keys. (Each listener still
  // returns at once at `none`.) The scroll-end listener stays, rare as it is: it keeps the start
  // position of every scrolled element, so the first scroll recorded has its true delta.
  const options = { capture: true, passive: true } as const;
  const inputListeners: [string, (e: never) => void][] = [
    ['click', onPointer('click')],
    ['dblclick', onPointer('double_click')],
    ['contextmenu', onPointer('right_click')],
    ['change', onChange],
    ['keydown', onKey('down')],
    ['keyup', onKey('up')],
  ];
  listenForInput = (on: boolean): void => {
    for (const [type, listener] of inputListeners) {
      if (on) window.addEventListener(type, listener as EventListener, options);
      else window.removeEventListener(type, listener as EventListener, options);
    }
  };
  doc.addEventListener('scrollend', onScrollEnd, options);
  window.addEventListener('pagehide', () => {
    settleScroll();
    flushText();
    outbox.flush();
  });
  // A hidden tab may never run its timers again: what waits goes now.
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'hidden') outbox.flush();
  });
  window.addEventListener('popstate', () => navigated('history'));
  window.addEventListener('hashchange', () => navigated('history'));
  const nav = (window as { navigation?: EventTarget }).navigation;
  nav?.addEventListener('navigatesuccess', () => navigated('history'));
  // A navigation the page starts (a link, a form, a script) sends what waits before the tab's
  // address changes: the service worker drops a batch whose tab shows another origin.
  nav?.addEventListener('navigate', () => outbox.flush());

  chrome.runtime.onMessage.addListener((message) => {
    const m = message as Partial<ScopeMessage> | undefined;
    if (m?.kind === 'scope' && m.level !== undefined) applyScope(m as ScopeMessage);
    return undefined;
  });
  const hello: ContentToWorker = { kind: 'hello' };
  chrome.runtime
    .sendMessage(hello)
    .then((reply) => {
      const m = reply as Partial<ScopeMessage> | undefined;
      if (m?.kind === 'scope' && m.level !== undefined) applyScope(m as ScopeMessage);
    })
    .catch(() => {});
}

main();
