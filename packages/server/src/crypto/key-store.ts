/**
 * The data-key store: one AES-256 data key per (subject, month), wrapped by the KEK and kept apart
 * from the event database (embedded: one small file per subject under keys/). Destroying a key
 * is crypto-shredding: the ciphertext in the database, its replicas and backups become noise.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { StenoError } from '../errors.ts';
import { AsyncLock } from '../store/async-lock.ts';
import { aeadOpen, aeadSeal } from './aead.ts';
import type { Kek } from './kek.ts';

export interface DataKey {
  readonly keyId: string;
  readonly key: Uint8Array;
}

export interface KeyStore {
  getOrCreate(subject: string, month: string): Promise<DataKey>;
  /** The key a chunk was sealed with, or undefined if it was destroyed. */
  get(subject: string, month: string, keyId: string): Promise<Uint8Array | undefined>;
  destroySubject(subject: string): Promise<void>;
  /** The months for which a subject has a data key. */
  months(subject: string): Promise<string[]>;
  destroyMonth(subject: string, month: string): Promise<void>;
  /** Health probe: the store can be read and written. */
  check(): Promise<void>;
}

interface WrappedKey {
  keyId: string;
  kekId: string;
  wrapped: string;
  createdAt: number;
}
interface SubjectKeyFile {
  v: 1;
  subject: string;
  months: Record<string, WrappedKey>;
}

const aadFor = (subject: string, month: string, keyId: string) =>
  new TextEncoder().encode(`steno-dek-v1\n${subject}\n${month}\n${keyId}`);

export class FileKeyStore implements KeyStore {
  readonly #dir: string;
  readonly #kek: Kek;
  readonly #locks = new Map<string, AsyncLock>();
  readonly #cache = new Map<string, Uint8Array>();

  constructor(dir: string, kek: Kek) {
    this.#dir = dir;
    this.#kek = kek;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  #file(subject: string): string {
    return join(this.#dir, `${createHash('sha256').update(subject).digest('hex')}.json`);
  }

  #lock(subject: string): AsyncLock {
    let lock = this.#locks.get(subject);
    if (!lock) {
      lock = new AsyncLock();
      this.#locks.set(subject, lock);
    }
    return lock;
  }

  /** Parsed key files by subject, valid while the file (inode, change time, size) is the same. */
  readonly #docs = new Map<string, { ino: number; ctimeMs: number; size: number; doc: SubjectKeyFile }>();

  #read(subject: string): SubjectKeyFile {
    const file = this.#file(subject);
    // Another process may have written or destroyed keys: a stat per read, a parse only on change.
    const st = statSync(file, { throwIfNoEntry: false });
    if (!st) {
      this.#docs.delete(subject);
      return { v: 1, subject, months: {} };
    }
    const hit = this.#docs.get(subject);
    if (hit && hit.ino === st.ino && hit.ctimeMs === st.ctimeMs && hit.size === st.size)
      return structuredClone(hit.doc);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as SubjectKeyFile;
    if (this.#docs.size > 10_000) this.#docs.clear();
    this.#docs.set(subject, { ino: st.ino, ctimeMs: st.ctimeMs, size: st.size, doc: structuredClone(doc) });
    return doc;
  }

