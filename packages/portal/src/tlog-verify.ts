/**
 * The audit log's proofs, checked in the browser with WebCrypto: RFC 9162 hashing (leaf =
 * SHA-256(0x00 || entry), node = SHA-256(0x01 || left || right)), inclusion and consistency
 * verification step by step as in packages/tlog, and C2SP signed-note checkpoints with Ed25519.
 * The portal cannot import packages/tlog (it uses node:crypto), so this is a small port of it;
 * tlog-verify.test.ts checks it against packages/tlog's outputs. Malformed input is `false` or a
 * failure value, never a throw.
 */

const HASH_SIZE = 32;
const utf8 = new TextEncoder();
const CANONICAL_B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the checkpoint spec forbids exactly these
const LINE = /^[^\u0000-\u001f]+$/;
const SIG_PREFIX = '\u2014 ';

/** A fresh copy backed by a plain ArrayBuffer (what WebCrypto's BufferSource wants). */
function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', own(data)));
}

/** MTH({d}) = SHA-256(0x00 || d). */
export async function leafHash(entry: Uint8Array | string): Promise<Uint8Array> {
  const data = typeof entry === 'string' ? utf8.encode(entry) : entry;
  const buf = new Uint8Array(1 + data.length);
  buf[0] = 0x00;
  buf.set(data, 1);
  return sha256(buf);
}

/** SHA-256(0x01 || left || right). */
export async function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  const buf = new Uint8Array(1 + 2 * HASH_SIZE);
  buf[0] = 0x01;
  buf.set(left, 1);
  buf.set(right, 1 + HASH_SIZE);
  return sha256(buf);
}

const isHash = (h: unknown): h is Uint8Array => h instanceof Uint8Array && h.length === HASH_SIZE;
const isTreeSize = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (!isHash(a) || !isHash(b)) return false;
  let diff = 0;
  for (let i = 0; i < HASH_SIZE; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/** True iff `proof` shows `leaf` at `index` in the tree of `size` leaves with root `root` (RFC 9162 §2.1.3.2). */
export async function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Promise<boolean> {
  if (!isHash(leaf) || !isHash(root) || !isTreeSize(index) || !isTreeSize(size)) return false;
  if (!Array.isArray(proof) || !proof.every(isHash)) return false;
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && hashesEqual(r, root);
}

/** True iff the tree (size1, root1) is a prefix of the tree (size2, root2) (RFC 9162 §2.1.4.2). */
export async function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): Promise<boolean> {
  if (!isTreeSize(size1) || !isTreeSize(size2) || !isHash(root1) || !isHash(root2)) return false;
  if (!Array.isArray(proof) || !proof.every(isHash)) return false;
  if (size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && hashesEqual(root1, root2);
  if (size1 === 0) return proof.length === 0 && hashesEqual(root1, await sha256(new Uint8Array(0)));
  if (proof.length === 0) return false;
  const path = (size1 & (size1 - 1)) === 0 ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && hashesEqual(fr, root1) && hashesEqual(sr, root2);
}

/** The bytes of canonical padded standard base64, else undefined. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (typeof text !== 'string' || !CANONICAL_B64.test(text)) return undefined;
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  // Non-zero padding bits decode "fine" but are not the canonical form.
  return encodeBase64(bytes) === text ? bytes : undefined;
}

export function encodeBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions: string[];
}

export type CheckpointResult =
  | { ok: true; checkpoint: Checkpoint }
  | {
      ok: false;
      reason:
        | 'MALFORMED_NOTE'
        | 'MALFORMED_CHECKPOINT'
        | 'MALFORMED_VERIFIER_KEY'
        | 'NO_KNOWN_SIGNATURE'
        | 'BAD_SIGNATURE'
        | 'ORIGIN_MISMATCH'
        | 'ED25519_UNSUPPORTED';
    };

/** Parses the checkpoint body (origin, size, root hash, extension lines), not the signatures. */
export function parseCheckpoint(text: string): CheckpointResult {
  const bad = { ok: false, reason: 'MALFORMED_CHECKPOINT' } as const;
  if (typeof text !== 'string' || !text.endsWith('\n')) return bad;
  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (origin === undefined || sizeLine === undefined || rootLine === undefined) return bad;
  if (!lines.every((l) => LINE.test(l))) return bad;
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeLine)) return bad;
  const size = Number(sizeLine);
  if (!isTreeSize(size)) return bad;
  const rootHash = decodeBase64(rootLine);
  if (!rootHash || !isHash(rootHash)) return bad;
  return { ok: true, checkpoint: { origin, size, rootHash, extensions } };
}

export interface NoteVerifier {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
}

