/**
 * My tasks and my review of each (issue 17): the tasks I marked, read from my own events through
 * the guard, each with keep / drop and a description in my words. A dropped task never enters a
 * dataset; a description replaces the one the device sent, after the server's privacy filter (what
 * it keeps is shown back). Reviews are read and written only through `/v1/me/reviews`, audited.
 */
import { useState } from 'preact/hooks';
import { readAllPages } from '../all-pages.ts';
import { type ApiResult, api } from '../api.ts';
import type { WireEvent } from '../event-timeline.ts';
import { type TaskItem, tasksOf } from '../task-list.ts';
import { ErrorMessage, formatTime, Page, Section, Show, StatusMessage, useLoad } from '../ui.tsx';

interface TaskReview {
  taskId: string;
  decision: 'keep' | 'drop';
  description: string | null;
  reviewedAt: number;
}

interface EventsPage {
  events: { event: WireEvent }[];
  nextCursor: string | null;
}

const WINDOW_MS = 30 * 86_400_000;
const STATUS: Record<TaskItem['status'], string> = {
  open: 'not ended yet',
  completed: 'ended',
  abandoned: 'abandoned (left out of datasets unless a spec keeps abandoned tasks)',
};

async function loadTasks(): Promise<ApiResult<{ tasks: TaskItem[]; reviews: TaskReview[] }>> {
  const [events, reviews] = await Promise.all([
    readAllPages<EventsPage>('/v1/me/events', { from: Date.now() - WINDOW_MS, limit: 5000 }, (pages) => ({
      events: pages.flatMap((p) => p.events),
      nextCursor: null,
    })),
    api.get<{ reviews: TaskReview[] }>('/v1/me/reviews'),
  ]);
  if (!events.ok) return events;
  if (!reviews.ok) return reviews;
  return {
    ok: true,
    status: 200,
    value: { tasks: tasksOf(events.value.events.map((e) => e.event)), reviews: reviews.value.reviews },
  };
}

function TaskCard(props: {
  task: TaskItem;
  review: TaskReview | undefined;
  onSaved: (r: TaskReview) => void;
}) {
  const { task, review } = props;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(review?.description ?? task.label ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [done, setDone] = useState<string>();
  const headingId = `task-${task.taskId}`;
  const shown = review?.description ?? task.label;

  const save = async (decision: 'keep' | 'drop', description: string | null) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    const res = await api.put<TaskReview>(`/v1/me/reviews/${encodeURIComponent(task.taskId)}`, {
      decision,
      description,
    });
    setBusy(false);
    if (!res.ok) {
      setError(res);
      return;
    }
    setEditing(false);
    setText(res.value.description ?? task.label ?? '');
    props.onSaved(res.value);
    setDone(
      description !== null && res.value.description !== description
        ? `Saved. The privacy filter changed your description to: ${res.value.description}`
        : decision === 'drop'
          ? 'Dropped: this task will not enter any dataset built from now on.'
          : 'Saved: this task may enter datasets.',
    );
  };
  const currentDescription = review?.description ?? null;

  return (
    <li class={review?.decision === 'drop' ? 'dropped' : undefined} aria-labelledby={headingId}>
      <h3 id={headingId}>{shown ?? '(no description yet)'}</h3>
      <p class="muted">
        {formatTime(task.startT)}
        {task.endT !== undefined ? ` – ${formatTime(task.endT)}` : ''} · {STATUS[task.status]}
        {task.apps.length > 0 ? ` · in ${task.apps.join(', ')}` : ''}
      </p>
      <p>
        Your review:{' '}
        <span class="review-state">
          {review === undefined
            ? 'not reviewed yet'
            : review.decision === 'drop'
              ? 'dropped — never in a dataset'
              : 'kept'}
        </span>
        {review?.description ? <> · described in your words</> : null}
      </p>
      {done ? <StatusMessage>{done}</StatusMessage> : null}
      <ErrorMessage error={error} />
      {editing ? (
        <form
          class="actions"
          onSubmit={(e) => {
            e.preventDefault();
            const t = text.trim();
            void save(review?.decision ?? 'keep', t === '' ? null : t);
          }}
        >
          <label for={`${headingId}-text`} class="visually-hidden">
            Description of this task
          </label>
          <input
            id={`${headingId}-text`}
            type="text"
            maxLength={200}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button type="submit" class="primary" disabled={busy}>
            Save description
          </button>
          <button type="button" class="secondary" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div class="actions">
          <button
            type="button"
            class={review?.decision === 'keep' ? 'primary' : 'secondary'}
            aria-pressed={review?.decision === 'keep'}
            disabled={busy}
            onClick={() => save('keep', currentDescription)}
          >
            Keep
          </button>
          <button
            type="button"
            class={review?.decision === 'drop' ? 'danger' : 'secondary'}
            aria-pressed={review?.decision === 'drop'}
            disabled={busy}
            onClick={() => save('drop', currentDescription)}
          >
            Drop
          </button>
          <button type="button" class="secondary" onClick={() => setEditing(true)}>
            Edit description
          </button>
        </div>
      )}
    </li>
  );
}

export function MyTasksPage() {
  const [data, reload] = useLoad(loadTasks);
  const [saved, setSaved] = useState<Record<string, TaskReview>>({});
  return (
    <Page
      title="My tasks"
      intro="The tasks you marked on your device in the last 30 days. Keep a task, drop it (it never enters a dataset), or describe it in your own words; descriptions pass the same privacy filter as typed text."
    >
      <Section title="Tasks to review">
        <div class="toolbar">
          <button type="button" class="secondary" onClick={reload}>
            Refresh
          </button>
        </div>
        <Show data={data} what="your tasks">
          {(v) => {
            if (v.tasks.length === 0)
              return (
                <p class="muted">
                  No tasks marked in the last 30 days. Start one from your agent's status page or with{' '}
                  <code>steno agent task start "…"</code>.
                </p>
              );
            const reviews = new Map(v.reviews.map((r) => [r.taskId, r]));
            for (const r of Object.values(saved)) reviews.set(r.taskId, r);
            return (
              <ul class="task-reviews">
                {v.tasks.map((t) => (
                  <TaskCard
                    key={t.taskId}
                    task={t}
                    review={reviews.get(t.taskId)}
                    onSaved={(r) => setSaved((s) => ({ ...s, [r.taskId]: r }))}
                  />
                ))}
              </ul>
            );
          }}
        </Show>
      </Section>
    </Page>
  );
}
