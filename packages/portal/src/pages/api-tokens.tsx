/**
 * API tokens: a signed-in person lists their own tokens (never their values), creates one for the
 * CLI or a script — a subset of their own scopes, expiring within 90 days — sees its value exactly
 * once, and revokes any of them. The server decides what a role may do; this page shows its answer.
 */
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import {
  ConfirmDialog,
  ErrorMessage,
  formatTime,
  Page,
  Section,
  Show,
  StatusMessage,
  useLoad,
} from '../ui.tsx';

export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

interface Created {
  id: string;
  token: string;
  scopes: string[];
  expiresAt: number;
}

/** What each scope lets a token do, in words (the server's scopes; unknown ones shown as they are). */
const SCOPE_WORDS: Readonly<Record<string, string>> = {
  'me:read': 'read my own captured data, consent and access log',
  'datasets:build': 'build dataset versions',
  'datasets:read': 'list datasets, read their cards, download files',
  'program:admin': 'change the program: scope, notices, pause, people',
  'program:read': 'read program status and metrics',
  'audit:read': 'read the audit log',
  incidents: 'open and follow incidents',
  breakglass: 'request or approve break-glass access',
  'devices:admin': 'enrol and revoke devices',
};

const shortTime = (ms: number) =>
  new Date(ms).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

function tokenState(t: ApiToken, now: number): 'Active' | 'Expired' | 'Revoked' {
  if (t.revokedAt !== null) return 'Revoked';
  return t.expiresAt <= now ? 'Expired' : 'Active';
}

function CreateForm(props: { allowed: readonly string[]; onCreated: (c: Created, name: string) => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [days, setDays] = useState(30);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const toggle = (scope: string, on: boolean) =>
    setScopes((s) => (on ? [...s.filter((x) => x !== scope), scope] : s.filter((x) => x !== scope)));
  if (props.allowed.length === 0) return <p>Your role holds no scopes a token could carry.</p>;
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        const ordered = props.allowed.filter((s) => scopes.includes(s));
        const res = await api.post<Created>('/v1/tokens', {
          name: name.trim(),
          scopes: ordered,
          ttlDays: days,
        });
        setBusy(false);
        if (!res.ok) return setError(res);
        props.onCreated(res.value, name.trim());
        setName('');
        setScopes([]);
      }}
    >
      <label for="token-name">Name (what it is for)</label>
      <input
        id="token-name"
        required
        maxLength={100}
        placeholder="e.g. laptop CLI"
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <fieldset>
        <legend>Scopes (only what it needs)</legend>
        {props.allowed.map((scope) => (
          <div class="check" key={scope}>
            <input
              id={`token-scope-${scope}`}
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(e) => toggle(scope, e.currentTarget.checked)}
            />
            <label for={`token-scope-${scope}`}>
              <code>{scope}</code> {SCOPE_WORDS[scope] ? `— ${SCOPE_WORDS[scope]}` : ''}
            </label>
          </div>
        ))}
      </fieldset>
      <label for="token-days">Expires after (days, 1 to 90)</label>
      <input
        id="token-days"
        type="number"
        min={1}
        max={90}
        required
        value={days}
        onInput={(e) => setDays(Number.parseInt(e.currentTarget.value, 10) || 1)}
      />
      <ErrorMessage error={error} />
      <button type="submit" class="primary" disabled={busy || scopes.length === 0 || !name.trim()}>
        {busy ? 'Creating…' : 'Create token'}
      </button>
    </form>
  );
}

