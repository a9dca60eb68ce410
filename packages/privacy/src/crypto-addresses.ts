/**
 * Cryptocurrency addresses, taken only when their checksum holds: Bitcoin base58check (P2PKH `1…`,
 * P2SH `3…`: double SHA-256), segwit bech32 / bech32m (BIP-173, BIP-350: `bc1…`, `tb1…`) and
 * Ethereum addresses with EIP-55 mixed-case checksums (Keccak-256). An all-lower or all-upper
 * `0x` + 40 hex carries no checksum and is kept: it is as often a hash in code.
 */
import { CandidateMatches, stickyCopy } from './candidate-matches.ts';
import { type DetectionSink, report } from './detection.ts';
import { ascii, keccak256, sha256 } from './hash-functions.ts';
import { base58CanStart } from './match-prechecks.ts';

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const B58_INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < B58.length; i++) B58_INDEX[B58.charCodeAt(i)] = i;

/** Base58 decoded to bytes (leading `1`s are zero bytes), or null. */
function base58Decode(s: string): Uint8Array | null {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const v = B58_INDEX[s.charCodeAt(i)] ?? -1;
    if (v < 0) return null;
    let carry = v;
    for (let j = 0; j < bytes.length; j++) {
      carry += (bytes[j] as number) * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (let i = 0; i < s.length && s[i] === '1'; i++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}

/** The value being decoded, in 24-bit limbs (low first): 58 times a limb plus a carry fits 31 bits. */
const limbs = new Int32Array(12);

/**
 * The 25 bytes `base58Decode` gives for `s`, or null where it gives anything else (an invalid
 * character, another length): the value in 24-bit limbs of one typed array instead of a growing
 * array of bytes, reversed and copied (13 candidates on the bench's document, each of 26 to 35
 * characters). Strings longer than the limbs hold go to `base58Decode`.
 */
function base58Decode25(s: string): Uint8Array | null {
  if (s.length > 48) {
    const b = base58Decode(s);
    return b !== null && b.length === 25 ? b : null;
  }
  let used = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? (B58_INDEX[c] as number) : -1;
    if (v < 0) return null;
    let carry = v;
    for (let j = 0; j < used; j++) {
      carry += (limbs[j] as number) * 58;
      limbs[j] = carry & 0xffffff;
      carry >>>= 24;
    }
    while (carry > 0) {
      limbs[used++] = carry & 0xffffff;
      carry >>>= 24;
    }
  }
  let ones = 0;
  while (ones < s.length && s.charCodeAt(ones) === 49) ones++;
  // the value's bytes without leading zeros, as base58Decode makes them
  let bytes = 0;
  if (used > 0) {
    const top = limbs[used - 1] as number;
    bytes = 3 * (used - 1) + (top > 0xffff ? 3 : top > 0xff ? 2 : 1);
  }
  if (ones + bytes !== 25) return null;
  const out = new Uint8Array(25);
  for (let k = 0; k < bytes; k++) {
    const limb = limbs[(k / 3) | 0] as number;
    out[24 - k] = (limb >>> (8 * (k % 3))) & 0xff;
  }
  return out;
}

/** A base58check Bitcoin address: 25 bytes, version 0x00 or 0x05, checksum of double SHA-256. */
export function base58CheckValid(address: string): boolean {
  const b = base58Decode25(address);
  if (b === null || b.length !== 25 || (b[0] !== 0x00 && b[0] !== 0x05)) return false;
  const sum = sha256(sha256(b.subarray(0, 21)));
  for (let i = 0; i < 4; i++) if (sum[i] !== b[21 + i]) return false;
  return true;
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i] as number;
  }
  return chk >>> 0;
}

