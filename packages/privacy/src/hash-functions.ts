/**
 * SHA-256 and Keccak-256 in plain TypeScript (the package runs in browsers too, with no
 * `node:crypto`): the checksums of Bitcoin base58check and Ethereum EIP-55 addresses. They only
 * run on the few candidates that already have an address's shape.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** SHA-256's initial state. */
const IV = new Uint32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
/** sha256's state, message schedule and padded message, made once (each typed array costs an allocation). */
const h = new Uint32Array(8);
const w = new Uint32Array(64);
let padded = new Uint8Array(128);

/** The 32-bit big-endian word at `at`. */
function bigEndianWord(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] as number) << 24) |
      ((bytes[at + 1] as number) << 16) |
      ((bytes[at + 2] as number) << 8) |
      (bytes[at + 3] as number)) >>>
    0
  );
}

/** Writes `word` big-endian at `at`. */
function setBigEndianWord(bytes: Uint8Array, at: number, word: number): void {
  bytes[at] = word >>> 24;
  bytes[at + 1] = word >>> 16;
  bytes[at + 2] = word >>> 8;
  bytes[at + 3] = word;
}

export function sha256(data: Uint8Array): Uint8Array {
  h.set(IV);
  const bitLen = data.length * 8;
  const length = ((data.length + 9 + 63) >> 6) << 6;
  if (padded.length < length) padded = new Uint8Array(2 * length);
  padded.set(data);
  padded.fill(0, data.length, length);
  padded[data.length] = 0x80;
  setBigEndianWord(padded, length - 4, bitLen >>> 0);
  setBigEndianWord(padded, length - 8, Math.floor(bitLen / 2 ** 32));
  for (let off = 0; off < length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = bigEndianWord(padded, off + 4 * i);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const b = w[i - 2] as number;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) >>> 0;
    }
    // read one by one: destructuring a typed array walks its iterator (the slow part of a call)
    let a = h[0] as number;
    let b = h[1] as number;
    let c = h[2] as number;
    let d = h[3] as number;
    let e = h[4] as number;
    let f = h[5] as number;
    let g = h[6] as number;
    let hh = h[7] as number;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + (K[i] as number) + (w[i] as number)) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = (h[0] as number) + a;
    h[1] = (h[1] as number) + b;
    h[2] = (h[2] as number) + c;
    h[3] = (h[3] as number) + d;
    h[4] = (h[4] as number) + e;
    h[5] = (h[5] as number) + f;
    h[6] = (h[6] as number) + g;
    h[7] = (h[7] as number) + hh;
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) setBigEndianWord(out, 4 * i, h[i] as number);
  return out;
}

/** Keccak-f round constants, as the low and high 32 bits of each 64-bit lane. */
const RC = [
  0x00000001, 0x00000000, 0x00008082, 0x00000000, 0x0000808a, 0x80000000, 0x80008000, 0x80000000, 0x0000808b,
  0x00000000, 0x80000001, 0x00000000, 0x80008081, 0x80000000, 0x00008009, 0x80000000, 0x0000008a, 0x00000000,
  0x00000088, 0x00000000, 0x80008009, 0x00000000, 0x8000000a, 0x00000000, 0x8000808b, 0x00000000, 0x0000008b,
  0x80000000, 0x00008089, 0x80000000, 0x00008003, 0x80000000, 0x00008002, 0x80000000, 0x00000080, 0x80000000,
  0x0000800a, 0x00000000, 0x8000000a, 0x80000000, 0x80008081, 0x80000000, 0x00008080, 0x80000000, 0x80000001,
  0x00000000, 0x80008008, 0x80000000,
];
const ROT = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];

/** Keccak-f's working lanes and round tables, made once (typed arrays cost an allocation each). */
const cLo = new Int32Array(5);
const cHi = new Int32Array(5);
const bLo = new Int32Array(25);
const bHi = new Int32Array(25);
/** Per lane, where rho and pi move it (`y + 5 * ((2x + 3y) mod 5)`) and its rotation. */
const PI_TO = new Int32Array(25);
const ROT_BY = new Int32Array(ROT);
for (let x = 0; x < 5; x++) for (let y = 0; y < 5; y++) PI_TO[x + 5 * y] = y + 5 * ((2 * x + 3 * y) % 5);
/** RC as 32-bit integers (the array holds 0x80000000 and up as doubles). */
const RC32 = new Int32Array(RC);

/**
 * Keccak-f[1600] on 25 lanes of 64 bits, each held as two 32-bit halves (`lo[i]`, `hi[i]`): plain
 * integer arithmetic, where 64-bit BigInts would allocate on every operation. The index tables
 * above and a row read into locals for chi take the `% 5` and the per-call arrays out of the rounds.
 */
