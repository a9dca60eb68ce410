/**
 * Valid values of every checksum kind of issue 16, and for each an invalid one of the same shape
 * (a check digit changed, or a rule broken), for the property tests. Deterministic from an Rng.
 */
import { frenchNirValid, luhnValid } from '../checksums.ts';
import { base58CheckValid, eip55Valid, segwitValid } from '../crypto-addresses.ts';
import { ascii, keccak256, sha256 } from '../hash-functions.ts';
import { abaValid, hetuValid, tcknValid } from '../national-ids.ts';
import { mrzCheckDigit } from '../travel-documents.ts';
import { chars, DIGITS, int, pick, type Rng, UPPER } from './random.ts';

export interface ChecksumSample {
  kind: string;
  valid: string;
  /** Same shape, checksum or rule broken (absent for kinds with no checksum). */
  invalid?: string;
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let s = '';
  while (n > 0n) {
    s = B58[Number(n % 58n)] + s;
    n /= 58n;
  }
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) s = `1${s}`;
  return s;
}

function bytes(r: Rng, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => int(r, 0, 255));
}

/** The same text with the character at `i` replaced by another of `alphabet`. */
function changeAt(s: string, i: number, alphabet: string, r: Rng): string {
  const k = i < 0 ? s.length + i : i;
  let c = s[k] as string;
  while (c === s[k]) c = pick(r, [...alphabet]);
  return s.slice(0, k) + c + s.slice(k + 1);
}

function luhnDigit(body: string): string {
  for (let d = 0; d < 10; d++) if (luhnValid(body + d)) return String(d);
  return '0';
}

const BECH = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function polymod(values: number[]): number {
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i] as number;
  }
  return chk >>> 0;
}
function segwit(r: Rng): string {
  const version = pick(r, [0, 1]);
  const program = bytes(r, version === 0 ? pick(r, [20, 32]) : 32);
  const data = [version];
  let acc = 0;
  let bits = 0;
  for (const b of program) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      data.push((acc >> bits) & 31);
    }
  }
  if (bits > 0) data.push((acc << (5 - bits)) & 31);
  const exp = [3, 3, 0, 2, 3];
  const mod = polymod([...exp, ...data, 0, 0, 0, 0, 0, 0]) ^ (version === 0 ? 1 : 0x2bc830a3);
  for (let i = 0; i < 6; i++) data.push((mod >>> (5 * (5 - i))) & 31);
  return `bc1${data.map((d) => BECH[d]).join('')}`;
}

function date6(r: Rng): string {
  const yy = String(int(r, 0, 99)).padStart(2, '0');
  const mm = String(int(r, 1, 12)).padStart(2, '0');
  const dd = String(int(r, 1, 28)).padStart(2, '0');
  return yy + mm + dd;
}

