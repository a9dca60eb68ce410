/**
 * The break-glass approval queue for privacy officers (and other investigators): every request
 * still short of two approvals and not expired, with its reason, named people and window, from
 * `GET /v1/breakglass/requests`. Two approvers other than the requester make a grant usable; the
 * requester cannot approve their own request, nor anyone approve twice.
 */
import { useState } from 'preact/hooks';
import { api, type GrantView, type QueuedRequest } from '../api.ts';
import {
  ConfirmDialog,
  ErrorMessage,
  formatTime,
  Page,
  personName,
  Section,
  Show,
  StatusMessage,
  useLoad,
} from '../ui.tsx';

export function GrantDetails(props: { grant: GrantView }) {
  const g = props.grant;
  return (
    <dl class="facts">
      <dt>Reason</dt>
      <dd>{g.reasonCode.replaceAll('_', ' ')}</dd>
      <dt>Subjects</dt>
      <dd>{g.subjects.join(', ')}</dd>
      <dt>Events from</dt>
      <dd>
        {formatTime(g.windowFrom)} to {formatTime(g.windowTo)}
      </dd>
      <dt>Expires</dt>
      <dd>{formatTime(g.expiresAt)}</dd>
      {g.incidentId ? (
        <>
          <dt>Incident</dt>
          <dd>
            <a href={`#/program/incidents/${g.incidentId}`}>{g.incidentId}</a>
          </dd>
        </>
      ) : null}
      <dt>Approvals</dt>
      <dd>
        {g.approvals} of 2{g.usable ? ' — usable' : ''}
      </dd>
    </dl>
  );
}

function QueueItem(props: { r: QueuedRequest; onApprove: (r: QueuedRequest) => void }) {
  const r = props.r;
  return (
    <li class="queue-item request" data-grant={r.id} data-requester={personName(r.requester)}>
      <div class="request-body">
        <p>
          <strong>{r.reasonCode.replaceAll('_', ' ')}</strong> — requested by{' '}
          <strong>{personName(r.requester)}</strong>
          {r.mine ? ' (you)' : ''} · <code>{r.id}</code>
        </p>
        <blockquote class="reason">{r.reason}</blockquote>
        <GrantDetails grant={r} />
      </div>
      <div class="request-action">
        {r.mine ? (
          <span class="muted">Your own request: others approve it</span>
        ) : r.approvedByMe ? (
          <span class="muted">You approved it; it needs another approver</span>
        ) : (
          <button type="button" class="primary" onClick={() => props.onApprove(r)}>
            Approve…
          </button>
        )}
      </div>
    </li>
  );
}

export function BreakglassQueuePage() {
  const [queue, reload] = useLoad(() => api.get<{ requests: QueuedRequest[] }>('/v1/breakglass/requests'));
  const [target, setTarget] = useState<QueuedRequest>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [approved, setApproved] = useState<GrantView>();

  const approve = async () => {
    if (!target) return;
    setBusy(true);
    setError(undefined);
    const res = await api.post<GrantView>(
      `/v1/breakglass/requests/${encodeURIComponent(target.id)}/approve`,
      {},
    );
    setBusy(false);
    setTarget(undefined);
    if (!res.ok) return setError(res);
    setApproved(res.value);
    reload();
  };

  return (
    <Page
      title="Break-glass approvals"
      intro="An investigator may read named people's raw events only with a stated reason, two approvals by others, a time window and an expiry of at most 72 hours. The people concerned see every read."
    >
      <ErrorMessage error={error} />
      {approved ? (
        <StatusMessage>
          Approved {approved.id}: {approved.approvals} of 2 approvals
          {approved.usable ? ', so the investigator can read now' : ''}. <GrantDetails grant={approved} />
        </StatusMessage>
      ) : null}
      <Section title="Waiting for approval">
        <Show data={queue} what="the approval queue">
          {(v) =>
            v.requests.length === 0 ? (
              <p>No request is waiting.</p>
            ) : (
              <ul class="queue">
                {v.requests.map((r) => (
                  <QueueItem key={r.id} r={r} onApprove={setTarget} />
                ))}
              </ul>
            )
          }
        </Show>
      </Section>
      <ConfirmDialog
        open={target !== undefined}
        title="Approve this break-glass request?"
        confirmLabel="Approve"
        busy={busy}
        onCancel={() => setTarget(undefined)}
        onConfirm={approve}
      >
        {target ? (
          <>
            <p>
              {personName(target.requester)} asks to read the events of{' '}
              <strong>{target.subjects.join(', ')}</strong> from {formatTime(target.windowFrom)} to{' '}
              {formatTime(target.windowTo)}, because: <q>{target.reason}</q>
            </p>
            <p>
              Your approval is recorded in the audit log; with a second approval the investigator can read
              these people's events until {formatTime(target.expiresAt)}, and each of them sees every read.
            </p>
          </>
        ) : null}
      </ConfirmDialog>
    </Page>
  );
}