const validKeyName = (name: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the signed-note spec forbids these
  name.length > 0 && !/[\s\u0085+\u0000-\u001f\u007f]/u.test(name);

async function keyIdOf(name: string, publicKey: Uint8Array): Promise<number> {
  const n = utf8.encode(name);
  const buf = new Uint8Array(n.length + 2 + publicKey.length);
  buf.set(n, 0);
  buf.set([0x0a, 0x01], n.length);
  buf.set(publicKey, n.length + 2);
  const d = await sha256(buf);
  return new DataView(d.buffer, d.byteOffset, 4).getUint32(0);
}

/** Parses `name+hex(keyid)+base64(0x01 || key)`; the key id must match the name and key. */
export async function parseVerifierKey(text: string): Promise<NoteVerifier | undefined> {
  if (typeof text !== 'string') return undefined;
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  if (first < 0 || second < 0) return undefined;
  const name = text.slice(0, first);
  const hex = text.slice(first + 1, second);
  const key = decodeBase64(text.slice(second + 1));
  if (!validKeyName(name) || !/^[0-9a-f]{8}$/i.test(hex) || !key) return undefined;
  if (key.length !== 33 || key[0] !== 0x01) return undefined;
  const publicKey = key.slice(1);
  const keyId = Number.parseInt(hex, 16);
  if ((await keyIdOf(name, publicKey)) !== keyId) return undefined;
  return { name, keyId, publicKey };
}

async function ed25519Verify(
  publicKey: Uint8Array,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<boolean | 'unsupported'> {
  if (signature.length !== 64) return false;
  let key: CryptoKey;
  try {
    key = await globalThis.crypto.subtle.importKey('raw', own(publicKey), { name: 'Ed25519' }, false, [
      'verify',
    ]);
  } catch (err) {
    return err instanceof Error && err.name === 'NotSupportedError' ? 'unsupported' : false;
  }
  try {
    return await globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, own(signature), own(message));
  } catch {
    return false;
  }
}

/**
 * Verifies a signed checkpoint note against the log's verifier key: at least one signature by
 * that key, none of its signatures failing, then the body parsed (and its origin checked).
 */
export async function verifyCheckpoint(
  note: string,
  verifierKey: string,
  options: { origin?: string } = {},
): Promise<CheckpointResult> {
  const verifier = await parseVerifierKey(verifierKey);
  if (!verifier) return { ok: false, reason: 'MALFORMED_VERIFIER_KEY' };
  const badNote = { ok: false, reason: 'MALFORMED_NOTE' } as const;
  if (typeof note !== 'string' || !note.endsWith('\n')) return badNote;
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return badNote;
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const bytes = utf8.encode(text);
  let verified = false;
  for (const line of lines) {
    if (!line.startsWith(SIG_PREFIX)) return badNote;
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    if (space < 0) return badNote;
    const name = rest.slice(0, space);
    const blob = decodeBase64(rest.slice(space + 1));
    if (!validKeyName(name) || !blob || blob.length < 5) return badNote;
    const keyId = new DataView(blob.buffer, blob.byteOffset, 4).getUint32(0);
    if (name !== verifier.name || keyId !== verifier.keyId) continue;
    const ok = await ed25519Verify(verifier.publicKey, blob.slice(4), bytes);
    if (ok === 'unsupported') return { ok: false, reason: 'ED25519_UNSUPPORTED' };
    if (!ok) return { ok: false, reason: 'BAD_SIGNATURE' };
    verified = true;
  }
  if (!verified) return { ok: false, reason: 'NO_KNOWN_SIGNATURE' };
  const cp = parseCheckpoint(text);
  if (!cp.ok) return cp;
  if (options.origin !== undefined && cp.checkpoint.origin !== options.origin)
    return { ok: false, reason: 'ORIGIN_MISMATCH' };
  return cp;
}

/** Witness cosigner keys and how many of them a checkpoint needs (issue 20). */
export interface WitnessPolicy {
  /** `name+keyid+base64(0x04 || key)` (C2SP tlog-cosignature, Ed25519). */
  keys: readonly string[];
  quorum: number;
}

async function cosignerOf(text: string): Promise<NoteVerifier | undefined> {
  if (typeof text !== 'string') return undefined;
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  if (first < 0 || second < 0) return undefined;
  const name = text.slice(0, first);
  const hex = text.slice(first + 1, second);
  const key = decodeBase64(text.slice(second + 1));
  if (!validKeyName(name) || !/^[0-9a-f]{8}$/i.test(hex) || !key || key.length !== 33 || key[0] !== 0x04)
    return undefined;
  const publicKey = key.slice(1);
  const n = utf8.encode(name);
  const buf = new Uint8Array(n.length + 2 + 32);
  buf.set(n, 0);
  buf.set([0x0a, 0x04], n.length);
  buf.set(publicKey, n.length + 2);
  const d = await sha256(buf);
  const keyId = Number.parseInt(hex, 16);
  if (new DataView(d.buffer, d.byteOffset, 4).getUint32(0) !== keyId) return undefined;
  return { name, keyId, publicKey };
}

export type CosignatureOutcome =
  | { ok: true; cosignedBy: { name: string; timestamp: number }[] }
  | {
      ok: false;
      reason:
        | 'MALFORMED_NOTE'
        | 'MALFORMED_WITNESS_KEY'
        | 'BAD_COSIGNATURE'
        | 'NO_QUORUM'
        | 'ED25519_UNSUPPORTED';
    };

/**
 * The witnesses' cosignatures on a checkpoint note (C2SP tlog-cosignature v1: Ed25519 over
 * "cosignature/v1\ntime <t>\n" + the checkpoint text, line = key id ‖ u64 time ‖ signature). At
 * least `quorum` distinct witnesses of the policy must have cosigned; one that names a known key
 * and does not verify rejects the note.
 */
export async function verifyCosignatures(note: string, policy: WitnessPolicy): Promise<CosignatureOutcome> {
  const cosigners: NoteVerifier[] = [];
  for (const k of policy.keys) {
    const c = await cosignerOf(k);
    if (!c) return { ok: false, reason: 'MALFORMED_WITNESS_KEY' };
    cosigners.push(c);
  }
  if (typeof note !== 'string' || !note.endsWith('\n')) return { ok: false, reason: 'MALFORMED_NOTE' };
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return { ok: false, reason: 'MALFORMED_NOTE' };
  const text = note.slice(0, split + 1);
  const cosignedBy: { name: string; timestamp: number }[] = [];
  for (const line of note.slice(split + 2, -1).split('\n')) {
    if (!line.startsWith(SIG_PREFIX)) return { ok: false, reason: 'MALFORMED_NOTE' };
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = rest.slice(0, space);
    const blob = decodeBase64(rest.slice(space + 1));
    if (space < 0 || !blob || blob.length < 5) return { ok: false, reason: 'MALFORMED_NOTE' };
    const view = new DataView(blob.buffer, blob.byteOffset, blob.length);
    const c = cosigners.find((x) => x.name === name && x.keyId === view.getUint32(0));
    if (!c) continue;
    if (blob.length !== 4 + 8 + 64) return { ok: false, reason: 'BAD_COSIGNATURE' };
    const ts = view.getBigUint64(4);
    if (ts > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'BAD_COSIGNATURE' };
    const message = utf8.encode(`cosignature/v1\ntime ${ts}\n${text}`);
    const good = await ed25519Verify(c.publicKey, blob.slice(12), message);
    if (good === 'unsupported') return { ok: false, reason: 'ED25519_UNSUPPORTED' };
    if (!good) return { ok: false, reason: 'BAD_COSIGNATURE' };
    if (!cosignedBy.some((x) => x.name === name)) cosignedBy.push({ name, timestamp: Number(ts) });
  }
  if (cosignedBy.length < Math.max(1, policy.quorum)) return { ok: false, reason: 'NO_QUORUM' };
  return { ok: true, cosignedBy };
}

/** The RFC 9162 root of entries' exact bytes, in order, with O(log n) memory. */
export async function rootOfEntries(texts: Iterable<string>): Promise<Uint8Array> {
  const stack: { level: number; hash: Uint8Array }[] = [];
  for (const t of texts) {
    let node = { level: 0, hash: await leafHash(t) };
    let top = stack[stack.length - 1];
    while (top && top.level === node.level) {
      stack.pop();
      node = { level: node.level + 1, hash: await nodeHash(top.hash, node.hash) };
      top = stack[stack.length - 1];
    }
    stack.push(node);
  }
  let acc: Uint8Array | undefined;
  for (let i = stack.length - 1; i >= 0; i--) {
    const h = (stack[i] as { hash: Uint8Array }).hash;
    acc = acc ? await nodeHash(h, acc) : h;
  }
  return acc ?? sha256(new Uint8Array(0));
}

/**
 * The whole log, in the browser: the checkpoint verifies under the log's key with a quorum of
 * witness cosignatures, and the first `size` entries (dense indexes from 0) hash to its root.
 */
export async function verifyLogInBrowser(
  note: string,
  verifierKey: string,
  witnesses: WitnessPolicy,
  entries: readonly { idx: number; text: string }[],
): Promise<{ ok: true; size: number } | { ok: false; reason: string; idx?: number }> {
  const cp = await verifyCheckpoint(note, verifierKey);
  if (!cp.ok) return { ok: false, reason: `checkpoint: ${cp.reason}` };
  const cos = await verifyCosignatures(note, witnesses);
  if (!cos.ok) return { ok: false, reason: `checkpoint: ${cos.reason}` };
  const { size, rootHash } = cp.checkpoint;
  if (entries.length < size) return { ok: false, reason: 'entries were deleted', idx: entries.length };
  for (let i = 0; i < size; i++)
    if (entries[i]?.idx !== i) return { ok: false, reason: 'entries are missing or reordered', idx: i };
  const root = await rootOfEntries(entries.slice(0, size).map((e) => e.text));
  if (!hashesEqual(root, rootHash))
    return { ok: false, reason: 'the entries do not hash to the witnessed root' };
  return { ok: true, size };
}
