/**
 * My data: pause and resume (on all my devices, through the server), forgetting what was just
 * captured (in the agent on the device, before it is uploaded: the server never saw it, and the
 * portal's CSP lets it talk only to its own origin), a full export, and erasure.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { MyPauseControl } from '../components/my-pause.tsx';
import { ConfirmDialog, ErrorMessage, Page, Section, StatusMessage } from '../ui.tsx';

const ERASE_PHRASE = 'erase my data';

export function MyDataPage(props: { onErased: () => void }) {
  const [exportUrl, setExportUrl] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [eraseOpen, setEraseOpen] = useState(false);
  const [phrase, setPhrase] = useState('');
  const [erased, setErased] = useState<string>();

  useEffect(
    () => () => {
      if (exportUrl) URL.revokeObjectURL(exportUrl);
    },
    [exportUrl],
  );

  const prepareExport = async () => {
    setBusy(true);
    setError(undefined);
    const res = await api.blob('/v1/me/export');
    setBusy(false);
    if (!res.ok) return setError(res);
    setExportUrl(URL.createObjectURL(res.value));
  };

  const erase = async () => {
    setBusy(true);
    setError(undefined);
    const res = await api.post<{ keysDestroyed: number; chunksDeleted: number }>('/v1/me/erase', {
      confirm: ERASE_PHRASE,
    });
    setBusy(false);
    setEraseOpen(false);
    if (!res.ok) return setError(res);
    setErased(
      `Erased: ${res.value.keysDestroyed} data keys destroyed, ${res.value.chunksDeleted} stored parts deleted. Your devices and tokens are revoked.`,
    );
    props.onErased();
  };

  return (
    <Page
      title="My data"
      intro="Stop capture for a while, forget what was just captured, take everything Steno holds about you, or erase it."
    >
      <ErrorMessage error={error} />
      {erased ? <StatusMessage>{erased}</StatusMessage> : null}
      <div class="grid two">
        <Section title="Pause and resume">
          <MyPauseControl />
        </Section>
        <Section title="Forget what was just captured">
          <p>
            Captured actions wait on your computer for a few minutes before they are uploaded, so you can look
            at them and forget them. That happens on your computer, where they are: use the Steno agent's
            status page, or run <code>steno agent forget --last 10m</code>. Anything you forget within the
            hold-back is never uploaded; the server never sees it.
          </p>
          <p class="muted">
            To stop capture on all your devices for good, withdraw your consent on the{' '}
            <a href="#/me/consent">consent page</a>.
          </p>
        </Section>
        <Section title="Export">
          <p>
            A zip of everything Steno holds about you: your events (read through the same guard, and logged),
            your consent history, the access log and your devices, with a readable page.
          </p>
          {exportUrl ? (
            <a class="button primary" href={exportUrl} download="steno-export.zip">
              Download steno-export.zip
            </a>
          ) : (
            <button type="button" class="primary" disabled={busy} onClick={prepareExport}>
              {busy ? 'Preparing…' : 'Prepare my export'}
            </button>
          )}
        </Section>
      </div>
      <Section title="Erase">
        <p>
          Erasure destroys your data keys, so what is stored about you — in the database, its replicas and
          backups — can never be decrypted again. It also revokes your devices and tokens. It cannot be
          undone.
        </p>
        <button type="button" class="danger" onClick={() => setEraseOpen(true)}>
          Erase my data…
        </button>
      </Section>
      <ConfirmDialog
        open={eraseOpen}
        title="Erase all your data?"
        confirmLabel="Erase everything"
        danger
        busy={busy}
        canConfirm={phrase.trim() === ERASE_PHRASE}
        onCancel={() => setEraseOpen(false)}
        onConfirm={erase}
      >
        <p>This cannot be undone.</p>
        <label for="erase-phrase">
          Type <strong>{ERASE_PHRASE}</strong> to confirm
        </label>
        <input
          id="erase-phrase"
          autocomplete="off"
          value={phrase}
          onInput={(e) => setPhrase(e.currentTarget.value)}
        />
      </ConfirmDialog>
    </Page>
  );
}
