/**
 * Program status and the kill switch. Pausing takes one privacy officer (with a stated reason and
 * a confirmation) and reaches connected agents at once; resuming takes two different officers.
 * Below: the regions and the legal basis each rests on.
 */
import { useState } from 'preact/hooks';
import { api, type ProgramState, type ProgramStatus } from '../api.ts';
import { RegionsSection } from '../components/regions-section.tsx';
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

function scopeLabel(s: ProgramState): string {
  if (s.kind === 'global') return 'Whole program';
  return s.kind === 'device' ? `Device ${s.id}` : `Org unit ${s.id}`;
}

/** "incident inc_…" links to the incident that paused the program. */
function PauseReason(props: { reason: string }) {
  const m = /^incident (inc_[A-Za-z0-9_-]{12})$/.exec(props.reason);
  return m ? <a href={`#/program/incidents/${m[1]}`}>incident {m[1]}</a> : props.reason;
}

export function ProgramStatusPage(props: { canControl: boolean }) {
  const [status, reload] = useLoad(() => api.get<ProgramStatus>('/v1/program/status'));
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [done, setDone] = useState<string>();

  const pause = async () => {
    setBusy(true);
    setError(undefined);
    const res = await api.post<{ state: string; devicesNotified: number }>('/v1/program/pause', {
      scope: { kind: 'global' },
      reason: reason.trim(),
    });
    setBusy(false);
    setOpen(false);
    if (!res.ok) return setError(res);
    setReason('');
    setDone(
      `Program paused. ${res.value.devicesNotified} connected devices were told at once; the others stop when their lease runs out.`,
    );
    reload();
  };

  const resume = async (s: ProgramState) => {
    setBusy(true);
    setError(undefined);
    const scope = s.kind === 'global' ? { kind: 'global' } : { kind: s.kind, id: s.id };
    const res = await api.post<{ state: string; devicesNotified: number }>('/v1/program/resume', { scope });
    setBusy(false);
    if (!res.ok) return setError(res);
    setDone(
      res.value.state === 'active'
        ? `Capture resumed (${res.value.devicesNotified} devices notified).`
        : 'Resume requested. A second privacy officer must confirm it.',
    );
    reload();
  };

  return (
    <Page
      title="Program status"
      intro="The kill switch stops capture on every connected device within a second."
    >
      {done ? <StatusMessage>{done}</StatusMessage> : null}
      <ErrorMessage error={error} />
      <Show data={status} what="the program status">
        {(s) => {
          const paused = s.states.filter((x) => x.state !== 'active');
          return (
            <>
              <Section title="Capture">
                <p class={`state big ${s.paused ? 'paused' : 'active'}`} data-testid="program-state">
                  {s.paused ? 'Paused' : 'Running'}
                </p>
                {props.canControl && !s.paused ? (
                  <button type="button" class="danger big" onClick={() => setOpen(true)}>
                    Pause the whole program…
                  </button>
                ) : null}
              </Section>
              <Section title="Pauses in force">
                {paused.length === 0 ? (
                  <p>No pause is in force.</p>
                ) : (
                  <ul class="plain">
                    {paused.map((p) => (
                      <li key={`${p.kind}:${p.id}`} class="pause-item">
                        <strong>{scopeLabel(p)}</strong>: {p.state.replace('_', ' ')} since{' '}
                        {formatTime(p.changedAt)} — reason: <PauseReason reason={p.reason} />
                        {p.resumeRequestedByMe
                          ? ' — you asked to resume; another privacy officer must confirm.'
                          : p.resumeRequested
                            ? ' — a resume was requested and awaits a second officer.'
                            : ''}
                        {props.canControl && !p.resumeRequestedByMe ? (
                          <>
                            {' '}
                            <button type="button" class="secondary" disabled={busy} onClick={() => resume(p)}>
                              {p.resumeRequested ? 'Confirm resume' : 'Request resume'}
                            </button>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </Section>
            </>
          );
        }}
      </Show>
      <RegionsSection canEdit={props.canControl} />
      <ConfirmDialog
        open={open}
        title="Pause capture everywhere?"
        confirmLabel="Pause capture now"
        danger
        busy={busy}
        canConfirm={reason.trim().length > 0}
        onCancel={() => setOpen(false)}
        onConfirm={pause}
      >
        <p>
          Every connected agent stops capturing within a second; data access is frozen except for incident
          investigation. Resuming needs two privacy officers.
        </p>
        <label for="pause-reason">Reason (recorded in the audit log)</label>
        <input
          id="pause-reason"
          required
          maxLength={200}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </ConfirmDialog>
    </Page>
  );
}
