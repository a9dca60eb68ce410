/**
 * API tokens for people, services and the CLI: 256 random bits, shown once, stored only as a
 * SHA-256 hash (a high-entropy token needs no slow hash), scoped, expiring and revocable.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SqlExecutor } from '../store/sql-client.ts';
import { num } from '../store/sql-client.ts';
import type { Principal, Role } from './principal.ts';

export const TOKEN_PREFIX = 'stk_';

export function hashSecret(secret: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(secret).digest());
}

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export interface IssuedToken {
  id: string;
  token: string;
  expiresAt: number;
}

export async function issueApiToken(
  db: SqlExecutor,
  spec: {
    principal: string;
    role: Role;
    subject?: string;
    scopes: string[];
    ttlMs: number;
    name?: string;
    /** The device that minted it (a contributor's personal token): it dies with the device. */
    deviceId?: string;
  },
  now: number,
): Promise<IssuedToken> {
  const token = newSecret(TOKEN_PREFIX);
  const id = `tok_${randomBytes(9).toString('base64url')}`;
  const expiresAt = now + spec.ttlMs;
  await db.query(
    `INSERT INTO api_tokens (id, token_hash, principal, role, subject_id, scopes, created_at, expires_at, name, device_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      id,
      hashSecret(token),
      spec.principal,
      spec.role,
      spec.subject ?? null,
      spec.scopes,
      now,
      expiresAt,
      spec.name ?? null,
      spec.deviceId ?? null,
    ],
  );
  return { id, token, expiresAt };
}

export type TokenCheck =
  | { ok: true; principal: Principal }
  | {
      ok: false;
      code: 'UNAUTHENTICATED' | 'TOKEN_EXPIRED' | 'TOKEN_REVOKED';
      /** For a known (revoked or expired) token: whose it was, for the security entry. */
      principal?: string;
      tokenId?: string;
      subject?: string;
    };

export async function checkApiToken(db: SqlExecutor, token: string, now: number): Promise<TokenCheck> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return { ok: false, code: 'UNAUTHENTICATED' };
  const rows = await db.query('SELECT * FROM api_tokens WHERE token_hash = $1', [hashSecret(token)]);
  const r = rows[0];
  if (!r) return { ok: false, code: 'UNAUTHENTICATED' };
  if (r.revoked_at !== null)
    return {
      ok: false,
      code: 'TOKEN_REVOKED',
      principal: String(r.principal),
      tokenId: String(r.id),
      ...(r.subject_id === null ? {} : { subject: String(r.subject_id) }),
    };
  if (num(r.expires_at) <= now) return { ok: false, code: 'TOKEN_EXPIRED' };
  return {
    ok: true,
    principal: {
      id: String(r.principal),
      role: String(r.role) as Role,
      subject: r.subject_id === null ? undefined : String(r.subject_id),
      scopes: (r.scopes as string[]) ?? [],
      tokenId: String(r.id),
    },
  };
}

export async function revokeApiToken(db: SqlExecutor, id: string, now: number): Promise<boolean> {
  const rows = await db.query(
    'UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
    [id, now],
  );
  return rows.length > 0;
}

/** Revokes every token any device of a subject minted (consent withdrawn). Returns how many. */
export async function revokeSubjectDeviceTokens(
  db: SqlExecutor,
  subject: string,
  now: number,
): Promise<number> {
  const rows = await db.query(
    'UPDATE api_tokens SET revoked_at = $2 WHERE subject_id = $1 AND device_id IS NOT NULL AND revoked_at IS NULL RETURNING id',
    [subject, now],
  );
  return rows.length;
}
