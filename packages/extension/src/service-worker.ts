/// <reference lib="dom" />
/**
 * The extension's service worker: the only part that talks to the agent, over Chromium native
 * messaging (host `com.steno.agent`). It holds no credential. From the agent it learns whether
 * capture is allowed (lease, pause) and the site rules; it tells each tab's content script its
 * level (never for private windows), forwards the content scripts' events stamped with the origin
 * Chromium reports for the sender (not what the page claims), re-checking the site rule first,
 * records tab focus changes, keeps the toolbar badge honest (REC / II / OFF / !) and serves the
 * popup (state, pause / resume, the last minute of what left the browser).
 */
import type { CaptureLevel, StenoEvent } from '@steno/protocol';
import {
  type ContentToWorker,
  EVENTS_PORT,
  type PopupToWorker,
  type PopupView,
  type ScopeMessage,
} from './messages.ts';
import {
  type AppRuleView,
  decideSite,
  OUT_OF_SCOPE,
  type SiteDecision,
  type SiteRuleView,
  webOrigin,
} from './site-scope.ts';

const HOST_NAME = 'com.steno.agent';
const RECENT_MS = 60_000;

interface AgentView {
  capture: 'capturing' | 'paused' | 'no_lease' | 'no_agent';
  sites: SiteRuleView[];
  /** The lease's app rules for the name switch (`names: false`). */
  apps: AppRuleView[];
}

let agent: AgentView = { capture: 'no_agent', sites: [], apps: [] };
/** Set by the popup's pause until the agent confirms it: capture stops here at once. */
let pausedLocally = false;
let port: chrome.runtime.Port | undefined;
let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
const recent: { t: number; what: string }[] = [];

function capturing(): boolean {
  return agent.capture === 'capturing' && !pausedLocally;
}

function decideTab(tab: chrome.tabs.Tab | undefined): SiteDecision {
  if (!tab || tab.incognito || !capturing()) return OUT_OF_SCOPE;
  return decideSite(agent.sites, webOrigin(tab.url), agent.apps);
}

function connect(): void {
  clearTimeout(reconnectTimer);
  try {
    port = chrome.runtime.connectNative(HOST_NAME);
  } catch {
    port = undefined;
    reconnectTimer = setTimeout(connect, 5_000);
    return;
  }
  port.onMessage.addListener(onHostMessage);
  port.onDisconnect.addListener(() => {
    port = undefined;
    setAgent({ capture: 'no_agent', sites: [], apps: [] });
    reconnectTimer = setTimeout(connect, 2_000);
  });
}

function onHostMessage(raw: unknown): void {
  const message = raw as {
    type?: string;
    state?: { capture?: string; sites?: SiteRuleView[]; apps?: AppRuleView[] };
  };
  if (message.type !== 'state' || !message.state) return;
  const capture = message.state.capture;
  const known = capture === 'capturing' || capture === 'paused' || capture === 'no_lease';
  if (capture === 'paused' || capture === 'capturing') pausedLocally = false;
  setAgent({
    capture: known ? capture : 'no_agent',
    sites: message.state.sites ?? [],
    apps: message.state.apps ?? [],
  });
}

function setAgent(next: AgentView): void {
  agent = next;
  void broadcast();
}

/** Tells every tab its level now and updates the badge. */
async function broadcast(): Promise<void> {
  const tabs = await chrome.tabs.query({});
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    const decision = decideTab(tab);
    const message: ScopeMessage = {
      kind: 'scope',
      level: decision.level,
      keepQuery: decision.keepQuery,
      names: decision.names,
    };
    chrome.tabs.sendMessage(tab.id, message).catch(() => {});
    void badge(tab, decision.level);
  }
  void focusChanged();
}

async function badge(tab: chrome.tabs.Tab, level: CaptureLevel): Promise<void> {
  if (tab.id === undefined) return;
  const state = stateFor(level);
  const [text, color, title] =
    state === 'capturing'
      ? ['REC', '#c62828', 'Steno is recording this site']
      : state === 'paused'
        ? ['II', '#757575', 'Steno is paused']
        : state === 'out_of_scope'
          ? ['OFF', '#9e9e9e', 'Steno does not record this site']
          : [
              '!',
              '#f9a825',
              state === 'no_lease' ? 'Steno has no capture lease' : 'Steno agent not reachable',
            ];
  await chrome.action.setBadgeText({ tabId: tab.id, text }).catch(() => {});
  await chrome.action.setBadgeBackgroundColor({ tabId: tab.id, color }).catch(() => {});
  await chrome.action.setTitle({ tabId: tab.id, title }).catch(() => {});
}

function stateFor(level: CaptureLevel): string {
  if (pausedLocally || agent.capture === 'paused') return 'paused';
  if (agent.capture !== 'capturing') return agent.capture;
  return level === 'none' ? 'out_of_scope' : 'capturing';
}

function post(items: { origin: string; event: StenoEvent }[], blur = false): void {
  if (!port || (items.length === 0 && !blur)) return;
  port.postMessage({ type: 'events', post: { v: 1, items, ...(blur ? { blur: true } : {}) } });
  const now = Date.now();
  for (const { event } of items) recent.push({ t: event.t, what: summary(event) });
  while (recent.length > 0 && (recent[0]?.t ?? now) < now - RECENT_MS) recent.shift();
}

