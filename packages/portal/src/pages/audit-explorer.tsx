/**
 * The audit explorer: the signed checkpoint (verified here), entries page by page with inclusion
 * proofs checked in the browser, and consistency between an older checkpoint — the one seen
 * earlier in this session, or one pasted — and the current one: proof that nothing was rewritten.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api.ts';
import { type AuditRecord, parseEntry } from '../audit-entries.ts';
import {
  checkNote,
  inBatches,
  loadCheckpoint,
  type VerifiedCheckpoint,
  verifyEntry,
  verifyExtends,
} from '../audit-proofs.ts';
import { toHex, verifyLogInBrowser } from '../tlog-verify.ts';
import { ErrorMessage, formatTime, Page, personName, Section, Verified } from '../ui.tsx';

const PAGE = 50;
type Mark = 'pending' | 'verified' | 'failed';

export function AuditExplorerPage() {
  const [cp, setCp] = useState<VerifiedCheckpoint>();
  const [first, setFirst] = useState<VerifiedCheckpoint>();
  const [error, setError] = useState<{ code: string; message: string }>();
  const [consistency, setConsistency] = useState<string>();
  const [from, setFrom] = useState<number>();
  const [entries, setEntries] = useState<AuditRecord[]>([]);
  const [marks, setMarks] = useState<Record<number, Mark>>({});
  const [pasted, setPasted] = useState('');
  const [whole, setWhole] = useState<string>();

  /** Every entry up to the checkpoint's size, hashed here against its witnessed root (issue 20). */
  const verifyWhole = async () => {
    if (!cp) return;
    const size = cp.checkpoint.size;
    const all: { idx: number; text: string }[] = [];
    setWhole(`Reading ${size} entries…`);
    while (all.length < size) {
      const limit = Math.min(5_000, size - all.length);
      const r = await api.get<{ entries: { idx: number; text: string }[] }>(
        `/v1/audit/entries${query({ from: all.length, limit })}`,
      );
      if (!r.ok) return setWhole(`INCONSISTENT: the entries could not be read (${r.code}).`);
      all.push(...r.value.entries);
      if (r.value.entries.length < limit) break;
    }
    const v = await verifyLogInBrowser(cp.note, cp.verifierKey, cp.witnesses, all);
    setWhole(
      v.ok
        ? `All ${v.size} entries hash to the witnessed root.`
        : `INCONSISTENT: ${v.reason}${v.idx !== undefined ? ` (entry ${v.idx})` : ''}.`,
    );
  };

  const refresh = async () => {
    const c = await loadCheckpoint(cp ? { verifierKey: cp.verifierKey, witnesses: cp.witnesses } : undefined);
    if (!c.ok) return setError(c);
    setError(undefined);
    if (cp) {
      const ok = await verifyExtends(cp.checkpoint, c.value.checkpoint);
      setConsistency(
        ok
          ? `The log grew from ${cp.checkpoint.size} to ${c.value.checkpoint.size} entries and the older tree is a prefix of the new one: nothing was rewritten.`
          : 'INCONSISTENT: the new checkpoint does not extend the previous one.',
      );
    }
    setCp(c.value);
    if (!first) setFirst(c.value);
    if (from === undefined) setFrom(Math.max(0, c.value.checkpoint.size - PAGE));
  };

  useEffect(() => {
    void refresh();
  }, []);

  useEffect(() => {
    if (from === undefined) return;
    let live = true;
    void api
      .get<{ entries: { idx: number; text: string }[] }>(`/v1/audit/entries${query({ from, limit: PAGE })}`)
      .then((r) => {
        if (!live) return;
        if (!r.ok) return setError(r);
        setEntries(
          r.value.entries
            .map((e) => parseEntry(e.idx, e.text))
            .filter((e): e is AuditRecord => e !== undefined)
            .reverse(),
        );
      });
    return () => {
      live = false;
    };
  }, [from]);

  const verify = async (list: AuditRecord[]) => {
    if (!cp) return;
    setMarks((m) => ({ ...m, ...Object.fromEntries(list.map((e) => [e.idx, 'pending' as Mark])) }));
    await inBatches(list, 4, async (e) => {
      const ok = await verifyEntry(e.idx, e.text, cp.checkpoint);
      setMarks((m) => ({ ...m, [e.idx]: ok ? 'verified' : 'failed' }));
    });
  };

  const checkPasted = async (e: Event) => {
    e.preventDefault();
    if (!cp) return;
    const old = await checkNote(pasted.endsWith('\n') ? pasted : `${pasted}\n`, cp.verifierKey, cp.witnesses);
    if (!old.ok) return setConsistency(`The pasted checkpoint does not verify: ${old.code}.`);
    const ok = await verifyExtends(old.value.checkpoint, cp.checkpoint);
    setConsistency(
      ok
        ? `The pasted checkpoint (${old.value.checkpoint.size} entries) is consistent with the current one (${cp.checkpoint.size}).`
        : 'INCONSISTENT: the current log does not extend the pasted checkpoint.',
    );
  };

  const size = cp?.checkpoint.size ?? 0;
  return (
    <Page
      title="Audit log"
      intro="Every authorisation decision and administrative change, in an append-only Merkle tree (RFC 9162) with signed checkpoints. Proofs are checked in this browser."
    >
      <ErrorMessage error={error} />
      <div class="grid two">
        <Section title="Signed checkpoint">
          {cp ? (
            <>
              <p>
                <Verified state="verified" /> signature by <code>{cp.keyLabel}</code>, cosigned by{' '}
                {cp.cosignedBy.map((w) => w.name).join(', ')} (quorum {cp.witnesses.quorum})
              </p>
              <dl class="facts">
                <dt>Log</dt>
                <dd>{cp.checkpoint.origin}</dd>
                <dt>Entries</dt>
                <dd data-testid="checkpoint-size">{cp.checkpoint.size}</dd>
                <dt>Root hash</dt>
                <dd>
                  <code class="hash">{toHex(cp.checkpoint.rootHash)}</code>
                </dd>
              </dl>
              <details>
                <summary>Checkpoint text (keep it to check later)</summary>
                <pre>{cp.note}</pre>
              </details>
              <button type="button" class="secondary" onClick={() => void refresh()}>
                Refresh and check consistency
              </button>{' '}
              <button type="button" class="secondary" onClick={() => void verifyWhole()}>
                Verify the whole log here
              </button>
              {whole ? (
                <p role="status" class={whole.startsWith('INCONSISTENT') ? 'message error' : 'message ok'}>
                  {whole}
                </p>
              ) : null}
            </>
          ) : (
            <p class="muted">Verifying the checkpoint…</p>
          )}
        </Section>
        <Section title="Consistency">
          {consistency ? (
            <p role="status" class={consistency.startsWith('INCONSISTENT') ? 'message error' : 'message ok'}>
              {consistency}
            </p>
          ) : (
            <p class="muted">
              Refresh to check that the log only grew since{' '}
              {first ? `${first.checkpoint.size} entries` : 'you opened it'}.
            </p>
          )}
          <form onSubmit={checkPasted}>
            <label for="old-checkpoint">An older checkpoint you kept</label>
            <textarea
              id="old-checkpoint"
              rows={5}
              value={pasted}
              onInput={(e) => setPasted(e.currentTarget.value)}
            />
            <button type="submit" class="secondary" disabled={!pasted.trim() || !cp}>
              Check it against the current log
            </button>
          </form>
        </Section>
      </div>
      <Section title="Entries">
        <div class="toolbar">
          <button
            type="button"
            class="secondary"
            disabled={from === undefined || from + PAGE >= size}
            onClick={() => setFrom(Math.min(size - PAGE, (from ?? 0) + PAGE))}
          >
            Newer
          </button>
          <button
            type="button"
            class="secondary"
            disabled={!from}
            onClick={() => setFrom(Math.max(0, (from ?? 0) - PAGE))}
          >
            Older
          </button>
          <button
            type="button"
            class="primary"
            disabled={!cp || entries.length === 0}
            onClick={() => void verify(entries)}
          >
            Verify this page
          </button>
          <span class="muted">
            {entries.length
              ? `Entries ${entries[entries.length - 1]?.idx} to ${entries[0]?.idx} of ${size}`
              : ''}
          </span>
        </div>
        <div class="table-wrap">
          <table class="audit">
            <caption class="visually-hidden">Audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">On</th>
                <th scope="col">Decision</th>
                <th scope="col">Proof</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.idx} class={e.decision === 'deny' ? 'denied' : undefined}>
                  <td class="nowrap">{e.idx}</td>
                  <td class="nowrap">{formatTime(e.at)}</td>
                  <td class="ids">
                    {personName(e.actor.id)} <span class="muted small">({e.actor.role})</span>
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td class="ids">
                    {e.resource.type}
                    {e.resource.subject ? ` ${e.resource.subject}` : ''}
                    {e.resource.id ? ` ${e.resource.id}` : ''}
                  </td>
                  <td class="ids">
                    {e.decision} <span class="muted small">{e.reason}</span>
                  </td>
                  <td class="nowrap">
                    {marks[e.idx] ? (
                      <Verified state={marks[e.idx] as Mark} />
                    ) : (
                      <button
                        type="button"
                        class="link"
                        disabled={!cp || e.idx >= size}
                        onClick={() => void verify([e])}
                      >
                        Verify<span class="visually-hidden"> entry {e.idx}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </Page>
  );
}
