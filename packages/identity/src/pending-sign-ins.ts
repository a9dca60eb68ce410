/**
 * Pending OpenID Connect sign-ins, kept server-side between the redirect to the provider and the
 * callback. The browser holds only a random id in a short-lived cookie; the store holds a digest
 * of that id. `take` removes the entry as it returns it, so a callback can complete a sign-in at
 * most once: a replayed callback (same state, same cookie) finds nothing.
 */

import type { PendingSignIn } from './oidc-client.ts';
import type { OidcFailure } from './oidc-failure.ts';
import { randomToken, tokenDigest } from './random-token.ts';
import { fail, ok, type Result } from './result.ts';

/** Storage for pending sign-ins; the server implements it in SQL. */
export interface PendingSignInStore {
  put(key: string, pending: PendingSignIn, expiresAt: number): Promise<void>;
  /**
   * Atomically remove and return the entry (SQL: `DELETE … WHERE key = $1 RETURNING …`). Two
   * concurrent takes of one key must not both get it.
   */
  take(key: string): Promise<{ pending: PendingSignIn; expiresAt: number } | undefined>;
}

export interface PendingSignIns {
  /** Keep `pending`; returns the id to put in the short-lived sign-in cookie. */
  save(pending: PendingSignIn): Promise<string>;
  /** The pending sign-in for this id, once. */
  take(id: string): Promise<Result<PendingSignIn, OidcFailure>>;
}

export function createPendingSignIns(
  store: PendingSignInStore,
  options: { lifetimeMs?: number; now?: () => number } = {},
): PendingSignIns {
  const lifetimeMs = options.lifetimeMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  return {
    async save(pending) {
      const id = randomToken(32);
      await store.put(tokenDigest('pending-sign-in', id), pending, now() + lifetimeMs);
      return id;
    },
    async take(id) {
      const entry = await store.take(tokenDigest('pending-sign-in', id));
      if (entry === undefined) return fail({ code: 'OIDC_STATE_REPLAYED' });
      if (entry.expiresAt <= now()) return fail({ code: 'OIDC_STATE_EXPIRED' });
      return ok(entry.pending);
    },
  };
}

/** In-memory store for tests and the single-process embedded server. */
export function createMemoryPendingSignInStore(now: () => number = Date.now): PendingSignInStore {
  const entries = new Map<string, { pending: PendingSignIn; expiresAt: number }>();
  return {
    async put(key, pending, expiresAt) {
      const t = now();
      for (const [k, e] of entries) if (e.expiresAt <= t) entries.delete(k);
      entries.set(key, { pending: { ...pending }, expiresAt });
    },
    async take(key) {
      const entry = entries.get(key);
      entries.delete(key);
      return entry;
    },
  };
}
