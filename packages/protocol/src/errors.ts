/**
 * The stable error codes of the HTTP API. Codes never change meaning once released;
 * docs/errors.md lists them with their HTTP status (mapped at the server's HTTP edge).
 */
import { z } from 'zod';

export const ERROR_CODES = {
  MALFORMED_JSON: 'The request body is not valid JSON.',
  UNSUPPORTED_MEDIA_TYPE: 'The request body must be application/json.',
  UNSUPPORTED_VERSION: 'The message names a schema version this server does not speak.',
  SCHEMA_INVALID: 'The message does not match its schema.',
  PAYLOAD_TOO_LARGE: 'The request body exceeds the size limit.',
  TOO_MANY_EVENTS: 'The batch holds more events than allowed.',
  CLOCK_SKEW: 'A timestamp is too far in the future or too old.',
  EVENTS_OUT_OF_ORDER: 'Events in a batch must be in time order.',
  DEVICE_UNKNOWN: 'No enrolled device has this id.',
  DEVICE_REVOKED: 'The device was revoked.',
  SIGNATURE_INVALID: 'The device signature does not verify.',
  SUBJECT_MISMATCH: 'The batch claims a subject the device is not bound to.',
  BATCH_CONFLICT: 'A different batch with the same id was already stored.',
  LEASE_REQUIRED:
    'The batch names no capture lease this server issued to the device, or its events lie outside every lease it names.',
  CONSENT_MISSING:
    'The contributor had not consented to the consent notice in force when the events were captured.',
  LEGAL_BASIS_MISSING: "The contributor's region had no recorded legal basis when the events were captured.",
  CAPTURED_WHILE_PAUSED:
    'The events were captured while capture was paused (program, org unit, device or contributor).',
  OUT_OF_SCOPE: 'The events are from an application or site outside the capture scope of their lease.',
  LEVEL_EXCEEDED:
    'The events carry more than the capture level of their application allows (typed text at `actions`).',
  SUBJECT_ERASED:
    'The subject was erased; a privacy officer must invite them again before a device is enrolled.',
  ENROL_TOKEN_INVALID: 'The enrolment token is unknown, used or expired.',
  ENROL_PROOF_INVALID: 'The enrolment proof of possession does not verify.',
  DEVICE_KEY_IN_USE: 'This public key is already enrolled.',
  UNAUTHENTICATED: 'No valid credential was presented.',
  TOKEN_EXPIRED: 'The credential has expired.',
  TOKEN_REVOKED: 'The credential was revoked.',
  FORBIDDEN: 'The policy denies this action.',
  NOT_FOUND: 'No such resource.',
  METHOD_NOT_ALLOWED: 'The route does not accept this method.',
  RATE_LIMITED: 'Too many requests; retry later.',
  SESSION_EXPIRED: 'The session has ended (idle or absolute timeout); sign in again.',
  CSRF_INVALID: 'A state-changing request with a session needs the X-CSRF-Token header of that session.',
  ORIGIN_INVALID: 'The Origin header is not the origin of this Steno server.',
  INVALID_CREDENTIALS: 'The e-mail address or password is wrong.',
  INVITATION_INVALID: 'The invitation is unknown.',
  INVITATION_USED: 'The invitation was already used.',
  INVITATION_EXPIRED: 'The invitation has expired; ask for a new one.',
  ACCOUNT_EXISTS: 'An account with this e-mail address already exists.',
  PASSWORD_REJECTED: 'The password is too short, too long or too common.',
  LOCAL_ACCOUNTS_DISABLED: 'Local accounts are off because an identity provider is configured.',
  SIGN_IN_FAILED: 'The sign-in with the identity provider failed or was replayed; start again.',
  PERSON_UNKNOWN: 'This person has no role in Steno; a privacy officer must invite them first.',
  DATASET_SPEC_UNREADABLE:
    'The dataset spec is not readable YAML or JSON (or too long, or has duplicate keys).',
  DATASET_SPEC_INVALID: 'The dataset spec does not match its schema; the message names the field.',
  DATASET_PURPOSE_REFUSED: 'Datasets are built only for the purpose model_training.',
  DATASET_NOT_READY: 'The dataset is still building or its build failed.',
  DATASET_REVOKED:
    'The dataset version was revoked (a contributor withdrew or was erased); build a new version.',
  AUDIT_UNAVAILABLE: 'The audit log could not record the access, so the read was refused.',
  AUDIT_TAMPERED:
    "The audit log's self-check found entries that are not what the log committed to; reads are refused until it is investigated (details.firstBadIndex).",
  KEY_UNAVAILABLE: 'The data key for this record is not available (destroyed or unreachable).',
  STORE_UNAVAILABLE: 'The store could not be reached.',
  INTERNAL: 'An unexpected fault; it was logged with the request id.',
  CONFIG_INVALID: 'Start-up refused: the configuration is invalid (never an HTTP response).',
  KEK_INSECURE: 'Start-up refused: the KEK file is readable by others (never an HTTP response).',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ErrorCodeSchema = z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]);

export const ErrorResponse = z
  .object({
    error: z
      .object({
        code: ErrorCodeSchema,
        message: z.string(),
        requestId: z.string().optional(),
        /** Numbers or ids a client may act on (AUDIT_TAMPERED: firstBadIndex); never content. */
        details: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
      })
      .strict(),
  })
  .strict();
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** Codes the agent must not retry: the same bytes will be refused again. */
export const PERMANENT_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'MALFORMED_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNSUPPORTED_VERSION',
  'SCHEMA_INVALID',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_EVENTS',
  'CLOCK_SKEW',
  'EVENTS_OUT_OF_ORDER',
  'SIGNATURE_INVALID',
  'SUBJECT_MISMATCH',
  'BATCH_CONFLICT',
  'LEASE_REQUIRED',
  'CONSENT_MISSING',
  'LEGAL_BASIS_MISSING',
  'CAPTURED_WHILE_PAUSED',
  'OUT_OF_SCOPE',
  'LEVEL_EXCEEDED',
]);

/**
 * The permission codes (issue 15): why the server did not store an event. Per event they appear
 * in a batch acknowledgement's `dropped`; when no event of a batch is allowed the batch is refused
 * with the first of them.
 */
export const PERMISSION_CODES = [
  'LEASE_REQUIRED',
  'LEGAL_BASIS_MISSING',
  'CONSENT_MISSING',
  'CAPTURED_WHILE_PAUSED',
  'OUT_OF_SCOPE',
  'LEVEL_EXCEEDED',
] as const satisfies readonly ErrorCode[];
export type PermissionCode = (typeof PERMISSION_CODES)[number];
