/**
 * Runs every detector over one text and resolves overlaps. One pass over the character codes
 * (`scanText`) finds the places a detector can match — the literal starts of provider keys, the
 * credential words, runs of digits, letters before digits — and each detector runs only where its
 * necessary condition holds, so ordinary prose costs one loop and a few table lookups.
 */

import { detectContextCredentials } from './credential-context.ts';
import { detectCryptoAddresses } from './crypto-addresses.ts';
import type { Detection, DetectOptions } from './detection.ts';
import { detectEmails } from './email-detector.ts';
import { detectIbans, detectNinos } from './iban-nino-detectors.ts';
import { detectFinnishIds, detectLetteredNationalIds } from './national-ids.ts';
import { detectIpAddresses, detectMacAddresses } from './network-addresses.ts';
import { detectNumbers } from './number-detectors.ts';
import { compiledRulesFor, detectOrgRules } from './org-rules.ts';
import { detectAddresses, detectNames } from './people-detectors.ts';
import { detectTokenSecrets } from './secret-detectors.ts';
import { KEYWORDS, kw, scanText, type TextScan } from './text-scan.ts';
import { detectPassportNumbers, detectTravelDocuments } from './travel-documents.ts';

/** Every detection, overlapping ones included (what `explain` shows). */
export function detectAll(text: string, options?: DetectOptions): Detection[] {
  return detectWithScan(text, scanText(text), options);
}

/** The detectors, gated by `scan` (a test passes a scan that lets everything through). */
export function detectWithScan(text: string, scan: TextScan, options?: DetectOptions): Detection[] {
  const out: Detection[] = [];
  detectTokenSecrets(text, scan.tokenHits, out, scan.telegramAt);
  detectContextCredentials(text, scan, out);
  if (scan.at) detectEmails(text, out);
  if (scan.digits > 0) {
    if (scan.numberStarts.length > 0) detectNumbers(text, scan.numberStarts, out);
    if (scan.ibanStart) detectIbans(text, out, scan.ibanAt);
    if (scan.ninoStart) detectNinos(text, out, scan.ninoAt);
    detectLetteredNationalIds(text, scan, out);
    if (scan.digits >= 9) detectFinnishIds(text, scan.hetuAt, out);
    detectCryptoAddresses(text, scan, out);
    detectIpAddresses(text, options?.ipAddresses ?? 'all', scan, out);
    detectTravelDocuments(text, scan.mrzAt, out);
  }
  detectMacAddresses(text, scan.macAt, out);
  if ((scan.keywords & PASS_WORD) !== 0) detectPassportNumbers(text, out, passStarts(scan.keywordAt));
  if (options?.names !== false) {
    detectNames(text, scan.capitalAt, out);
    if (scan.digits > 0) detectAddresses(text, scan.houseNumberAt, out);
  }
  if (options?.rules) detectOrgRules(text, compiledRulesFor(options.rules), out);
  return out;
}

const PASS_WORD = kw('pass');
const PASS_INDEX = KEYWORDS.indexOf('pass');

/** Where the scan found `pass` (undefined without positions: the detector searches the text). */
function passStarts(keywordAt: readonly number[] | undefined): number[] | undefined {
  if (keywordAt === undefined) return undefined;
  const starts: number[] = [];
  for (let h = 0; h < keywordAt.length; h += 2)
    if (keywordAt[h + 1] === PASS_INDEX) starts.push(keywordAt[h] as number);
  return starts;
}

/**
 * Merges overlapping detections into disjoint spans in text order; a merged span keeps the entity
 * and detector of the detection that starts first (the longest, on a tie).
 */
export function mergeDetections(all: Detection[]): Detection[] {
  if (disjointInOrder(all)) return all.slice();
  return mergeOverlapping(all);
}

/** Merges the detections when some overlap or are out of order (`all` is not changed). */
function mergeOverlapping(all: Detection[]): Detection[] {
  // a stable sort leaves an array already in this order as it is: then there is nothing to sort
  const sorted = inMergeOrder(all) ? all : all.slice().sort(byStartThenLongest);
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

function byStartThenLongest(a: Detection, b: Detection): number {
  return a.start - b.start || b.end - a.end;
}

function inMergeOrder(all: Detection[]): boolean {
  for (let i = 1; i < all.length; i++) {
    if (byStartThenLongest(all[i - 1] as Detection, all[i] as Detection) > 0) return false;
  }
  return true;
}

/** The usual case: the detectors reported disjoint spans in text order, nothing to merge. */
function disjointInOrder(all: Detection[]): boolean {
  let end = 0;
  for (let i = 0; i < all.length; i++) {
    const d = all[i] as Detection;
    if (d.start < end) return false;
    end = d.end;
  }
  return true;
}

/** Disjoint detections of secrets and identifiers in `text`, in order. */
export function detect(text: string, options?: DetectOptions): Detection[] {
  const all = detectWithScan(text, scanText(text, true), options);
  // `all` and its detections are this call's own: when nothing overlaps it is the answer, else it
  // is merged in place (no copies for the collector)
  return disjointInOrder(all) ? all : mergeInPlace(all);
}

/**
 * `mergeOverlapping` for an array and detections nobody else holds: sorted in place, and a merged
 * span is the first detection of it with its end moved. Same result as `mergeOverlapping`.
 */
function mergeInPlace(all: Detection[]): Detection[] {
  if (!inMergeOrder(all)) all.sort(byStartThenLongest);
  let kept = 0;
  let cur = all[0] as Detection;
  for (let i = 1; i < all.length; i++) {
    const d = all[i] as Detection;
    if (d.start < cur.end) {
      if (d.end > cur.end) cur.end = d.end;
    } else {
      all[kept++] = cur;
      cur = d;
    }
  }
  all[kept++] = cur;
  all.length = kept;
  return all;
}
