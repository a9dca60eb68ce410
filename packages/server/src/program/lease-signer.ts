/**
 * Signs many leases on worker threads (issue 19: a pause broadcast to 10,000 agents spent half its
 * time in Ed25519 signing on one thread). The texts are split over the workers; a worker that
 * fails or is gone is replaced by signing on this thread, so a broadcast never stops for it.
 */

import { type KeyObject, sign } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

type Pending = { resolve: (sigs: string[]) => void; reject: (err: Error) => void };

export class LeaseSigner {
  readonly #key: KeyObject;
  readonly #workers: { worker: Worker; pending: Map<number, Pending> }[] = [];
  #next = 0;
  #closed = false;
  /** How many signatures worker threads made (the rest were made on this thread). */
  signedOnThreads = 0;

  constructor(key: KeyObject, threads = Math.max(1, Math.min(4, availableParallelism()))) {
    this.#key = key;
    for (let i = 0; i < threads; i++) {
      const pending = new Map<number, Pending>();
      const worker = new Worker(new URL('./lease-sign-worker.mjs', import.meta.url), {
        workerData: { key },
        execArgv: [],
      });
      worker.unref();
      worker.on('message', (m: { id: number; sigs?: string[]; error?: string }) => {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.sigs) p?.resolve(m.sigs);
        else p?.reject(new Error(m.error ?? 'lease signing failed'));
      });
      const fail = (err: Error) => {
        for (const p of pending.values()) p.reject(err);
        pending.clear();
        const at = this.#workers.findIndex((w) => w.worker === worker);
        if (at >= 0) this.#workers.splice(at, 1);
      };
      worker.on('error', fail);
      worker.on('exit', () => fail(new Error('lease signing thread exited')));
      this.#workers.push({ worker, pending });
    }
  }

  /** Base64url Ed25519 signatures of `texts` (UTF-8), in order. */
  async sign(texts: readonly string[]): Promise<string[]> {
    const here = (part: readonly string[]) =>
      part.map((t) => sign(null, Buffer.from(t, 'utf8'), this.#key).toString('base64url'));
    const workers = this.#closed ? [] : [...this.#workers];
    if (workers.length === 0 || texts.length < 32) return here(texts);
    const per = Math.ceil(texts.length / workers.length);
    const parts = workers.map((w, i) => {
      const part = texts.slice(i * per, (i + 1) * per);
      if (part.length === 0) return Promise.resolve([]);
      const id = this.#next++;
      return new Promise<string[]>((resolve, reject) => {
        w.pending.set(id, { resolve, reject });
        w.worker.postMessage({ id, texts: part });
      }).then(
        (sigs) => {
          this.signedOnThreads += sigs.length;
          return sigs;
        },
        () => here(part),
      );
    });
    return (await Promise.all(parts)).flat();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#workers.map((w) => w.worker.terminate()));
    this.#workers.length = 0;
  }
}
