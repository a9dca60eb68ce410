/**
 * An incident's investigation report, checked in this browser the way `steno incident verify`
 * checks it offline: the checkpoint's Ed25519 signature under the audit log's verifier key, each
 * listed access's inclusion in the tree that checkpoint commits to, and that each entry's logged
 * bytes say what the report's summary says (actor, action, subject, decision, time), inside the
 * report's subjects and window. The server supplies the report; the verdict is computed here.
 */
import {
  decodeBase64,
  leafHash,
  verifyCheckpoint,
  verifyCosignatures,
  verifyInclusion,
  type WitnessPolicy,
} from './tlog-verify.ts';

export interface ReportAccess {
  idx: number;
  at: number;
  actor: { id: string; role: string };
  action: string;
  subject: string;
  decision: 'allow' | 'deny';
  reason: string;
  grant: string | null;
  /** The entry's exact bytes in the log. */
  text: string;
  /** Inclusion proof in the checkpoint's tree (base64 hashes). */
  proof: string[];
}

export interface InvestigationReport {
  v: 1;
  incident: { id: string; severity: number; title: string };
  subjects: string[];
  from: number;
  to: number;
  generatedAt: number;
  generatedBy: string;
  /** The signed checkpoint (C2SP signed note). */
  checkpoint: string;
  entriesVerified: number;
  accesses: ReportAccess[];
}

export type ReportVerdict =
  | { ok: true; size: number; accesses: number }
  | { ok: false; reason: string; idx?: number };

function entrySays(a: ReportAccess): boolean {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(a.text) as Record<string, unknown>;
  } catch {
    return false;
  }
  const actor = entry.actor as { id?: unknown } | undefined;
  const resource = entry.resource as { subject?: unknown } | undefined;
  const named = (entry.details as { subjects?: unknown } | undefined)?.subjects;
  const aboutSubject = resource?.subject === a.subject || (Array.isArray(named) && named.includes(a.subject));
  return (
    actor?.id === a.actor.id &&
    entry.action === a.action &&
    aboutSubject &&
    entry.decision === a.decision &&
    entry.at === a.at
  );
}

/** Verifies the whole report; `onAccess` hears each access's verdict as it is reached. */
export async function verifyReport(
  report: InvestigationReport,
  verifierKey: string,
  witnesses: WitnessPolicy,
  onAccess?: (idx: number, ok: boolean) => void,
): Promise<ReportVerdict> {
  if (report?.v !== 1 || !Array.isArray(report.accesses) || !Array.isArray(report.subjects))
    return { ok: false, reason: 'the report does not have the expected shape' };
  const cp = await verifyCheckpoint(report.checkpoint, verifierKey);
  if (!cp.ok) return { ok: false, reason: `checkpoint: ${cp.reason}` };
  // The report's checkpoint must be witnessed: one the log's owner signed alone proves nothing.
  const cos = await verifyCosignatures(report.checkpoint, witnesses);
  if (!cos.ok) return { ok: false, reason: `checkpoint: ${cos.reason}` };
  const { size, rootHash } = cp.checkpoint;
  for (const a of report.accesses) {
    const proof = a.proof.map(decodeBase64);
    const included =
      proof.every((p): p is Uint8Array => p !== undefined) &&
      (await verifyInclusion(await leafHash(a.text), a.idx, size, proof, rootHash));
    if (!included) {
      onAccess?.(a.idx, false);
      return { ok: false, idx: a.idx, reason: `entry ${a.idx} is not in the log the checkpoint commits to` };
    }
    if (!entrySays(a)) {
      onAccess?.(a.idx, false);
      return { ok: false, idx: a.idx, reason: `entry ${a.idx}: the report's summary differs from the log` };
    }
    if (!report.subjects.includes(a.subject) || a.at < report.from || a.at > report.to) {
      onAccess?.(a.idx, false);
      return { ok: false, idx: a.idx, reason: `entry ${a.idx} lies outside the report's subjects or window` };
    }
    onAccess?.(a.idx, true);
  }
  return { ok: true, size, accesses: report.accesses.length };
}
