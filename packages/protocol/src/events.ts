/**
 * The one event model of Steno. Every capture source (OS hooks, browser, replay file)
 * produces these, and nothing else travels from a device to the server.
 */
import { z } from 'zod';
import { EpochMs } from './ids.ts';
import { LIMITS } from './limits.ts';

export const Modifier = z.enum(['shift', 'ctrl', 'alt', 'meta']);
export type Modifier = z.infer<typeof Modifier>;
const Mods = z.array(Modifier).max(4);
const Coord = z.number().int().min(-100_000).max(100_000);

/**
 * The id that joins an action's triggering event (a button press, the first key of a typing run, a
 * shortcut, the start of a scroll, a focus change) to the frame taken just before it. Opaque: a
 * random per-run prefix and a counter, no time and no content.
 */
export const ActionId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'action ids are 1-64 chars of A-Z a-z 0-9 _ -');
export type ActionId = z.infer<typeof ActionId>;

/** Entity types a redaction marker may carry: the type only, never characters, length or timing. */
export const EntityType = z.enum([
  'SECRET',
  'PASSWORD',
  'PRIVATE_KEY',
  'API_KEY',
  'JWT',
  'CONNECTION_STRING',
  'EMAIL',
  'PHONE',
  'CARD',
  'IBAN',
  'SSN',
  'NINO',
  'NATIONAL_ID',
  'ORG_RULE',
  // issue 16: kinds the privacy filter detects beyond the above
  'PASSPORT',
  'BANK_ACCOUNT',
  'CRYPTO_ADDRESS',
  'IP_ADDRESS',
  'MAC_ADDRESS',
  'PERSON',
  'ADDRESS',
]);
export type EntityType = z.infer<typeof EntityType>;

export const KeyEvent = z
  .object({
    type: z.literal('key'),
    t: EpochMs,
    dir: z.enum(['down', 'up']),
    /** Key name from the layout table: 'a', 'Enter', 'ArrowLeft', 'F5', ... */
    key: z.string().min(1).max(32),
    /** The character the key produced, when the capture level allows typed text. */
    char: z.string().min(1).max(4).optional(),
    mods: Mods,
    /** Set on a key-down that starts an action with a frame (first key of a typing run, a shortcut). */
    actionId: ActionId.optional(),
  })
  .strict();

export const ButtonEvent = z
  .object({
    type: z.literal('button'),
    t: EpochMs,
    dir: z.enum(['down', 'up']),
    button: z.enum(['left', 'right', 'middle', 'back', 'forward']),
    x: Coord,
    y: Coord,
    mods: Mods,
    /** Set on a press that has a frame. */
    actionId: ActionId.optional(),
  })
  .strict();

export const WheelEvent = z
  .object({
    type: z.literal('wheel'),
    t: EpochMs,
    x: Coord,
    y: Coord,
    dx: z.number().int().min(-10_000).max(10_000),
    dy: z.number().int().min(-10_000).max(10_000),
    mods: Mods,
    /** Set on the first wheel event of a scroll that has a frame. */
    actionId: ActionId.optional(),
  })
  .strict();

/** A coalesced mouse path: points are [milliseconds after t, x, y]. */
export const PathEvent = z
  .object({
    type: z.literal('path'),
    t: EpochMs,
    points: z
      .array(z.tuple([z.number().int().min(0).max(3_600_000), Coord, Coord]))
      .min(1)
      .max(2_000),
  })
  .strict();

export const FocusEvent = z
  .object({
    type: z.literal('focus'),
    t: EpochMs,
    /** Application identity: WM_CLASS, process name or site origin. */
    app: z.string().min(1).max(128),
    title: z.string().max(512).optional(),
    screen: z
      .object({ w: z.number().int().min(1).max(100_000), h: z.number().int().min(1).max(100_000) })
      .strict()
      .optional(),
    /** Set on a focus change that has a frame. */
    actionId: ActionId.optional(),
  })
  .strict();

export const RedactionEvent = z
  .object({
    type: z.literal('redaction'),
    t: EpochMs,
    entity: EntityType,
  })
  .strict();

