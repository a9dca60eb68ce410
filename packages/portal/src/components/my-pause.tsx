/**
 * Pause and resume my own capture, on all my devices at once: the server records the pause and
 * pushes a paused lease to my connected devices (the others get it with their next lease). Only I
 * can end it early; it also ends by itself when its time is up.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type MyPause } from '../api.ts';
import { ErrorMessage, formatTime, Show, StatusMessage, useLoad } from '../ui.tsx';

export const PAUSE_CHOICES: readonly { minutes: number; label: string }[] = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 240, label: '4 hours' },
  { minutes: 24 * 60, label: '1 day' },
  { minutes: 7 * 24 * 60, label: '1 week' },
];

export function MyPauseControl() {
  const [state, reload] = useLoad(() => api.get<MyPause>('/v1/me/pause'));
  const [minutes, setMinutes] = useState(60);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [done, setDone] = useState<string>();

  // Shows the end of the pause when its time is up.
  const until = state.state === 'ready' ? state.value.until : null;
  useEffect(() => {
    if (until === null) return;
    const t = setTimeout(reload, Math.min(Math.max(0, until - Date.now()) + 1_000, 2 ** 31 - 1));
    return () => clearTimeout(t);
  }, [until, reload]);

  const change = async (pause: boolean) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    const res = pause
      ? await api.post<MyPause>('/v1/me/pause', { minutes })
      : await api.post<MyPause>('/v1/me/resume', {});
    setBusy(false);
    if (!res.ok) return setError(res);
    const told = `${res.value.devicesNotified} connected device${res.value.devicesNotified === 1 ? ' was' : 's were'} told at once`;
    setDone(
      res.value.paused && res.value.until
        ? `Capture paused until ${formatTime(res.value.until)}; ${told}.`
        : `Capture resumed where the scope and your consent allow it; ${told}.`,
    );
    reload();
  };

  return (
    <div class="my-pause">
      <Show data={state} what="whether you paused capture">
        {(p) =>
          p.paused && p.until ? (
            <>
              <p class="state paused" data-testid="my-pause-state">
                <strong>You paused capture</strong> until {formatTime(p.until)}.
              </p>
              <button type="button" class="primary" disabled={busy} onClick={() => change(false)}>
                Resume capture now
              </button>
            </>
          ) : (
            <form
              class="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void change(true);
              }}
            >
              <div>
                <label for="pause-for">Pause my capture for</label>
                <select
                  id="pause-for"
                  value={String(minutes)}
                  onChange={(e) => setMinutes(Number(e.currentTarget.value))}
                >
                  {PAUSE_CHOICES.map((c) => (
                    <option key={c.minutes} value={String(c.minutes)}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" class="secondary" disabled={busy}>
                Pause capture
              </button>
            </form>
          )
        }
      </Show>
      {done ? <StatusMessage>{done}</StatusMessage> : null}
      <ErrorMessage error={error} />
    </div>
  );
}
