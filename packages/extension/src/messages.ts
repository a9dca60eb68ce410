/** Messages inside the extension: content script ↔ service worker ↔ popup. */
import type { CaptureLevel, StenoEvent } from '@steno/protocol';

/** The service worker's answer to a content script: the level for its page (none: record nothing). */
export interface ScopeMessage {
  kind: 'scope';
  level: CaptureLevel;
  keepQuery: boolean;
  /**
   * Whether the privacy filter looks for people's names and postal addresses on this page: off
   * only where the lease's app rule for the site says `names: false` (absent: on).
   */
  names?: boolean | undefined;
}

export type ContentToWorker = { kind: 'hello' } | { kind: 'events'; events: StenoEvent[] };

/**
 * The name of the port a content script sends its event batches on: one long-lived port per page,
 * since a one-off runtime message opens and closes a channel each time, which costs the page far
 * more than the batch itself.
 */
export const EVENTS_PORT = 'steno-events';

export type PopupToWorker = { kind: 'popup' } | { kind: 'pause' } | { kind: 'resume' };

/** What the popup shows. */
export interface PopupView {
  /** capturing | paused | out_of_scope | no_lease | no_agent */
  state: string;
  origin: string | undefined;
  level: CaptureLevel;
  /** Events that left the browser in the last minute, newest first, as one-line summaries. */
  recent: { t: number; what: string }[];
}
