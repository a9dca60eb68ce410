/**
 * The durable, encrypted spool between the batcher and the uploader. Each signed batch is an
 * encrypted file named by its zero-padded seq (so names sort by seq), written atomically.
 * Nothing in the spool directory holds plaintext event content.
 *
 * Restart rules: stray temporary files are removed; unreadable entries are moved to
 * quarantine/ and logged, never deleted; the next seq is one more than the highest seq known
 * (state, spooled, rejected or quarantined) and the source resumes from the highest cursor of
 * the state and the spooled entries. Every entry leaves the spool the same way: the state is
 * written first (naming the transition), then the file is deleted or moved, so a crash in
 * between is completed on the next start, and an acknowledged entry is never resent.
 */
import { readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AgentError } from './agent-error.ts';
import { ensurePrivateDir, fsyncDir, isTmpName, writeFileAtomic } from './atomic-file.ts';
import type { SealedBatch } from './batcher.ts';
import type { LogFn } from './log.ts';
import { decryptEntry, encryptEntry } from './spool-crypto.ts';
import {
  type Finishing,
  INITIAL_STATE,
  readSpoolState,
  type SpoolState,
  writeSpoolState,
} from './spool-state.ts';

export const QUARANTINE_DIR = 'quarantine';
export const REJECTED_DIR = 'rejected';
export const STATE_FILE = 'state.json';
const ENTRY_NAME = /^(\d{16})\.entry$/;
const LEADING_SEQ = /^(\d{16})\./;

export interface SpoolEntryMeta {
  readonly seq: number;
  readonly batchId: string;
  /** The source cursor this entry reaches. */
  readonly cursor: number;
  /** Not uploaded before this time (the review holdback). */
  readonly readyAt: number;
  readonly firstEventAt: number;
  readonly lastEventAt: number;
  readonly events: number;
}

const EntryRecord = z
  .object({
    v: z.literal(1),
    seq: z.number().int().min(0),
    batchId: z.string(),
    cursor: z.number().int().min(0),
    readyAt: z.number().int(),
    firstEventAt: z.number().int(),
    lastEventAt: z.number().int(),
    events: z.number().int().min(1),
    body: z.string(),
  })
  .strict();

export interface SpoolOptions {
  /** The spool directory (created 0700). */
  dir: string;
  /** The 32-byte spool key. */
  key: Uint8Array;
  deviceId: string;
  log: LogFn;
  /** How long a batch is held back for review before it may be uploaded; default 0. */
  holdbackMs?: number;
  now?: () => number;
}

export interface ForgetResult {
  /** Entries deleted. */
  forgotten: number;
  /** Entries in the range that were already released for upload and so were kept. */
  released: number;
}

export function entryName(seq: number): string {
  return `${String(seq).padStart(16, '0')}.entry`;
}

export class Spool {
  readonly #options: Required<SpoolOptions>;
  #state: SpoolState;
  #entries: SpoolEntryMeta[];
  readonly #handedOut = new Set<number>();
  #nextSeq: number;
  readonly #resumeCursor: number;
  #serial: Promise<unknown> = Promise.resolve();
  #waiters: (() => void)[] = [];

  private constructor(
    options: Required<SpoolOptions>,
    state: SpoolState,
    entries: SpoolEntryMeta[],
    nextSeq: number,
  ) {
    this.#options = options;
    this.#state = state;
    this.#entries = entries;
    this.#nextSeq = nextSeq;
    this.#resumeCursor = Math.max(state.cursor, ...entries.map((e) => e.cursor));
  }

  /** Opens the spool and applies the restart rules. */
  static async open(options: SpoolOptions): Promise<Spool> {
    const opts: Required<SpoolOptions> = { holdbackMs: 0, now: Date.now, ...options };
    if (opts.key.length !== 32) throw new AgentError('OPTIONS_INVALID', 'the spool key must be 32 bytes');
    try {
      const recovered = await recover(opts);
      return new Spool(opts, recovered.state, recovered.entries, recovered.nextSeq);
    } catch (cause) {
      if (cause instanceof AgentError) throw cause;
      throw new AgentError('SPOOL_IO', `cannot open the spool in ${opts.dir}`, { cause });
    }
  }

  /** The seq the next appended batch must carry. */
  get nextSeq(): number {
    return this.#nextSeq;
  }

