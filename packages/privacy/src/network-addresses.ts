/**
 * IP addresses (IPv4 dotted quads, IPv6 in every RFC 4291/5952 form: compressed, with an embedded
 * IPv4, a zone, a prefix length) and MAC addresses (EUI-48 with `:` or `-`, Cisco's dotted form).
 * Which IP addresses count is a setting: `all` (default) or `public` (private, loopback,
 * link-local and documentation ranges are kept, for work where they are not personal).
 */
import { CandidateMatches, stickyCopy } from './candidate-matches.ts';
import { type DetectionSink, report } from './detection.ts';
import { hasDigit } from './entropy.ts';
import { isSpaceCode } from './match-prechecks.ts';

export type IpPolicy = 'all' | 'public' | 'none';

const IPV4 =
  /(?<![A-Za-z0-9_.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/(?:3[0-2]|[12]?\d)(?!\d))?(?![A-Za-z0-9_]|\.\d)/g;
/** Where an IPv6 address can be: hex, colons and dots with two colons among the first ten characters. */
const IPV6_CANDIDATE =
  /(?<![A-Za-z0-9_:.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:.]+(?:%[A-Za-z0-9]+)?(?:\/\d{1,3})?(?![A-Za-z0-9_:])/g;
const VERSION_BEFORE = /(?:version|ver\.?|v|release|build|chrome|firefox|node)\s*$/i;

/**
 * The four numbers of a dotted quad, or null: `s.split('.')` into four parts, each
 * `/^(?:0|[1-9]\d{0,2})$/` and at most 255, read on the codes (no split, regex or Number calls).
 */
function v4Parts(s: string): number[] | null {
  const out: number[] = [];
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255 || out.length === 4) return null;
      out.push(value);
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      // a leading 0 stands alone; three digits at most
      if ((digits > 0 && value === 0) || digits === 3) return null;
      value = value * 10 + c - 48;
      digits++;
    } else return null;
  }
  return out.length === 4 ? out : null;
}

/** The words VERSION_BEFORE looks for before the spaces, lower-cased (`v` is checked alone). */
const VERSION_WORDS = ['version', 'ver.', 'ver', 'release', 'build', 'chrome', 'firefox', 'node'];

/**
 * `VERSION_BEFORE.test(text.slice(Math.max(0, at - 10), at))` on the codes: one of the words,
 * ASCII letters in either case (the regex's /i folds no other code to them), ending where the
 * spaces before `at` start, all within the ten characters (no copy, no regex call).
 */
function versionBefore(text: string, at: number): boolean {
  const from = Math.max(0, at - 10);
  let end = at;
  while (end > from && isSpaceCode(text.charCodeAt(end - 1))) end--;
  if (end === from) return false;
  if ((text.charCodeAt(end - 1) | 32) === 118) return true; // v
  for (let w = 0; w < VERSION_WORDS.length; w++) {
    const word = VERSION_WORDS[w] as string;
    const start = end - word.length;
    if (start < from) continue;
    let k = 0;
    while (k < word.length) {
      const c = text.charCodeAt(start + k);
      const folded = c >= 65 && c <= 90 ? c + 32 : c;
      if (folded !== word.charCodeAt(k)) break;
      k++;
    }
    if (k === word.length) return true;
  }
  return false;
}

/** versionBefore with the regex it stands for (for tests: equal on every text and place). */
export const VERSION_CHECK: readonly [(text: string, at: number) => boolean, RegExp] = [
  versionBefore,
  VERSION_BEFORE,
];

/** Private, loopback, link-local, shared, documentation or unspecified IPv4. */
function v4NotPublic([a, b, c]: number[]): boolean {
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 169 && b === 254) ||
    (a === 172 && (b as number) >= 16 && (b as number) <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && (b as number) >= 64 && (b as number) <= 127) ||
    (a === 192 && b === 0 && c === 2) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    (a as number) >= 224
  );
}

