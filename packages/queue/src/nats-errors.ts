/**
 * Sorts errors of the NATS client into what a caller can act on: try again later (unavailable),
 * slow down (full), fix the message (too large), or not at all (rejected).
 */
import { JetStreamApiError, JetStreamError } from '@nats-io/jetstream';
import { errors } from '@nats-io/transport-node';

export type NatsErrorKind = 'unavailable' | 'full' | 'too-large' | 'closed' | 'rejected';

/** JetStream error codes (nats-server errors.json). */
const JS_STORE_FAILED = 10077; // "maximum bytes/messages exceeded" under Discard New
const JS_MESSAGE_TOO_LARGE = 10054;
export const JS_STREAM_NOT_FOUND = 10059;
export const JS_CONSUMER_NOT_FOUND = 10014;
const JS_NOT_AVAILABLE = [10008, 10023, 10039]; // cluster not available / not enabled / no leader

export function classifyNatsError(err: unknown): NatsErrorKind {
  if (err instanceof errors.ClosedConnectionError) return 'closed';
  if (err instanceof JetStreamApiError) {
    if (err.code === JS_STORE_FAILED && /maximum/i.test(err.message)) return 'full';
    if (err.code === JS_MESSAGE_TOO_LARGE) return 'too-large';
    if (JS_NOT_AVAILABLE.includes(err.code) || err.status === 503) return 'unavailable';
    return 'rejected';
  }
  if (
    err instanceof errors.TimeoutError ||
    err instanceof errors.NoRespondersError ||
    err instanceof errors.ConnectionError ||
    err instanceof errors.DrainingConnectionError ||
    (err instanceof errors.RequestError && err.isNoResponders())
  ) {
    return 'unavailable';
  }
  if (err instanceof errors.RequestError) return 'unavailable';
  // JetStreamNotEnabled: no responders on the publish subject (stream missing or JetStream down)
  if (err instanceof Error && err.name === 'JetStreamNotEnabled') return 'unavailable';
  if (err instanceof JetStreamError) return 'unavailable';
  if (err instanceof Error && /max_payload|MAX_PAYLOAD/i.test(err.message)) return 'too-large';
  return 'rejected';
}
