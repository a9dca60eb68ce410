/**
 * The break-glass approval queue for privacy officers (and other investigators): requests that
 * still need approvals, rebuilt from the audit log; approving one returns the grant's named
 * subjects, window and expiry. Two approvers other than the requester make a grant usable.
 */
import { useState } from 'preact/hooks';
import { api, type GrantView } from '../api.ts';
import { approvalsFromLog, recentEntries, requestsFromLog } from '../breakglass-log.ts';
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
      <dt>Approvals</dt>
      <dd>
        {g.approvals} of 2{g.usable ? ' — usable' : ''}
      </dd>
    </dl>
  );
}

export function BreakglassQueuePage(props: { me: string }) {
  const [log, reload] = useLoad(() => recentEntries(5_000));
  const [target, setTarget] = useState<string>();
  const [typedId, setTypedId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [approved, setApproved] = useState<GrantView>();

  const approve = async () => {
    if (!target) return;
    setBusy(true);
    setError(undefined);
    const res = await api.post<GrantView>(
      `/v1/breakglass/requests/${encodeURIComponent(target)}/approve`,
      {},
    );
    setBusy(false);
    setTarget(undefined);
    if (!res.ok) return setError(res);
    setApproved(res.value);
    setTypedId('');
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
          Approved {approved.id}. <GrantDetails grant={approved} />
        </StatusMessage>
      ) : null}
      <Show data={log} what="requests">
        {(entries) => {
          const mine = `person:${props.me}`;
          const approvals = approvalsFromLog(entries);
          const requests = requestsFromLog(entries).filter(
            (r) => (r.grantId ? (approvals.get(r.grantId) ?? []) : []).length < 2,
          );
          return (
            <div class="grid two">
              <Section title="Requests">
                {requests.length === 0 ? (
                  <p>No request is waiting.</p>
                ) : (
                  <ul class="queue">
                    {requests.map((r) => {
                      const own = r.requester === mine;
                      const by = r.grantId ? (approvals.get(r.grantId) ?? []) : [];
                      return (
                        <li key={r.idx} class="queue-item" data-requester={personName(r.requester)}>
                          <div>
                            {r.grantId ? <strong>{r.grantId} </strong> : null}requested by{' '}
                            <strong>{personName(r.requester)}</strong> on {formatTime(r.requestedAt)}
                            {r.grantId ? ` — ${by.length} of 2 approvals` : ''}
                          </div>
                          {own ? (
                            <span class="muted">Your own request</span>
                          ) : r.grantId && !by.includes(mine) ? (
                            <button type="button" class="primary" onClick={() => setTarget(r.grantId)}>
                              Approve {r.grantId}…
                            </button>
                          ) : r.grantId ? (
                            <span class="muted">You approved it</span>
                          ) : (
                            <span class="muted">Ask {personName(r.requester)} for the request id</span>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                )}
                <p class="message warn">
                  The server does not list a request's id and details (reason, subjects, window) yet: the
                  requester gives you the id, and the details are shown when you approve.
                </p>
              </Section>
              <Section title="Approve a request">
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    setTarget(typedId.trim());
                  }}
                >
                  <label for="approve-id">Request id (bg_…)</label>
                  <input
                    id="approve-id"
                    required
                    pattern="bg_[A-Za-z0-9_\-]{16}"
                    value={typedId}
                    onInput={(e) => setTypedId(e.currentTarget.value)}
                  />
                  <button type="submit" class="primary">
                    Approve…
                  </button>
                </form>
                <h3>Approvals recorded</h3>
                {approvals.size === 0 ? (
                  <p class="muted">None yet.</p>
                ) : (
                  <ul class="plain">
                    {[...approvals].map(([id, who]) => (
                      <li key={id}>
                        <code>{id}</code>: {who.length} of 2 ({who.map(personName).join(', ')})
                        {who.length >= 2 ? ' — usable until it expires' : ''}
                      </li>
                    ))}
                  </ul>
                )}
              </Section>
            </div>
          );
        }}
      </Show>
      <ConfirmDialog
        open={target !== undefined}
        title="Approve this break-glass request?"
        confirmLabel="Approve"
        busy={busy}
        onCancel={() => setTarget(undefined)}
        onConfirm={approve}
      >
        <p>
          Request {target}. Your approval is recorded in the audit log; with a second approval the
          investigator can read the named people's events until the grant expires.
        </p>
      </ConfirmDialog>
    </Page>
  );
}