/** The value of a hex digit's code, or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const folded = c | 32;
  return folded >= 97 && folded <= 102 ? folded - 87 : -1;
}

/** The values of the first two groups `hexGroupsIn` read (the range tests need them). */
const firstGroups = new Int32Array(2);

/**
 * How many groups `s` holds from `from` to `to`, separated by `:` (none when empty), or -1 when
 * one is not one to four hex digits: `h === '' ? [] : h.split(':')` and `/^[0-9A-Fa-f]{1,4}$/` on
 * each, read on the codes (no arrays). The first two groups' values go to `firstGroups`.
 */
function hexGroupsIn(s: string, from: number, to: number): number {
  if (from === to) return 0;
  let groups = 0;
  let digits = 0;
  let value = 0;
  for (let i = from; i <= to; i++) {
    const c = i < to ? s.charCodeAt(i) : 58;
    if (c === 58) {
      if (digits < 1 || digits > 4) return -1;
      if (groups < 2) firstGroups[groups] = value;
      groups++;
      digits = 0;
      value = 0;
    } else {
      const v = hexDigit(c);
      if (v < 0) return -1;
      digits++;
      value = (value << 4) | v;
    }
  }
  return groups;
}

/** `s.search(/[%/]/)`: where a zone (`%eth0`) or a prefix length (`/64`) starts, or -1. */
function zoneOrPrefixAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 || c === 47) return i;
  }
  return -1;
}

/** The IPv6 address in `s` (without zone and prefix), or null; `public` tells its range. */
export function parseIpv6(s: string): { public: boolean } | null {
  let body = s;
  let v4: number[] | null = null;
  const lastColon = body.lastIndexOf(':');
  if (body.indexOf('.', lastColon) >= 0) {
    v4 = v4Parts(body.slice(lastColon + 1));
    if (v4 === null) return null;
    body = `${body.slice(0, lastColon + 1)}0:0`;
  }
  // `body.split('::')` into at most two halves, read on the codes: the first `::`, and none after
  // its end (split cuts non-overlapping occurrences from the left)
  const gap = body.indexOf('::');
  if (gap >= 0 && body.indexOf('::', gap + 2) >= 0) return null;
  const halves = gap < 0 ? 1 : 2;
  const head = hexGroupsIn(body, 0, gap < 0 ? body.length : gap);
  if (head < 0) return null;
  const first = head > 0 ? (firstGroups[0] as number) : 0;
  const second = head > 1 ? (firstGroups[1] as number) : 0;
  const tail = gap < 0 ? 0 : hexGroupsIn(body, gap + 2, body.length);
  if (tail < 0) return null;
  const count = head + tail;
  if (halves === 1 ? count !== 8 : count > 7) return null;
  if (count === 0 && v4 === null) return null; // `::` alone says nothing about anyone
  const isPublic =
    !(halves === 2 && head === 0 && (tail <= 1 || v4 !== null)) && // ::1, ::ffff:…
    (first & 0xffc0) !== 0xfe80 &&
    (first & 0xfe00) !== 0xfc00 &&
    (first & 0xff00) !== 0xff00 &&
    !(first === 0x2001 && second === 0xdb8);
  return { public: isPublic && (v4 === null || !v4NotPublic(v4)) };
}

const IPV4_AT = stickyCopy(IPV4);

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * IPV4 at `at` needs three runs of one to three digits, each then a `.`, and a digit: an octet
 * takes at most three digits and must be followed by `.`, so it is the whole run of digits there.
 */
function ipv4CanStart(text: string, at: number): boolean {
  let q = at;
  for (let g = 0; g < 3; g++) {
    let k = 0;
    while (k < 4 && isDigitCode(text.charCodeAt(q + k))) k++;
    if (k < 1 || k > 3 || text.charCodeAt(q + k) !== 46) return false;
    q += k + 1;
  }
  return isDigitCode(text.charCodeAt(q));
}
const IPV6_AT = stickyCopy(IPV6_CANDIDATE);

