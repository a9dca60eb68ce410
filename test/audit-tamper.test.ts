/**
 * Invariant 7 (tamper-evident audit): every change, deletion, reordering or insertion of an audit
 * entry, and a forked (rewritten and re-signed) log, is detected by `steno audit verify`; an
 * untouched log verifies, also against an earlier checkpoint.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leafHash, MerkleLog } from '@steno/tlog';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../packages/cli/src/audit-verify.ts';
import { SqlNodeStore } from '../packages/server/src/audit/sql-node-store.ts';
import { enrolTestDevice, post, sampleEvents } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const BIN = join(import.meta.dirname, '../packages/cli/bin/steno.js');

describe('audit log tamper evidence', () => {
  let ts: TestServer;
  let firstCheckpoint: string;
  /** The witnessed checkpoint of the untouched log (issue 20: verifiers require cosignatures). */
  let current: string;
  let pristine: { idx: number; text: string }[];
  const keys = () => ({
    verifierKey: ts.server.auditVerifierKey,
    witnesses: ts.server.checkpoints.policy.witnesses.map((w) => w.verifierKey),
    quorum: ts.server.checkpoints.policy.quorum,
  });
  const witnessed = async () => {
    const p = await ts.server.checkpoints.publish();
    if (!p) throw new Error('no witnessed checkpoint');
    return p.note;
  };

  const entries = async () =>
    (await ts.server.db.query('SELECT idx, entry FROM audit_entries ORDER BY idx')).map((r) => ({
      idx: Number(r.idx),
      text: String(r.entry),
    }));
  const verify = async (extra: { previous?: boolean; checkpoint?: string } = {}) => {
    const checkpoint = extra.checkpoint ?? current;
    const size = Number(checkpoint.split('\n')[1]);
    const firstSize = Number(firstCheckpoint.split('\n')[1]);
    return verifyAuditLog({
      checkpoint,
      ...keys(),
      entries: await entries(),
      previous: extra.previous
        ? {
            checkpoint: firstCheckpoint,
            consistencyProof: await ts.server.audit.consistencyProof(firstSize, size),
          }
        : undefined,
    });
  };

  beforeAll(async () => {
    // These tests tamper on purpose to check the offline verifier: keep the server's own background
    // self-check (test/audit-self-check.test.ts) from catching it first.
    ts = await startTestServer('pglite', {
      config: { auditCheckTailMs: 3_600_000, checkpointIntervalMs: 3_600_000 },
    });
    const dev = await enrolTestDevice(ts.server, 'audited');
    await post(ts.server.app, '/v1/batches', dev.batch(sampleEvents(Date.now() - 1_000)));
    const token = await dev.personalToken();
    const read = () =>
      ts.server.app.inject({
        method: 'GET',
        url: '/v1/me/events',
        headers: { authorization: `Bearer ${token}` },
      });
    await read();
    await read();
    firstCheckpoint = await witnessed();
    for (let i = 0; i < 5; i++) await read();
    current = await witnessed();
    pristine = await entries();
    expect(pristine.length).toBeGreaterThanOrEqual(8);
  });
  afterAll(async () => {
    await ts?.close();
  });
  // Each test starts from the untouched log.
  beforeEach(async () => {
    await ts.server.db.exec('DELETE FROM audit_entries');
    for (const e of pristine) {
      await ts.server.db.query(
        'INSERT INTO audit_entries (idx, at, entry, leaf_hash) VALUES ($1, 0, $2, $3)',
        [e.idx, e.text, leafHash(new TextEncoder().encode(e.text))],
      );
    }
  });

  it('an untouched log verifies, alone and against the earlier checkpoint', async () => {
    expect(await verify()).toMatchObject({ ok: true, size: pristine.length });
    expect(await verify({ previous: true })).toMatchObject({ ok: true });
  });

  it('a changed entry is detected', async () => {
    const e = pristine[3] as { idx: number; text: string };
    await ts.server.db.query('UPDATE audit_entries SET entry = $2 WHERE idx = $1', [
      e.idx,
      e.text.replace('"allow"', '"deny"'),
    ]);
    expect(await verify()).toMatchObject({ ok: false });
  });

  it('a deleted entry is detected (middle and last)', async () => {
    await ts.server.db.query('DELETE FROM audit_entries WHERE idx = $1', [2]);
    expect(await verify()).toMatchObject({ ok: false });
    await ts.server.db.query('DELETE FROM audit_entries WHERE idx = $1', [pristine.length - 1]);
    const r = verifyAuditLog({ checkpoint: current, ...keys(), entries: await entries() });
    expect(r.ok).toBe(false);
  });

  it('reordered entries are detected', async () => {
    const a = pristine[1] as { text: string };
    const b = pristine[4] as { text: string };
    await ts.server.db.query('UPDATE audit_entries SET entry = $2 WHERE idx = $1', [1, b.text]);
    await ts.server.db.query('UPDATE audit_entries SET entry = $2 WHERE idx = $1', [4, a.text]);
    expect(await verify()).toMatchObject({ ok: false });
  });

  it('an inserted entry is detected', async () => {
    const checkpoint = current;
    const forged = {
      idx: 2,
      text: (pristine[2] as { text: string }).text.replace('events.read', 'events.read '),
    };
    const list = [
      ...pristine.slice(0, 2),
      forged,
      ...pristine.slice(2).map((e) => ({ ...e, idx: e.idx + 1 })),
    ];
    expect(verifyAuditLog({ checkpoint, ...keys(), entries: list })).toMatchObject({ ok: false });
  });

  it('a forked log — history rewritten and re-signed with the server key — fails: no witness cosigned it, and against the witnessed checkpoints', async () => {
    // An insider with the signing key rewrites entry 1 and rebuilds the whole tree.
    const e = pristine[1] as { text: string };
    await ts.server.db.query('UPDATE audit_entries SET entry = $1 WHERE idx = 1', [
      e.text.replace('"allow"', '"deny"'),
    ]);
    await ts.server.db.exec('DELETE FROM audit_nodes');
    const store = new SqlNodeStore(ts.server.db);
    const log = MerkleLog.create(store);
    for (const x of await entries()) await log.append([leafHash(new TextEncoder().encode(x.text))]);
    // The attacker's re-signed checkpoint is valid under the log key but carries no cosignature.
    const resigned = await ts.server.audit.checkpoint();
    expect(await verify({ checkpoint: resigned })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('NO_QUORUM'),
    });
    expect(await verify()).toMatchObject({ ok: false });
    expect(await verify({ previous: true })).toMatchObject({ ok: false });
    // Restore the honest tree for the next tests.
    await ts.server.db.exec('DELETE FROM audit_nodes');
    const honest = MerkleLog.create(store);
    for (const x of pristine) await honest.append([leafHash(new TextEncoder().encode(x.text))]);
  });

  it('steno audit export and verify work end to end, and a tampered export exits with AUDIT_TAMPERED', async () => {
    const url = await ts.server.app.listen({ host: '127.0.0.1', port: 0 });
    const { issueApiToken } = await import('../packages/server/src/auth/api-tokens.ts');
    const po = await issueApiToken(
      ts.server.db,
      { principal: 'person:po', role: 'privacy_officer', scopes: ['audit:read'], ttlMs: 60_000 },
      Date.now(),
    );
    const dir = mkdtempSync(join(tmpdir(), 'steno-audit-'));
    writeFileSync(join(dir, 'token'), po.token);
    // Asynchronous: the server under test runs in this process and must keep answering.
    const run = (args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const p = spawn(process.execPath, [BIN, 'audit', ...args]);
        let stdout = '';
        let stderr = '';
        p.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
        });
        p.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        p.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    const exp = await run([
      'export',
      '--server',
      url,
      '--token-file',
      join(dir, 'token'),
      '--out',
      join(dir, 'export'),
    ]);
    expect(exp.status, exp.stderr).toBe(0);
    const pin = [
      '--key',
      ts.server.auditVerifierKey,
      ...keys().witnesses.flatMap((w) => ['--witness', w]),
      '--quorum',
      String(keys().quorum),
    ];
    const ok = await run(['verify', '--from', join(dir, 'export'), ...pin]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/audit log verified: \d+ entries/);
    const lines = spawnSync('sed', ['-i', '3s/allow/deny/', join(dir, 'export', 'entries.jsonl')]);
    expect(lines.status).toBe(0);
    const bad = await run(['verify', '--from', join(dir, 'export'), ...pin]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('AUDIT_TAMPERED');
  });
});

