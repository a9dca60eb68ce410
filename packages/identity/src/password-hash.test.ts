/**
 * Password hashes: the versioned scrypt form and its parameters, constant-time comparison (the
 * comparison goes through node's timingSafeEqual), bounded parameters when reading back, and
 * unknown accounts costing the same scrypt work as known ones.
 */
import * as crypto from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryAccountStore } from './account-store.ts';
import { createLocalAccounts } from './local-accounts.ts';
import {
  CURRENT_SCRYPT_PARAMS,
  hashPassword,
  needsRehash,
  parseStoredHash,
  passwordMatches,
} from './password-hash.ts';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual), scrypt: vi.fn(real.scrypt) };
});

beforeEach(() => {
  vi.mocked(crypto.timingSafeEqual).mockClear();
  vi.mocked(crypto.scrypt).mockClear();
});

describe('password hashes', () => {
  it('are stored as $scrypt$v1$N$r$p$salt$hash with N = 2^15, r = 8, p = 1, fresh salt', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^\$scrypt\$v1\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(parseStoredHash(a).params).toEqual({ N: 32768, r: 8, p: 1 });
    expect(CURRENT_SCRYPT_PARAMS.N).toBeGreaterThanOrEqual(2 ** 15);
    // The hash is scrypt itself, reproducible from the stored salt.
    const { salt, hash } = parseStoredHash(a);
    const real = await vi.importActual<typeof import('node:crypto')>('node:crypto');
    expect(
      real.scryptSync('correct horse battery', salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }),
    ).toEqual(hash);
  });

  it('match the right password only, comparing with timingSafeEqual', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await passwordMatches('correct horse battery', stored)).toBe(true);
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(1);
    expect(await passwordMatches('correct horse batterY', stored)).toBe(false);
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(2);
  });

  it('refuse malformed stored forms and parameters out of bounds (a tampered row cannot cost 1 GiB)', async () => {
    const stored = await hashPassword('correct horse battery');
    await expect(passwordMatches('x', stored.replace('$v1$', '$v9$'))).rejects.toMatchObject({
      code: 'PASSWORD_HASH_INVALID',
    });
    await expect(passwordMatches('x', stored.replace('$32768$', '$1048577$'))).rejects.toMatchObject({
      code: 'PASSWORD_HASH_INVALID',
    });
    await expect(passwordMatches('x', stored.replace('$32768$', '$4194304$'))).rejects.toMatchObject({
      code: 'PASSWORD_HASH_INVALID',
    });
  });

  it('tell when stored parameters are weaker than the current ones', async () => {
    const weak = await hashPassword('correct horse battery', { N: 2 ** 14, r: 8, p: 1 });
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword('correct horse battery'))).toBe(false);
  });

  it('cost an unknown e-mail address the same scrypt work as a known one', async () => {
    const store = createMemoryAccountStore();
    const accounts = createLocalAccounts({ store, mode: 'local' });
    const inv = await accounts.createInvitation({ email: 'ada@example.test', role: 'contributor' });
    if (!inv.ok) throw new Error('invitation refused');
    expect((await accounts.acceptInvitation(inv.value.token, 'a long unusual passphrase')).ok).toBe(true);

    vi.mocked(crypto.scrypt).mockClear();
    vi.mocked(crypto.timingSafeEqual).mockClear();
    expect(await accounts.verifyPassword('ada@example.test', 'wrong but long passphrase')).toEqual({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS' },
    });
    const known = vi.mocked(crypto.scrypt).mock.calls.map((c) => c[3]);
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(1);

    await accounts.verifyPassword('nobody@example.test', 'warm up the dummy hash');
    vi.mocked(crypto.scrypt).mockClear();
    vi.mocked(crypto.timingSafeEqual).mockClear();
    expect(await accounts.verifyPassword('nobody@example.test', 'wrong but long passphrase')).toEqual({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS' },
    });
    const unknown = vi.mocked(crypto.scrypt).mock.calls.map((c) => c[3]);
    expect(unknown).toEqual(known);
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(1);
  });
});
