/**
 * The server's one error class. Faults carry a stable code from the protocol's catalogue and a
 * cause; the HTTP edge maps codes to statuses. Messages never include payloads, tokens or keys.
 */
import type { ErrorCode } from '@steno/protocol';

export class StenoError extends Error {
  readonly code: ErrorCode;
  override readonly cause?: unknown;
  /** Numbers or ids a client may act on (AUDIT_TAMPERED: the first bad index); never content. */
  readonly details?: Readonly<Record<string, number | string>>;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, number | string> },
  ) {
    super(message);
    this.name = 'StenoError';
    this.code = code;
    this.cause = options?.cause;
    if (options?.details) this.details = Object.freeze({ ...options.details });
  }
}

export function isStenoError(err: unknown): err is StenoError {
  return err instanceof StenoError;
}