  /** The source cursor to resume capture from. */
  get resumeCursor(): number {
    return this.#resumeCursor;
  }

  get size(): number {
    return this.#entries.length;
  }

  /** Entries waiting for upload, in seq order. */
  entries(): readonly SpoolEntryMeta[] {
    return [...this.#entries];
  }

  /** Writes a sealed batch durably; when this resolves the batch survives a crash. */
  append(sealed: SealedBatch): Promise<SpoolEntryMeta> {
    return this.#exclusive(async () => {
      const seq = sealed.batch.seq;
      if (seq < this.#nextSeq) throw new AgentError('SPOOL_IO', `seq ${seq} was already used`);
      const meta: SpoolEntryMeta = {
        seq,
        batchId: sealed.batch.batchId,
        cursor: sealed.cursor,
        readyAt: this.#options.now() + this.#options.holdbackMs,
        firstEventAt: sealed.firstEventAt,
        lastEventAt: sealed.lastEventAt,
        events: sealed.batch.events.length,
      };
      const plaintext = Buffer.from(JSON.stringify({ v: 1, ...meta, body: sealed.body }), 'utf8');
      const stored = encryptEntry(this.#options.key, this.#options.deviceId, seq, plaintext);
      await writeFileAtomic(join(this.#options.dir, entryName(seq)), stored);
      this.#nextSeq = seq + 1;
      this.#entries.push(meta);
      this.#notify();
      return meta;
    });
  }

  /**
   * Decrypts an entry for upload and marks it released (no longer forgettable). An entry
   * that cannot be read is moved to quarantine/ and `undefined` is returned.
   */
  async read(seq: number): Promise<{ meta: SpoolEntryMeta; body: string } | undefined> {
    const meta = this.#entries.find((e) => e.seq === seq);
    if (!meta) return undefined;
    this.#handedOut.add(seq);
    const record = await readEntry(this.#options, entryName(seq), seq);
    if (record) return { meta, body: record.body };
    await this.#exclusive(async () => {
      await quarantine(this.#options, entryName(seq));
      this.#remove(seq);
    });
    return undefined;
  }

  /** The server stored the batch: record it in the state, then delete the file. */
  ack(seq: number): Promise<void> {
    return this.#finish([{ seq, action: 'ack' }]);
  }

  /** The server refused the batch for good: record it, then move the file to rejected/. */
  reject(seq: number, code: string): Promise<void> {
    return this.#finish([{ seq, action: 'reject', code }]);
  }

  /**
   * Deletes entries still held back for review whose events overlap [from, to] (epoch ms).
   * Entries already released for upload cannot be recalled and are counted as `released`.
   */
  forget(range: { from: number; to: number }): Promise<ForgetResult> {
    return this.#exclusive(async () => {
      const now = this.#options.now();
      const overlapping = this.#entries.filter(
        (e) => e.lastEventAt >= range.from && e.firstEventAt <= range.to,
      );
      const forgettable = overlapping.filter((e) => e.readyAt > now && !this.#handedOut.has(e.seq));
      if (forgettable.length > 0) {
        await this.#finishLocked(forgettable.map((e) => ({ seq: e.seq, action: 'forget' as const })));
      }
      return { forgotten: forgettable.length, released: overlapping.length - forgettable.length };
    });
  }

  /** Resolves at the next change of the spool (or when `signal` aborts). */
  waitForChange(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = (): void => {
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.#waiters.push(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  #finish(items: Finishing[]): Promise<void> {
    return this.#exclusive(() => this.#finishLocked(items));
  }

  async #finishLocked(items: Finishing[]): Promise<void> {
    const metas = items.map((item) => this.#entries.find((e) => e.seq === item.seq));
    const state: SpoolState = {
      v: 1,
      lastSeq: Math.max(this.#state.lastSeq, ...items.map((i) => i.seq)),
      cursor: Math.max(this.#state.cursor, ...metas.map((m) => m?.cursor ?? 0)),
      finishing: items,
    };
    await writeSpoolState(join(this.#options.dir, STATE_FILE), state);
    this.#state = state;
    await completeTransitions(this.#options, items);
    for (const item of items) this.#remove(item.seq);
  }

  #remove(seq: number): void {
    this.#entries = this.#entries.filter((e) => e.seq !== seq);
    this.#handedOut.delete(seq);
    this.#notify();
  }

  #notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /** Runs `fn` after every earlier mutation, so state writes never interleave. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#serial.then(fn, fn);
    this.#serial = run.catch(() => {});
    return run;
  }
}

interface Recovered {
  state: SpoolState;
  entries: SpoolEntryMeta[];
  nextSeq: number;
}

async function recover(options: Required<SpoolOptions>): Promise<Recovered> {
  const { dir, log } = options;
  await ensurePrivateDir(dir);
  await ensurePrivateDir(join(dir, QUARANTINE_DIR));
  await ensurePrivateDir(join(dir, REJECTED_DIR));

  let state: SpoolState = INITIAL_STATE;
  const read = await readSpoolState(join(dir, STATE_FILE));
  if (read.ok) {
    state = read.state;
    await completeTransitions(options, state.finishing);
  } else if (read.reason === 'unreadable') {
    await quarantine(options, STATE_FILE);
    log('error', 'spool_state_unreadable', { code: 'SPOOL_ENTRY_UNREADABLE' });
  }

  let maxSeq = state.lastSeq;
  for (const sub of [QUARANTINE_DIR, REJECTED_DIR]) {
    for (const name of await readdir(join(dir, sub))) maxSeq = Math.max(maxSeq, leadingSeq(name));
  }

  const entries: SpoolEntryMeta[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (isTmpName(name)) {
      await unlink(join(dir, name));
      log('info', 'spool_tmp_removed', {});
      continue;
    }
    const match = ENTRY_NAME.exec(name);
    if (!match?.[1]) continue;
    const seq = Number(match[1]);
    maxSeq = Math.max(maxSeq, seq);
    const record = await readEntry(options, name, seq);
    if (!record) {
      await quarantine(options, name);
      continue;
    }
    const { body: _body, v: _v, ...meta } = record;
    entries.push(meta);
  }
  await fsyncDir(dir);
  log('info', 'spool_opened', { entries: entries.length, nextSeq: maxSeq + 1 });
  return { state, entries, nextSeq: maxSeq + 1 };
}

/** Reads, decrypts and parses an entry; `undefined` (logged) when it cannot be read. */
async function readEntry(options: Required<SpoolOptions>, name: string, seq: number) {
  try {
    const stored = await readFile(join(options.dir, name));
    const plaintext = decryptEntry(options.key, options.deviceId, seq, stored);
    const record = EntryRecord.parse(JSON.parse(Buffer.from(plaintext).toString('utf8')));
    if (record.seq !== seq) throw new Error('seq mismatch');
    return record;
  } catch {
    options.log('error', 'spool_entry_unreadable', { code: 'SPOOL_ENTRY_UNREADABLE', seq });
    return undefined;
  }
}

/** Moves a file aside to quarantine/, keeping its leading seq in the name. */
async function quarantine(options: Required<SpoolOptions>, name: string): Promise<void> {
  const target = join(options.dir, QUARANTINE_DIR, `${name}.${options.now()}.quarantined`);
  await rename(join(options.dir, name), target);
  await fsyncDir(join(options.dir, QUARANTINE_DIR));
  await fsyncDir(options.dir);
  options.log('warn', 'spool_file_quarantined', {
    code: 'SPOOL_ENTRY_UNREADABLE',
    seq: leadingSeqOrNull(name),
  });
}

/** Deletes or moves the files of recorded transitions; a file already gone is already done. */
async function completeTransitions(
  options: Required<SpoolOptions>,
  items: readonly Finishing[],
): Promise<void> {
  if (items.length === 0) return;
  for (const item of items) {
    const path = join(options.dir, entryName(item.seq));
    try {
      if (item.action === 'reject') {
        const target = join(
          options.dir,
          REJECTED_DIR,
          `${String(item.seq).padStart(16, '0')}.${item.code ?? 'REJECTED'}.entry`,
        );
        await rename(path, target);
        await fsyncDir(join(options.dir, REJECTED_DIR));
      } else {
        await unlink(path);
      }
    } catch (err) {
      if (!(err instanceof Error && 'code' in err && err.code === 'ENOENT')) throw err;
    }
  }
  await fsyncDir(options.dir);
}

function leadingSeq(name: string): number {
  return leadingSeqOrNull(name) ?? -1;
}

function leadingSeqOrNull(name: string): number | null {
  const match = LEADING_SEQ.exec(name);
  return match?.[1] ? Number(match[1]) : null;
}
