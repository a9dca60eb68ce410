/**
 * The one error class of @steno/privacy. Faults only (a malformed organisation rule); a detection
 * is a value. Messages never contain the text being filtered.
 */
export const PRIVACY_ERROR_CODES = {
  ORG_RULE_INVALID: 'An organisation rule in the capture policy is not a usable regular expression.',
  TEXT_TOO_LONG: 'A text of 2^27 UTF-16 code units or more reached the filter in one piece.',
} as const;

export type PrivacyErrorCode = keyof typeof PRIVACY_ERROR_CODES;

export class PrivacyError extends Error {
  readonly code: PrivacyErrorCode;
  constructor(code: PrivacyErrorCode, detail: string, options?: { cause?: unknown }) {
    super(`${code}: ${detail}`, options);
    this.name = 'PrivacyError';
    this.code = code;
  }
}