  #write(subject: string, doc: SubjectKeyFile): void {
    const file = this.#file(subject);
    const tmp = `${file}.${randomUUID()}.tmp`;
    writeFileSync(tmp, JSON.stringify(doc), { mode: 0o600 });
    const fd = openSync(tmp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, file);
    const dfd = openSync(this.#dir, 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  }

  #unwrap(subject: string, month: string, w: WrappedKey): Uint8Array {
    if (w.kekId !== this.#kek.id) throw new StenoError('KEY_UNAVAILABLE', 'data key wrapped by another KEK');
    const key = aeadOpen(this.#kek.key, Buffer.from(w.wrapped, 'base64url'), aadFor(subject, month, w.keyId));
    if (!key) throw new StenoError('KEY_UNAVAILABLE', 'data key does not unwrap');
    return key;
  }

  getOrCreate(subject: string, month: string): Promise<DataKey> {
    return this.#lock(subject).run(async () => {
      const doc = this.#read(subject);
      const existing = doc.months[month];
      if (existing) {
        const cached = this.#cache.get(existing.keyId);
        return {
          keyId: existing.keyId,
          key: cached ?? this.#cacheKey(existing.keyId, this.#unwrap(subject, month, existing)),
        };
      }
      // Several server processes may share this folder (two ingest nodes): create under a
      // cross-process lock and re-read, so two processes never make two keys for one month.
      return this.#fileLocked(subject, async () => {
        const fresh = this.#read(subject);
        const raced = fresh.months[month];
        if (raced)
          return {
            keyId: raced.keyId,
            key: this.#cacheKey(raced.keyId, this.#unwrap(subject, month, raced)),
          };
        const keyId = `dk_${randomBytes(12).toString('base64url')}`;
        const key = new Uint8Array(randomBytes(32));
        const wrapped = Buffer.from(aeadSeal(this.#kek.key, key, aadFor(subject, month, keyId))).toString(
          'base64url',
        );
        fresh.months[month] = { keyId, kekId: this.#kek.id, wrapped, createdAt: Date.now() };
        this.#write(subject, fresh);
        return { keyId, key: this.#cacheKey(keyId, key) };
      });
    });
  }

  /** Runs `fn` holding `<subject file>.lock` (O_EXCL), shared by every process using this folder. */
  async #fileLocked<T>(subject: string, fn: () => Promise<T>): Promise<T> {
    const lock = `${this.#file(subject)}.lock`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        closeSync(openSync(lock, 'wx', 0o600));
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        // A lock left by a crashed process is stale after 30 s.
        const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
        if (age > 30_000) rmSync(lock, { force: true });
        else if (Date.now() > deadline)
          throw new StenoError('KEY_UNAVAILABLE', 'the key store is locked by another process');
        else await new Promise((r) => setTimeout(r, 5));
      }
    }
    try {
      return await fn();
    } finally {
      rmSync(lock, { force: true });
    }
  }

  #cacheKey(keyId: string, key: Uint8Array): Uint8Array {
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(keyId, key);
    return key;
  }

  get(subject: string, month: string, keyId: string): Promise<Uint8Array | undefined> {
    return this.#lock(subject).run(async () => {
      const w = this.#read(subject).months[month];
      if (!w || w.keyId !== keyId) return undefined;
      return this.#cache.get(keyId) ?? this.#cacheKey(keyId, this.#unwrap(subject, month, w));
    });
  }

  months(subject: string): Promise<string[]> {
    return this.#lock(subject).run(async () => Object.keys(this.#read(subject).months).sort());
  }

  destroySubject(subject: string): Promise<void> {
    return this.#lock(subject).run(() =>
      this.#fileLocked(subject, async () => {
        for (const w of Object.values(this.#read(subject).months)) this.#cache.delete(w.keyId);
        rmSync(this.#file(subject), { force: true });
      }),
    );
  }

  destroyMonth(subject: string, month: string): Promise<void> {
    return this.#lock(subject).run(() =>
      this.#fileLocked(subject, async () => {
        const doc = this.#read(subject);
        const w = doc.months[month];
        if (!w) return;
        this.#cache.delete(w.keyId);
        delete doc.months[month];
        this.#write(subject, doc);
      }),
    );
  }

  /**
   * KEK rotation: every data key wrapped by `from` is unwrapped and wrapped again by `to`, one
   * subject file at a time (each write atomic). Keys already under `to` are left alone, so an
   * interrupted rotation is finished by running it again. Returns how many keys were rewrapped.
   * The server must not be running against this folder meanwhile.
   */
  rewrapAll(from: Kek, to: Kek): number {
    let n = 0;
    for (const name of readdirSync(this.#dir)) {
      if (!/^[0-9a-f]{64}\.json$/.test(name)) continue;
      const file = join(this.#dir, name);
      const doc = JSON.parse(readFileSync(file, 'utf8')) as SubjectKeyFile;
      let changed = false;
      for (const [month, w] of Object.entries(doc.months)) {
        if (w.kekId === to.id) continue;
        if (w.kekId !== from.id)
          throw new StenoError(
            'KEY_UNAVAILABLE',
            `a data key in ${name} is wrapped by an unknown KEK (${w.kekId})`,
          );
        const key = aeadOpen(
          from.key,
          Buffer.from(w.wrapped, 'base64url'),
          aadFor(doc.subject, month, w.keyId),
        );
        if (!key) throw new StenoError('KEY_UNAVAILABLE', `a data key in ${name} does not unwrap`);
        doc.months[month] = {
          ...w,
          kekId: to.id,
          wrapped: Buffer.from(aeadSeal(to.key, key, aadFor(doc.subject, month, w.keyId))).toString(
            'base64url',
          ),
        };
        key.fill(0);
        changed = true;
        n++;
      }
      if (changed) this.#write(doc.subject, doc);
    }
    this.#docs.clear();
    this.#cache.clear();
    return n;
  }

  async check(): Promise<void> {
    const probe = join(this.#dir, '.probe');
    writeFileSync(probe, 'ok', { mode: 0o600 });
    rmSync(probe);
  }
}
