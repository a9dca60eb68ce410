/**
 * A stand-in for the writer's database in queue tests: an append-only file of `id<TAB>bytes`
 * lines, fsynced before `commit` returns (the "COMMIT"), that skips ids it already holds (the
 * unique batch-id constraint the server's store has). One writer process at a time; a line torn by
 * a kill is not committed and is cut off when the store is reopened.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';

export interface CommitResult {
  stored: number;
  skipped: number;
}

export class IdempotentFileStore {
  readonly #ids = new Set<string>();
  readonly #fd: number;

  private constructor(readonly path: string) {
    const committed = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const end = committed.lastIndexOf('\n') + 1;
    for (const line of committed.slice(0, end).split('\n')) {
      const id = line.split('\t')[0];
      if (id) this.#ids.add(id);
    }
    this.#fd = openSync(path, 'a+');
    if (end !== Buffer.byteLength(committed))
      ftruncateSync(this.#fd, Buffer.byteLength(committed.slice(0, end)));
  }

  static open(path: string): IdempotentFileStore {
    return new IdempotentFileStore(path);
  }

  /** Every committed line's id, in order, duplicates included (so a test can count them). */
  static readIds(path: string): string[] {
    if (!existsSync(path)) return [];
    const text = readFileSync(path, 'utf8');
    return text
      .slice(0, text.lastIndexOf('\n') + 1)
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => l.split('\t')[0] ?? '');
  }

  get size(): number {
    return this.#ids.size;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** Stores the batches not yet stored, in one write, then fsyncs: durable when this returns. */
  commit(batches: { id: string; payload: Uint8Array }[]): CommitResult {
    let lines = '';
    const fresh: string[] = [];
    let skipped = 0;
    for (const b of batches) {
      if (this.#ids.has(b.id) || fresh.includes(b.id)) {
        skipped++;
        continue;
      }
      fresh.push(b.id);
      lines += `${b.id}\t${b.payload.byteLength}\n`;
    }
    if (lines) {
      writeSync(this.#fd, lines);
      fsyncSync(this.#fd);
      for (const id of fresh) this.#ids.add(id);
    }
    return { stored: fresh.length, skipped };
  }

  close(): void {
    closeSync(this.#fd);
  }
}
