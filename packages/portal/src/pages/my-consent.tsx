/** The consent notice in force, my decision (give or withdraw), and the history of my decisions. */
import { useState } from 'preact/hooks';
import { api, type ConsentView } from '../api.ts';
import { Markdown } from '../components/markdown.tsx';
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

export function MyConsentPage() {
  const [data, reload] = useLoad(() => api.get<ConsentView>('/v1/me/consent'));
  const [error, setError] = useState<{ code: string; message: string }>();
  const [done, setDone] = useState<string>();
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const [busy, setBusy] = useState(false);

  const decide = async (version: number, decision: 'give' | 'withdraw') => {
    setBusy(true);
    setError(undefined);
    const res = await api.post<ConsentView>('/v1/me/consent', { version, decision, channel: 'portal' });
    setBusy(false);
    setConfirmWithdraw(false);
    if (!res.ok) {
      setError(res);
      return;
    }
    setDone(
      decision === 'give'
        ? 'Thank you. Capture can start where the scope applies.'
        : 'Consent withdrawn. Your devices were told to stop capturing at once.',
    );
    reload();
  };

  return (
    <Page title="Consent" intro="Nothing is captured from you unless you consent to the current notice.">
      <Show data={data} what="the consent notice">
        {(c) => (
          <>
            <Section title={c.notice ? `Notice, version ${c.notice.version}` : 'Notice'}>
              {c.notice ? (
                <>
                  <p class="muted">Published {formatTime(c.notice.publishedAt)}.</p>
                  <Markdown source={c.notice.markdown} />
                  <p>
                    Your decision:{' '}
                    <strong>
                      {c.current ? 'you consent to this notice' : 'you do not consent (nothing is captured)'}
                    </strong>
                  </p>
                  {done ? <StatusMessage>{done}</StatusMessage> : null}
                  <ErrorMessage error={error} />
                  <div class="actions">
                    {c.current ? (
                      <button type="button" class="danger" onClick={() => setConfirmWithdraw(true)}>
                        Withdraw my consent
                      </button>
                    ) : (
                      <button
                        type="button"
                        class="primary"
                        disabled={busy}
                        onClick={() => decide((c.notice as { version: number }).version, 'give')}
                      >
                        I consent to this notice
                      </button>
                    )}
                  </div>
                  <ConfirmDialog
                    open={confirmWithdraw}
                    title="Withdraw your consent?"
                    confirmLabel="Withdraw consent"
                    danger
                    busy={busy}
                    onCancel={() => setConfirmWithdraw(false)}
                    onConfirm={() => decide((c.notice as { version: number }).version, 'withdraw')}
                  >
                    <p>
                      Your devices stop capturing at once. Your data is rebuilt out of future datasets. You
                      can consent again at any time.
                    </p>
                  </ConfirmDialog>
                </>
              ) : (
                <p>No notice has been published yet, so nothing is captured.</p>
              )}
            </Section>
            <Section title="My decisions">
              {c.history.length === 0 ? (
                <p class="muted">No decisions yet.</p>
              ) : (
                <ul class="plain">
                  {[...c.history].reverse().map((h) => (
                    <li key={`${h.at}-${h.version}`}>
                      {formatTime(h.at)}: {h.decision === 'given' ? 'consented to' : 'withdrew from'} version{' '}
                      {h.version} (via {h.channel})
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </>
        )}
      </Show>
    </Page>
  );
}
