/**
 * Investigators: request break-glass access (reason code and text, named subjects, an event-time
 * window, a lifetime), follow approvals, and read a named subject's events under a usable grant.
 * Every read goes through the server's guard and appears in that person's access log.
 */
import { useState } from 'preact/hooks';
import { api, type GrantView, type IncidentView, type MyGrant, query } from '../api.ts';
import { TimelineTable } from '../components/timeline-table.tsx';
import { timelineRows, type WireEvent } from '../event-timeline.ts';
import {
  ErrorMessage,
  formatTime,
  localInput,
  Page,
  personName,
  Section,
  Show,
  StatusMessage,
  useLoad,
} from '../ui.tsx';
import { GrantDetails } from './breakglass-queue.tsx';

const REASONS = [
  'security_incident',
  'suspected_misuse',
  'legal_request',
  'data_subject_request',
  'privacy_incident',
];

function RequestForm(props: { onRequested: (g: GrantView) => void }) {
  const now = Date.now();
  const [reasonCode, setReasonCode] = useState(REASONS[0] as string);
  const [reason, setReason] = useState('');
  const [subjects, setSubjects] = useState('');
  const [from, setFrom] = useState(localInput(now - 7 * 86_400_000));
  const [to, setTo] = useState(localInput(now));
  const [ttl, setTtl] = useState('4');
  const [incidentId, setIncidentId] = useState('');
  const [incidents] = useLoad(() => api.get<{ incidents: IncidentView[] }>('/v1/incidents'));
  const open =
    incidents.state === 'ready' ? incidents.value.incidents.filter((i) => i.status === 'open') : [];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const res = await api.post<GrantView>('/v1/breakglass/requests', {
      reasonCode,
      reason: reason.trim(),
      subjects: subjects.split(/[\s,]+/).filter(Boolean),
      windowFrom: new Date(from).getTime(),
      windowTo: new Date(to).getTime(),
      ttlHours: Number(ttl),
      ...(incidentId ? { incidentId } : {}),
    });
    setBusy(false);
    if (!res.ok) return setError(res);
    setReason('');
    setSubjects('');
    props.onRequested(res.value);
  };

  return (
    <form onSubmit={submit}>
      <label for="bg-code">Reason code</label>
      <select id="bg-code" value={reasonCode} onChange={(e) => setReasonCode(e.currentTarget.value)}>
        {REASONS.map((r) => (
          <option key={r} value={r}>
            {r.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
      <label for="bg-reason">Reason (at least 10 characters; the approvers read it)</label>
      <textarea
        id="bg-reason"
        rows={3}
        required
        minLength={10}
        maxLength={2000}
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      <label for="bg-subjects">Subjects (ids, separated by commas)</label>
      <input id="bg-subjects" required value={subjects} onInput={(e) => setSubjects(e.currentTarget.value)} />
      <div class="grid two tight">
        <div>
          <label for="bg-from">Events from</label>
          <input
            id="bg-from"
            type="datetime-local"
            required
            value={from}
            onInput={(e) => setFrom(e.currentTarget.value)}
          />
        </div>
        <div>
          <label for="bg-to">Events until</label>
          <input
            id="bg-to"
            type="datetime-local"
            required
            value={to}
            onInput={(e) => setTo(e.currentTarget.value)}
          />
        </div>
      </div>
      <label for="bg-ttl">Grant lifetime in hours (at most 72)</label>
      <input
        id="bg-ttl"
        type="number"
        min={0.25}
        max={72}
        step={0.25}
        required
        value={ttl}
        onInput={(e) => setTtl(e.currentTarget.value)}
      />
      {open.length > 0 ? (
        <>
          <label for="bg-incident">For incident (reads may go on while it pauses the program)</label>
          <select id="bg-incident" value={incidentId} onChange={(e) => setIncidentId(e.currentTarget.value)}>
            <option value="">None</option>
            {open.map((i) => (
              <option key={i.id} value={i.id}>
                {i.severityName}: {i.title} ({i.id})
              </option>
            ))}
          </select>
        </>
      ) : null}
      <ErrorMessage error={error} />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Requesting…' : 'Request break-glass access'}
      </button>
    </form>
  );
}

function ReadUnderGrant(props: { preset?: { grant: string; subject: string } }) {
  const [grant, setGrant] = useState(props.preset?.grant ?? '');
  const [subject, setSubject] = useState(props.preset?.subject ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [events, setEvents] = useState<WireEvent[]>();

  const read = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setEvents(undefined);
    const res = await api.get<{ events: { event: WireEvent }[] }>(
      `/v1/breakglass/grants/${encodeURIComponent(grant.trim())}/events${query({ subject: subject.trim(), limit: 1000 })}`,
    );
    setBusy(false);
    if (!res.ok) return setError(res);
    setEvents(res.value.events.map((x) => x.event));
  };

  return (
    <>
      <form onSubmit={read} class="inline-form">
        <div>
          <label for="read-grant">Grant id</label>
          <input id="read-grant" required value={grant} onInput={(e) => setGrant(e.currentTarget.value)} />
        </div>
        <div>
          <label for="read-subject">Subject</label>
          <input
            id="read-subject"
            required
            value={subject}
            onInput={(e) => setSubject(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="primary" disabled={busy}>
          Read events
        </button>
      </form>
      <ErrorMessage error={error} />
      {events ? <TimelineTable rows={timelineRows(events)} caption="Events read under the grant" /> : null}
    </>
  );
}

/** Where a grant stands now: waiting for approvals, usable until it expires, or over. */
function grantState(g: MyGrant, now: number): string {
  if (now >= g.expiresAt) return 'expired';
  if (g.usable)
    return now < g.notBefore ? 'approved, not started yet' : `usable until ${formatTime(g.expiresAt)}`;
  return `waiting for approvals: ${g.approvals} of 2`;
}

function MyRequests(props: { grants: MyGrant[]; onRead: (g: MyGrant) => void }) {
  const now = Date.now();
  if (props.grants.length === 0) return <p class="muted">No requests yet.</p>;
  return (
    <ul class="plain">
      {props.grants.map((g) => (
        <li key={g.id} class="my-grant" data-grant={g.id}>
          <p>
            <strong>{g.reasonCode.replaceAll('_', ' ')}</strong> · <code>{g.id}</code> ·{' '}
            <span data-testid="grant-state">{grantState(g, now)}</span>
          </p>
          <p class="muted">
            {g.subjects.join(', ')}; events from {formatTime(g.windowFrom)} to {formatTime(g.windowTo)}
            {g.approvers.length > 0 ? `; approved by ${g.approvers.map(personName).join(', ')}` : ''}
          </p>
          {g.usable && now < g.expiresAt && now >= g.notBefore ? (
            <button type="button" onClick={() => props.onRead(g)}>
              Read under {g.id}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function InvestigationsPage() {
  const [mine, reload] = useLoad(() => api.get<{ grants: MyGrant[] }>('/v1/breakglass/grants'));
  const [requested, setRequested] = useState<GrantView>();
  const [preset, setPreset] = useState<{ grant: string; subject: string }>();
  return (
    <Page
      title="Investigations"
      intro="Raw events only through break-glass: a stated reason, two approvers other than you, named people, a time window and an expiry. The people concerned see every read."
    >
      {requested ? (
        <StatusMessage>
          Requested <strong data-testid="new-grant">{requested.id}</strong>; it needs two approvals.
          <GrantDetails grant={requested} />
        </StatusMessage>
      ) : null}
      <div class="grid two">
        <Section title="Request access">
          <RequestForm
            onRequested={(g) => {
              setRequested(g);
              reload();
            }}
          />
        </Section>
        <Section title="My requests">
          <Show data={mine} what="your requests">
            {(value) => (
              <MyRequests
                grants={value.grants}
                onRead={(g) => {
                  setPreset({ grant: g.id, subject: g.subjects[0] ?? '' });
                  document.getElementById('read-under-grant')?.scrollIntoView({ block: 'start' });
                }}
              />
            )}
          </Show>
        </Section>
      </div>
      <Section title="Read under a grant" id="read-under-grant">
        <ReadUnderGrant
          key={preset ? `${preset.grant} ${preset.subject}` : 'empty'}
          {...(preset ? { preset } : {})}
        />
      </Section>
    </Page>
  );
}
