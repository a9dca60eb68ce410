/**
 * An in-memory NodeStore for tests, benchmarks, the CLI's offline full-log check and the embedded
 * demo. Each level is a list of fixed 1 MiB chunks holding hashes back to back, so 10^7 leaves
 * cost about 2 · 32 · 10^7 bytes ≈ 640 MB and growth never copies what is already stored
 * (a growable single Buffer would briefly need twice that).
 */
import { HASH_SIZE } from './hashing.ts';
import type { NodeKey, NodeStore, StoredNode } from './node-store.ts';
import { TlogError } from './tlog-error.ts';

const CHUNK_NODES = 32_768;
const CHUNK_BYTES = CHUNK_NODES * HASH_SIZE;

interface Level {
  chunks: Buffer[];
  /** Nodes written at this level; they are always the contiguous prefix [0, length). */
  length: number;
}

export class MemoryNodeStore implements NodeStore {
  readonly #levels: Level[] = [];

  /** Number of nodes held at `level`. */
  count(level: number): number {
    return this.#levels[level]?.length ?? 0;
  }

  /** Bytes of hash storage allocated (whole chunks). */
  get allocatedBytes(): number {
    let chunks = 0;
    for (const l of this.#levels) chunks += l.chunks.length;
    return chunks * CHUNK_BYTES;
  }

  async getNodes(keys: readonly NodeKey[]): Promise<Uint8Array[]> {
    return keys.map((k) => this.getNode(k));
  }

  async putNodes(nodes: readonly StoredNode[]): Promise<void> {
    this.putNodesSync(nodes);
  }

  /** Synchronous read, for callers that know they hold a MemoryNodeStore. */
  getNode(key: NodeKey): Uint8Array {
    const level = this.#levels[key.level];
    if (!level || !Number.isSafeInteger(key.index) || key.index < 0 || key.index >= level.length) {
      throw new TlogError('TLOG_NODE_MISSING');
    }
    const chunk = level.chunks[Math.floor(key.index / CHUNK_NODES)] as Buffer;
    const at = (key.index % CHUNK_NODES) * HASH_SIZE;
    // A copy: callers may keep or mutate the hash without touching the store.
    return new Uint8Array(chunk.subarray(at, at + HASH_SIZE));
  }

  /** Synchronous write with the same all-or-nothing contract as putNodes. */
  putNodesSync(nodes: readonly StoredNode[]): void {
    // Check the whole batch before writing anything, so a bad batch leaves the store unchanged.
    const pending = new Map<number, number>();
    const fresh: boolean[] = [];
    for (const n of nodes) {
      if (!Number.isSafeInteger(n.level) || n.level < 0 || n.level > 63) {
        throw new TlogError('TLOG_INVALID_ARGUMENT', 'node level out of range');
      }
      if (!(n.hash instanceof Uint8Array) || n.hash.length !== HASH_SIZE) {
        throw new TlogError('TLOG_INVALID_ARGUMENT', 'node hash must be 32 bytes');
      }
      const length = pending.get(n.level) ?? this.count(n.level);
      if (!Number.isSafeInteger(n.index) || n.index < 0 || n.index > length) {
        throw new TlogError('TLOG_INVALID_ARGUMENT', 'nodes must be written contiguously per level');
      }
      if (n.index < length) {
        if (n.index < this.count(n.level) && !this.#sameAs(n)) throw new TlogError('TLOG_NODE_CONFLICT');
        fresh.push(false);
      } else {
        pending.set(n.level, length + 1);
        fresh.push(true);
      }
    }
    nodes.forEach((n, i) => {
      if (fresh[i]) this.#write(n);
    });
  }

  #sameAs(n: StoredNode): boolean {
    const held = this.getNode(n);
    return Buffer.compare(held, n.hash) === 0;
  }

  #write(n: StoredNode): void {
    let level = this.#levels[n.level];
    while (!level) {
      this.#levels.push({ chunks: [], length: 0 });
      level = this.#levels[n.level];
    }
    const c = Math.floor(n.index / CHUNK_NODES);
    let chunk = level.chunks[c];
    if (!chunk) {
      chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
      level.chunks.push(chunk);
    }
    chunk.set(n.hash, (n.index % CHUNK_NODES) * HASH_SIZE);
    level.length = n.index + 1;
  }
}
