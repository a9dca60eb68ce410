/**
 * Invariant 8 (issue 19): a global pause reaches every connected agent first as one program-pause
 * notice, signed once by the server, which the real agent's stream client and lease holder obey at
 * once; the paused leases follow. The notice only pauses: resuming takes a fresh active lease, and
 * the same notice replayed after the resume changes nothing. Real server, real socket.
 */
import type { SignedProgramPause } from '@steno/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLeaseStream } from '../packages/agent/src/lease-client.ts';
import { LeaseHolder, type LeaseView } from '../packages/agent/src/lease-holder.ts';
import { silentLog } from '../packages/agent/src/log.ts';
import { enrolTestDevice, officerToken, permitSubject } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { waitFor } from './support/wait-for.ts';

describe('program-pause notice', () => {
  let ts: TestServer;
  let url: string;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
    url = await ts.server.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await ts?.close();
  });

  const officer = (name: string) => officerToken(ts.server, name);
  const call = (path: string, token: string, payload: object) =>
    ts.server.app.inject({
      method: 'POST',
      url: path,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });

  it('pauses a connected agent at once, before its paused lease; a replay after resume changes nothing', async () => {
    const subject = 'noticed';
    // Enrolled without the fixture lease: the agent's own stream brings its leases.
    const { deviceId, leaseKey, privateKey } = await enrolTestDevice(ts.server, subject, {
      permitted: false,
    });
    await permitSubject(ts.server, subject);

    // The agent's own pieces: its stream client feeding its lease holder.
    const seen: { kind: 'notice' | 'lease'; data: unknown; ok: boolean; viewAfter: LeaseView['kind'] }[] = [];
    const holder = new LeaseHolder({ deviceId, subject, leaseKey, log: silentLog });
    const abort = new AbortController();
    const stream = runLeaseStream(
      {
        server: url,
        deviceId,
        privateKey,
        log: silentLog,
        onLease: (data) => {
          const out = holder.take(data);
          const isNotice = typeof data === 'object' && data !== null && 'notice' in data;
          seen.push({ kind: isNotice ? 'notice' : 'lease', data, ok: out.ok, viewAfter: holder.view().kind });
        },
      },
      abort.signal,
    );
    try {
      await waitFor(() => holder.view().kind === 'active', 5_000, 'the first active lease');
      const before = seen.length;
      const [po1, po2] = [await officer('po1'), await officer('po2')];
      const paused = await call('/v1/program/pause', po1, { scope: { kind: 'global' }, reason: 'SEV1' });
      expect(paused.json()).toMatchObject({ state: 'paused', devicesNotified: 1 });
      await waitFor(() => seen.length >= before + 2, 5_000, 'the notice and the paused lease');
      const [first, second] = seen.slice(before);
      // The notice came first and paused the agent by itself, before any paused lease.
      expect(first).toMatchObject({ kind: 'notice', ok: true, viewAfter: 'paused' });
      expect(second).toMatchObject({ kind: 'lease', ok: true, viewAfter: 'paused' });
      const notice = first?.data as SignedProgramPause;
      expect(notice.notice).toMatchObject({ kind: 'program-pause' });
      expect(notice.notice.epoch).toBeGreaterThan(0);

      await call('/v1/program/resume', po1, { scope: { kind: 'global' } });
      expect(holder.view().kind).toBe('paused');
      await call('/v1/program/resume', po2, { scope: { kind: 'global' } });
      await waitFor(() => holder.view().kind === 'active', 5_000, 'the fresh active lease');
      // The same notice, replayed after the resume: older than the lease held, refused.
      expect(holder.take(JSON.parse(JSON.stringify(notice)))).toEqual({ ok: false, error: 'LEASE_STALE' });
      expect(holder.view().kind).toBe('active');

      // The next pause is a new epoch.
      const again = seen.length;
      await call('/v1/program/pause', po1, { scope: { kind: 'global' }, reason: 'again' });
      await waitFor(() => seen.length > again, 5_000, 'the second notice');
      const next = seen[again];
      expect(next).toMatchObject({ kind: 'notice', ok: true });
      expect(seen.every((m) => m.ok)).toBe(true);
      expect((next?.data as SignedProgramPause | undefined)?.notice.epoch).toBeGreaterThan(
        notice.notice.epoch,
      );
      expect(holder.view().kind).toBe('paused');
    } finally {
      abort.abort();
      await holder.stop();
      await stream;
    }
  });
});
