/** A table of timeline rows: time, application, what happened; redactions as visible tokens. */
import { ENTITY_LABELS, type Part, type TimelineRow } from '../event-timeline.ts';
import { formatTime } from '../ui.tsx';

export function RedactionToken(props: { entity: string }) {
  const label = ENTITY_LABELS[props.entity] ?? props.entity.toLowerCase();
  return (
    <span class="token" title={`A ${label} was removed on the device; nothing of it left the machine`}>
      <span class="visually-hidden">redacted </span>
      {label}
    </span>
  );
}

function Parts(props: { parts: Part[] }) {
  return (
    <q class="typed">
      {props.parts.map((p, i) =>
        p.kind === 'text' ? <span key={i}>{p.text}</span> : <RedactionToken key={i} entity={p.entity} />,
      )}
    </q>
  );
}

export function TimelineTable(props: { rows: TimelineRow[]; caption: string }) {
  if (props.rows.length === 0) return <p class="muted">Nothing was captured in this period.</p>;
  return (
    <div class="table-wrap">
      <table class="timeline">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Application</th>
            <th scope="col">What happened</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => (
            <tr key={i} class={`row-${r.kind}`}>
              <td class="nowrap">{formatTime(r.t)}</td>
              <td>{r.app ?? '—'}</td>
              <td>
                {r.kind === 'typed' && r.parts ? (
                  <>
                    Typed <Parts parts={r.parts} />
                  </>
                ) : (
                  <>
                    {r.summary}
                    {r.parts ? (
                      <>
                        {' '}
                        <Parts parts={r.parts} />
                      </>
                    ) : null}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
