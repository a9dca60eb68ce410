/**
 * Datasets: ML engineers write a spec (YAML; the repository's example to start from) and build a
 * version; everyone allowed here follows builds with their progress (counts only, over at least k
 * people) and opens a version's card. Privacy officers read, and cannot build or download.
 */
import { useEffect, useState } from 'preact/hooks';
import EXAMPLE_SPEC from '../../../../examples/dataset-spec.yaml?raw';
import { api, type DatasetView } from '../api.ts';
import { exampleSpecForNow } from '../dataset-spec-default.ts';
import { ErrorMessage, formatTime, Page, personName, Section, Show, StatusMessage, useLoad } from '../ui.tsx';

const PHASES: Readonly<Record<string, string>> = {
  reading: 'reading events',
  deidentifying: 'de-identifying',
  done: 'done',
};

const count = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** The build's state in words, with a progress bar while it reads. */
export function BuildStatus(props: { d: DatasetView }) {
  const { d } = props;
  const p = d.progress;
  if (d.status === 'failed') return <span class="status failed">Failed{d.error ? `: ${d.error}` : ''}</span>;
  if (d.status === 'ready')
    return (
      <span class="status ready">
        Ready
        {count(p.episodes) !== undefined ? ` — ${count(p.episodes)} episodes, ${count(p.steps)} steps` : ''}
      </span>
    );
  const subjects = count(p.subjects) ?? 0;
  const read = count(p.streamsRead) ?? 0;
  return (
    <span class="status building">
      Building: {PHASES[String(p.phase)] ?? 'starting'}
      {count(p.eventsRead) !== undefined ? `, ${count(p.eventsRead)} events read` : ''}
      {count(p.episodesBuilt) !== undefined ? `, ${count(p.episodesBuilt)} episodes` : ''}
      {subjects > 0 ? (
        <progress
          max={subjects}
          value={Math.min(read, subjects)}
          aria-label={`Progress of ${d.name} version ${d.version}`}
        />
      ) : null}
    </span>
  );
}

function BuildForm(props: { onStarted: (msg: string) => void }) {
  const [spec, setSpec] = useState(() => exampleSpecForNow(EXAMPLE_SPEC, Date.now()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        const res = await api.post<{ id: string; name: string; version: number; subjects: number }>(
          '/v1/datasets',
          { spec },
        );
        setBusy(false);
        if (!res.ok) return setError(res);
        props.onStarted(
          `Started a build of ${res.value.name} version ${res.value.version} from ${res.value.subjects} consenting contributors.`,
        );
      }}
    >
      <label for="ds-spec">Dataset spec (YAML)</label>
      <textarea
        id="ds-spec"
        rows={14}
        required
        maxLength={65_536}
        spellcheck={false}
        wrap="off"
        value={spec}
        onInput={(e) => setSpec(e.currentTarget.value)}
      />
      <p class="hint">
        The purpose is always <code>model_training</code>. Only contributors who consent to the current notice
        are read, through the guard, and each of them sees the build in their access log.
      </p>
      <ErrorMessage error={error} />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Starting…' : 'Build a new version'}
      </button>
    </form>
  );
}

export function DatasetsPage(props: { canBuild: boolean }) {
  const [list, reload] = useLoad(() => api.get<{ datasets: DatasetView[] }>('/v1/datasets'));
  const [started, setStarted] = useState<string>();
  const building = list.state === 'ready' && list.value.datasets.some((d) => d.status === 'building');
  // Polls while a build runs.
  useEffect(() => {
    if (!building) return;
    const t = setTimeout(reload, 1_000);
    return () => clearTimeout(t);
  }, [building, list, reload]);

  return (
    <Page
      title="Datasets"
      intro="Versioned, de-identified trajectory datasets of consenting contributors, for training computer-use models and nothing else."
    >
      {started ? <StatusMessage>{started}</StatusMessage> : null}
      <div class={props.canBuild ? 'grid wide-narrow' : undefined}>
        <Section title="Versions">
          <Show data={list} what="datasets">
            {(v) =>
              v.datasets.length === 0 ? (
                <p>No dataset has been built yet.</p>
              ) : (
                <div class="table-wrap">
                  <table class="datasets">
                    <caption class="visually-hidden">Dataset versions, newest first</caption>
                    <thead>
                      <tr>
                        <th scope="col">Dataset</th>
                        <th scope="col">Status</th>
                        <th scope="col">Built</th>
                      </tr>
                    </thead>
                    <tbody>
                      {v.datasets.map((d) => (
                        <tr key={d.id} data-dataset={d.id}>
                          <td>
                            <a href={`#/datasets/${d.id}`}>
                              {d.name} v{d.version}
                            </a>
                            <div class="muted small">
                              <code>{d.id}</code>
                            </div>
                          </td>
                          <td>
                            <BuildStatus d={d} />
                          </td>
                          <td class="nowrap">
                            {formatTime(d.createdAt)}
                            <div class="muted small">by {personName(d.createdBy)}</div>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )
            }
          </Show>
        </Section>
        {props.canBuild ? (
          <Section title="Build a version">
            <BuildForm
              onStarted={(msg) => {
                setStarted(msg);
                reload();
              }}
            />
          </Section>
        ) : null}
      </div>
    </Page>
  );
}
