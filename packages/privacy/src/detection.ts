/**
 * The vocabulary of detection: what a detector reports, the organisation's own rules, and the
 * options every entry point (text, stream, server rescan) shares. A detection carries offsets into
 * the text it was run on and the name of the detector, never the matched characters.
 */
import type { EntityType } from '@steno/protocol';

export interface Detection {
  entity: EntityType;
  /** Offset of the first character (UTF-16 code units). */
  start: number;
  /** Offset one past the last character. */
  end: number;
  /** Stable name of the detector that fired, e.g. `aws-access-key`, `email`, `card-luhn`. */
  detector: string;
}

/** One organisation pattern: a regular expression source, matched case-insensitively unless `flags` say otherwise. */
export interface OrgPattern {
  name: string;
  pattern: string;
  flags?: string;
}

/** Organisation rules from the capture policy: patterns and word lists, all reported as ORG_RULE. */
export interface OrgRules {
  patterns?: OrgPattern[];
  /** Whole words or phrases (project code names, customer names), matched case-insensitively. */
  words?: string[];
}

export interface DetectOptions {
  rules?: OrgRules;
  /** Which IP addresses are redacted: `all` (default), `public` (private and local ranges kept) or `none`. */
  ipAddresses?: 'all' | 'public' | 'none';
  /** People's names and postal addresses (default true); an app where they hurt turns them off. */
  names?: boolean;
}

/** The text token that replaces an entity in text output: `[EMAIL]`, `[SECRET]`, ... */
export function entityToken(entity: EntityType): string {
  let token = TOKENS.get(entity);
  if (token === undefined) {
    token = `[${entity}]`;
    TOKENS.set(entity, token);
  }
  return token;
}

/** The tokens made so far (one string per entity type, not one per redaction). */
const TOKENS = new Map<EntityType, string>();

/** Collects detections; detectors push into it so no intermediate arrays are built per detector. */
export type DetectionSink = Detection[];

export function report(
  out: DetectionSink,
  entity: EntityType,
  start: number,
  end: number,
  detector: string,
): void {
  if (end > start) out.push({ entity, start, end, detector });
}