/** A paste shortcut: recorded as an action with no content. */
export const PasteEvent = z.object({ type: z.literal('paste'), t: EpochMs }).strict();

/**
 * A task marker set by the contributor (issue 17, additive to v1). `start` opens a task (its label
 * is what the contributor set out to do, filtered on the device like typed text), `name` names or
 * renames the open task, `end` closes it done and `abandon` closes it given up. An episode is then
 * the task, across applications. A marker without `phase` (older agents) is a bare boundary.
 */
export const TaskPhase = z.enum(['start', 'name', 'end', 'abandon']);
export type TaskPhase = z.infer<typeof TaskPhase>;

export const TaskEvent = z
  .object({
    type: z.literal('task'),
    t: EpochMs,
    label: z.string().max(200).optional(),
    phase: TaskPhase.optional(),
    /** The device's opaque id of the task (a random token, no content): joins its markers. */
    taskId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'task ids are 1-64 chars of A-Z a-z 0-9 _ -')
      .optional(),
  })
  .strict();

/**
 * Browser capture (protocol additions, still v1: new members of the union, nothing existing
 * changed). Strings in them (accessible name, option label, selector, path) have passed the
 * on-device privacy filter; typed text from a web page travels as ordinary `key` events, and a
 * tab in focus as a `focus` event whose `app` is the site origin.
 */
const PageCoord = z.number().int().min(-10_000_000).max(10_000_000);
const Extent = z.number().int().min(0).max(10_000_000);
/** A rectangle in CSS pixels: page coordinates (document origin) or screen coordinates. */
export const Box = z.object({ x: PageCoord, y: PageCoord, w: Extent, h: Extent }).strict();
export type Box = z.infer<typeof Box>;

/**
 * An action on an element, with the element's semantics (what computer-use models learn): a web
 * page element from the browser extension, or (issue 17, additive to v1: `source: 'desktop'`, the
 * `type` action, `states`, and `tag` / `page` optional for it) a desktop element read from the
 * accessibility tree (AT-SPI) at a click or where typing started. A password field yields none.
 */
export const ElementEvent = z
  .object({
    type: z.literal('element'),
    t: EpochMs,
    /** Absent: the browser extension. `desktop`: the agent's accessibility reader. */
    source: z.literal('desktop').optional(),
    /**
     * `select`: an option chosen in a dropdown or a radio button; `check`/`uncheck`: a checkbox;
     * `type`: typing started in this element (it had the keyboard focus).
     */
    action: z.enum(['click', 'double_click', 'right_click', 'select', 'check', 'uncheck', 'type']),
    /**
     * ARIA role, explicit or implicit from the tag: 'button', 'link', 'menuitem', 'combobox', ...;
     * on the desktop the AT-SPI role name: 'push button', 'text', 'check box', ...
     */
    role: z.string().min(1).max(64),
    /** Accessible name (filtered); absent where it would be content rather than a label. */
    name: z.string().max(256).optional(),
    /** Lower-case tag name (web pages; absent on the desktop). */
    tag: z.string().min(1).max(32).optional(),
    /**
     * Finds the element again: on a web page a CSS selector (ids, test ids, names, else a short
     * path); on the desktop its accessibility path from the window, `dialog "Title" > filler >
     * push button "OK"` (names filtered).
     */
    selector: z.string().min(1).max(512),
    /** Desktop: the AT-SPI states set (`focused`, `checked`, `sensitive`, ...). */
    states: z
      .array(z.string().regex(/^[a-z_]{1,32}$/))
      .max(48)
      .optional(),
    /** Bounding box in page coordinates (web pages; absent on the desktop). */
    page: Box.optional(),
    /** The same box in screen coordinates (to join the desktop click at the same place). */
    screen: Box,
    /** Pointer position in screen coordinates, for clicks. */
    x: Coord.optional(),
    y: Coord.optional(),
    /** The chosen option's label for `select` on a dropdown (filtered); never a text field's value. */
    value: z.string().max(256).optional(),
    mods: Mods,
  })
  .strict();

