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
  sortInMergeOrder(all);
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

/** Where each ascending run of the array being sorted starts (then its end), and a scratch array. */
let runBounds = new Int32Array(64);
let scratch: Detection[] = [];

/** `byStartThenLongest(a, b) < 0`, written out (a merge step reads it inline, no call). */
function precedes(a: Detection, b: Detection): boolean {
  return a.start < b.start || (a.start === b.start && a.end > b.end);
}

/**
 * `all.sort(byStartThenLongest)`, the same order (a stable sort has one result): the detectors
 * report in text order each, so `all` is a few ascending runs (23 on the bench's document, 2,860
 * detections), merged here neighbour with neighbour, halves of about equal size first. The
 * built-in sort calls the comparator from outside JavaScript (about 5,400 calls, 16 ns each);
 * here the comparisons are inline: about half the time.
 */
function sortInMergeOrder(all: Detection[]): void {
  const n = all.length;
  let runs = 0;
  runBounds[0] = 0;
  for (let i = 1; i < n; i++) {
    if (precedes(all[i] as Detection, all[i - 1] as Detection)) {
      if (runs + 2 >= runBounds.length) {
        const grown = new Int32Array(2 * runBounds.length);
        grown.set(runBounds);
        runBounds = grown;
      }
      runBounds[++runs] = i;
    }
  }
  if (runs === 0) return;
  runBounds[++runs] = n;
  if (scratch.length < n) scratch = new Array(n);
  mergeRuns(all, 0, runs);
  // the scratch array keeps no detection of this text alive
  scratch.fill(undefined as unknown as Detection, 0, n);
}

/** Sorts runs `r0` to `r1` (exclusive) of `all`: each half of the runs, then the two merged. */
function mergeRuns(all: Detection[], r0: number, r1: number): void {
  if (r1 - r0 < 2) return;
  const lo = runBounds[r0] as number;
  const hi = runBounds[r1] as number;
  const half = (lo + hi) >> 1;
  // the run boundary nearest the middle element, with a run on each side
  let m = r0 + 1;
  while (m < r1 - 1 && (runBounds[m + 1] as number) <= half) m++;
  if (m + 1 < r1 && (runBounds[m + 1] as number) - half < half - (runBounds[m] as number)) m++;
  mergeRuns(all, r0, m);
  mergeRuns(all, m, r1);
  mergeHalves(all, lo, runBounds[m] as number, hi);
}

/**
 * Merges the sorted `all[lo..mid)` and `all[mid..hi)`: the left part is copied out and merged
 * back; on a tie the left one goes first (stable).
 */
function mergeHalves(all: Detection[], lo: number, mid: number, hi: number): void {
  const left = scratch;
  for (let i = lo; i < mid; i++) left[i] = all[i] as Detection;
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) {
    const x = left[i] as Detection;
    const y = all[j] as Detection;
    if (precedes(y, x)) {
      all[k++] = y;
      j++;
    } else {
      all[k++] = x;
      i++;
    }
  }
  // what is left of the right part is already in place
  while (i < mid) all[k++] = left[i++] as Detection;
}
