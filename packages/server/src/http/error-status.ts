/** The only place where error codes meet HTTP statuses. docs/errors.md lists the same table. */
import type { ErrorCode } from '@steno/protocol';

export const STATUS_OF: Record<ErrorCode, number> = {
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_VERSION: 400,
  SCHEMA_INVALID: 400,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_EVENTS: 413,
  CLOCK_SKEW: 400,
  EVENTS_OUT_OF_ORDER: 400,
  DEVICE_UNKNOWN: 401,
  DEVICE_REVOKED: 403,
  SIGNATURE_INVALID: 401,
  SUBJECT_MISMATCH: 403,
  BATCH_CONFLICT: 409,
  ENROL_TOKEN_INVALID: 401,
  ENROL_PROOF_INVALID: 400,
  DEVICE_KEY_IN_USE: 409,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_REVOKED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  RATE_LIMITED: 429,
  AUDIT_UNAVAILABLE: 503,
  KEY_UNAVAILABLE: 503,
  STORE_UNAVAILABLE: 503,
  INTERNAL: 500,
  CONFIG_INVALID: 500,
  KEK_INSECURE: 500,
};

/** Fastify's own parser errors, translated to Steno codes. */
export function codeForFastifyError(code: string | undefined): ErrorCode | undefined {
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'MALFORMED_JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'PAYLOAD_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      return undefined;
  }
}
