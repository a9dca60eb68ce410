/**
 * Uploads spooled batches in seq order, one at a time, when their holdback has passed.
 * Outcomes: an ack (matching batch id) → the spool records it and deletes the entry; a
 * permanent error code → the entry moves to rejected/ (still encrypted) and is logged;
 * DEVICE_UNKNOWN / DEVICE_REVOKED → uploading stops and is reported; anything else (429,
 * 5xx, unknown codes, network errors, timeouts, unreadable answers) → the same bytes are
 * retried forever with exponential backoff and full jitter. The server dedupes by batch id,
 * so a retry after a lost answer stores nothing twice.
 */
import { BatchAck, type ErrorCode, PERMANENT_ERRORS } from '@steno/protocol';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF, sleep } from './backoff.ts';
import { apiUrl, type PostOutcome, postJson } from './http-client.ts';
import type { LogFn } from './log.ts';
import type { Spool } from './spool.ts';

export type DeviceStopCode = 'DEVICE_UNKNOWN' | 'DEVICE_REVOKED';

export type UploaderEvent =
  | { type: 'uploading'; seq: number }
  | { type: 'uploaded'; seq: number; dropped?: Record<string, number> }
  | { type: 'rejected'; seq: number; code: string }
  | { type: 'retrying'; seq: number; reason: string }
  | { type: 'device_stopped'; code: DeviceStopCode }
  | { type: 'idle' };

export interface UploaderOptions {
  server: string;
  spool: Spool;
  log: LogFn;
  /** Per-request timeout; default 15 000 ms. */
  requestTimeoutMs?: number;
  backoff?: BackoffOptions;
  /** Jitter source, [0, 1); default Math.random. */
  random?: () => number;
  now?: () => number;
  onEvent?: (event: UploaderEvent) => void;
}

type Verdict =
  | { kind: 'stored'; dropped?: Record<string, number> }
  | { kind: 'rejected'; code: string }
  | { kind: 'device_stopped'; code: DeviceStopCode }
  | { kind: 'retry'; reason: string };

export class Uploader {
  readonly #options: UploaderOptions;
  readonly #abort = new AbortController();
  #loop: Promise<void> | undefined;

  constructor(options: UploaderOptions) {
    this.#options = options;
  }

  /** Starts the upload loop; `done` resolves when it ends (stopped, or the device was stopped). */
  start(): Promise<void> {
    this.#loop ??= this.#run();
    return this.#loop;
  }

  /** Aborts any request in flight and waits for the loop to end. */
  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const { spool, log } = this.#options;
    const signal = this.#abort.signal;
    const now = this.#options.now ?? Date.now;
    const emit = (event: UploaderEvent): void => this.#options.onEvent?.(event);
    let attempt = 0;
    while (!signal.aborted) {
      const next = spool.entries()[0];
      if (!next) {
        emit({ type: 'idle' });
        await spool.waitForChange(signal);
        continue;
      }
      const wait = next.readyAt - now();
      if (wait > 0) {
        await waitForEither(wait, spool, signal);
        continue;
      }
      let verdict: Verdict;
      try {
        const entry = await spool.read(next.seq);
        if (!entry) continue; // unreadable: quarantined and logged by the spool
        emit({ type: 'uploading', seq: next.seq });
        verdict = judge(
          await postJson(apiUrl(this.#options.server, '/v1/batches'), entry.body, {
            timeoutMs: this.#options.requestTimeoutMs ?? 15_000,
            signal,
          }),
          next.batchId,
        );
        if (signal.aborted && verdict.kind === 'retry') break;
        if (verdict.kind === 'stored') {
          await spool.ack(next.seq);
          log('info', 'batch_uploaded', { seq: next.seq, batchId: next.batchId, events: next.events });
          // The server stored only what the contributor allowed; it says what it dropped, by code.
          if (verdict.dropped)
            log('warn', 'events_not_stored', {
              seq: next.seq,
              batchId: next.batchId,
              dropped: Object.entries(verdict.dropped)
                .map(([code, n]) => `${n} ${code}`)
                .join(', '),
            });
          emit({ type: 'uploaded', seq: next.seq, ...(verdict.dropped ? { dropped: verdict.dropped } : {}) });
        } else if (verdict.kind === 'rejected') {
          await spool.reject(next.seq, verdict.code);
          log('warn', 'batch_rejected', { seq: next.seq, batchId: next.batchId, code: verdict.code });
          emit({ type: 'rejected', seq: next.seq, code: verdict.code });
        } else if (verdict.kind === 'device_stopped') {
          log('error', 'device_stopped', { code: verdict.code });
          emit({ type: 'device_stopped', code: verdict.code });
          return;
        }
      } catch (err) {
        // The spool could not record the outcome (disk full, I/O): retry the same entry later.
        verdict = { kind: 'retry', reason: 'SPOOL_IO' };
        log('error', 'spool_io_error', { code: 'SPOOL_IO', seq: next.seq, error: errorName(err) });
      }
      if (verdict.kind !== 'retry') {
        attempt = 0;
        continue;
      }
      const delayMs = backoffDelay(attempt, this.#options.backoff ?? DEFAULT_BACKOFF, this.#options.random);
      attempt += 1;
      log('warn', 'upload_retry', { seq: next.seq, attempt, delayMs, reason: verdict.reason });
      emit({ type: 'retrying', seq: next.seq, reason: verdict.reason });
      await sleep(delayMs, signal);
    }
  }
}

/** Maps an HTTP outcome to what the uploader does with the entry. */
export function judge(outcome: PostOutcome, batchId: string): Verdict {
  if (outcome.ok) {
    const ack = BatchAck.safeParse(outcome.body);
    if (ack.success && ack.data.batchId === batchId)
      return ack.data.dropped ? { kind: 'stored', dropped: ack.data.dropped } : { kind: 'stored' };
    return { kind: 'retry', reason: 'BATCH_ACK_INVALID' };
  }
  if (outcome.kind === 'network') return { kind: 'retry', reason: outcome.reason };
  const code = outcome.code;
  if (code === 'DEVICE_UNKNOWN' || code === 'DEVICE_REVOKED') return { kind: 'device_stopped', code };
  const clientError = outcome.status >= 400 && outcome.status < 500 && outcome.status !== 429;
  if (clientError && code !== undefined && PERMANENT_ERRORS.has(code as ErrorCode)) {
    return { kind: 'rejected', code };
  }
  return { kind: 'retry', reason: code ?? `HTTP_${outcome.status}` };
}

async function waitForEither(ms: number, spool: Spool, signal: AbortSignal): Promise<void> {
  const done = new AbortController();
  const both = AbortSignal.any([signal, done.signal]);
  await Promise.race([sleep(ms, both), spool.waitForChange(both)]);
  done.abort();
}

function errorName(err: unknown): string {
  if (err instanceof Error) return 'code' in err && typeof err.code === 'string' ? err.code : err.name;
  return 'unknown';
}
