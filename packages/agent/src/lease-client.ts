/**
 * The device's two lease channels to the server, both proven with the device key
 * (proof = Ed25519 over {deviceId, issuedAt, nonce, purpose} in domain steno-device-request-v1):
 * - `POST /v1/device/lease` with a LeaseRequest body → 200 SignedLease (renewal);
 * - `GET /v1/device/stream?deviceId&issuedAt&nonce&proof` (purpose `stream`) → server-sent events,
 *   each `data:` a SignedLease (a pause is a lease with state `paused`) or, for a global pause,
 *   first a SignedProgramPause notice (event `pause`). Reconnects with backoff.
 */
import { type KeyObject, randomBytes } from 'node:crypto';
import { type LeaseRequest, signCanonical } from '@steno/protocol';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF, sleep } from './backoff.ts';
import { apiUrl, postJson } from './http-client.ts';
import type { LeaseRequester } from './lease-holder.ts';
import type { LogFn } from './log.ts';

export interface DeviceProofInput {
  deviceId: string;
  privateKey: KeyObject;
  now?: () => number;
}

/** A fresh device proof for `purpose`. */
export function deviceProof(
  input: DeviceProofInput,
  purpose: 'lease' | 'stream',
): { deviceId: string; issuedAt: number; nonce: string; purpose: typeof purpose; proof: string } {
  const issuedAt = (input.now ?? Date.now)();
  const nonce = randomBytes(16).toString('base64url');
  const proof = signCanonical(
    'steno-device-request-v1',
    { deviceId: input.deviceId, issuedAt, nonce, purpose },
    input.privateKey,
  );
  return { deviceId: input.deviceId, issuedAt, nonce, purpose, proof };
}

export interface LeaseClientOptions extends DeviceProofInput {
  server: string;
  requestTimeoutMs?: number;
}

/** The renewal request as a `LeaseRequester` for the `LeaseHolder`. */
export function leaseRequester(options: LeaseClientOptions): LeaseRequester {
  return async (signal) => {
    const p = deviceProof(options, 'lease');
    const body: LeaseRequest = { v: 1, ...p, purpose: 'lease' };
    const outcome = await postJson(apiUrl(options.server, '/v1/device/lease'), JSON.stringify(body), {
      timeoutMs: options.requestTimeoutMs ?? 15_000,
      signal,
    });
    if (outcome.ok) return { ok: true, lease: outcome.body };
    if (outcome.kind === 'network') return { ok: false, reason: outcome.reason };
    return {
      ok: false,
      reason: outcome.code ?? `HTTP_${outcome.status}`,
      permanent: outcome.status === 401 || outcome.status === 403,
    };
  };
}

export interface LeaseStreamOptions extends LeaseClientOptions {
  log: LogFn;
  backoff?: BackoffOptions;
  /** Called with each event's parsed data (unverified: the LeaseHolder verifies it). */
  onLease: (data: unknown) => void;
  onConnected?: (connected: boolean) => void;
}

/** Listens to the push stream until `signal` aborts, reconnecting with backoff. */
export async function runLeaseStream(options: LeaseStreamOptions, signal: AbortSignal): Promise<void> {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let attempt = 0;
  while (!signal.aborted) {
    const p = deviceProof(options, 'stream');
    const query = new URLSearchParams({
      deviceId: p.deviceId,
      issuedAt: String(p.issuedAt),
      nonce: p.nonce,
      proof: p.proof,
    });
    let reason = 'STREAM_CLOSED';
    try {
      const response = await fetch(apiUrl(options.server, `/v1/device/stream?${query}`), {
        headers: { accept: 'text/event-stream' },
        signal,
      });
      if (!response.ok || !response.body) {
        reason = `HTTP_${response.status}`;
        await response.body?.cancel().catch(() => {});
      } else {
        options.onConnected?.(true);
        attempt = 0;
        for await (const data of sseData(response.body)) {
          try {
            options.onLease(JSON.parse(data));
          } catch {
            options.log('warn', 'lease_stream_bad_event', { code: 'LEASE_INVALID' });
          }
        }
      }
    } catch (err) {
      reason = err instanceof Error && err.name === 'AbortError' ? 'ABORTED' : 'NETWORK';
    }
    options.onConnected?.(false);
    if (signal.aborted) return;
    const delayMs = backoffDelay(attempt++, backoff);
    options.log('info', 'lease_stream_reconnect', { reason, delayMs });
    await sleep(Math.max(delayMs, 20), signal);
  }
}

/** The `data` of each server-sent event (multi-line data joined with \n); comments are skipped. */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (data.length > 0) yield data.join('\n');
        data = [];
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
      newline = buffer.indexOf('\n');
    }
  }
}
