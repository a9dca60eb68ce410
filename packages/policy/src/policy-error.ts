/**
 * The one fault class of @steno/policy. Denials are not faults (they are `Decision` values); these
 * are a policy set that cannot be loaded, parsed or validated, which must stop the server starting.
 */
export const POLICY_ERROR_CODES = [
  /** The schema or policy files could not be read from disk. */
  'POLICY_FILES_UNREADABLE',
  /** The schema does not parse. */
  'POLICY_SCHEMA_INVALID',
  /** A policy file does not parse. */
  'POLICY_PARSE_FAILED',
  /** A policy has no `@id("...")` annotation, or two policies share one. */
  'POLICY_ID_INVALID',
  /** Strict validation against the schema reported errors or warnings. */
  'POLICY_VALIDATION_FAILED',
  /** The WASM engine refused to cache the policy set or schema. */
  'POLICY_PREPARSE_FAILED',
] as const;
export type PolicyErrorCode = (typeof POLICY_ERROR_CODES)[number];

export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  readonly code: PolicyErrorCode;
  /** Validator messages (policy ids and positions; never request data). */
  readonly details: readonly string[];

  constructor(code: PolicyErrorCode, message: string, options: { cause?: unknown; details?: string[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = Object.freeze([...(options.details ?? [])]);
  }
}
