/**
 * Text in, text out: the functions behind `steno redact` for people who write rules. Entities are
 * replaced by `[EMAIL]`, `[SECRET]`, ...; `explain` says which detector fired where, without
 * repeating what it matched.
 */
import type { EntityType } from '@steno/protocol';
import { detect, detectAll } from './detect.ts';
import { type Detection, type DetectOptions, entityToken } from './detection.ts';

export function redactText(text: string, options?: DetectOptions): { text: string; detections: Detection[] } {
  const detections = detect(text, options);
  if (detections.length === 0) return { text, detections };
  let out = '';
  let pos = 0;
  for (const d of detections) {
    out += text.slice(pos, d.start) + entityToken(d.entity);
    pos = d.end;
  }
  return { text: out + text.slice(pos), detections };
}

export interface Explanation {
  /** The redacted text, as `redactText` gives it. */
  text: string;
  /** Every detector that fired, overlapping ones included, in text order. */
  findings: { entity: EntityType; detector: string; start: number; end: number; kept: boolean }[];
  /** One human-readable line per finding: `12-32 API_KEY aws-access-key`. */
  lines: string[];
}

/**
 * Explains a redaction: which detector fired on which span. `kept` is false when the finding was
 * absorbed into an overlapping one. Matched characters are never repeated.
 */
export function explain(text: string, options?: DetectOptions): Explanation {
  const all = detectAll(text, options).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged = detect(text, options);
  const redacted = redactText(text, options).text;
  const findings = all.map((d) => ({
    entity: d.entity,
    detector: d.detector,
    start: d.start,
    end: d.end,
    kept: merged.some((m) => m.start === d.start && m.end === d.end && m.detector === d.detector),
  }));
  const lines = findings.map(
    (f) => `${f.start}-${f.end} ${f.entity} ${f.detector}${f.kept ? '' : ' (within another finding)'}`,
  );
  return { text: redacted, findings, lines };
}
