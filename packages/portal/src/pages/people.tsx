/**
 * Inviting people with a role. In local-account mode the server returns a single-use link (72 h)
 * to hand over once; the token lives in the link's fragment and is shown here only once.
 */
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ErrorMessage, formatTime, Page, ROLE_LABELS, Section } from '../ui.tsx';

const ROLES = ['contributor', 'privacy_officer', 'investigator', 'ml_engineer', 'operator'] as const;

interface Invitation {
  email: string;
  role: string;
  subject: string;
  link: string;
  expiresAt: number | null;
}

export function PeoplePage() {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string>('contributor');
  const [subject, setSubject] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [invited, setInvited] = useState<Invitation>();
  const [copied, setCopied] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setCopied(false);
    const body = { email, role, ...(role === 'contributor' ? { subject: subject.trim() } : {}) };
    const res = await api.post<Invitation>('/v1/auth/invitations', body);
    setBusy(false);
    if (!res.ok) return setError(res);
    setInvited(res.value);
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
            <ErrorMessage error={error} />
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Inviting…' : 'Create invitation'}
            </button>
          </form>
        </Section>
        <Section title="Invitation link">
          {invited ? (
            <div role="status">
              <p>
                {invited.email} is invited as {ROLE_LABELS[invited.role] ?? invited.role}
                {invited.expiresAt ? `, until ${formatTime(invited.expiresAt)}` : ''}. Give them this link
                once, in person or over a channel you trust; it works one time.
              </p>
              <label for="invite-link">Link</label>
              <input
                id="invite-link"
                readOnly
                value={invited.link}
                onFocus={(e) => e.currentTarget.select()}
              />
              <button
                type="button"
                class="secondary"
                onClick={() => void navigator.clipboard?.writeText(invited.link).then(() => setCopied(true))}
              >
                {copied ? 'Copied' : 'Copy link'}
              </button>
            </div>
          ) : (
            <p class="muted">The link appears here once the invitation is created.</p>
          )}
        </Section>
      </div>
    </Page>
  );
}
