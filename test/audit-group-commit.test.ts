/**
 * The audit log's group commit: concurrent appends share transactions, each gets its own
 * consecutive index, the whole log still verifies against a signed checkpoint, and when a group's
 * transaction fails every caller in it is refused (fail closed: no read goes ahead unaudited).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../packages/cli/src/audit-verify.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

/** The latest witnessed checkpoint and the keys to check it with (issue 20). */
async function witnessed(ts: TestServer) {
  const published = (await ts.server.checkpoints.publish()) ?? ts.server.checkpoints.latest;
  const { witnesses, quorum } = ts.server.checkpoints.policy;
  return {
    checkpoint: published?.note ?? '',
    verifierKey: ts.server.auditVerifierKey,
    witnesses: witnesses.map((w) => w.verifierKey),
    quorum,
  };
}

describe('audit group commit', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
  });
  afterAll(async () => {
    await ts?.close();
  });
  const entry = (i: number) => ({
    at: Date.now(),
    actor: { id: `person:p${i}`, role: 'contributor' },
    action: 'events.read',
    resource: { type: 'subject_events', subject: `s${i}` },
    decision: 'allow' as const,
    reason: 'test',
  });

  it('200 concurrent appends: distinct consecutive indices, each entry where its index says, the log verifies', async () => {
    const before = await ts.server.audit.size();
    const idx = await Promise.all(Array.from({ length: 200 }, (_, i) => ts.server.audit.append(entry(i))));
    expect([...idx].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => before + i));
    const stored = await ts.server.audit.list(before, 500);
    for (const [i, at] of idx.entries()) expect(stored[at - before]?.actor.id).toBe(`person:p${i}`);
    const all = await ts.server.audit.list(0, 10_000);
    const out = verifyAuditLog({
      ...(await witnessed(ts)),
      entries: all,
    });
    expect(out).toMatchObject({ ok: true });
  });

  it('a failed group transaction refuses every append in it, and the log recovers', async () => {
    // A constraint that one entry of the second group breaks: its whole transaction fails.
    await ts.server.db.query('ALTER TABLE audit_entries ADD CONSTRAINT poison CHECK (at <> 42)');
    const entries = Array.from({ length: 20 }, (_, i) => (i === 1 ? { ...entry(i), at: 42 } : entry(i)));
    // Appends made in one turn of the event loop share one transaction: the poisoned one fails it.
    const results = await Promise.allSettled(entries.map((e) => ts.server.audit.append(e)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill('rejected'));
    await ts.server.db.query('ALTER TABLE audit_entries DROP CONSTRAINT poison');
    const size = await ts.server.audit.size();
    expect(await ts.server.audit.append(entry(999))).toBe(size);
    const all = await ts.server.audit.list(0, 10_000);
    expect(
      verifyAuditLog({
        ...(await witnessed(ts)),
        entries: all,
      }),
    ).toMatchObject({ ok: true });
  });
});
