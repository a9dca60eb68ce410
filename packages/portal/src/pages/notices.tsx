/**
 * Consent notices: the one in force, as contributors read it, and a new version written in
 * Markdown (starting from the current text) with a live preview. A new version suspends capture
 * for each contributor until they accept it, so publishing asks for confirmation.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type NoticeView } from '../api.ts';
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

const TEMPLATE = `# How Steno records your work

## What is captured
- Clicks, shortcuts and window changes in the applications listed in the capture scope.
- Typed text only where the scope says "actions and typed text", filtered on your device first.

## What is never captured
- Anything outside the scope, password fields, and personal devices.

## Your rights
You can pause, forget, export and erase at any time, and see every access to your data.
`;

export function NoticesPage() {
  const [current, reload] = useLoad(() =>
    api.get<{ notice: NoticeView | null }>('/v1/program/notices/current'),
  );
  const [markdown, setMarkdown] = useState(TEMPLATE);
  const [edited, setEdited] = useState(false);
  // The new version starts from the text in force, until the officer types.
  useEffect(() => {
    if (!edited && current.state === 'ready' && current.value.notice)
      setMarkdown(current.value.notice.markdown);
  }, [current, edited]);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [done, setDone] = useState<string>();

  const publish = async () => {
    setBusy(true);
    setError(undefined);
    const res = await api.post<{ version: number; devicesNotified: number }>('/v1/program/notices', {
      markdown,
    });
    setBusy(false);
    setOpen(false);
    if (!res.ok) return setError(res);
    setDone(`Published as version ${res.value.version}. Capture waits for each contributor's consent.`);
    setEdited(false);
    reload();
  };

  return (
    <Page
      title="Consent notices"
      intro="The notice contributors consent to. Publishing a new version pauses capture for everyone until each of them accepts it."
    >
      {done ? <StatusMessage>{done}</StatusMessage> : null}
      <ErrorMessage error={error} />
      <Section title="In force">
        <Show data={current} what="the notice in force">
          {(v) =>
            v.notice ? (
              <>
                <p class="muted" data-testid="notice-version">
                  Version {v.notice.version}, published {formatTime(v.notice.publishedAt)}.
                </p>
                <div class="notice-in-force">
                  <Markdown source={v.notice.markdown} />
                </div>
              </>
            ) : (
              <p class="message warn">
                No notice is published yet: nothing is captured until one is, and contributors consent to it.
              </p>
            )
          }
        </Show>
      </Section>
      <div class="grid two">
        <Section title="New version (Markdown)">
          <label for="notice-md">Notice text</label>
          <textarea
            id="notice-md"
            rows={18}
            minLength={20}
            maxLength={100_000}
            value={markdown}
            onInput={(e) => {
              setEdited(true);
              setMarkdown(e.currentTarget.value);
            }}
          />
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={markdown.trim().length < 20}
              onClick={() => setOpen(true)}
            >
              Publish…
            </button>
          </div>
        </Section>
        <Section title="Preview">
          <Markdown source={markdown} />
        </Section>
      </div>
      <ConfirmDialog
        open={open}
        title="Publish this notice?"
        confirmLabel="Publish"
        busy={busy}
        onCancel={() => setOpen(false)}
        onConfirm={publish}
      >
        <p>Capture stops for every contributor until they consent to the new version.</p>
      </ConfirmDialog>
    </Page>
  );
}