function keccakF(lo: Int32Array, hi: Int32Array): void {
  for (let round = 0; round < 48; round += 2) {
    // theta
    for (let x = 0; x < 5; x++) {
      cLo[x] =
        (lo[x] as number) ^
        (lo[x + 5] as number) ^
        (lo[x + 10] as number) ^
        (lo[x + 15] as number) ^
        (lo[x + 20] as number);
      cHi[x] =
        (hi[x] as number) ^
        (hi[x + 5] as number) ^
        (hi[x + 10] as number) ^
        (hi[x + 15] as number) ^
        (hi[x + 20] as number);
    }
    for (let x = 0; x < 5; x++) {
      const a = x === 4 ? 0 : x + 1;
      const p = x === 0 ? 4 : x - 1;
      const al = cLo[a] as number;
      const ah = cHi[a] as number;
      const dLo = (cLo[p] as number) ^ ((al << 1) | (ah >>> 31));
      const dHi = (cHi[p] as number) ^ ((ah << 1) | (al >>> 31));
      for (let y = x; y < 25; y += 5) {
        lo[y] = (lo[y] as number) ^ dLo;
        hi[y] = (hi[y] as number) ^ dHi;
      }
    }
    // rho and pi
    for (let i = 0; i < 25; i++) {
      const to = PI_TO[i] as number;
      const n = ROT_BY[i] as number;
      const l = lo[i] as number;
      const h = hi[i] as number;
      if (n === 0) {
        bLo[to] = l;
        bHi[to] = h;
      } else if (n < 32) {
        bLo[to] = (l << n) | (h >>> (32 - n));
        bHi[to] = (h << n) | (l >>> (32 - n));
      } else if (n === 32) {
        bLo[to] = h;
        bHi[to] = l;
      } else {
        const m = n - 32;
        bLo[to] = (h << m) | (l >>> (32 - m));
        bHi[to] = (l << m) | (h >>> (32 - m));
      }
    }
    // chi, a row at a time
    for (let y = 0; y < 25; y += 5) {
      const l0 = bLo[y] as number;
      const l1 = bLo[y + 1] as number;
      const l2 = bLo[y + 2] as number;
      const l3 = bLo[y + 3] as number;
      const l4 = bLo[y + 4] as number;
      lo[y] = l0 ^ (~l1 & l2);
      lo[y + 1] = l1 ^ (~l2 & l3);
      lo[y + 2] = l2 ^ (~l3 & l4);
      lo[y + 3] = l3 ^ (~l4 & l0);
      lo[y + 4] = l4 ^ (~l0 & l1);
      const h0 = bHi[y] as number;
      const h1 = bHi[y + 1] as number;
      const h2 = bHi[y + 2] as number;
      const h3 = bHi[y + 3] as number;
      const h4 = bHi[y + 4] as number;
      hi[y] = h0 ^ (~h1 & h2);
      hi[y + 1] = h1 ^ (~h2 & h3);
      hi[y + 2] = h2 ^ (~h3 & h4);
      hi[y + 3] = h3 ^ (~h4 & h0);
      hi[y + 4] = h4 ^ (~h0 & h1);
    }
    // iota
    lo[0] = (lo[0] as number) ^ (RC32[round] as number);
    hi[0] = (hi[0] as number) ^ (RC32[round + 1] as number);
  }
}

/**
 * The 32-bit little-endian word at `at`. A module function, not a closure in `keccak256`: under tsx
 * (which keeps function names) a closure made in a call is named by a `defineProperty` each call.
 */
function littleEndianWord(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at] as number) |
    ((bytes[at + 1] as number) << 8) |
    ((bytes[at + 2] as number) << 16) |
    ((bytes[at + 3] as number) << 24)
  );
}

const RATE = 136;
/** keccak256's state and the block being absorbed, made once. */
const stateLo = new Int32Array(25);
const stateHi = new Int32Array(25);
const block = new Uint8Array(RATE);

/**
 * Keccak-256 as Ethereum uses it (the original padding 0x01, not SHA-3's 0x06). The message is
 * absorbed a block at a time through one scratch block, the last with the padding.
 */
export function keccak256(data: Uint8Array): Uint8Array {
  const blocks = Math.ceil((data.length + 1) / RATE);
  stateLo.fill(0);
  stateHi.fill(0);
  for (let k = 0; k < blocks; k++) {
    const off = k * RATE;
    const end = Math.min(data.length, off + RATE);
    block.fill(0);
    for (let i = off; i < end; i++) block[i - off] = data[i] as number;
    if (k === blocks - 1) {
      block[data.length - off] = (block[data.length - off] as number) ^ 0x01;
      block[RATE - 1] = (block[RATE - 1] as number) ^ 0x80;
    }
    for (let i = 0; i < RATE / 8; i++) {
      stateLo[i] = (stateLo[i] as number) ^ littleEndianWord(block, 8 * i);
      stateHi[i] = (stateHi[i] as number) ^ littleEndianWord(block, 8 * i + 4);
    }
    keccakF(stateLo, stateHi);
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 4; i++)
    for (let k = 0; k < 4; k++) {
      out[8 * i + k] = ((stateLo[i] as number) >>> (8 * k)) & 0xff;
      out[8 * i + 4 + k] = ((stateHi[i] as number) >>> (8 * k)) & 0xff;
    }
  return out;
}

export function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

export function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
