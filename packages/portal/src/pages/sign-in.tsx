/**
 * Signing in: local accounts (e-mail and password) or the organisation's identity provider, as
 * the server says (`GET /v1/auth/mode`); and accepting an invitation by setting a password. The
 * password goes to the server once, over the same origin; the page keeps nothing.
 */
import { useState } from 'preact/hooks';
import { api, type SessionView } from '../api.ts';
import { ErrorMessage, Page, Show, useLoad } from '../ui.tsx';

type OnSignedIn = (session: SessionView) => void;

export function SignInPage(props: { onSignedIn: OnSignedIn; notice?: string | undefined }) {
  const [mode] = useLoad(() => api.get<{ mode: 'local' | 'oidc'; signInUrl: string }>('/v1/auth/mode'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const res = await api.post<SessionView>('/v1/auth/login', { email, password });
    setBusy(false);
    if (!res.ok) {
      setError(res);
      return;
    }
    setPassword('');
    props.onSignedIn(res.value);
  };

  return (
    <Page title="Sign in to Steno" intro="See what Steno captures about you, and who looked at it.">
      {props.notice ? (
        <p class="message warn" role="status">
          {props.notice}
        </p>
      ) : null}
      <Show data={mode} what="sign-in options">
        {(m) =>
          m.mode === 'oidc' ? (
            <div class="card narrow">
              <p>Your organisation signs you in with its identity provider.</p>
              <a class="button primary" href={m.signInUrl}>
                Sign in with your organisation
              </a>
            </div>
          ) : (
            <form class="card narrow" onSubmit={submit} aria-describedby="signin-help">
              <p id="signin-help" class="muted">
                Use the e-mail address your invitation was sent to.
              </p>
              <label for="email">E-mail address</label>
              <input
                id="email"
                type="email"
                autocomplete="username"
                required
                value={email}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
              <label for="password">Password</label>
              <input
                id="password"
                type="password"
                autocomplete="current-password"
                required
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
              <ErrorMessage error={error} />
              <button type="submit" class="primary" disabled={busy}>
                {busy ? 'Signing in…' : 'Sign in'}
              </button>
            </form>
          )
        }
      </Show>
    </Page>
  );
}

export function InvitePage(props: { token: string; onSignedIn: OnSignedIn }) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const mismatch = again.length > 0 && again !== password;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (password !== again) {
      setError({ code: 'PASSWORDS_DIFFER', message: 'the two passwords are not the same' });
      return;
    }
    setBusy(true);
    setError(undefined);
    const res = await api.post<SessionView>('/v1/auth/invitations/accept', { token: props.token, password });
    setBusy(false);
    if (!res.ok) {
      setError(res);
      return;
    }
    props.onSignedIn(res.value);
  };

  return (
    <Page
      title="Accept your invitation"
      intro="Choose a password for Steno. It needs at least 12 characters and must not be a common one; a few unrelated words work well."
    >
      <form class="card narrow" onSubmit={submit}>
        <label for="new-password">New password</label>
        <input
          id="new-password"
          type="password"
          autocomplete="new-password"
          minLength={12}
          required
          aria-describedby="pw-hint"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <p id="pw-hint" class="hint">
          At least 12 characters.
        </p>
        <label for="repeat-password">Repeat the password</label>
        <input
          id="repeat-password"
          type="password"
          autocomplete="new-password"
          required
          aria-invalid={mismatch}
          value={again}
          onInput={(e) => setAgain(e.currentTarget.value)}
        />
        {mismatch ? <p class="hint error-text">The passwords differ.</p> : null}
        <ErrorMessage error={error} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Setting password…' : 'Set password and sign in'}
        </button>
      </form>
    </Page>
  );
}
