/**
 * An incident's investigation report: every access to the named people's data in a window, from
 * the audit log. The server builds it; this browser verifies it (checkpoint signature, each
 * entry's inclusion proof, each summary against the logged bytes) before showing it as verified,
 * and offers the report JSON for download, for `steno incident verify` or the regulator.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { loadKeys } from '../audit-proofs.ts';
import { type InvestigationReport, type ReportVerdict, verifyReport } from '../incident-report.ts';
import { ErrorMessage, formatTime, localInput, personName, ROLE_LABELS, Verified } from '../ui.tsx';

type Marks = Record<number, 'verified' | 'failed'>;

export function ReportPanel(props: { incidentId: string; openedAt: number; onGenerated: () => void }) {
  const [subjects, setSubjects] = useState('');
  const [from, setFrom] = useState(localInput(props.openedAt - 30 * 86_400_000));
  const [to, setTo] = useState(localInput(Date.now() + 3_600_000));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [report, setReport] = useState<InvestigationReport>();
  const [verdict, setVerdict] = useState<ReportVerdict | 'pending'>();
  const [marks, setMarks] = useState<Marks>({});
  const [download, setDownload] = useState<string>();

  useEffect(
    () => () => {
      if (download) URL.revokeObjectURL(download);
    },
    [download],
  );

  const generate = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setReport(undefined);
    setVerdict(undefined);
    setMarks({});
    const res = await api.post<InvestigationReport>(
      `/v1/incidents/${encodeURIComponent(props.incidentId)}/report`,
      {
        subjects: subjects.split(/[\s,]+/).filter(Boolean),
        from: new Date(from).getTime(),
        to: new Date(to).getTime(),
      },
    );
    if (!res.ok) {
      setBusy(false);
      return setError(res);
    }
    setReport(res.value);
    setDownload(
      URL.createObjectURL(
        new Blob([`${JSON.stringify(res.value, null, 2)}\n`], { type: 'application/json' }),
      ),
    );
    setVerdict('pending');
    props.onGenerated();
    const key = await loadKeys();
    if (!key.ok) {
      setBusy(false);
      return setVerdict({ ok: false, reason: `the audit key could not be fetched (${key.code})` });
    }
    const v = await verifyReport(res.value, key.value.verifierKey, key.value.witnesses, (idx, ok) =>
      setMarks((m) => ({ ...m, [idx]: ok ? 'verified' : 'failed' })),
    );
    setVerdict(v);
    setBusy(false);
  };

  return (
    <>
      <form onSubmit={generate}>
        <label for="rep-subjects">People (subject ids, separated by commas)</label>
        <input
          id="rep-subjects"
          required
          value={subjects}
          onInput={(e) => setSubjects(e.currentTarget.value)}
        />
        <div class="grid two tight">
          <div>
            <label for="rep-from">Accesses from</label>
            <input
              id="rep-from"
              type="datetime-local"
              required
              value={from}
              onInput={(e) => setFrom(e.currentTarget.value)}
            />
          </div>
          <div>
            <label for="rep-to">Accesses until</label>
            <input
              id="rep-to"
              type="datetime-local"
              required
              value={to}
              onInput={(e) => setTo(e.currentTarget.value)}
            />
          </div>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Generating and verifying…' : 'Generate the report'}
        </button>
      </form>
      <ErrorMessage error={error} />
      {report && verdict ? (
        <ReportView report={report} verdict={verdict} marks={marks} download={download} />
      ) : null}
    </>
  );
}

function ReportView(props: {
  report: InvestigationReport;
  verdict: ReportVerdict | 'pending';
  marks: Marks;
  download: string | undefined;
}) {
  const { report, verdict } = props;
  return (
    <div class="report" data-testid="report">
      <p role="status" data-testid="report-verdict">
        {verdict === 'pending' ? (
          <Verified state="pending" />
        ) : verdict.ok ? (
          <>
            <Verified state="verified" /> The report verified in this browser: the checkpoint of{' '}
            {verdict.size} entries is signed by the audit key, and each of the {verdict.accesses} accesses is
            proven to be in that log and says what the report says.
          </>
        ) : (
          <>
            <Verified state="failed" /> The report did not verify: {verdict.reason}.
          </>
        )}
      </p>
      <p>
        {report.accesses.length === 0
          ? `Nobody accessed the data of ${report.subjects.join(', ')} in this window.`
          : `${report.accesses.length} accesses to the data of ${report.subjects.join(', ')}, from ${formatTime(report.from)} to ${formatTime(report.to)}.`}{' '}
        {props.download ? (
          <a
            class="button secondary"
            href={props.download}
            download={`${report.incident.id}-report.json`}
            data-testid="report-download"
          >
            Download the report (JSON)
          </a>
        ) : null}
      </p>
      {report.accesses.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Accesses in the report</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Whose data</th>
                <th scope="col">Decision</th>
                <th scope="col">Grant</th>
                <th scope="col">In the log</th>
              </tr>
            </thead>
            <tbody>
              {report.accesses.map((a) => (
                <tr key={a.idx} class={a.decision === 'deny' ? 'denied' : undefined}>
                  <td class="nowrap">{formatTime(a.at)}</td>
                  <td>
                    {ROLE_LABELS[a.actor.role] ?? a.actor.role} {personName(a.actor.id)}
                  </td>
                  <td>
                    <code>{a.action}</code>
                  </td>
                  <td>{a.subject}</td>
                  <td>
                    {a.decision} <span class="muted small">({a.reason})</span>
                  </td>
                  <td>{a.grant ? <code>{a.grant}</code> : '—'}</td>
                  <td>
                    <Verified
                      state={props.marks[a.idx] ?? (verdict === 'pending' ? 'pending' : 'unchecked')}
                    />
                    <span class="muted small"> #{a.idx}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
