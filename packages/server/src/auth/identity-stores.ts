/**
 * The SQL side of @steno/identity's three store contracts (accounts and invitations, pending
 * OIDC sign-ins, sessions), plus the people table that maps a signed-in person to a Steno role
 * and subject. Keys are the digests the library passes in; no token is ever stored.
 */
import type {
  AccountStore,
  LocalAccount,
  PendingSignIn,
  PendingSignInStore,
  SessionRecord,
  SessionStore,
} from '@steno/identity';
import type { SqlClient, SqlExecutor } from '../store/sql-client.ts';
import { num } from '../store/sql-client.ts';

function account(r: Record<string, unknown>): LocalAccount {
  return {
    subject: String(r.subject),
    email: String(r.email),
    role: String(r.role),
    passwordHash: String(r.password_hash),
    createdAt: num(r.created_at),
  };
}

export function sqlAccountStore(db: SqlClient): AccountStore {
  return {
    async putInvitation(inv) {
      await db.query(
        `INSERT INTO local_invitations (token_digest, email, subject, role, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [inv.tokenDigest, inv.email, inv.subject, inv.role, inv.createdAt, inv.expiresAt],
      );
    },
    async findInvitation(digest) {
      const r = (await db.query('SELECT * FROM local_invitations WHERE token_digest = $1', [digest]))[0];
      if (!r) return undefined;
      return {
        tokenDigest: String(r.token_digest),
        email: String(r.email),
        subject: String(r.subject),
        role: String(r.role),
        createdAt: num(r.created_at),
        expiresAt: num(r.expires_at),
        ...(r.used_at === null ? {} : { usedAt: num(r.used_at) }),
      };
    },
    redeemInvitation(digest, passwordHash, now) {
      return db.transaction(async (tx) => {
        const inv = (
          await tx.query('SELECT * FROM local_invitations WHERE token_digest = $1 FOR UPDATE', [digest])
        )[0];
        if (!inv) return { status: 'unknown' } as const;
        if (inv.used_at !== null) return { status: 'used' } as const;
        if (num(inv.expires_at) <= now) return { status: 'expired' } as const;
        const existing = await tx.query('SELECT 1 FROM local_accounts WHERE email = $1 OR subject = $2', [
          String(inv.email),
          String(inv.subject),
        ]);
        if (existing.length > 0) return { status: 'account_exists' } as const;
        await tx.query('UPDATE local_invitations SET used_at = $2 WHERE token_digest = $1', [digest, now]);
        const rows = await tx.query(
          `INSERT INTO local_accounts (subject, email, role, password_hash, created_at)
           VALUES ($1, $2, $3, $4, $5) RETURNING *`,
          [String(inv.subject), String(inv.email), String(inv.role), passwordHash, now],
        );
        await upsertPerson(tx, {
          subject: String(inv.subject),
          email: String(inv.email),
          role: String(inv.role),
          invitedBy: 'invitation',
          now,
        });
        return { status: 'redeemed', account: account(rows[0] as Record<string, unknown>) } as const;
      });
    },
    async findAccountByEmail(email) {
      const r = (await db.query('SELECT * FROM local_accounts WHERE email = $1', [email]))[0];
      return r ? account(r) : undefined;
    },
    async setPasswordHash(subject, hash) {
      await db.query('UPDATE local_accounts SET password_hash = $2 WHERE subject = $1', [subject, hash]);
    },
  };
}

export function sqlPendingSignInStore(db: SqlClient, now: () => number): PendingSignInStore {
  return {
    async put(key, pending, expiresAt) {
      await db.query('DELETE FROM pending_sign_ins WHERE expires_at <= $1', [now()]);
      await db.query('INSERT INTO pending_sign_ins (key, pending, expires_at) VALUES ($1, $2, $3)', [
        key,
        JSON.stringify(pending),
        expiresAt,
      ]);
    },
    async take(key) {
      const r = (await db.query('DELETE FROM pending_sign_ins WHERE key = $1 RETURNING *', [key]))[0];
      if (!r) return undefined;
      return { pending: JSON.parse(String(r.pending)) as PendingSignIn, expiresAt: num(r.expires_at) };
    },
  };
}

export function sqlSessionStore(db: SqlClient): SessionStore {
  return {
    async create(s: SessionRecord) {
      await db.query(
        `INSERT INTO sessions (id_digest, subject, role, auth_method, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [s.idDigest, s.subject, s.role, s.authMethod, s.createdAt, s.lastSeenAt, s.expiresAt],
      );
    },
    async get(digest) {
      const r = (await db.query('SELECT * FROM sessions WHERE id_digest = $1', [digest]))[0];
      if (!r) return undefined;
      return {
        idDigest: String(r.id_digest),
        subject: String(r.subject),
        role: String(r.role),
        authMethod: String(r.auth_method) as 'oidc' | 'local',
        createdAt: num(r.created_at),
        lastSeenAt: num(r.last_seen_at),
        expiresAt: num(r.expires_at),
      };
    },
    async touch(digest, at) {
      await db.query('UPDATE sessions SET last_seen_at = $2 WHERE id_digest = $1', [digest, at]);
    },
    async delete(digest) {
      await db.query('DELETE FROM sessions WHERE id_digest = $1', [digest]);
    },
    async deleteForSubject(subject) {
      await db.query('DELETE FROM sessions WHERE subject = $1', [subject]);
    },
  };
}

export interface Person {
  subject: string;
  email: string;
  role: string;
  oidcIssuer?: string;
  oidcSub?: string;
  disabled: boolean;
}

function person(r: Record<string, unknown>): Person {
  return {
    subject: String(r.subject),
    email: String(r.email),
    role: String(r.role),
    ...(r.oidc_issuer === null ? {} : { oidcIssuer: String(r.oidc_issuer), oidcSub: String(r.oidc_sub) }),
    disabled: r.disabled_at !== null,
  };
}

export async function upsertPerson(
  db: SqlExecutor,
  p: { subject: string; email: string; role: string; invitedBy: string; now: number },
): Promise<void> {
  await db.query(
    `INSERT INTO people (subject, email, role, invited_by, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (subject) DO UPDATE SET email = EXCLUDED.email, role = EXCLUDED.role`,
    [p.subject, p.email, p.role, p.invitedBy, p.now],
  );
}

export async function findPersonByEmail(db: SqlExecutor, email: string): Promise<Person | undefined> {
  const r = (await db.query('SELECT * FROM people WHERE email = $1', [email]))[0];
  return r ? person(r) : undefined;
}

export async function findPersonByOidc(
  db: SqlExecutor,
  issuer: string,
  sub: string,
): Promise<Person | undefined> {
  const r = (
    await db.query('SELECT * FROM people WHERE oidc_issuer = $1 AND oidc_sub = $2', [issuer, sub])
  )[0];
  return r ? person(r) : undefined;
}

/** Links a person (found by verified e-mail) to their provider identity; false if already linked elsewhere. */
export async function linkOidc(
  db: SqlExecutor,
  subject: string,
  issuer: string,
  sub: string,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE people SET oidc_issuer = $2, oidc_sub = $3
     WHERE subject = $1 AND oidc_issuer IS NULL RETURNING subject`,
    [subject, issuer, sub],
  );
  return rows.length > 0;
}

export async function countPeople(db: SqlExecutor): Promise<number> {
  return num((await db.query('SELECT count(*) AS n FROM people'))[0]?.n ?? 0);
}

export async function countLocalAccounts(db: SqlExecutor): Promise<number> {
  return num((await db.query('SELECT count(*) AS n FROM local_accounts'))[0]?.n ?? 0);
}
