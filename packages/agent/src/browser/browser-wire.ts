/**
 * What travels between the browser extension and the agent (through the native messaging host and
 * the control server on 127.0.0.1). The extension sends events it has already gated and filtered;
 * the agent parses, gates and filters them again, so a faulty or hostile extension gains nothing.
 */
import { type CaptureLevel, StenoEvent } from '@steno/protocol';
import { z } from 'zod';

/** The event types a browser may send; desktop-only ones (button, wheel, path, task) are refused. */
export const BROWSER_EVENT_TYPES: ReadonlySet<StenoEvent['type']> = new Set([
  'key',
  'paste',
  'redaction',
  'element',
  'navigate',
  'scroll',
  'focus',
]);

/** A web origin as the browser reports it: scheme, host and optional port, nothing else. */
export const WebOrigin = z
  .string()
  .max(256)
  .regex(/^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/, 'an http(s) origin');

export const BrowserItem = z
  .object({
    /** The origin of the page the event happened in, as Chromium reported the sender (not the page). */
    origin: WebOrigin,
    event: StenoEvent,
  })
  .strict();
export type BrowserItem = z.infer<typeof BrowserItem>;

export const BrowserPost = z
  .object({
    v: z.literal(1),
    items: z.array(BrowserItem).max(1_000),
    /** The browser's focus left every in-scope tab (another window, an out-of-scope or private tab). */
    blur: z.boolean().optional(),
  })
  .strict();
export type BrowserPost = z.infer<typeof BrowserPost>;

export type BrowserCapture = 'capturing' | 'paused' | 'no_lease';

/** What the extension needs to gate on its side: whether to capture at all, and the site rules. */
export interface BrowserState {
  v: 1;
  /** Changes whenever anything below changes (the extension long-polls with it). */
  key: string;
  capture: BrowserCapture;
  /** Why not capturing (a gate reason), when that is so. */
  reason: string | undefined;
  policyVersion: number | undefined;
  sites: { origin: string; level: CaptureLevel; keepQuery?: boolean | undefined }[];
  /**
   * The lease's app rules as the name switch needs them (first match wins; `names` false where the
   * rule says `names: false`): the extension's filter follows them for a site as this agent's does
   * for the site's focus (its app is the origin).
   */
  apps?: { app: string; title?: string | undefined; names: boolean }[] | undefined;
}

export interface BrowserReceipt {
  v: 1;
  accepted: number;
  dropped: number;
}
