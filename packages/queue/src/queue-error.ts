/**
 * Faults of the queue layer: one class, stable codes. Messages never carry a payload, a batch id
 * or a credential; the underlying NATS error is kept as `cause`.
 */

export const QUEUE_ERROR_CODES = [
  /** NATS or JetStream did not answer in time (after the bounded retries), or has no responders. */
  'QUEUE_UNAVAILABLE',
  /** The stream refused a message because a limit was reached (Discard New): back-pressure. */
  'QUEUE_FULL',
  /** A message is larger than the server's max_payload. */
  'QUEUE_MESSAGE_TOO_LARGE',
  /** The batch id is not 1-256 printable ASCII characters (it travels as a header). */
  'QUEUE_MESSAGE_INVALID',
  /** Invalid options, or a stream/consumer configuration the server refuses (e.g. a retention change). */
  'QUEUE_CONFIG_INVALID',
  /** The queue was closed by its owner. */
  'QUEUE_CLOSED',
  /** JetStream answered with an error this layer does not classify. */
  'QUEUE_REJECTED',
] as const;
export type QueueErrorCode = (typeof QUEUE_ERROR_CODES)[number];

export class QueueError extends Error {
  override readonly name = 'QueueError';
  readonly code: QueueErrorCode;

  constructor(code: QueueErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