const GENERATORS: Record<string, (r: Rng) => ChecksumSample> = {
  'bitcoin-base58check': (r) => {
    const payload = Uint8Array.from([pick(r, [0, 5]), ...bytes(r, 20)]);
    const sum = sha256(sha256(payload)).subarray(0, 4);
    const valid = base58(Uint8Array.from([...payload, ...sum]));
    let invalid = changeAt(valid, -1, B58, r);
    while (base58CheckValid(invalid)) invalid = changeAt(valid, -1, B58, r);
    return { kind: 'bitcoin-base58check', valid, invalid };
  },
  'bitcoin-bech32': (r) => {
    const valid = segwit(r);
    let invalid = changeAt(valid, -1, BECH, r);
    while (segwitValid(invalid)) invalid = changeAt(valid, -1, BECH, r);
    return { kind: 'bitcoin-bech32', valid, invalid };
  },
  'ethereum-eip55': (r) => {
    let valid = '';
    do {
      const lower = [...bytes(r, 20)].map((b) => b.toString(16).padStart(2, '0')).join('');
      const hash = keccak256(ascii(lower));
      valid = `0x${[...lower].map((c, i) => (c >= 'a' && ((hash[i >> 1] as number) >> (i % 2 === 0 ? 4 : 0)) & 8 ? c.toUpperCase() : c)).join('')}`;
    } while (!eip55Valid(valid));
    const letters = [...valid].map((c, i) => (i > 1 && /[a-fA-F]/.test(c) ? i : -1)).filter((i) => i >= 0);
    const k = pick(r, letters);
    const flipped = valid[k] === valid[k]?.toUpperCase() ? valid[k]?.toLowerCase() : valid[k]?.toUpperCase();
    return { kind: 'ethereum-eip55', valid, invalid: valid.slice(0, k) + flipped + valid.slice(k + 1) };
  },
  'ip-v4': (r) => {
    const o = () => int(r, 0, 255);
    return {
      kind: 'ip-v4',
      valid: `${int(r, 1, 223)}.${o()}.${o()}.${o()}`,
      invalid: `${int(r, 256, 999)}.${o()}.${o()}.${o()}`,
    };
  },
  'ip-v6': (r) => {
    const g = Array.from({ length: 8 }, () => int(r, 0, 0xffff).toString(16));
    g[0] = pick(r, ['2001', '2a02', '2600', 'fe80', '2400']);
    const full = g.join(':');
    return { kind: 'ip-v6', valid: pick(r, [full, `${g[0]}:${g[1]}::${g[7]}`]) };
  },
  'mac-address': (r) => {
    const b = [...bytes(r, 6)].map((x) => x.toString(16).padStart(2, '0'));
    const sep = pick(r, [':', '-']);
    const s = b.join(sep);
    return { kind: 'mac-address', valid: r() < 0.5 ? s.toUpperCase() : s };
  },
  'passport-mrz': (r) => {
    const doc = chars(r, UPPER + DIGITS, 9);
    const birth = date6(r);
    const expiry = date6(r);
    const opt = '<'.repeat(14);
    const line = `${doc}${mrzCheckDigit(doc)}UTO${birth}${mrzCheckDigit(birth)}${pick(r, ['M', 'F'])}${expiry}${mrzCheckDigit(expiry)}${opt}<${int(r, 0, 9)}`;
    const bad = (mrzCheckDigit(doc) + 1) % 10;
    return { kind: 'passport-mrz', valid: line, invalid: `${line.slice(0, 9)}${bad}${line.slice(10)}` };
  },
  'fi-hetu': (r) => {
    const d = `${String(int(r, 1, 28)).padStart(2, '0')}${String(int(r, 1, 12)).padStart(2, '0')}${String(int(r, 0, 99)).padStart(2, '0')}`;
    const ind = String(int(r, 2, 899)).padStart(3, '0');
    const CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
    const c = CHECK[Number(d + ind) % 31] as string;
    // (nor a valid Swedish personnummer of the same shape)
    let bad = changeAt(c, 0, CHECK, r);
    while (hetuValid(d, ind, bad) || luhnValid(d + ind + bad)) bad = changeAt(c, 0, CHECK, r);
    const sign = pick(r, ['-', 'A', '+']);
    return { kind: 'fi-hetu', valid: `${d}${sign}${ind}${c}`, invalid: `${d}${sign}${ind}${bad}` };
  },
  'se-personnummer': (r) => {
    // (an invalid personnummer can be a valid Finnish code of the same shape: those are skipped)
    let body = '';
    let bad = '';
    do {
      body = date6(r) + chars(r, DIGITS, 3);
      bad = String((Number(luhnDigit(body)) + 1) % 10);
    } while (hetuValid(body.slice(0, 6), body.slice(6), bad));
    const d = luhnDigit(body);
    return {
      kind: 'se-personnummer',
      valid: `${body.slice(0, 6)}-${body.slice(6)}${d}`,
      invalid: `${body.slice(0, 6)}-${body.slice(6)}${bad}`,
    };
  },
  'tr-tckn': (r) => {
    let body = String(int(r, 1, 9)) + chars(r, DIGITS, 8);
    const v = (i: number) => body.charCodeAt(i) - 48;
    const d10 = ((((v(0) + v(2) + v(4) + v(6) + v(8)) * 7 - (v(1) + v(3) + v(5) + v(7))) % 10) + 10) % 10;
    body += d10;
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += body.charCodeAt(i) - 48;
    const valid = body + (sum % 10);
    let invalid = changeAt(valid, -1, DIGITS, r);
    while (tcknValid(invalid)) invalid = changeAt(valid, -1, DIGITS, r);
    return { kind: 'tr-tckn', valid, invalid };
  },
  'kr-rrn': (r) => {
    const d = date6(r);
    const rest = chars(r, DIGITS, 6);
    return {
      kind: 'kr-rrn',
      valid: `${d}-${int(r, 1, 4)}${rest}`,
      invalid: `${d}-${pick(r, [0, 7, 8, 9])}${rest}`,
    };
  },
  'za-id': (r) => {
    // a sequence digit 1–4 first would make it a Korean RRN's shape as well (still removed, as that)
    const body =
      date6(r) + pick(r, ['0', '5', '6', '7', '8', '9']) + chars(r, DIGITS, 3) + pick(r, ['0', '1']) + '8';
    const d = luhnDigit(body);
    return { kind: 'za-id', valid: body + d, invalid: body + ((Number(d) + 1) % 10) };
  },
  'us-itin': (r) => {
    const g = pick(r, [int(r, 50, 65), int(r, 70, 88), int(r, 90, 92), int(r, 94, 99)]);
    const area = `9${chars(r, DIGITS, 2)}`;
    const serial = chars(r, DIGITS, 4);
    return {
      kind: 'us-itin',
      valid: `${area}-${g}-${serial}`,
      invalid: `${area}-${pick(r, [89, 93, 45])}-${serial}`,
    };
  },
  'aba-routing': (r) => {
    let body = '';
    do body = `${pick(r, ['0', '1', '2', '3', '6', '7'])}${chars(r, DIGITS, 7)}`;
    while (!abaValid(`${body}${[...'0123456789'].find((d) => abaValid(body + d)) ?? 'x'}`));
    const d = [...'0123456789'].find((x) => abaValid(body + x)) as string;
    const fmt = (s: string) => `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
    return { kind: 'aba-routing', valid: fmt(body + d), invalid: fmt(body + ((Number(d) + 1) % 10)) };
  },
  card: (r) => {
    // (a 15-digit number starting with 1 can be a French NIR: those are skipped)
    let body = '';
    let bad = '';
    do {
      body = pick(r, [
        `1${chars(r, DIGITS, 13)}`,
        `5019${chars(r, DIGITS, 11)}`,
        `6759${chars(r, DIGITS, 11)}`,
      ]);
      bad = String((Number(luhnDigit(body)) + 1) % 10);
    } while (frenchNirValid(body + bad));
    return { kind: 'card', valid: body + luhnDigit(body), invalid: body + bad };
  },
  'us-ssn-dotted': (r) => {
    const area = String(int(r, 1, 665)).padStart(3, '0');
    const rest = `${String(int(r, 1, 99)).padStart(2, '0')}.${String(int(r, 1, 9999)).padStart(4, '0')}`;
    return {
      kind: 'us-ssn-dotted',
      valid: `${area === '666' ? '665' : area}.${rest}`,
      invalid: `${pick(r, ['000', '666'])}.${rest}`,
    };
  },
  phone: (r) => ({
    kind: 'phone',
    valid: pick(r, [
      `+90 5${chars(r, DIGITS, 2)} ${chars(r, DIGITS, 3)} ${chars(r, DIGITS, 2)} ${chars(r, DIGITS, 2)}`,
      `0 (5${chars(r, DIGITS, 2)}) ${chars(r, DIGITS, 3)} ${chars(r, DIGITS, 2)} ${chars(r, DIGITS, 2)}`,
      `+86 1${int(r, 3, 9)}${chars(r, DIGITS, 1)} ${chars(r, DIGITS, 4)} ${chars(r, DIGITS, 4)}`,
    ]),
  }),
};

export const CHECKSUM_KINDS = Object.keys(GENERATORS);

export function checksumSample(kind: string, r: Rng): ChecksumSample {
  return (GENERATORS[kind] as (r: Rng) => ChecksumSample)(r);
}
