/**
 * Storage for local accounts and their invitations. The server implements it in SQL; the memory
 * implementation serves tests and shows the contract. Invitations are kept by the digest of their
 * token only, and redeeming one is atomic: it is marked used and the account created together.
 */
import { IdentityError } from './identity-error.ts';

export interface LocalAccount {
  /** Steno's subject id for this person (the same id space as OIDC-linked people). */
  subject: string;
  /** Lower-case e-mail address: the sign-in name. */
  email: string;
  role: string;
  /** `$scrypt$v1$…` (password-hash.ts). */
  passwordHash: string;
  createdAt: number;
}

export interface Invitation {
  /** `tokenDigest('invitation', token)`; the token itself is never stored. */
  tokenDigest: string;
  email: string;
  subject: string;
  role: string;
  createdAt: number;
  expiresAt: number;
  usedAt?: number;
}

export type RedeemOutcome =
  | { status: 'redeemed'; account: LocalAccount }
  | { status: 'unknown' | 'used' | 'expired' | 'account_exists' };

export interface AccountStore {
  putInvitation(invitation: Invitation): Promise<void>;
  findInvitation(tokenDigest: string): Promise<Invitation | undefined>;
  /**
   * In one transaction: if the invitation exists, is unused and `expiresAt > now`, and no account
   * has its e-mail, mark it used at `now` and create the account with `passwordHash`.
   */
  redeemInvitation(tokenDigest: string, passwordHash: string, now: number): Promise<RedeemOutcome>;
  findAccountByEmail(email: string): Promise<LocalAccount | undefined>;
  setPasswordHash(subject: string, passwordHash: string): Promise<void>;
}

export function createMemoryAccountStore(): AccountStore {
  const invitations = new Map<string, Invitation>();
  const accounts = new Map<string, LocalAccount>();
  return {
    async putInvitation(invitation) {
      if (invitations.has(invitation.tokenDigest)) throw new IdentityError('IDENTITY_STORE_FAILED');
      invitations.set(invitation.tokenDigest, { ...invitation });
    },
    async findInvitation(digest) {
      const inv = invitations.get(digest);
      return inv === undefined ? undefined : { ...inv };
    },
    async redeemInvitation(digest, passwordHash, now) {
      const inv = invitations.get(digest);
      if (inv === undefined) return { status: 'unknown' };
      if (inv.usedAt !== undefined) return { status: 'used' };
      if (inv.expiresAt <= now) return { status: 'expired' };
      if (accounts.has(inv.email)) return { status: 'account_exists' };
      inv.usedAt = now;
      const account: LocalAccount = {
        subject: inv.subject,
        email: inv.email,
        role: inv.role,
        passwordHash,
        createdAt: now,
      };
      accounts.set(inv.email, account);
      return { status: 'redeemed', account: { ...account } };
    },
    async findAccountByEmail(email) {
      const a = accounts.get(email);
      return a === undefined ? undefined : { ...a };
    },
    async setPasswordHash(subject, passwordHash) {
      for (const a of accounts.values()) if (a.subject === subject) a.passwordHash = passwordHash;
    },
  };
}
