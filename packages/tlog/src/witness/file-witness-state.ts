/**
 * A witness's state in its own folder: `state.json`, one record per log, replaced atomically
 * (written to a temporary file, flushed, renamed) before a cosignature is returned.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { decodeBase64, encodeBase64 } from '../base64.ts';
import type { WitnessRecord, WitnessState } from './witness.ts';

interface StoredRecord {
  size: number;
  root: string;
  checkpoint: string;
}

export class FileWitnessState implements WitnessState {
  readonly #file: string;
  #logs: Record<string, StoredRecord>;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.#file = join(dir, 'state.json');
    this.#logs = existsSync(this.#file)
      ? (JSON.parse(readFileSync(this.#file, 'utf8')) as { logs: Record<string, StoredRecord> }).logs
      : {};
  }

  async load(origin: string): Promise<WitnessRecord | undefined> {
    const r = this.#logs[origin];
    if (!r) return undefined;
    const rootHash = decodeBase64(r.root);
    if (!rootHash) throw new Error('witness state: a stored root hash is not base64');
    return { size: r.size, rootHash, checkpoint: r.checkpoint };
  }

  async save(origin: string, record: WitnessRecord): Promise<void> {
    const logs = {
      ...this.#logs,
      [origin]: { size: record.size, root: encodeBase64(record.rootHash), checkpoint: record.checkpoint },
    };
    const tmp = `${this.#file}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify({ v: 1, logs }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.#file);
    this.#logs = logs;
  }
}
