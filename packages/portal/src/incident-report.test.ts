/**
 * The browser's report verifier agrees with the server's offline one (`verifyIncidentReport`,
 * what `steno incident verify` runs): a report over a real tree with a real signed checkpoint
 * verifies in both, and every kind of tampering fails in both.
 */
import { describe, expect, it } from 'vitest';
import { verifyIncidentReport } from '../../server/src/program/incidents.ts';
import {
  cosignerVerifierKey,
  cosignLine,
  encodeBase64,
  generateNoteKey,
  MemoryNodeStore,
  MerkleLog,
  rawPublicKey,
  signCheckpoint,
  leafHash as tlogLeafHash,
} from '../../tlog/src/index.ts';
import { type InvestigationReport, verifyReport } from './incident-report.ts';

const ORIGIN = 'steno.test/audit';

async function buildReport() {
  const texts = Array.from({ length: 23 }, (_, i) =>
    JSON.stringify({
      at: 1_000 + i,
      actor: { id: i % 3 === 0 ? 'person:ivy' : 'person:alice', role: 'investigator' },
      action: i % 2 === 0 ? 'breakglass.read_events' : 'events.read',
      resource: { type: 'subject', subject: i % 4 === 0 ? 'bob' : 'alice' },
      decision: 'allow',
      reason: 'grant',
    }),
  );
  const log = MerkleLog.create(new MemoryNodeStore());
  await log.append(texts.map((t) => tlogLeafHash(new TextEncoder().encode(t))));
  const { signer, verifierKey } = generateNoteKey(ORIGIN);
  const signed = signCheckpoint({ origin: ORIGIN, size: texts.length, rootHash: await log.root() }, signer);
  // Cosigned by a witness (issue 20: reports must carry a quorum of cosignatures).
  const witness = generateNoteKey('witness.test/w1').signer;
  const checkpoint = signed + cosignLine(`${signed.split('\n\n')[0]}\n`, witness, 1_700_000_000);
  const witnesses = {
    keys: [cosignerVerifierKey(witness.name, rawPublicKey(witness.privateKey))],
    quorum: 1,
  };
  const picked = texts.map((text, idx) => ({ text, idx })).filter((e) => e.idx % 4 === 0);
  const accesses = [];
  for (const { text, idx } of picked) {
    const e = JSON.parse(text);
    accesses.push({
      idx,
      at: e.at,
      actor: e.actor,
      action: e.action,
      subject: 'bob',
      decision: e.decision,
      reason: e.reason,
      grant: null,
      text,
      proof: (await log.inclusionProof(idx, texts.length)).map((h) => encodeBase64(h)),
    });
  }
  const report: InvestigationReport = {
    v: 1,
    incident: { id: 'inc_AAAAAAAAAAAA', severity: 1, title: 'test' },
    subjects: ['bob'],
    from: 0,
    to: 10_000,
    generatedAt: 5_000,
    generatedBy: 'person:pat',
    checkpoint,
    entriesVerified: texts.length,
    accesses,
  };
  return { report, verifierKey, witnesses, unwitnessed: signed };
}

const clone = (r: InvestigationReport): InvestigationReport => JSON.parse(JSON.stringify(r));

describe('investigation report verified in the browser', () => {
  it('verifies a genuine report, as the server does, and reports each access', async () => {
    const { report, verifierKey, witnesses } = await buildReport();
    expect(verifyIncidentReport(report, verifierKey, witnesses)).toMatchObject({ ok: true });
    const seen: number[] = [];
    const v = await verifyReport(report, verifierKey, witnesses, (idx, ok) => ok && seen.push(idx));
    expect(v).toEqual({ ok: true, size: 23, accesses: report.accesses.length });
    expect(seen).toEqual(report.accesses.map((a) => a.idx));
  });

  it('refuses what the server refuses: a foreign key, a changed entry, a changed summary, a moved window, no witness', async () => {
    const { report, verifierKey, witnesses, unwitnessed } = await buildReport();
    const tampered: [string, InvestigationReport | string][] = [];
    tampered.push(['foreign key', generateNoteKey(ORIGIN).verifierKey]);
    const text = clone(report);
    (text.accesses[1] as { text: string }).text = (text.accesses[1] as { text: string }).text.replace(
      'allow',
      'deny',
    );
    tampered.push(['entry bytes', text]);
    const actor = clone(report);
    (actor.accesses[0] as { actor: { id: string } }).actor.id = 'person:someone-else';
    tampered.push(['summary actor', actor]);
    const win = clone(report);
    win.to = 1_003;
    tampered.push(['window', win]);
    const proof = clone(report);
    (proof.accesses[2] as { proof: string[] }).proof.reverse();
    tampered.push(['proof', proof]);
    const cp = clone(report);
    cp.checkpoint = cp.checkpoint.replace('\n23\n', '\n24\n');
    tampered.push(['checkpoint', cp]);
    const alone = clone(report);
    alone.checkpoint = unwitnessed;
    tampered.push(['signed by the log alone', alone]);
    for (const [what, t] of tampered) {
      const [r, key] = typeof t === 'string' ? [report, t] : [t, verifierKey];
      expect(verifyIncidentReport(r, key, witnesses).ok, what).toBe(false);
      expect((await verifyReport(r, key, witnesses)).ok, what).toBe(false);
    }
  });
});
