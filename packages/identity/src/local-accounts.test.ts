/**
 * Local accounts: an invitation works once and expires, its token is stored only as a digest, weak
 * passwords are refused without using the invitation up, wrong passwords are refused, and the
 * whole feature is off when OpenID Connect is configured.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryAccountStore } from './account-store.ts';
import { createLocalAccounts } from './local-accounts.ts';
import { identityMode } from './mode.ts';
import { tokenDigest } from './random-token.ts';

const GOOD = 'plum-orbit-lantern-42';

function setup(now = () => 1_700_000_000_000) {
  const store = createMemoryAccountStore();
  return { store, accounts: createLocalAccounts({ store, mode: 'local', now, invitationTtlMs: 3_600_000 }) };
}

async function invite(accounts: ReturnType<typeof setup>['accounts'], email = 'Ada@Example.test') {
  const inv = await accounts.createInvitation({ email, role: 'contributor' });
  if (!inv.ok) throw new Error('invitation refused');
  return inv.value;
}

describe('local accounts', () => {
  it('accept an invitation once; the token is stored only as its SHA-256 digest', async () => {
    const { store, accounts } = setup();
    const inv = await invite(accounts);
    expect(inv.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await store.findInvitation(inv.token)).toBeUndefined();
    expect(await store.findInvitation(tokenDigest('invitation', inv.token))).toMatchObject({
      email: 'ada@example.test',
      role: 'contributor',
    });

    const first = await accounts.acceptInvitation(inv.token, GOOD);
    expect(first).toEqual({
      ok: true,
      value: { subject: inv.subject, email: 'ada@example.test', role: 'contributor' },
    });
    expect(await accounts.acceptInvitation(inv.token, 'another-long-passphrase')).toEqual({
      ok: false,
      error: { code: 'INVITATION_USED' },
    });
    expect(await accounts.acceptInvitation('x'.repeat(43), GOOD)).toEqual({
      ok: false,
      error: { code: 'INVITATION_INVALID' },
    });
    const stored = await store.findAccountByEmail('ada@example.test');
    expect(stored?.passwordHash).toMatch(/^\$scrypt\$v1\$32768\$8\$1\$/);
    expect(stored?.passwordHash).not.toContain(GOOD);
  });

  it('refuse an expired invitation', async () => {
    let t = 1_700_000_000_000;
    const { accounts } = setup(() => t);
    const inv = await invite(accounts);
    t += 3_600_000;
    expect(await accounts.acceptInvitation(inv.token, GOOD)).toEqual({
      ok: false,
      error: { code: 'INVITATION_EXPIRED' },
    });
  });

  it('refuse short and common passwords, without using the invitation up', async () => {
    const { accounts } = setup();
    const inv = await invite(accounts);
    expect(await accounts.acceptInvitation(inv.token, 'short-pw')).toEqual({
      ok: false,
      error: { code: 'PASSWORD_TOO_SHORT', minLength: 12 },
    });
    for (const weak of ['Password1234', 'qwertyuiop123', 'aaaaaaaaaaaaaaaa', 'ada@example.test']) {
      expect(await accounts.acceptInvitation(inv.token, weak)).toEqual({
        ok: false,
        error: { code: 'PASSWORD_TOO_COMMON' },
      });
    }
    expect((await accounts.acceptInvitation(inv.token, GOOD)).ok).toBe(true);
  });

  it('verify the right password, refuse a wrong one and an unknown address alike', async () => {
    const { accounts } = setup();
    const inv = await invite(accounts);
    await accounts.acceptInvitation(inv.token, GOOD);
    expect(await accounts.verifyPassword(' ADA@example.test ', GOOD)).toMatchObject({
      ok: true,
      value: { subject: inv.subject },
    });
    expect(await accounts.verifyPassword('ada@example.test', `${GOOD}!`)).toEqual({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS' },
    });
    expect(await accounts.verifyPassword('eve@example.test', GOOD)).toEqual({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS' },
    });
  });

  it('upgrade a hash made with weaker parameters at the next sign-in', async () => {
    const store = createMemoryAccountStore();
    const weak = createLocalAccounts({ store, mode: 'local', scryptParams: { N: 2 ** 14, r: 8, p: 1 } });
    const inv = await weak.createInvitation({ email: 'bo@example.test', role: 'officer' });
    if (!inv.ok) throw new Error('invitation refused');
    await weak.acceptInvitation(inv.value.token, GOOD);
    expect((await store.findAccountByEmail('bo@example.test'))?.passwordHash).toMatch(
      /^\$scrypt\$v1\$16384\$/,
    );
    const current = createLocalAccounts({ store, mode: 'local' });
    expect((await current.verifyPassword('bo@example.test', GOOD)).ok).toBe(true);
    expect((await store.findAccountByEmail('bo@example.test'))?.passwordHash).toMatch(
      /^\$scrypt\$v1\$32768\$/,
    );
  });

  it('are refused as a whole when an OIDC issuer is configured', async () => {
    const store = createMemoryAccountStore();
    const mode = identityMode({ oidc: { issuer: 'https://idp.example.test' } });
    expect(mode).toBe('oidc');
    const accounts = createLocalAccounts({ store, mode });
    const disabled = { ok: false, error: { code: 'LOCAL_ACCOUNTS_DISABLED' } };
    expect(await accounts.createInvitation({ email: 'a@example.test', role: 'contributor' })).toEqual(
      disabled,
    );
    expect(await accounts.acceptInvitation('x'.repeat(43), GOOD)).toEqual(disabled);
    expect(await accounts.verifyPassword('a@example.test', GOOD)).toEqual(disabled);
  });
});