/** A page navigation in a browser tab: origin and path; query and fragment only if the scope keeps them. */
export const NavigateEvent = z
  .object({
    type: z.literal('navigate'),
    t: EpochMs,
    origin: z.string().min(1).max(256),
    path: z.string().min(1).max(2048),
    query: z.string().max(2048).optional(),
    fragment: z.string().max(1024).optional(),
    /** `load`: a document loaded; `history`: the page changed its URL itself (single-page apps). */
    kind: z.enum(['load', 'history']),
  })
  .strict();

/** A scroll of a page (or of one element, named by `selector`), coalesced: deltas and the position after. */
export const ScrollEvent = z
  .object({
    type: z.literal('scroll'),
    t: EpochMs,
    dx: PageCoord,
    dy: PageCoord,
    x: PageCoord,
    y: PageCoord,
    selector: z.string().min(1).max(512).optional(),
  })
  .strict();

/**
 * Frames (issue 11, additive to v1): a screenshot taken just before an action, redacted in pixels
 * on the device (DESIGN invariant 2) before it was encoded. It travels in the batch right before
 * the event that carries the same `actionId`, with that event's time. The metadata maps screen
 * coordinates into the image; it carries no title and no text.
 */
const FrameExtent = z.number().int().min(0).max(100_000);
const FrameRect = z.object({ x: Coord, y: Coord, width: FrameExtent, height: FrameExtent }).strict();
/** Standard base64 of a RIFF/WEBP file ("RIFF" encodes as "UklGR"). */
const WebpBase64 = z
  .string()
  .min(16)
  .max(LIMITS.maxFrameBase64Chars)
  .regex(/^UklGR[A-Za-z0-9+/]*={0,2}$/, 'base64 of a WebP file');

export const FrameEventMeta = z
  .object({
    /** `before`: the screen as the action began; `after`: as it ended. */
    kind: z.enum(['before', 'after']),
    /** The application of the window acted on (in scope with frames allowed). */
    app: z.string().min(1).max(128),
    /** Encoded size in pixels. */
    width: z.number().int().min(1).max(16_384),
    height: z.number().int().min(1).max(16_384),
    /** Encoded pixels per screen pixel: frameX = (screenX - origin.x) * scale. */
    scale: z.number().gt(0).max(1),
    /** The screen point at the frame's (0, 0). */
    origin: z.object({ x: Coord, y: Coord }).strict(),
    /** The content rectangle of the window acted on, in screen pixels. */
    window: FrameRect,
    /** The same rectangle in frame pixels. */
    windowInFrame: FrameRect,
  })
  .strict();
export type FrameEventMeta = z.infer<typeof FrameEventMeta>;

export const FrameEvent = z
  .object({
    type: z.literal('frame'),
    t: EpochMs,
    actionId: ActionId,
    /** The redacted image, WebP, standard base64. */
    webp: WebpBase64,
    meta: FrameEventMeta,
  })
  .strict();

export const StenoEvent = z.discriminatedUnion('type', [
  KeyEvent,
  ButtonEvent,
  WheelEvent,
  PathEvent,
  FocusEvent,
  RedactionEvent,
  PasteEvent,
  TaskEvent,
  ElementEvent,
  NavigateEvent,
  ScrollEvent,
  FrameEvent,
]);
export type StenoEvent = z.infer<typeof StenoEvent>;
export type KeyEvent = z.infer<typeof KeyEvent>;
export type ButtonEvent = z.infer<typeof ButtonEvent>;
export type WheelEvent = z.infer<typeof WheelEvent>;
export type PathEvent = z.infer<typeof PathEvent>;
export type FocusEvent = z.infer<typeof FocusEvent>;
export type RedactionEvent = z.infer<typeof RedactionEvent>;
export type ElementEvent = z.infer<typeof ElementEvent>;
export type NavigateEvent = z.infer<typeof NavigateEvent>;
export type ScrollEvent = z.infer<typeof ScrollEvent>;
export type FrameEvent = z.infer<typeof FrameEvent>;
export type TaskEvent = z.infer<typeof TaskEvent>;
