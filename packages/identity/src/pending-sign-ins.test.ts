/** Pending sign-ins: taken once, expire, and the store sees only a digest of the cookie id. */
import { describe, expect, it } from 'vitest';
import type { PendingSignIn } from './oidc-client.ts';
import {
  createMemoryPendingSignInStore,
  createPendingSignIns,
  type PendingSignInStore,
} from './pending-sign-ins.ts';

const pending: PendingSignIn = {
  state: 's'.repeat(43),
  nonce: 'n'.repeat(43),
  codeVerifier: 'v'.repeat(43),
  createdAt: 1,
};

describe('pending sign-ins', () => {
  it('can be taken once; the store is keyed by a digest, not the cookie id', async () => {
    const keys: string[] = [];
    const memory = createMemoryPendingSignInStore();
    const spy: PendingSignInStore = {
      put: (key, p, e) => {
        keys.push(key);
        return memory.put(key, p, e);
      },
      take: (key) => memory.take(key),
    };
    const pendings = createPendingSignIns(spy);
    const id = await pendings.save(pending);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain(id);
    expect(await pendings.take(id)).toEqual({ ok: true, value: pending });
    expect(await pendings.take(id)).toEqual({ ok: false, error: { code: 'OIDC_STATE_REPLAYED' } });
    expect(await pendings.take('unknown')).toEqual({ ok: false, error: { code: 'OIDC_STATE_REPLAYED' } });
  });

  it('expire after their lifetime, and are gone after an expired take', async () => {
    let t = 1_000;
    const pendings = createPendingSignIns(
      createMemoryPendingSignInStore(() => t),
      { lifetimeMs: 600, now: () => t },
    );
    const id = await pendings.save(pending);
    t += 600;
    expect(await pendings.take(id)).toEqual({ ok: false, error: { code: 'OIDC_STATE_EXPIRED' } });
    expect(await pendings.take(id)).toEqual({ ok: false, error: { code: 'OIDC_STATE_REPLAYED' } });
  });
});
