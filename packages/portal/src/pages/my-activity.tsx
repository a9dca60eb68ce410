/**
 * My captured actions as a timeline, read through the server's guard (each read is itself an
 * entry in my access log). Only `/v1/me/events` exists for this: the page cannot name anyone else.
 */
import { useState } from 'preact/hooks';
import { readAllPages } from '../all-pages.ts';
import { TimelineTable } from '../components/timeline-table.tsx';
import { searchRows, timelineRows, type WireEvent } from '../event-timeline.ts';
import { Page, Section, Show, useLoad } from '../ui.tsx';

const PERIODS = [
  { id: '1', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30', label: 'Last 30 days', ms: 30 * 86_400_000 },
] as const;

interface EventsView {
  subject: string;
  events: { batchId: string; deviceId: string; event: WireEvent }[];
  shredded: number;
  nextCursor: string | null;
}

export function MyActivityPage() {
  const [period, setPeriod] = useState<string>('7');
  const [search, setSearch] = useState('');
  const ms = PERIODS.find((p) => p.id === period)?.ms ?? PERIODS[1].ms;
  const [events, reload] = useLoad(
    () =>
      readAllPages<EventsView>('/v1/me/events', { from: Date.now() - ms, limit: 5000 }, (pages) => ({
        ...(pages[0] as EventsView),
        events: pages.flatMap((p) => p.events),
        shredded: pages.reduce((n, p) => n + p.shredded, 0),
        nextCursor: null,
      })),
    [ms],
  );
  return (
    <Page
      title="My activity"
      intro="Exactly what reached the server from your devices, grouped by the tasks you marked, with the element you acted on and the screen just before where your program allows screenshots. Redacted spans show only their type: the rest never left your machine."
    >
      <Section title="Timeline">
        <div class="toolbar">
          <label for="period">Period</label>
          <select id="period" value={period} onChange={(e) => setPeriod(e.currentTarget.value)}>
            {PERIODS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          <label for="timeline-search">Search</label>
          <input
            id="timeline-search"
            type="search"
            value={search}
            placeholder="an application, a task, a button…"
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
          <button type="button" class="secondary" onClick={reload}>
            Refresh
          </button>
        </div>
        <Show data={events} what="your activity">
          {(v) => (
            <>
              <p class="muted">
                {v.events.length} events
                {search.trim() !== '' ? ` (showing the lines that match “${search.trim()}”)` : ''}.
                {v.shredded > 0
                  ? ` ${v.shredded} older parts were destroyed by retention or erasure and can never be read again.`
                  : ''}
              </p>
              <TimelineTable
                rows={searchRows(timelineRows(v.events.map((e) => e.event)), search).reverse()}
                caption="Your captured actions, newest first"
              />
            </>
          )}
        </Show>
      </Section>
    </Page>
  );
}
