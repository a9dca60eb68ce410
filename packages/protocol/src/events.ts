/**
 * The one event model of Steno. Every capture source (OS hooks, browser, replay file)
 * produces these, and nothing else travels from a device to the server.
 */
import { z } from 'zod';
import { EpochMs } from './ids.ts';

export const Modifier = z.enum(['shift', 'ctrl', 'alt', 'meta']);
export type Modifier = z.infer<typeof Modifier>;
const Mods = z.array(Modifier).max(4);
const Coord = z.number().int().min(-100_000).max(100_000);

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

/** An explicit task boundary set by the contributor. */
export const TaskEvent = z
  .object({ type: z.literal('task'), t: EpochMs, label: z.string().max(200).optional() })
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
]);
export type StenoEvent = z.infer<typeof StenoEvent>;
export type KeyEvent = z.infer<typeof KeyEvent>;
export type ButtonEvent = z.infer<typeof ButtonEvent>;
export type WheelEvent = z.infer<typeof WheelEvent>;
export type PathEvent = z.infer<typeof PathEvent>;
export type FocusEvent = z.infer<typeof FocusEvent>;
export type RedactionEvent = z.infer<typeof RedactionEvent>;
