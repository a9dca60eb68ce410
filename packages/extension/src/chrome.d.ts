/**
 * The small part of the Chromium extension API Steno uses (no @types/chrome in the repository).
 * Only what the content script, the service worker and the popup call is declared.
 */
interface ChromeEvent<T> {
  addListener(callback: T): void;
  removeListener(callback: T): void;
}

declare namespace chrome {
  namespace runtime {
    interface Port {
      readonly name: string;
      readonly sender?: MessageSender;
      postMessage(message: unknown): void;
      disconnect(): void;
      readonly onMessage: ChromeEvent<(message: unknown) => void>;
      readonly onDisconnect: ChromeEvent<(port: Port) => void>;
    }
    interface MessageSender {
      tab?: tabs.Tab;
      frameId?: number;
      id?: string;
      url?: string;
      origin?: string;
    }
    const id: string;
    const lastError: { message?: string } | undefined;
    function connectNative(application: string): Port;
    function connect(info: { name: string }): Port;
    const onConnect: ChromeEvent<(port: Port) => void>;
    function sendMessage(message: unknown): Promise<unknown>;
    function getURL(path: string): string;
    const onMessage: ChromeEvent<
      (
        message: unknown,
        sender: MessageSender,
        sendResponse: (response?: unknown) => void,
      ) => boolean | undefined
    >;
  }
  namespace tabs {
    interface Tab {
      id?: number;
      windowId: number;
      url?: string;
      active: boolean;
      incognito: boolean;
    }
    function get(tabId: number): Promise<Tab>;
    function query(query: { active?: boolean; lastFocusedWindow?: boolean }): Promise<Tab[]>;
    function sendMessage(tabId: number, message: unknown): Promise<unknown>;
    const onActivated: ChromeEvent<(info: { tabId: number; windowId: number }) => void>;
    const onUpdated: ChromeEvent<
      (tabId: number, change: { url?: string; status?: string }, tab: Tab) => void
    >;
  }
  namespace windows {
    const WINDOW_ID_NONE: number;
    const onFocusChanged: ChromeEvent<(windowId: number) => void>;
  }
  namespace action {
    function setBadgeText(details: { text: string; tabId?: number }): Promise<void>;
    function setBadgeBackgroundColor(details: { color: string; tabId?: number }): Promise<void>;
    function setTitle(details: { title: string; tabId?: number }): Promise<void>;
  }
  namespace extension {
    const inIncognitoContext: boolean;
  }
}
