/**
 * Runs every detector over one text and resolves overlaps. Cheap whole-text prefilters (is there a
 * digit? an `@`? a credential word?) decide which detector families run at all, so ordinary prose
 * costs a handful of linear scans.
 */

import { detectContextCredentials } from './credential-context.ts';
import type { Detection, DetectOptions } from './detection.ts';
import { detectEmails } from './email-detector.ts';
import { detectIbans, detectNinos } from './iban-nino-detectors.ts';
import { detectLetteredNationalIds } from './national-ids.ts';
import { detectNumbers } from './number-detectors.ts';
import { compiledRulesFor, detectOrgRules } from './org-rules.ts';
import { detectTokenSecrets } from './secret-detectors.ts';

const HAS_DIGIT = /\d/;
const LETTERS_THEN_DIGITS = /[A-Za-z]{2} ?\d\d/;
const LETTERED_ID_HINT = /\d{7}|[A-Za-z]{6}\d\d|[12] ?\d\d ?\d\d ?(?:\d\d|2[AB]) ?\d{3}/i;

/** Every detection, overlapping ones included (what `explain` shows). */
export function detectAll(text: string, options?: DetectOptions): Detection[] {
  const out: Detection[] = [];
  detectTokenSecrets(text, out);
  detectContextCredentials(text, out);
  if (text.includes('@')) detectEmails(text, out);
  if (HAS_DIGIT.test(text)) {
    detectNumbers(text, out);
    if (LETTERS_THEN_DIGITS.test(text)) {
      detectIbans(text, out);
      detectNinos(text, out);
    }
    if (LETTERED_ID_HINT.test(text)) detectLetteredNationalIds(text, out);
  }
  if (options?.rules) detectOrgRules(text, compiledRulesFor(options.rules), out);
  return out;
}

/**
 * Merges overlapping detections into disjoint spans in text order; a merged span keeps the entity
 * and detector of the detection that starts first (the longest, on a tie).
 */
export function mergeDetections(all: Detection[]): Detection[] {
  if (all.length <= 1) return all.slice();
  const sorted = all.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Detection[] = [];
  let cur = { ...(sorted[0] as Detection) };
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i] as Detection;
    if (d.start < cur.end) {
      if (d.end > cur.end) cur.end = d.end;
    } else {
      out.push(cur);
      cur = { ...d };
    }
  }
  out.push(cur);
  return out;
}

/** Disjoint detections of secrets and identifiers in `text`, in order. */
export function detect(text: string, options?: DetectOptions): Detection[] {
  return mergeDetections(detectAll(text, options));
}
