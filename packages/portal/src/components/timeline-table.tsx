/**
 * A table of timeline rows: time, application, what happened (with the element acted on), and the
 * redacted screenshot taken before it where there is one; redactions as visible tokens; the rows of
 * a marked task under a heading row naming the task (issue 17).
 */
import {
  ENTITY_LABELS,
  groupByTask,
  type Part,
  type TimelineRow,
  type TimelineTask,
} from '../event-timeline.ts';
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

const STATUS: Record<TimelineTask['status'], string> = {
  open: 'not ended yet',
  completed: 'ended',
  abandoned: 'abandoned',
};

function What(props: { r: TimelineRow }) {
  const r = props.r;
  return (
    <>
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
      {r.target ? (
        <>
          {' '}
          <span class="target">
            <span class="visually-hidden">on </span>
            {r.target}
          </span>
        </>
      ) : null}
    </>
  );
}

export function TimelineTable(props: { rows: TimelineRow[]; caption: string }) {
  if (props.rows.length === 0) return <p class="muted">Nothing was captured in this period.</p>;
  const withFrames = props.rows.some((r) => r.frame);
  const columns = withFrames ? 4 : 3;
  return (
    <div class="table-wrap">
      <table class="timeline">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Application</th>
            <th scope="col">What happened</th>
            {withFrames ? <th scope="col">Screen before (redacted on your device)</th> : null}
          </tr>
        </thead>
        {groupByTask(props.rows).map((g, gi) => (
          <tbody key={gi} class={g.task ? 'task-group' : undefined}>
            {g.task ? (
              <tr class="task-head">
                <th scope="rowgroup" colSpan={columns}>
                  Task: {g.task.label ?? '(no description yet)'}{' '}
                  <span class="muted">— {STATUS[g.task.status]}</span>
                </th>
              </tr>
            ) : null}
            {g.rows.map((r, i) => (
              <tr key={i} class={`row-${r.kind}`}>
                <td class="nowrap">{formatTime(r.t)}</td>
                <td>{r.app ?? '—'}</td>
                <td>
                  <What r={r} />
                </td>
                {withFrames ? (
                  <td class="frame-cell">
                    {r.frame ? (
                      <img
                        class="frame"
                        src={r.frame.src}
                        width={r.frame.width || undefined}
                        height={r.frame.height || undefined}
                        loading="lazy"
                        alt={`The screen just before: ${r.summary} (redacted on your device)`}
                      />
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
