/**
 * Issue 20: the server notices a tampered audit log by itself. Each kind of tampering — an edited,
 * deleted, swapped or forged row, and a tree rebuilt and re-signed to match rewritten entries —
 * is found by the self-check (on start, as after a restart, and in the background), which names
 * the first bad entry, refuses reads with AUDIT_TAMPERED instead of a 500, and opens an incident.
 */
import { leafHash, MerkleLog, parseCheckpoint } from '@steno/tlog';
import { afterEach, describe, expect, it } from 'vitest';
import { SqlNodeStore } from '../packages/server/src/audit/sql-node-store.ts';
import { enrolTestDevice, post, sampleEvents } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const utf8 = new TextEncoder();
type Read = () => Promise<{ statusCode: number; json(): { error: { code: string } } }>;

async function seeded(): Promise<{
  ts: TestServer;
  read: Read;
}> {
  const ts = await startTestServer('pglite');
  const dev = await enrolTestDevice(ts.server, 'tamper');
  await post(ts.server.app, '/v1/batches', dev.batch(sampleEvents(Date.now() - 1_000)));
  const token = await dev.personalToken();
  const read = () =>
    ts.server.app.inject({
      method: 'GET',
      url: '/v1/me/events',
      headers: { authorization: `Bearer ${token}` },
    });
  for (let i = 0; i < 6; i++) expect((await read()).statusCode).toBe(200);
  return { ts, read };
}

const rows = async (ts: TestServer) =>
  (await ts.server.db.query('SELECT idx, entry FROM audit_entries ORDER BY idx')).map((r) => ({
    idx: Number(r.idx),
    text: String(r.entry),
  }));

async function expectRefused(ts: TestServer, read: Read, index: number) {
  const finding = await ts.server.auditCheck.check('full');
  expect(finding?.firstBadIndex).toBe(index);
  const res = await read();
  expect(res.statusCode).toBe(503);
  expect(res.json().error).toMatchObject({ code: 'AUDIT_TAMPERED', details: { firstBadIndex: index } });
  const cp = await ts.server.app.inject({ method: 'GET', url: '/v1/audit/checkpoint' });
  expect(cp.statusCode).toBe(503);
  expect(cp.json().error.code).toBe('AUDIT_TAMPERED');
  const incidents = await ts.server.db.query('SELECT title, opened_by FROM incidents');
  expect(incidents).toEqual([
    { title: `Audit log tampering detected at entry ${index}`, opened_by: 'steno:audit-self-check' },
  ]);
}

