/**
 * The one fault class of @steno/datasets, and the stable codes of its expected outcomes. Faults
 * (a key of the wrong length, a pseudonym secret too short) are thrown; a refused spec or a file
 * that fails to decrypt is returned as a value carrying one of these codes. Messages never carry
 * subject ids, keys, typed text or file contents.
 */

export const DATASET_ERROR_CODES = {
  DATASET_SPEC_UNREADABLE: 'The dataset spec is not well-formed YAML or JSON.',
  DATASET_SPEC_INVALID: 'The dataset spec does not match the schema (see the path of the offending field).',
  DATASET_PURPOSE_REFUSED: 'The dataset purpose is not model_training; no other purpose may build a dataset.',
  DATASET_SECRET_INVALID: 'The per-dataset pseudonym secret must be at least 32 bytes.',
  DATASET_KEY_INVALID: 'A dataset file key must be exactly 32 bytes (AES-256).',
  DATASET_FILE_NAME_INVALID:
    'A dataset file name must be 1-255 printable characters without a path separator.',
  DATASET_FILE_MALFORMED: 'The encrypted dataset file has no valid header (wrong magic, version or length).',
  DATASET_FILE_TAMPERED:
    'The encrypted dataset file failed authentication: wrong key, wrong name, or altered bytes.',
  DATASET_BUILD_ABORTED: 'The build was cancelled by its caller.',
  DATASET_REVIEW_INVALID:
    'A contributor review passed to the build is not valid (task id, decision keep or drop, description of 1-200 characters).',
} as const;

export type DatasetErrorCode = keyof typeof DATASET_ERROR_CODES;

export class DatasetError extends Error {
  readonly code: DatasetErrorCode;

  constructor(
    code: DatasetErrorCode,
    message: string = DATASET_ERROR_CODES[code],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatasetError';
    this.code = code;
  }
}
