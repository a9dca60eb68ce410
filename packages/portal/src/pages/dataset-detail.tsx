/**
 * One dataset version: its build status (polled while it builds), the manifest in summary (rules
 * it was built under, aggregate counts, files and their hashes — never the contributor list), the
 * dataset card rendered from Markdown as elements, and, for ML engineers, the files to download
 * (same-origin links: the session cookie goes along, and the server audits each download).
 */
import { useEffect } from 'preact/hooks';
import { api, type DatasetDetail } from '../api.ts';
import { Markdown } from '../components/markdown.tsx';
import { formatTime, Page, personName, Section, Show, useLoad } from '../ui.tsx';
import { BuildStatus } from './datasets.tsx';

interface ManifestSummary {
  format?: string;
  purpose?: string;
  policyVersion?: string;
  consentNoticeVersions?: string[];
  counts?: { contributorsKept?: number; episodes?: number; steps?: number; frames?: number };
  files?: { name: string; bytes: number; sha256: string }[];
  contributors?: unknown[];
}

function Manifest(props: { manifest: unknown }) {
  if (!props.manifest || typeof props.manifest !== 'object') return <p class="muted">No manifest yet.</p>;
  const m = props.manifest as ManifestSummary;
  return (
    <>
      <dl class="facts">
        <dt>Format</dt>
        <dd>
          <code>{m.format}</code>
        </dd>
        <dt>Purpose</dt>
        <dd>{m.purpose}</dd>
        <dt>Capture policy</dt>
        <dd>{m.policyVersion}</dd>
        <dt>Consent notice</dt>
        <dd>version {(m.consentNoticeVersions ?? []).join(', ') || '—'}</dd>
        <dt>Contributors</dt>
        <dd>{m.counts?.contributorsKept ?? m.contributors?.length ?? 0} (pseudonymous)</dd>
        <dt>Episodes</dt>
        <dd>{m.counts?.episodes ?? 0}</dd>
        <dt>Steps</dt>
        <dd>{m.counts?.steps ?? 0}</dd>
        <dt>Frames</dt>
        <dd>{m.counts?.frames ?? 0}</dd>
      </dl>
      {m.files?.length ? (
        <div class="table-wrap">
          <table>
            <caption>Files</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Bytes</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {m.files.map((f) => (
                <tr key={f.name}>
                  <td>{f.name}</td>
                  <td>{f.bytes}</td>
                  <td>
                    <code class="hash">{f.sha256}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

export function DatasetDetailPage(props: { id: string; canDownload: boolean }) {
  const [data, reload] = useLoad(
    () => api.get<DatasetDetail>(`/v1/datasets/${encodeURIComponent(props.id)}`),
    [props.id],
  );
  const building = data.state === 'ready' && data.value.status === 'building';
  useEffect(() => {
    if (!building) return;
    const t = setTimeout(reload, 1_000);
    return () => clearTimeout(t);
  }, [building, data, reload]);

  const title = data.state === 'ready' ? `${data.value.name} v${data.value.version}` : 'Dataset';
  return (
    <Page title={title} intro={<a href="#/datasets">All datasets</a>}>
      <Show data={data} what="the dataset">
        {(d) => (
          <>
            <div class="grid two">
              <Section title="Build">
                <p data-testid="dataset-status">
                  <BuildStatus d={d} />
                </p>
                <p class="muted">
                  Started {formatTime(d.createdAt)} by {personName(d.createdBy)}
                  {d.finishedAt ? `; finished ${formatTime(d.finishedAt)}` : ''}.
                </p>
                {d.status === 'ready' && props.canDownload ? (
                  <ul class="plain downloads">
                    {d.files.map((f) => (
                      <li key={f.name}>
                        <a
                          class="button primary"
                          href={`/v1/datasets/${encodeURIComponent(d.id)}/files/${encodeURIComponent(f.name)}`}
                          download
                        >
                          Download {f.name}
                        </a>{' '}
                        <span class="muted small">{f.mediaType}</span>
                      </li>
                    ))}
                  </ul>
                ) : d.status === 'ready' ? (
                  <p class="muted">Only ML engineers and the training service download dataset files.</p>
                ) : null}
              </Section>
              <Section title="Manifest">
                <Manifest manifest={d.manifest} />
              </Section>
            </div>
            <Section title="Dataset card">
              {d.card ? (
                <Markdown source={d.card} headingBase={3} />
              ) : (
                <p class="muted">The card is written when the build is done.</p>
              )}
            </Section>
          </>
        )}
      </Show>
    </Page>
  );
}
