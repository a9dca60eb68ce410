/**
 * My data: pause, resume and forget (on my devices), a full export, and erasure. Pausing and
 * forgetting happen in the agent on the device, through its local control page: the server has no
 * route for them (see docs/portal.md), and the portal's CSP lets it talk only to its own origin.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
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
      intro="Stop capture for a while, take everything Steno holds about you, or erase it."
    >
      <ErrorMessage error={error} />
      {erased ? <StatusMessage>{erased}</StatusMessage> : null}
      <div class="grid two">
        <Section title="Pause, resume and forget">
          <p>
            These work on your computer, before anything leaves it: use the Steno agent's status page on your
            computer, or run
            <code>steno agent pause</code>, <code>steno agent resume</code> or{' '}
            <code>steno agent forget --last 10m</code>. Anything you forget within the review hold-back is
            never uploaded.
          </p>
          <p class="muted">
            To stop capture on all your devices at once from here, withdraw your consent on the{' '}
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