/** A segwit address (BIP-173 bech32 for version 0, BIP-350 bech32m for 1–16) on `bc` or `tb`. */
export function segwitValid(address: string): boolean {
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) return false;
  const a = address.toLowerCase();
  const sep = a.lastIndexOf('1');
  const hrp = a.slice(0, sep);
  if ((hrp !== 'bc' && hrp !== 'tb') || a.length - sep - 1 < 7) return false;
  const data: number[] = [];
  for (let i = sep + 1; i < a.length; i++) {
    const v = BECH32.indexOf(a[i] as string);
    if (v < 0) return false;
    data.push(v);
  }
  const expanded = [
    ...[...hrp].map((c) => c.charCodeAt(0) >> 5),
    0,
    ...[...hrp].map((c) => c.charCodeAt(0) & 31),
  ];
  const check = polymod([...expanded, ...data]);
  const version = data[0] as number;
  if (version > 16) return false;
  if (check !== (version === 0 ? 1 : 0x2bc830a3)) return false;
  const program = ((data.length - 7) * 5) >> 3;
  return program >= 2 && program <= 40 && (version !== 0 || program === 20 || program === 32);
}

/** An EIP-55 checksummed Ethereum address (mixed case required). */
export function eip55Valid(address: string): boolean {
  const body = address.slice(2);
  if (!/^[0-9a-fA-F]{40}$/.test(body)) return false;
  if (body === body.toLowerCase() || body === body.toUpperCase()) return false;
  const hash = keccak256(ascii(body.toLowerCase()));
  for (let i = 0; i < 40; i++) {
    const c = body.charCodeAt(i);
    if (c < 65) continue;
    const nibble = ((hash[i >> 1] as number) >> (i % 2 === 0 ? 4 : 0)) & 15;
    const upper = c <= 70;
    if (upper !== nibble >= 8) return false;
  }
  return true;
}

const LEGACY = /(?<![A-Za-z0-9])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])/g;
const SEGWIT = /(?<![A-Za-z0-9])(?:bc|tb|BC|TB)1[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87}(?![A-Za-z0-9])/g;
const ETHEREUM = /(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])/g;

const LEGACY_AT = stickyCopy(LEGACY);

/** The base58 address's position precheck with its regex (for tests: false must imply no match there). */
export const BASE58_PRECHECK: readonly [(text: string, at: number) => boolean, RegExp] = [
  base58CanStart,
  LEGACY,
];
const SEGWIT_AT = stickyCopy(SEGWIT);
const ETHEREUM_AT = stickyCopy(ETHEREUM);

function each(
  re: RegExp,
  sticky: RegExp,
  starts: readonly number[] | undefined,
  text: string,
  valid: (s: string) => boolean,
  detector: string,
  out: DetectionSink,
  admits?: (text: string, at: number) => boolean,
): void {
  const found = new CandidateMatches(text, re, sticky, starts, admits);
  for (let m = found.next(); m !== null; m = found.next()) {
    if (valid(m[0])) report(out, 'CRYPTO_ADDRESS', m.index, m.index + m[0].length, detector);
  }
}

/**
 * `scan`: where each kind can start (`scanText` lists them from the runs of digits: a `1` or `3`,
 * `bc1`/`tb1`, `0x` after no letter or digit); a list absent, that kind is searched for everywhere.
 */
export function detectCryptoAddresses(
  text: string,
  scan: { base58At?: readonly number[]; segwitAt?: readonly number[]; ethereumAt?: readonly number[] },
  out: DetectionSink,
): void {
  const { base58At, segwitAt, ethereumAt } = scan;
  if (base58At === undefined || base58At.length > 0)
    each(LEGACY, LEGACY_AT, base58At, text, base58CheckValid, 'bitcoin-base58check', out, base58CanStart);
  if (segwitAt !== undefined ? segwitAt.length > 0 : SEGWIT_GATE.test(text))
    each(SEGWIT, SEGWIT_AT, segwitAt, text, segwitValid, 'bitcoin-bech32', out);
  if (ethereumAt !== undefined ? ethereumAt.length > 0 : text.includes('0x'))
    each(ETHEREUM, ETHEREUM_AT, ethereumAt, text, eip55Valid, 'ethereum-eip55', out);
}

const SEGWIT_GATE = /[bcBC]1/;
