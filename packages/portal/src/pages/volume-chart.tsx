/**
 * Program-wide volume over time: events captured per day or hour across the whole program, drawn
 * as SVG bars. Aggregates only: a bucket with fewer than k (5) contributors comes from the server
 * as null and is drawn as "fewer than 5 contributors", never as a number; there is no breakdown by
 * person, team or device (invariant 6).
 */
import { useId, useState } from 'preact/hooks';
import { api, query, type VolumeView } from '../api.ts';
import { Page, Section, Show, useLoad } from '../ui.tsx';

const PRESETS = [
  { key: '1h', days: 1, bucket: 'hour', label: 'Last 24 hours, per hour' },
  { key: '7h', days: 7, bucket: 'hour', label: 'Last 7 days, per hour' },
  { key: '7d', days: 7, bucket: 'day', label: 'Last 7 days, per day' },
  { key: '30d', days: 30, bucket: 'day', label: 'Last 30 days, per day' },
  { key: '90d', days: 90, bucket: 'day', label: 'Last 90 days, per day' },
] as const;

export interface Bucket {
  start: number;
  /** null: fewer than k contributors, not shown. */
  events: number | null;
  batches: number | null;
}

/** Every bucket of the period, the server's rows in place and empty buckets as zero. */
export function fillBuckets(v: VolumeView, days: number, now: number): Bucket[] {
  const width = v.bucket === 'hour' ? 3_600_000 : 86_400_000;
  const since = Math.floor((now - days * 86_400_000) / width) * width;
  const rows = new Map(v.series.map((r) => [r.start, r]));
  const out: Bucket[] = [];
  for (let t = since; t <= now; t += width) out.push(rows.get(t) ?? { start: t, events: 0, batches: 0 });
  return out;
}

function label(ms: number, bucket: 'hour' | 'day'): string {
  return new Date(ms).toLocaleString(
    undefined,
    bucket === 'hour'
      ? { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }
      : { month: 'short', day: 'numeric' },
  );
}

const W = 960;
const H = 260;
const PAD = { left: 64, right: 12, top: 12, bottom: 36 };

function BarChart(props: { buckets: Bucket[]; bucket: 'hour' | 'day'; kMin: number; title: string }) {
  const id = useId();
  const max = Math.max(1, ...props.buckets.map((b) => b.events ?? 0));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, props.buckets.length);
  const barW = Math.max(1, step * 0.8);
  const every = Math.max(1, Math.ceil(props.buckets.length / 8));
  const suppressed = props.buckets.filter((b) => b.events === null).length;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      data-testid="volume-chart"
    >
      <title id={`${id}-t`}>{props.title}</title>
      <desc id={`${id}-d`}>
        Highest bucket: {max} events. {suppressed} of {props.buckets.length} buckets had fewer than{' '}
        {props.kMin} contributors and are not shown.
      </desc>
      <line class="axis" x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} />
      <text class="tick" x={PAD.left - 8} y={PAD.top + 10} text-anchor="end">
        {max}
      </text>
      <text class="tick" x={PAD.left - 8} y={PAD.top + plotH} text-anchor="end">
        0
      </text>
      {props.buckets.map((b, i) => {
        const x = PAD.left + i * step + (step - barW) / 2;
        const when = label(b.start, props.bucket);
        return (
          <g key={b.start}>
            {b.events === null ? (
              <rect class="bar suppressed" x={x} y={PAD.top} width={barW} height={plotH}>
                <title>
                  {when}: fewer than {props.kMin} contributors (not shown)
                </title>
              </rect>
            ) : (
              <rect
                class="bar"
                x={x}
                y={PAD.top + plotH - (b.events / max) * plotH}
                width={barW}
                height={(b.events / max) * plotH}
              >
                <title>
                  {when}: {b.events} events
                </title>
              </rect>
            )}
            {i % every === 0 ? (
              <text class="tick" x={x + barW / 2} y={H - 12} text-anchor="middle">
                {when}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

export function VolumeChartPage() {
  const [preset, setPreset] = useState<(typeof PRESETS)[number]['key']>('7d');
  const p = PRESETS.find((x) => x.key === preset) ?? PRESETS[2];
  const [data] = useLoad(async () => {
    const r = await api.get<VolumeView>(`/v1/program/volume${query({ days: p.days, bucket: p.bucket })}`);
    return r.ok ? { ...r, value: { view: r.value, now: Date.now() } } : r;
  }, [preset]);

  return (
    <Page
      title="Program volume"
      intro="How much the whole program captures over time. Aggregates only, over enough people that no one stands out: Steno shows no per-person figure to anyone but that person."
    >
      <Section title="Events captured">
        <div class="toolbar">
          <label for="volume-period">Period</label>
          <select
            id="volume-period"
            value={preset}
            onChange={(e) => setPreset(e.currentTarget.value as typeof preset)}
          >
            {PRESETS.map((x) => (
              <option key={x.key} value={x.key}>
                {x.label}
              </option>
            ))}
          </select>
        </div>
        <Show data={data} what="program volume">
          {({ view, now }) => {
            const buckets = fillBuckets(view, p.days, now);
            return (
              <>
                <BarChart buckets={buckets} bucket={view.bucket} kMin={view.kMin} title={p.label} />
                <p class="legend">
                  <span class="swatch bar" aria-hidden="true" /> events captured{' '}
                  <span class="swatch suppressed" aria-hidden="true" /> fewer than {view.kMin} contributors:
                  not shown
                </p>
                <details>
                  <summary>The figures as a table</summary>
                  <div class="table-wrap">
                    <table data-testid="volume-table">
                      <caption class="visually-hidden">{p.label}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{view.bucket === 'hour' ? 'Hour' : 'Day'}</th>
                          <th scope="col">Events</th>
                          <th scope="col">Batches</th>
                        </tr>
                      </thead>
                      <tbody>
                        {buckets.map((b) => (
                          <tr key={b.start}>
                            <td>{label(b.start, view.bucket)}</td>
                            <td>{b.events === null ? `fewer than ${view.kMin} contributors` : b.events}</td>
                            <td>{b.batches === null ? '—' : b.batches}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              </>
            );
          }}
        </Show>
      </Section>
    </Page>
  );
}