function summary(e: StenoEvent): string {
  switch (e.type) {
    case 'element':
      return `${e.action} ${e.role}${e.name ? ` "${e.name}"` : ''}`;
    case 'key':
      return e.dir === 'down' ? `key ${e.mods.length ? `${e.mods.join('+')}+` : ''}${e.key}` : 'key up';
    case 'navigate':
      return `open ${e.origin}${e.path}`;
    case 'focus':
      return `tab ${e.app}`;
    case 'redaction':
      return `[${e.entity} removed]`;
    default:
      return e.type;
  }
}

let focusedOrigin: string | undefined;
/** Records a change of the focused tab: its origin if in scope, else only that focus left. */
async function focusChanged(): Promise<void> {
  const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  const decision = decideTab(tab);
  const origin = decision.level === 'none' ? undefined : webOrigin(tab?.url);
  if (origin === focusedOrigin) return;
  focusedOrigin = origin;
  if (origin) post([{ origin, event: { type: 'focus', t: Date.now(), app: origin } }]);
  else post([], true);
}

/** Only top-level content scripts of this extension, in normal windows, are listened to. */
function fromTopContentScript(sender: chrome.runtime.MessageSender | undefined): boolean {
  return (
    sender !== undefined &&
    sender.id === chrome.runtime.id &&
    sender.tab !== undefined &&
    sender.frameId === 0 &&
    webOrigin(sender.url) !== undefined
  );
}

/** Forwards a content script's events, stamped with the sender's origin, if its tab (as it is now) is in scope. */
function receiveEvents(events: unknown, sender: chrome.runtime.MessageSender, tab: chrome.tabs.Tab): void {
  if (!Array.isArray(events)) return;
  const decision = decideTab(tab);
  const origin = webOrigin(sender.url ?? tab.url);
  if (decision.level === 'none' || !origin || webOrigin(tab.url) !== origin) return;
  post((events as StenoEvent[]).slice(0, 1_000).map((event) => ({ origin, event })));
}

// Event batches come on a port per page. A port's sender describes the tab when it connected, so
// each batch is judged by the tab as it is now, in arrival order.
chrome.runtime.onConnect.addListener((p) => {
  if (p.name !== EVENTS_PORT || !fromTopContentScript(p.sender)) return;
  const sender = p.sender as chrome.runtime.MessageSender;
  const tabId = sender.tab?.id;
  if (tabId === undefined) return;
  let queue = Promise.resolve();
  p.onMessage.addListener((raw) => {
    const message = raw as Partial<ContentToWorker> | undefined;
    if (message?.kind !== 'events') return;
    queue = queue
      .then(() => chrome.tabs.get(tabId))
      .then((tab) => receiveEvents(message.events, sender, tab))
      .catch(() => {});
  });
});

chrome.runtime.onMessage.addListener((raw, sender, sendResponse) => {
  const message = raw as ContentToWorker | PopupToWorker;
  if (message.kind === 'hello' || message.kind === 'events') {
    if (!fromTopContentScript(sender)) return undefined;
    const tab = sender.tab as chrome.tabs.Tab;
    if (message.kind === 'hello') {
      const decision = decideTab(tab);
      sendResponse({
        kind: 'scope',
        level: decision.level,
        keepQuery: decision.keepQuery,
        names: decision.names,
      } satisfies ScopeMessage);
      return undefined;
    }
    receiveEvents(message.events, sender, tab);
    return undefined;
  }
  // The popup (an extension page), never a web page.
  if (sender.id !== chrome.runtime.id || !sender.url?.startsWith(chrome.runtime.getURL(''))) return undefined;
  if (message.kind === 'pause' || message.kind === 'resume') {
    pausedLocally = message.kind === 'pause';
    port?.postMessage({ type: message.kind });
    void broadcast();
  }
  void popupView().then(sendResponse);
  return true;
});

async function popupView(): Promise<PopupView> {
  const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  const decision = decideTab(tab);
  const now = Date.now();
  return {
    state: stateFor(decision.level),
    origin: webOrigin(tab?.url),
    level: decision.level,
    recent: recent.filter((r) => r.t >= now - RECENT_MS).reverse(),
  };
}

chrome.tabs.onActivated.addListener(() => void focusChanged());
chrome.windows.onFocusChanged.addListener(() => void focusChanged());
chrome.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.url === undefined && change.status !== 'loading') return;
  const decision = decideTab(tab);
  chrome.tabs
    .sendMessage(tabId, {
      kind: 'scope',
      level: decision.level,
      keepQuery: decision.keepQuery,
      names: decision.names,
    } satisfies ScopeMessage)
    .catch(() => {});
  void badge(tab, decision.level);
  if (tab.active) void focusChanged();
});

// Diagnostics for the extension's own pages and tests (not reachable from web pages).
(globalThis as { stenoState?: () => unknown }).stenoState = () => ({
  capture: agent.capture,
  pausedLocally,
  sites: agent.sites.length,
});

connect();