describe('audit self-check (issue 20)', () => {
  let ts: TestServer | undefined;
  afterEach(async () => {
    await ts?.close();
    ts = undefined;
  });

  it('an untouched log passes, in full and incrementally, and reads go on', async () => {
    const s = await seeded();
    ts = s.ts;
    expect(await ts.server.auditCheck.check('full')).toBeUndefined();
    expect((await s.read()).statusCode).toBe(200);
    expect(await ts.server.auditCheck.check('tail')).toBeUndefined();
    expect(ts.server.auditCheck.verifiedSize).toBe((await rows(ts)).length);
  });

  it('an edited entry is found at its index', async () => {
    const s = await seeded();
    ts = s.ts;
    const e = (await rows(ts))[3] as { text: string };
    await ts.server.db.query('UPDATE audit_entries SET entry = $1 WHERE idx = 3', [
      e.text.replace('allow', 'deny'),
    ]);
    await expectRefused(ts, s.read, 3);
  });

  it('a deleted entry is found (middle)', async () => {
    const s = await seeded();
    ts = s.ts;
    await ts.server.db.query('DELETE FROM audit_entries WHERE idx = 2');
    await expectRefused(ts, s.read, 2);
  });

  it('swapped entries are found at the first of them', async () => {
    const s = await seeded();
    ts = s.ts;
    const all = await rows(ts);
    const a = all[1] as { text: string };
    const b = all[4] as { text: string };
    await ts.server.db.query('UPDATE audit_entries SET entry = $1 WHERE idx = 1', [b.text]);
    await ts.server.db.query('UPDATE audit_entries SET entry = $1 WHERE idx = 4', [a.text]);
    await expectRefused(ts, s.read, 1);
  });

  it('a forged appended row (with a correct leaf hash) is AUDIT_TAMPERED at its index, not a 500', async () => {
    const s = await seeded();
    ts = s.ts;
    const n = (await rows(ts)).length;
    const text = JSON.stringify({ at: 1, actor: { id: 'x', role: 'operator' }, action: 'forged' });
    await ts.server.db.query('INSERT INTO audit_entries (idx, at, entry, leaf_hash) VALUES ($1, 0, $2, $3)', [
      n,
      text,
      leafHash(utf8.encode(text)),
    ]);
    // Before any check runs: the next read meets the forged row and says what it is.
    const res = await s.read();
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toMatchObject({ code: 'AUDIT_TAMPERED', details: { firstBadIndex: n } });
    await expectRefused(ts, s.read, n);
  });

  it('a well-formed forged append, tree nodes and all, written while the embedded server runs, is AUDIT_TAMPERED at its index', async () => {
    const s = await seeded();
    ts = s.ts;
    const n = (await rows(ts)).length;
    const text = JSON.stringify({ at: 1, actor: { id: 'x', role: 'operator' }, action: 'forged.well' });
    const leaf = leafHash(utf8.encode(text));
    await ts.server.db.query('INSERT INTO audit_entries (idx, at, entry, leaf_hash) VALUES ($1, 0, $2, $3)', [
      n,
      text,
      leaf,
    ]);
    await (await MerkleLog.open(new SqlNodeStore(ts.server.db), n)).append([leaf]);
    // Entries, leaves and tree agree: only the server's own count of what it wrote tells.
    expect(await ts.server.auditCheck.check('tail')).toBeUndefined();
    const res = await s.read();
    expect(res.json().error).toMatchObject({ code: 'AUDIT_TAMPERED', details: { firstBadIndex: n } });
    await expectRefused(ts, s.read, n);
  });

  it('a malformed row (a leaf hash of the wrong length) is AUDIT_TAMPERED, not a 500', async () => {
    const s = await seeded();
    ts = s.ts;
    await ts.server.db.query("UPDATE audit_entries SET leaf_hash = '\\x00' WHERE idx = 5");
    await expectRefused(ts, s.read, 5);
  });

  it('a tree rebuilt and re-signed over rewritten entries is found against the witnessed checkpoint', async () => {
    const s = await seeded();
    ts = s.ts;
    // A checkpoint that witnesses cosigned (here: handed to the self-check as its anchor).
    const cp = parseCheckpoint(`${(await ts.server.audit.checkpoint()).split('\n\n')[0]}\n`);
    if (!cp.ok) throw new Error('checkpoint');
    ts.server.auditCheck.addAnchor(cp.checkpoint);
    for (let i = 0; i < 2; i++) await s.read();
    // The attacker holds the database and the signing key: rewrites entry 2, its leaf hash and
    // every tree node, so entries, leaves and tree agree and a fresh checkpoint verifies.
    const e = (await rows(ts))[2] as { text: string };
    const forged = e.text.replace('allow', 'deny');
    await ts.server.db.query('UPDATE audit_entries SET entry = $1, leaf_hash = $2 WHERE idx = 2', [
      forged,
      leafHash(utf8.encode(forged)),
    ]);
    await ts.server.db.exec('DELETE FROM audit_nodes');
    const log = MerkleLog.create(new SqlNodeStore(ts.server.db));
    await log.append((await rows(ts)).map((r) => leafHash(utf8.encode(r.text))));
    const finding = await ts.server.auditCheck.check('full');
    expect(finding?.reason).toMatch(/witnessed checkpoint of size/);
    // Nothing before the last matching witnessed checkpoint is proven bad: 0 when the anchor above
    // is the only one, or the size of one the embedded witness cosigned in the background before
    // the rewrite (timing) — never past the rewritten entry 2.
    const bad = finding?.firstBadIndex ?? -1;
    expect(bad).toBeGreaterThanOrEqual(0);
    expect(bad).toBeLessThanOrEqual(2);
    await expectRefused(ts, s.read, bad);
  });

  it('a restarted server finds an edit made while it was down, before serving anything', async () => {
    const s = await seeded();
    const e = (await rows(s.ts))[1] as { text: string };
    await s.ts.server.db.query('UPDATE audit_entries SET entry = $1 WHERE idx = 1', [
      e.text.replace('allow', 'deny'),
    ]);
    ts = s.ts;
    // A new server process over the same store: its start-up check runs before it serves.
    const { createStenoServer } = await import('../packages/server/src/steno-server.ts');
    const again = await createStenoServer(s.ts.server.config, { db: s.ts.server.db });
    try {
      expect(again.auditCheck.finding?.firstBadIndex).toBe(1);
      const cp = await again.app.inject({ method: 'GET', url: '/v1/audit/checkpoint' });
      expect(cp.json().error).toMatchObject({ code: 'AUDIT_TAMPERED', details: { firstBadIndex: 1 } });
    } finally {
      await again.app.close();
    }
  });
});
