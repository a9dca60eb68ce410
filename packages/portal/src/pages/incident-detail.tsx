/**
 * One incident: its facts and 72-hour clock, its timeline with notes, recording that the
 * regulator was notified, closing it, and the investigation report verified in the browser.
 */
import { useState } from 'preact/hooks';
import { api, type IncidentView, type TimelineEntry } from '../api.ts';
import { ClockText } from '../components/notification-clock.tsx';
import { ReportPanel } from '../components/report-panel.tsx';
import {
  ConfirmDialog,
  ErrorMessage,
  formatTime,
  Page,
  personName,
  Section,
  Show,
  StatusMessage,
  useLoad,
} from '../ui.tsx';
import { CATEGORIES } from './incidents.tsx';

const KINDS: Readonly<Record<string, string>> = {
  opened: 'Opened',
  program_paused: 'Program paused',
  note: 'Note',
  regulator_notified: 'Regulator notified',
  report: 'Report generated',
  closed: 'Closed',
};

type Detail = { incident: IncidentView; timeline: TimelineEntry[]; loadedAt: number };

/** A one-field form that posts `{[field]: text}` to the incident and reports back. */
function TextAction(props: {
  id: string;
  label: string;
  button: string;
  multiline?: boolean;
  run: (text: string) => Promise<{ code: string; message: string } | undefined>;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const err = await props.run(text.trim());
        setBusy(false);
        setError(err);
        if (!err) setText('');
      }}
    >
      <label for={props.id}>{props.label}</label>
      {props.multiline ? (
        <textarea
          id={props.id}
          rows={3}
          required
          maxLength={4_000}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      ) : (
        <input
          id={props.id}
          required
          maxLength={200}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      )}
      <ErrorMessage error={error} />
      <button type="submit" class="secondary" disabled={busy || text.trim() === ''}>
        {props.button}
      </button>
    </form>
  );
}

function Facts(props: { d: Detail }) {
  const i = props.d.incident;
  return (
    <dl class="facts">
      <dt>Severity</dt>
      <dd>
        <span class={`sev sev-${i.severity}`}>{i.severityName}</span>
        {i.autoPaused ? ' — paused the program when opened' : ''}
      </dd>
      <dt>Category</dt>
      <dd>{CATEGORIES[i.category] ?? i.category}</dd>
      <dt>Status</dt>
      <dd data-testid="incident-status">
        {i.status === 'open' ? 'Open' : i.closedAt ? `Closed ${formatTime(i.closedAt)}` : 'Closed'}
      </dd>
      <dt>Opened</dt>
      <dd>
        {formatTime(i.openedAt)} by {personName(i.openedBy)}
      </dd>
      <dt>Personal data</dt>
      <dd>{i.personalDataBreach ? 'may be affected' : 'not affected'}</dd>
      <dt>Regulator</dt>
      <dd>
        <ClockText clock={i.notificationClock} loadedAt={props.d.loadedAt} />
        {i.regulatorReference ? ` — reference ${i.regulatorReference}` : ''}
      </dd>
    </dl>
  );
}

export function IncidentDetailPage(props: { id: string }) {
  const path = `/v1/incidents/${encodeURIComponent(props.id)}`;
  const [data, reload] = useLoad(async () => {
    const r = await api.get<{ incident: IncidentView; timeline: TimelineEntry[] }>(path);
    return r.ok ? { ...r, value: { ...r.value, loadedAt: Date.now() } } : r;
  }, [path]);
  const [closing, setClosing] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [done, setDone] = useState<string>();

  const post = async (suffix: string, body: object) => {
    const res = await api.post(`${path}/${suffix}`, body);
    if (!res.ok) return res;
    reload();
    return undefined;
  };

  const close = async () => {
    if (closing === undefined) return;
    setBusy(true);
    const err = await post('close', { summary: closing });
    setBusy(false);
    setClosing(undefined);
    setError(err);
    if (!err) setDone('Closed. The program stays paused until two privacy officers resume it.');
  };

  const title = data.state === 'ready' ? data.value.incident.title : 'Incident';
  return (
    <Page title={title} intro={<a href="#/program/incidents">All incidents</a>}>
      {done ? <StatusMessage>{done}</StatusMessage> : null}
      <ErrorMessage error={error} />
      <Show data={data} what="the incident">
        {(d) => (
          <>
            <div class="grid two">
              <Section title="Facts">
                <Facts d={d} />
                {d.incident.autoPaused ? (
                  <p class="muted">
                    The pause stays until two privacy officers resume the program on the{' '}
                    <a href="#/program">Program page</a>.
                  </p>
                ) : null}
              </Section>
              <Section title="Timeline">
                <ol class="timeline-list" data-testid="incident-timeline">
                  {d.timeline.map((t, n) => (
                    <li key={n}>
                      <span class="nowrap muted small">{formatTime(t.at)}</span>{' '}
                      <strong>{KINDS[t.kind] ?? t.kind}</strong>{' '}
                      <span class="muted small">by {personName(t.actor)}</span>
                      <div>{t.note}</div>
                    </li>
                  ))}
                </ol>
                <TextAction
                  id="inc-note"
                  label="Add a note"
                  button="Add to the timeline"
                  multiline
                  run={(note) => post('timeline', { note })}
                />
              </Section>
            </div>
            <Section title="Investigation report">
              <p class="muted">
                Every access to the named people's data in the window, from the audit log, with the signed
                checkpoint and a proof for each entry. It is checked here before it is shown as verified; the
                downloaded file verifies offline with <code>steno incident verify</code>.
              </p>
              <ReportPanel incidentId={d.incident.id} openedAt={d.incident.openedAt} onGenerated={reload} />
            </Section>
            {d.incident.status === 'open' ? (
              <div class="grid two">
                {d.incident.notificationClock.running ? (
                  <Section title="Regulator notified">
                    <TextAction
                      id="inc-regulator"
                      label="The regulator's reference for the notification"
                      button="Record the notification"
                      run={(reference) => post('regulator-notified', { reference })}
                    />
                  </Section>
                ) : null}
                <Section title="Close the incident">
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      const summary = (
                        e.currentTarget.elements.namedItem('inc-summary') as HTMLTextAreaElement
                      ).value;
                      if (summary.trim()) setClosing(summary.trim());
                    }}
                  >
                    <label for="inc-summary">Summary of what happened and what was done</label>
                    <textarea id="inc-summary" name="inc-summary" rows={3} required maxLength={4_000} />
                    <button type="submit" class="secondary">
                      Close…
                    </button>
                  </form>
                </Section>
              </div>
            ) : null}
          </>
        )}
      </Show>
      <ConfirmDialog
        open={closing !== undefined}
        title="Close this incident?"
        confirmLabel="Close the incident"
        busy={busy}
        onCancel={() => setClosing(undefined)}
        onConfirm={close}
      >
        <p>
          The summary goes into the timeline. Closing does not resume the program: two privacy officers do
          that on the Program page.
        </p>
      </ConfirmDialog>
    </Page>
  );
}
