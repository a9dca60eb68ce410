/**
 * Local accounts for the embedded default (no identity provider): an administrator creates an
 * invitation, the person follows the link once to set a password, then signs in with e-mail and
 * password. Refused as a whole (LOCAL_ACCOUNTS_DISABLED) when OpenID Connect is configured.
 * Unknown e-mail addresses cost the same scrypt work as known ones, so timing does not tell
 * which addresses have accounts.
 */
import type { AccountStore } from './account-store.ts';
import { type IdentityMode, type LocalAccountsDisabled, localAccountsAllowed } from './mode.ts';
import {
  CURRENT_SCRYPT_PARAMS,
  hashPassword,
  needsRehash,
  passwordMatches,
  type ScryptParams,
} from './password-hash.ts';
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH, type PasswordPolicyFailure } from './password-policy.ts';
import { randomToken, tokenDigest } from './random-token.ts';
import { fail, ok, type Result } from './result.ts';

export interface SignedInAccount {
  subject: string;
  email: string;
  role: string;
}

export type InvitationFailure =
  | LocalAccountsDisabled
  | PasswordPolicyFailure
  | { code: 'INVITATION_INVALID' }
  | { code: 'INVITATION_USED' }
  | { code: 'INVITATION_EXPIRED' }
  | { code: 'ACCOUNT_EXISTS' };

export type CredentialsFailure = LocalAccountsDisabled | { code: 'INVALID_CREDENTIALS' };

export interface LocalAccounts {
  /**
   * A single-use invitation. `token` goes into the link given to the person (and nowhere else:
   * not in logs); only its digest is stored.
   */
  createInvitation(input: {
    email: string;
    role: string;
    subject?: string;
  }): Promise<Result<{ token: string; subject: string; expiresAt: number }, LocalAccountsDisabled>>;
  acceptInvitation(token: string, password: string): Promise<Result<SignedInAccount, InvitationFailure>>;
  verifyPassword(email: string, password: string): Promise<Result<SignedInAccount, CredentialsFailure>>;
}

export interface LocalAccountsOptions {
  store: AccountStore;
  mode: IdentityMode;
  /** Invitation lifetime; default 72 hours. */
  invitationTtlMs?: number;
  scryptParams?: ScryptParams;
  now?: () => number;
}

export function createLocalAccounts(options: LocalAccountsOptions): LocalAccounts {
  const { store } = options;
  const allowed = localAccountsAllowed(options.mode);
  const now = options.now ?? Date.now;
  const ttl = options.invitationTtlMs ?? 72 * 3_600_000;
  const params = options.scryptParams ?? CURRENT_SCRYPT_PARAMS;
  let dummyHash: Promise<string> | undefined;

  return {
    async createInvitation(input) {
      if (!allowed.ok) return allowed;
      const token = randomToken(32);
      const createdAt = now();
      const subject = input.subject ?? `local:${randomToken(16)}`;
      await store.putInvitation({
        tokenDigest: tokenDigest('invitation', token),
        email: normaliseEmail(input.email),
        subject,
        role: input.role,
        createdAt,
        expiresAt: createdAt + ttl,
      });
      return ok({ token, subject, expiresAt: createdAt + ttl });
    },

    async acceptInvitation(token, password) {
      if (!allowed.ok) return allowed;
      const digest = tokenDigest('invitation', token);
      // Cheap checks first, so a guessed token costs no scrypt work and a weak password does not
      // use up the invitation.
      const inv = await store.findInvitation(digest);
      if (inv === undefined) return fail({ code: 'INVITATION_INVALID' });
      if (inv.usedAt !== undefined) return fail({ code: 'INVITATION_USED' });
      if (inv.expiresAt <= now()) return fail({ code: 'INVITATION_EXPIRED' });
      const policy = checkPasswordPolicy(password, inv.email);
      if (!policy.ok) return policy;
      const hash = await hashPassword(password, params);
      const outcome = await store.redeemInvitation(digest, hash, now());
      switch (outcome.status) {
        case 'redeemed':
          return ok(publicAccount(outcome.account));
        case 'used':
          return fail({ code: 'INVITATION_USED' });
        case 'expired':
          return fail({ code: 'INVITATION_EXPIRED' });
        case 'account_exists':
          return fail({ code: 'ACCOUNT_EXISTS' });
        default:
          return fail({ code: 'INVITATION_INVALID' });
      }
    },

    async verifyPassword(email, password) {
      if (!allowed.ok) return allowed;
      if (password.length > 4 * PASSWORD_MAX_LENGTH) return fail({ code: 'INVALID_CREDENTIALS' });
      const account = await store.findAccountByEmail(normaliseEmail(email));
      if (account === undefined) {
        dummyHash ??= hashPassword(randomToken(32), params);
        await passwordMatches(password, await dummyHash);
        return fail({ code: 'INVALID_CREDENTIALS' });
      }
      if (!(await passwordMatches(password, account.passwordHash)))
        return fail({ code: 'INVALID_CREDENTIALS' });
      if (needsRehash(account.passwordHash, params)) {
        await store.setPasswordHash(account.subject, await hashPassword(password, params));
      }
      return ok(publicAccount(account));
    },
  };
}

function normaliseEmail(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase();
}

function publicAccount(a: { subject: string; email: string; role: string }): SignedInAccount {
  return { subject: a.subject, email: a.email, role: a.role };
}
