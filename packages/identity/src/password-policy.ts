/**
 * The password rule for local accounts (NIST SP 800-63B style): long rather than complex, at
 * least 12 characters, not a well-known password, not the account's own e-mail address. An upper
 * bound keeps one sign-in from costing unbounded work.
 */
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { fail, ok, type Result } from './result.ts';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordPolicyFailure =
  | { code: 'PASSWORD_TOO_SHORT'; minLength: number }
  | { code: 'PASSWORD_TOO_LONG'; maxLength: number }
  | { code: 'PASSWORD_TOO_COMMON' };

/** Check a new password; `email` is the account's, if known. */
export function checkPasswordPolicy(password: string, email?: string): Result<void, PasswordPolicyFailure> {
  const normalised = password.normalize('NFKC');
  const length = [...normalised].length;
  if (length < PASSWORD_MIN_LENGTH)
    return fail({ code: 'PASSWORD_TOO_SHORT', minLength: PASSWORD_MIN_LENGTH });
  if (length > PASSWORD_MAX_LENGTH)
    return fail({ code: 'PASSWORD_TOO_LONG', maxLength: PASSWORD_MAX_LENGTH });
  const lower = normalised.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return fail({ code: 'PASSWORD_TOO_COMMON' });
  if (new Set(lower).size <= 2) return fail({ code: 'PASSWORD_TOO_COMMON' });
  if (email !== undefined) {
    const e = email.toLowerCase();
    const local = e.split('@')[0] ?? '';
    if (lower === e || (local.length >= 4 && lower.includes(local) && lower.length - local.length < 6)) {
      return fail({ code: 'PASSWORD_TOO_COMMON' });
    }
  }
  return ok(undefined);
}
