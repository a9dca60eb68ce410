/**
 * @steno/privacy: the on-device privacy filter, also run by the server on ingest as a second wall.
 * Pure: no I/O. Secrets and personal data in typed text and window titles become markers carrying
 * the entity type only — no characters, no length, no timing.
 */
export { applyCapsLock, CapsLockState } from './caps-lock.ts';
export {
  applyLevel,
  CompiledScope,
  isBuiltinExcluded,
  minLevel,
  type WindowInfo,
} from './capture-scope.ts';
export { detect, detectAll } from './detect.ts';
export type { Detection, DetectOptions, OrgPattern, OrgRules } from './detection.ts';
export { entityToken } from './detection.ts';
export { compileOrgRules } from './org-rules.ts';
export { DEFAULT_PASSWORD_TITLE_PATTERNS } from './password-context.ts';
export { PRIVACY_ERROR_CODES, PrivacyError, type PrivacyErrorCode } from './privacy-error.ts';
export { createPrivacyFilter, type FilterOptions, type PrivacyFilter } from './privacy-filter.ts';
export { type Explanation, explain, redactText } from './redact-text.ts';
export { rescanEvents } from './rescan.ts';
