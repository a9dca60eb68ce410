/**
 * The one fault class of @steno/tlog. Faults are programming or storage errors (a bad argument,
 * a node the store should hold but does not); expected outcomes such as "this proof does not
 * verify" are returned as values, never thrown. Messages never carry hashes, keys or note text.
 */

export const TLOG_ERROR_CODES = {
  TLOG_INVALID_ARGUMENT: 'An argument is out of range or malformed (index, size, hash length).',
  TLOG_NODE_MISSING: 'The node store does not hold a node the tree needs.',
  TLOG_NODE_CONFLICT: 'The node store already holds a different hash at this position.',
  TLOG_STORE_FAILED: 'The node store failed; the append did not happen.',
  TLOG_INVALID_KEY: 'The key is not a usable Ed25519 key, or the key name is invalid.',
  TLOG_INVALID_NOTE: 'The note text or checkpoint fields cannot be encoded as a signed note.',
} as const;

export type TlogErrorCode = keyof typeof TLOG_ERROR_CODES;

export class TlogError extends Error {
  readonly code: TlogErrorCode;

  constructor(code: TlogErrorCode, message: string = TLOG_ERROR_CODES[code], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TlogError';
    this.code = code;
  }
}
