/**
 * Incidents for privacy officers and investigators: open one with a severity on the SEV0–SEV5
 * scale (its meanings shown; SEV1 when unsure), and follow every incident with its 72-hour
 * regulator-notification clock. At or above the server's auto-pause level, opening an incident
 * pauses the whole program at once, so that case asks for confirmation first.
 */
import { useState } from 'preact/hooks';
import { api, type IncidentView, type SeverityScale } from '../api.ts';
import { ClockText } from '../components/notification-clock.tsx';
import { ConfirmDialog, ErrorMessage, formatTime, Page, personName, Section, Show, useLoad } from '../ui.tsx';

export const CATEGORIES: Readonly<Record<string, string>> = {
  exposure_beyond_purpose: 'Captured content exposed beyond its purpose',
  unauthorised_access: 'Unauthorised access',
  filter_miss: 'The privacy filter missed something',
  device_compromise: 'A device was compromised',
  policy_breach: 'A policy was breached',
  other: 'Other',
};

function OpenIncident(props: { scale: SeverityScale; onOpened: (i: IncidentView, devices: number) => void }) {
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState('exposure_beyond_purpose');
  const [severity, setSeverity] = useState(1);
  const [breach, setBreach] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const pauses = severity <= props.scale.autoPauseAtOrAbove;
  const auto = props.scale.scale.find((s) => s.level === props.scale.autoPauseAtOrAbove)?.name;

  const open = async () => {
    setBusy(true);
    setError(undefined);
    const res = await api.post<{ incident: IncidentView; devicesNotified: number }>('/v1/incidents', {
      title: title.trim(),
      category,
      severity,
      personalDataBreach: breach,
    });
    setBusy(false);
    setConfirming(false);
    if (!res.ok) return setError(res);
    setTitle('');
    props.onOpened(res.value.incident, res.value.devicesNotified);
  };

  return (
    <>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (pauses) setConfirming(true);
          else void open();
        }}
      >
        <label for="inc-title">What happened (a short title)</label>
        <input
          id="inc-title"
          required
          minLength={3}
          maxLength={200}
          value={title}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        <label for="inc-category">Category</label>
        <select id="inc-category" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
          {Object.entries(CATEGORIES).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <label for="inc-severity">Severity</label>
        <select
          id="inc-severity"
          aria-describedby="inc-severity-note"
          value={String(severity)}
          onChange={(e) => setSeverity(Number(e.currentTarget.value))}
        >
          {props.scale.scale.map((s) => (
            <option key={s.level} value={String(s.level)}>
              {s.name} — {s.meaning}
            </option>
          ))}
        </select>
        <p id="inc-severity-note" class={`message ${pauses ? 'error' : 'warn'}`} data-testid="autopause-note">
          {pauses ? (
            <>
              <strong>Opening this incident pauses the whole program at once.</strong>{' '}
            </>
          ) : null}
          At {auto} or worse (SEV0 to {auto}) opening an incident pauses capture on every device — connected
          ones within a second — and freezes data access except for this investigation. Resuming takes two
          privacy officers. When unsure, keep SEV1.
        </p>
        <div class="check">
          <input
            id="inc-breach"
            type="checkbox"
            checked={breach}
            onChange={(e) => setBreach(e.currentTarget.checked)}
          />
          <label for="inc-breach">
            Personal data may be affected (starts the 72-hour clock to notify the regulator)
          </label>
        </div>
        <ErrorMessage error={error} />
        <button type="submit" class={pauses ? 'danger' : 'primary'} disabled={busy}>
          {pauses ? 'Open incident and pause…' : 'Open incident'}
        </button>
      </form>
      <ConfirmDialog
        open={confirming}
        title="Open this incident and pause the program?"
        confirmLabel="Open and pause"
        danger
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={open}
      >
        <p>
          {props.scale.scale.find((s) => s.level === severity)?.name}: every device stops capturing and data
          access is frozen except for incident investigation, until two privacy officers resume the program.
        </p>
      </ConfirmDialog>
    </>
  );
}

export function IncidentList(props: { incidents: IncidentView[]; loadedAt: number }) {
  if (props.incidents.length === 0) return <p>No incident has been opened.</p>;
  return (
    <div class="table-wrap">
      <table class="incidents">
        <caption class="visually-hidden">Incidents, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Incident</th>
            <th scope="col">Severity</th>
            <th scope="col">Status</th>
            <th scope="col">Opened</th>
            <th scope="col">72-hour clock</th>
          </tr>
        </thead>
        <tbody>
          {props.incidents.map((i) => (
            <tr key={i.id} data-incident={i.id}>
              <td>
                <a href={`#/program/incidents/${i.id}`}>{i.title}</a>
                <div class="muted small">
                  {CATEGORIES[i.category] ?? i.category} · <code>{i.id}</code>
                </div>
              </td>
              <td>
                <span class={`sev sev-${i.severity}`}>{i.severityName}</span>
                {i.autoPaused ? <div class="muted small">paused the program</div> : null}
              </td>
              <td>
                {i.status === 'open' ? 'Open' : i.closedAt ? `Closed ${formatTime(i.closedAt)}` : 'Closed'}
              </td>
              <td class="nowrap">
                {formatTime(i.openedAt)}
                <div class="muted small">by {personName(i.openedBy)}</div>
              </td>
              <td>
                <ClockText clock={i.notificationClock} loadedAt={props.loadedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function IncidentsPage() {
  const [scale] = useLoad(() => api.get<SeverityScale>('/v1/incidents/severities'));
  const [list, reload] = useLoad(async () => {
    const r = await api.get<{ incidents: IncidentView[] }>('/v1/incidents');
    return r.ok ? { ...r, value: { ...r.value, loadedAt: Date.now() } } : r;
  });
  const [opened, setOpened] = useState<{ incident: IncidentView; devices: number }>();

  return (
    <Page
      title="Incidents"
      intro="Open an incident as soon as something may have gone wrong; follow its timeline, notify the regulator within 72 hours of a personal-data breach, and produce a verifiable report of who accessed whose data."
    >
      {opened ? (
        <p class="message ok" role="status" data-testid="incident-opened">
          Opened <a href={`#/program/incidents/${opened.incident.id}`}>{opened.incident.title}</a> (
          {opened.incident.severityName}).
          {opened.incident.autoPaused
            ? ` The program is paused: ${opened.devices} connected devices were told at once.`
            : ''}
        </p>
      ) : null}
      <div class="grid wide-narrow">
        <Section title="Incidents">
          <Show data={list} what="incidents">
            {(v) => <IncidentList incidents={v.incidents} loadedAt={v.loadedAt} />}
          </Show>
        </Section>
        <Section title="Open an incident">
          <Show data={scale} what="the severity scale">
            {(s) => (
              <OpenIncident
                scale={s}
                onOpened={(incident, devices) => {
                  setOpened({ incident, devices });
                  reload();
                }}
              />
            )}
          </Show>
        </Section>
      </div>
    </Page>
  );
}
