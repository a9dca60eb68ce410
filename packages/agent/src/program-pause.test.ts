// The program-pause notice on the device (issue 19): one notice signed once by the server pauses
// capture at once; it can only pause, never resume; a forged, tampered, malformed, future or
// replayed (older than the lease held) notice changes nothing.
import {
  type CaptureLease,
  generateEd25519,
  importPrivateKey,
  type ProgramPauseNotice,
  signCanonical,
  signProgramPause,
} from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import { LeaseHolder, type LeaseView } from './lease-holder.ts';
import { silentLog } from './log.ts';

const server = generateEd25519();
const serverKey = importPrivateKey(server.privateKey);
const DEVICE = 'dev_aaaaaaaaaaaaaaaa';

function lease(issuedAt: number, over: Partial<CaptureLease> = {}) {
  const l: CaptureLease = {
    v: 1,
    leaseId: `ls_${Math.random().toString(36).slice(2, 12)}`,
    deviceId: DEVICE,
    subject: 'alice',
    issuedAt,
    expiresAt: issuedAt + 600_000,
    policyVersion: 1,
    state: 'active',
    scope: { apps: [{ app: 'code', level: 'full' }], sites: [] },
    ...over,
  };
  return { v: 1, lease: l, sig: signCanonical('steno-lease-v1', l, serverKey) };
}

const notice = (issuedAt: number, epoch = 1, key = serverKey) =>
  signProgramPause({ v: 1, kind: 'program-pause', epoch, issuedAt } satisfies ProgramPauseNotice, key);

function holder(views: LeaseView['kind'][] = [], leaseKey: string | null = server.publicKey) {
  return new LeaseHolder({
    deviceId: DEVICE,
    subject: 'alice',
    leaseKey: leaseKey ?? undefined,
    log: silentLog,
    onChange: (v) => views.push(v.kind),
  });
}

describe('program-pause notice', () => {
  it('pauses at once; only an active lease issued after it resumes', () => {
    const t = Date.now();
    const views: LeaseView['kind'][] = [];
    const h = holder(views);
    expect(h.take(lease(t - 2_000)).ok).toBe(true);
    expect(h.view().kind).toBe('active');
    // Through the same entry the push stream uses.
    expect(h.take(JSON.parse(JSON.stringify(notice(t - 1_000)))).ok).toBe(true);
    expect(h.view().kind).toBe('paused');
    expect(views.at(-1)).toBe('paused');
    // An active lease issued before the notice (a renewal in flight) or at its instant cannot lift it.
    expect(h.accept(lease(t - 1_500)).ok).toBe(true);
    expect(h.view().kind).toBe('paused');
    expect(h.accept(lease(t - 1_000)).ok).toBe(true);
    expect(h.view().kind).toBe('paused');
    // The paused lease that follows the notice keeps the pause.
    expect(h.accept(lease(t - 900, { state: 'paused', reason: 'paused_global' })).ok).toBe(true);
    expect(h.view().kind).toBe('paused');
    // Resuming takes a fresh active lease.
    expect(h.accept(lease(t - 500)).ok).toBe(true);
    expect(h.view().kind).toBe('active');
    expect(views.at(-1)).toBe('active');
  });

  it('ignores a replayed notice older than the lease held, and cannot resume with one', () => {
    const t = Date.now();
    const h = holder();
    const old = notice(t - 60_000, 1);
    expect(h.accept(lease(t - 1_000)).ok).toBe(true);
    expect(h.acceptPauseNotice(old)).toEqual({ ok: false, error: 'LEASE_STALE' });
    expect(h.view().kind).toBe('active');
    // A newer pause, then the older notice again: still paused, and never active again by a notice.
    expect(h.acceptPauseNotice(notice(t - 500, 2)).ok).toBe(true);
    expect(h.acceptPauseNotice(old)).toEqual({ ok: false, error: 'LEASE_STALE' });
    expect(h.view().kind).toBe('paused');
    expect(h.acceptPauseNotice(notice(t - 400, 2)).ok).toBe(true);
    expect(h.view().kind).toBe('paused');
  });

  it('refuses a forged, tampered, malformed or future notice (deny by default)', () => {
    const t = Date.now();
    const views: LeaseView['kind'][] = [];
    const h = holder(views);
    expect(h.accept(lease(t - 1_000)).ok).toBe(true);
    const other = importPrivateKey(generateEd25519().privateKey);
    expect(h.take(notice(t, 1, other))).toEqual({ ok: false, error: 'LEASE_SIGNATURE_INVALID' });
    const tampered = notice(t, 1);
    tampered.notice.epoch = 7;
    expect(h.take(tampered)).toEqual({ ok: false, error: 'LEASE_SIGNATURE_INVALID' });
    expect(h.take({ v: 1, notice: { kind: 'program-pause' }, sig: 'x' })).toEqual({
      ok: false,
      error: 'LEASE_INVALID',
    });
    expect(h.acceptPauseNotice({ ...notice(t), extra: true })).toEqual({ ok: false, error: 'LEASE_INVALID' });
    expect(h.take(notice(t + 3_600_000))).toEqual({ ok: false, error: 'LEASE_INVALID' });
    expect(h.view().kind).toBe('active');
    expect(views).toEqual(['active']);
  });

  it('without a pinned key takes no notice', () => {
    const h = holder([], null);
    expect(h.acceptPauseNotice(notice(Date.now()))).toEqual({ ok: false, error: 'LEASE_KEY_MISSING' });
  });
});