describe('audit tree recovery', () => {
  it('rebuilds missing tree nodes from the entries (a log written before the tree existed)', async () => {
    const ts = await startTestServer('pglite');
    try {
      const dev = await enrolTestDevice(ts.server, 'recover');
      const token = await dev.personalToken();
      for (let i = 0; i < 5; i++)
        await ts.server.app.inject({
          method: 'GET',
          url: '/v1/me/events',
          headers: { authorization: `Bearer ${token}` },
        });
      // The server's own background publisher and self-check stay out of the way: a tick between
      // deleting the nodes and rebuilding them would judge a log this test broke on purpose.
      ts.server.checkpoints.stop();
      ts.server.auditCheck.stop();
      const before = (await ts.server.checkpoints.publish())?.note ?? '';
      await ts.server.db.exec('DELETE FROM audit_nodes');
      const { SqlAuditLog } = await import('../packages/server/src/audit/audit-log.ts');
      const fresh = new SqlAuditLog(ts.server.db, ts.server.auditSigner, 'steno.local/audit');
      const idx = await fresh.append({
        at: Date.now(),
        actor: { id: 'x', role: 'operator' },
        action: 'test',
        resource: { type: 'program' },
        decision: 'allow',
        reason: 'test',
      });
      expect(idx).toBe(Number(before.split('\n')[1]));
      const published = await ts.server.checkpoints.publish();
      const r = verifyAuditLog({
        checkpoint: published?.note ?? '',
        verifierKey: ts.server.auditVerifierKey,
        witnesses: ts.server.checkpoints.policy.witnesses.map((w) => w.verifierKey),
        quorum: 1,
        entries: (await ts.server.db.query('SELECT idx, entry FROM audit_entries ORDER BY idx')).map((x) => ({
          idx: Number(x.idx),
          text: String(x.entry),
        })),
        previous: {
          checkpoint: before,
          consistencyProof: await fresh.consistencyProof(Number(before.split('\n')[1]), idx + 1),
        },
      });
      expect(r).toMatchObject({ ok: true });
    } finally {
      await ts.close();
    }
  });
});
