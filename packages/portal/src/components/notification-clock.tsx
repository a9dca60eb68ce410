/**
 * The 72-hour clock of a personal-data breach (GDPR art. 33): time left to notify the regulator,
 * how long overdue, or that it stopped (notified, or not a personal-data breach). It counts on in
 * the browser from the server's `msLeft`, so the browser's own clock does not matter.
 */
import { useEffect, useState } from 'preact/hooks';
import type { NotificationClock } from '../api.ts';
import { formatTime } from '../ui.tsx';

/** "41 h 12 min", "12 min", "under a minute". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes === 0) return 'under a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

export function ClockText(props: { clock: NotificationClock; loadedAt: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!props.clock.running) return;
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, [props.clock.running]);
  const c = props.clock;
  if (!c.running) {
    return c.reason === 'regulator_notified' ? (
      <span class="clock notified">
        Regulator notified{c.notifiedAt ? ` ${formatTime(c.notifiedAt)}` : ''}
      </span>
    ) : (
      <span class="clock none">No clock: not a personal-data breach</span>
    );
  }
  const left = c.msLeft - (now - props.loadedAt);
  return left < 0 ? (
    <span class="clock overdue">
      <strong>Overdue</strong> by {formatDuration(left)}
    </span>
  ) : (
    <span class={`clock running${left < 12 * 3_600_000 ? ' soon' : ''}`}>
      {formatDuration(left)} left to notify the regulator
    </span>
  );
}