/** The new token's value, shown this once: the server keeps only its hash. */
function NewToken(props: { created: Created; name: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const { created } = props;
  return (
    <div role="status" data-testid="new-token">
      <p>
        <strong>{props.name}</strong> (<code>{created.id}</code>) holds {created.scopes.join(', ')} until{' '}
        {formatTime(created.expiresAt)}. <strong>This is the only time its value is shown</strong>: copy it
        now into a file only you can read. Steno keeps only a hash of it.
      </p>
      <label for="token-value">Token value (shown once)</label>
      <input id="token-value" readOnly value={created.token} onFocus={(e) => e.currentTarget.select()} />
      <div class="actions">
        <button
          type="button"
          class="secondary"
          onClick={() => void navigator.clipboard?.writeText(created.token).then(() => setCopied(true))}
        >
          {copied ? 'Copied' : 'Copy token'}
        </button>
        <button type="button" class="secondary" onClick={props.onDone}>
          I have saved it: hide it
        </button>
      </div>
      <p class="hint">
        For the CLI: paste it into a file (e.g. <code>umask 077; cat &gt; ~/.steno-token</code>, paste, then
        Ctrl+D) and pass <code>--token-file ~/.steno-token</code>, or set <code>STENO_TOKEN</code>. Never put
        it in a repository or a URL.
      </p>
    </div>
  );
}

export function ApiTokensPage(props: { scopes: readonly string[] }) {
  const [list, reload] = useLoad(() => api.get<{ tokens: ApiToken[] }>('/v1/tokens'));
  const [created, setCreated] = useState<{ value: Created; name: string }>();
  const [revoking, setRevoking] = useState<ApiToken>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [done, setDone] = useState<string>();

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    setError(undefined);
    const res = await api.del<{ revoked: boolean }>(`/v1/tokens/${encodeURIComponent(revoking.id)}`);
    setBusy(false);
    if (!res.ok) return setError(res);
    setDone(`Revoked ${revoking.name || revoking.id}: it no longer works anywhere.`);
    setRevoking(undefined);
    reload();
  };

  const now = Date.now();
  // A role the server does not let manage tokens sees why (the list's error), and no form to fail.
  const refused = list.state === 'error' && list.code === 'FORBIDDEN';
  return (
    <Page
      title="API tokens"
      intro="Tokens let the steno command or a script act as you, with only the scopes you give them, until they expire or you revoke them. Your browser session needs none."
    >
      {done ? <StatusMessage>{done}</StatusMessage> : null}
      <Section title="Your tokens">
        <Show data={list} what="your tokens">
          {(v) =>
            v.tokens.length === 0 ? (
              <p>You have no API tokens.</p>
            ) : (
              <div class="table-wrap">
                <table class="tokens">
                  <caption class="visually-hidden">Your API tokens, oldest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Scopes</th>
                      <th scope="col">Created</th>
                      <th scope="col">Expires</th>
                      <th scope="col">State</th>
                      <th scope="col">
                        <span class="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...v.tokens].reverse().map((t) => {
                      const state = tokenState(t, now);
                      return (
                        <tr key={t.id} data-token={t.id}>
                          <td>
                            {t.name || <span class="muted">(no name)</span>}
                            <div class="muted small">
                              <code>{t.id}</code>
                            </div>
                          </td>
                          <td>{t.scopes.length ? t.scopes.join(', ') : <span class="muted">none</span>}</td>
                          <td class="nowrap">{shortTime(t.createdAt)}</td>
                          <td class="nowrap">{shortTime(t.expiresAt)}</td>
                          <td>
                            {state}
                            {t.revokedAt !== null ? (
                              <div class="muted small">{shortTime(t.revokedAt)}</div>
                            ) : null}
                          </td>
                          <td>
                            {state === 'Active' ? (
                              <button
                                type="button"
                                class="danger small"
                                aria-label={`Revoke ${t.name || t.id}`}
                                onClick={() => {
                                  setError(undefined);
                                  setRevoking(t);
                                }}
                              >
                                Revoke
                              </button>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )
          }
        </Show>
      </Section>
      {refused ? null : (
        <Section title={created ? 'Your new token' : 'Create a token'}>
          {created ? (
            <NewToken created={created.value} name={created.name} onDone={() => setCreated(undefined)} />
          ) : (
            <CreateForm
              allowed={props.scopes}
              onCreated={(value, name) => {
                setDone(undefined);
                setCreated({ value, name });
                reload();
              }}
            />
          )}
        </Section>
      )}
      <ConfirmDialog
        open={revoking !== undefined}
        title={`Revoke ${revoking?.name || revoking?.id || 'this token'}?`}
        confirmLabel="Revoke token"
        danger
        busy={busy}
        onCancel={() => setRevoking(undefined)}
        onConfirm={() => void revoke()}
      >
        <p>Whatever uses it — a script, the CLI — is refused from now on. This cannot be undone.</p>
        <ErrorMessage error={error} />
      </ConfirmDialog>
    </Page>
  );
}
