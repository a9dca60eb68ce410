import { type CaptureLease, generateEd25519, importPrivateKey, signCanonical } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import { LeaseHolder, type LeaseView } from './lease-holder.ts';
import { silentLog } from './log.ts';

const server = generateEd25519();
const serverKey = importPrivateKey(server.privateKey);
const DEVICE = 'dev_aaaaaaaaaaaaaaaa';

function signed(over: Partial<CaptureLease> = {}, key = serverKey) {
  const now = Date.now();
  const lease: CaptureLease = {
    v: 1,
    leaseId: `lse_${Math.random().toString(36).slice(2, 12)}`,
    deviceId: DEVICE,
    subject: 'alice',
    issuedAt: now,
    expiresAt: now + 60_000,
    policyVersion: 1,
    state: 'active',
    scope: { apps: [{ app: 'code', level: 'full' }], sites: [] },
    ...over,
  };
  return { v: 1, lease, sig: signCanonical('steno-lease-v1', lease, key) };
}

const holder = (extra: Partial<ConstructorParameters<typeof LeaseHolder>[0]> = {}) =>
  new LeaseHolder({
    deviceId: DEVICE,
    subject: 'alice',
    leaseKey: server.publicKey,
    log: silentLog,
    ...extra,
  });

describe('LeaseHolder', () => {
  it('accepts a lease signed by the pinned key for this device, and refuses everything else', () => {
    const h = holder();
    expect(h.view().kind).toBe('none');
    const other = importPrivateKey(generateEd25519().privateKey);
    expect(h.accept(signed({}, other))).toEqual({ ok: false, error: 'LEASE_SIGNATURE_INVALID' });
    expect(h.accept(signed({ deviceId: 'dev_bbbbbbbbbbbbbbbb' }))).toEqual({
      ok: false,
      error: 'LEASE_WRONG_DEVICE',
    });
    expect(h.accept(signed({ subject: 'bob' }))).toEqual({ ok: false, error: 'LEASE_WRONG_DEVICE' });
    expect(h.accept(signed({ issuedAt: 1, expiresAt: 2 }))).toEqual({ ok: false, error: 'LEASE_EXPIRED' });
    expect(h.accept({ v: 1 })).toEqual({ ok: false, error: 'LEASE_INVALID' });
    const tampered = signed();
    tampered.lease.scope.apps.push({ app: '*', level: 'full' });
    expect(h.accept(tampered)).toEqual({ ok: false, error: 'LEASE_SIGNATURE_INVALID' });
    expect(h.view().kind).toBe('none');
    expect(h.accept(signed()).ok).toBe(true);
    expect(h.view().kind).toBe('active');
  });

  it('without a pinned key accepts nothing', () => {
    const h = holder({ leaseKey: undefined });
    expect(h.accept(signed())).toEqual({ ok: false, error: 'LEASE_KEY_MISSING' });
  });

  it('a pushed pause takes effect at once and an older active lease cannot lift it', () => {
    const views: LeaseView['kind'][] = [];
    const h = holder({ onChange: (v) => views.push(v.kind) });
    const old = signed({ issuedAt: Date.now() - 1_000 });
    expect(h.accept(signed()).ok).toBe(true);
    expect(h.accept(signed({ state: 'paused', reason: 'KILL_SWITCH' })).ok).toBe(true);
    expect(h.view().kind).toBe('paused');
    expect(views.at(-1)).toBe('paused');
    expect(h.accept(old)).toEqual({ ok: false, error: 'LEASE_STALE' });
    expect(h.view().kind).toBe('paused');
  });

  it('expires on the local clock when it hears nothing, and reports it', async () => {
    const views: LeaseView['kind'][] = [];
    const h = holder({ onChange: (v) => views.push(v.kind) });
    expect(h.accept(signed({ expiresAt: Date.now() + 150 })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 250));
    expect(h.view().kind).toBe('expired');
    expect(views).toEqual(['active', 'expired']);
    await h.stop();
  });

  it('renews in the background, retrying failures with backoff', async () => {
    let calls = 0;
    const h = holder({
      backoff: { baseMs: 10, capMs: 20 },
      request: async () => {
        calls += 1;
        if (calls === 1) return { ok: false, reason: 'HTTP_503' };
        return { ok: true, lease: signed({ expiresAt: Date.now() + 200 }) };
      },
    });
    h.start();
    await new Promise((r) => setTimeout(r, 450));
    await h.stop();
    expect(h.view().kind).toBe('active');
    // one failure, one lease, then renewals at half-life (~100 ms)
    expect(calls).toBeGreaterThanOrEqual(4);
  });
});