/**
 * `scan`: where an IPv4 or IPv6 address can start (`scanText` lists them: a run of up to three
 * digits before a `.`; hex digits before a `:`); a list absent, the text is searched everywhere.
 */
export function detectIpAddresses(
  text: string,
  policy: IpPolicy,
  scan: { ipv4At?: readonly number[]; ipv6At?: readonly number[] },
  out: DetectionSink,
): void {
  if (policy === 'none') return;
  const { ipv4At, ipv6At } = scan;
  if (ipv4At !== undefined ? ipv4At.length > 0 : text.includes('.')) {
    const found = new CandidateMatches(text, IPV4, IPV4_AT, ipv4At, ipv4CanStart);
    for (let m = found.next(); m !== null; m = found.next()) {
      if (versionBefore(text, m.index)) continue;
      const slash = m[0].indexOf('/');
      const addr = slash < 0 ? m[0] : m[0].slice(0, slash);
      if (policy === 'public' && v4NotPublic(v4Parts(addr) as number[])) continue;
      report(out, 'IP_ADDRESS', m.index, m.index + m[0].length, 'ip-v4');
    }
  }
  if (ipv6At !== undefined ? ipv6At.length > 0 : text.includes(':')) {
    const found = new CandidateMatches(text, IPV6_CANDIDATE, IPV6_AT, ipv6At);
    for (let m = found.next(); m !== null; m = found.next()) {
      const cut = zoneOrPrefixAt(m[0]);
      let addr = cut < 0 ? m[0] : m[0].slice(0, cut);
      // a trailing dot ends a sentence
      while (addr.endsWith('.')) addr = addr.slice(0, -1);
      // without a decimal digit it reads as code (`abc::def`, `std::a` are valid addresses too);
      // this is also what lets the scan skip texts with no digit
      if (!hasDigit(addr)) continue;
      const ip = parseIpv6(addr);
      if (ip === null || (policy === 'public' && !ip.public)) continue;
      const end = cut < 0 ? m.index + addr.length : m.index + m[0].length;
      report(out, 'IP_ADDRESS', m.index, end, 'ip-v6');
    }
  }
}

const MAC_GATE = /[:.-]/;
const MAC =
  /(?<![0-9A-Fa-f:.-])(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![0-9A-Fa-f]|[:.-][0-9A-Fa-f])/g;

const MAC_AT = stickyCopy(MAC);

/**
 * MAC at `at` needs its separators where they stand: `:` or `-` after every two hex digits (the
 * same one five times), or `.` after every four (read on the codes before the regex runs).
 */
function macCanStart(text: string, at: number): boolean {
  const sep = text.charCodeAt(at + 2);
  if (sep === 58 || sep === 45) {
    return (
      text.charCodeAt(at + 5) === sep &&
      text.charCodeAt(at + 8) === sep &&
      text.charCodeAt(at + 11) === sep &&
      text.charCodeAt(at + 14) === sep
    );
  }
  return text.charCodeAt(at + 4) === 46 && text.charCodeAt(at + 9) === 46;
}

/** `macAt`: where a MAC address can start (`scanText` lists them); absent, the text is searched. */
export function detectMacAddresses(
  text: string,
  macAt: readonly number[] | undefined,
  out: DetectionSink,
): void {
  if (macAt !== undefined ? macAt.length === 0 : !MAC_GATE.test(text)) return;
  const found = new CandidateMatches(text, MAC, MAC_AT, macAt, macCanStart);
  for (let m = found.next(); m !== null; m = found.next()) {
    report(out, 'MAC_ADDRESS', m.index, m.index + m[0].length, 'mac-address');
  }
}

/** The IPv4 and MAC prechecks with their regexes (for tests: false must imply no match there). */
export const NETWORK_PRECHECKS: readonly [(text: string, at: number) => boolean, RegExp][] = [
  [ipv4CanStart, IPV4],
  [macCanStart, MAC],
];
