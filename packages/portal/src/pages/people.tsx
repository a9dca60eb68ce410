/**
 * Inviting people with a role. In local-account mode the server returns a single-use link (72 h)
 * to hand over once; the token lives in the link's fragment and is shown here only once. The
 * privacy-officer and investigator roles need a second privacy officer: inviting records a request,
 * and another officer approves it from the list of waiting requests, which shows the link once.
 */
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ErrorMessage, formatTime, Page, personName, ROLE_LABELS, Section, Show, useLoad } from '../ui.tsx';

const ROLES = ['contributor', 'privacy_officer', 'investigator', 'ml_engineer', 'operator'] as const;

interface Invitation {
  email: string;
  role: string;
  subject: string;
  link: string | null;
  expiresAt: number | null;
  state: 'invited' | 'pending_second_officer';
  requestId?: string;
}

interface RoleGrantRequest {
  id: string;
  email: string;
  role: string;
  requestedBy: string;
  requestedAt: number;
}

/** The roles a second privacy officer must approve (the server decides; this only words the form). */
const TWO_OFFICER_ROLES: ReadonlySet<string> = new Set(['privacy_officer', 'investigator']);

/** An invitation the server answered: the link to hand over once, or the request that waits. */
function InvitationView(props: { invited: Invitation }) {
  const { invited } = props;
  const [copied, setCopied] = useState(false);
  if (invited.state === 'pending_second_officer')
    return (
      <div role="status">
        <p>
          {invited.email} as {ROLE_LABELS[invited.role] ?? invited.role} waits for a second privacy officer.
          Another privacy officer approves the request on this page (or with{' '}
          <code>steno invite approve {invited.requestId}</code>); the link appears for them then.
        </p>
      </div>
    );
  const link = invited.link;
  if (!link)
    return (
      <p role="status">
        {invited.email} may now sign in with the identity provider as{' '}
        {ROLE_LABELS[invited.role] ?? invited.role}.
      </p>
    );
  return (
    <div role="status">
      <p>
        {invited.email} is invited as {ROLE_LABELS[invited.role] ?? invited.role}
        {invited.expiresAt ? `, until ${formatTime(invited.expiresAt)}` : ''}. Give them this link once, in
        person or over a channel you trust; it works one time.
      </p>
      <label for="invite-link">Link</label>
      <input id="invite-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
      <button
        type="button"
        class="secondary"
        onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true))}
      >
        {copied ? 'Copied' : 'Copy link'}
      </button>
    </div>
  );
}

/** Requests for the officer and investigator roles that wait for a second privacy officer. */
function WaitingRequests(props: { me: string; version: number; onApproved: (i: Invitation) => void }) {
  const [data, reload] = useLoad(
    () => api.get<{ requests: RoleGrantRequest[] }>('/v1/auth/invitations/requests'),
    [props.version],
  );
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<{ code: string; message: string }>();
  const approve = async (id: string) => {
    setBusy(id);
    setError(undefined);
    const res = await api.post<Invitation>(
      `/v1/auth/invitations/requests/${encodeURIComponent(id)}/approve`,
      {},
    );
    setBusy(undefined);
    if (!res.ok) return setError(res);
    props.onApproved(res.value);
    reload();
  };
  return (
    <Section title="Waiting for a second privacy officer">
      <Show data={data} what="waiting requests">
        {(v) =>
          v.requests.length === 0 ? (
            <p class="muted">No requests are waiting.</p>
          ) : (
            <table>
              <caption class="muted">
                The privacy-officer and investigator roles need two privacy officers: one asks, another
                approves.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Role</th>
                  <th scope="col">Asked by</th>
                  <th scope="col">Asked</th>
                  <th scope="col">Approve</th>
                </tr>
              </thead>
              <tbody>
                {v.requests.map((r) => {
                  const mine = r.requestedBy === props.me;
                  return (
                    <tr key={r.id}>
                      <td>{r.email}</td>
                      <td>{ROLE_LABELS[r.role] ?? r.role}</td>
                      <td>{mine ? 'you' : personName(r.requestedBy)}</td>
                      <td>{formatTime(r.requestedAt)}</td>
                      <td>
                        <button
                          type="button"
                          class="secondary"
                          disabled={mine || busy !== undefined}
                          aria-describedby={mine ? `own-${r.id}` : undefined}
                          onClick={() => void approve(r.id)}
                        >
                          {busy === r.id ? 'Approving…' : `Approve ${r.email}`}
                        </button>
                        {mine ? (
                          <span id={`own-${r.id}`} class="muted">
                            {' '}
                            You asked; another privacy officer must approve.
                          </span>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </Show>
      <ErrorMessage error={error} />
    </Section>
  );
}

export function PeoplePage(props: { subject: string }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string>('contributor');
  const [subject, setSubject] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [invited, setInvited] = useState<Invitation>();
  const [version, setVersion] = useState(0);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const body = { email, role, ...(role === 'contributor' ? { subject: subject.trim() } : {}) };
    const res = await api.post<Invitation>('/v1/auth/invitations', body);
    setBusy(false);
    if (!res.ok) return setError(res);
    setInvited(res.value);
    if (res.value.state === 'pending_second_officer') setVersion((n) => n + 1);
    setEmail('');
    setSubject('');
  };

  return (
    <Page
      title="People"
      intro="Invite a person with one role. Roles decide what the policies allow; nobody can read another person's raw events."
    >
      <div class="grid two">
        <Section title="Invite">
          <form onSubmit={submit}>
            <label for="invite-email">E-mail address</label>
            <input
              id="invite-email"
              type="email"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
            <label for="invite-role">Role</label>
            <select id="invite-role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            {role === 'contributor' ? (
              <>
                <label for="invite-subject">Subject id (the id their devices enrol under)</label>
                <input
                  id="invite-subject"
                  required
                  pattern="[a-z0-9][a-z0-9._\-]{0,63}"
                  title="lower-case letters, digits, dots, dashes and underscores"
                  value={subject}
                  onInput={(e) => setSubject(e.currentTarget.value)}
                />
              </>
            ) : null}
            {TWO_OFFICER_ROLES.has(role) ? (
              <p class="muted">
                This role needs a second privacy officer to approve it before the link exists.
              </p>
            ) : null}
            <ErrorMessage error={error} />
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Inviting…' : 'Create invitation'}
            </button>
          </form>
        </Section>
        <Section title="Invitation link">
          {invited ? (
            <InvitationView key={`${invited.email}-${invited.state}`} invited={invited} />
          ) : (
            <p class="muted">The link appears here once the invitation is created.</p>
          )}
        </Section>
      </div>
      <WaitingRequests me={`person:${props.subject}`} version={version} onApproved={setInvited} />
    </Page>
  );
}
