/**
 * The capture-scope editor: applications (with an optional window-title pattern) and sites, each
 * at a level, first match wins; a preview of what each level captures. Saving makes a new,
 * audited scope version that is pushed to connected agents. Organisation rules in the scope
 * are kept as they are.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  type AppRule,
  api,
  type CaptureLevel,
  type CaptureScope,
  type ScopeView,
  type SiteRule,
} from '../api.ts';
import { LEVEL_EXPLANATIONS, LEVEL_LABELS, LEVEL_PREVIEW } from '../capture-levels.ts';
import { ErrorMessage, formatTime, Page, Section, Show, StatusMessage, useLoad } from '../ui.tsx';

const LEVELS: CaptureLevel[] = ['none', 'actions', 'full'];

function LevelSelect(props: {
  id: string;
  label: string;
  value: CaptureLevel;
  onChange: (l: CaptureLevel) => void;
}) {
  return (
    <select
      id={props.id}
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value as CaptureLevel)}
    >
      {LEVELS.map((l) => (
        <option key={l} value={l}>
          {LEVEL_LABELS[l]}
        </option>
      ))}
    </select>
  );
}

function move<T>(list: T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j] as T, out[i] as T];
  return out;
}

export function ScopeEditorPage() {
  const [loaded, reload] = useLoad(() => api.get<ScopeView>('/v1/program/scope'));
  const [apps, setApps] = useState<AppRule[]>([]);
  const [sites, setSites] = useState<SiteRule[]>([]);
  const [preview, setPreview] = useState<CaptureLevel>('full');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [done, setDone] = useState<string>();

  useEffect(() => {
    if (loaded.state !== 'ready') return;
    setApps(loaded.value.scope.apps.map((a) => ({ ...a })));
    setSites(loaded.value.scope.sites.map((s) => ({ ...s })));
  }, [loaded]);

  const save = async (e: Event) => {
    e.preventDefault();
    if (loaded.state !== 'ready') return;
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    const scope: CaptureScope = {
      apps: apps.map((a) => ({
        app: a.app.trim(),
        ...(a.title?.trim() ? { title: a.title.trim() } : {}),
        level: a.level,
        ...(a.frames ? { frames: true } : {}),
      })),
      sites: sites.map((s) => ({
        origin: s.origin.trim(),
        level: s.level,
        ...(s.keepQuery ? { keepQuery: true } : {}),
      })),
      ...(loaded.value.scope.rules !== undefined ? { rules: loaded.value.scope.rules } : {}),
    };
    const res = await api.put<{ version: number; devicesNotified: number }>('/v1/program/scope', scope);
    setBusy(false);
    if (!res.ok) return setError(res);
    setDone(
      `Saved as version ${res.value.version}; ${res.value.devicesNotified} connected devices received it at once.`,
    );
    reload();
  };

  const setApp = (i: number, patch: Partial<AppRule>) =>
    setApps(apps.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  const setSite = (i: number, patch: Partial<SiteRule>) =>
    setSites(sites.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  return (
    <Page
      title="Capture scope"
      intro="Which applications and sites are captured, and how much. Anything no rule matches is never captured; the first matching rule wins."
    >
      <Show data={loaded} what="the capture scope">
        {(v) => (
          <form onSubmit={save}>
            <p class="muted">
              {v.createdAt === null
                ? 'No scope has been set yet, so nothing is captured. Add rules and save the first version.'
                : `In force: version ${v.version}, set ${formatTime(v.createdAt)}.`}
            </p>
            <Section title="Applications">
              <div class="table-wrap">
                <table class="editor">
                  <caption class="visually-hidden">Application rules, in order</caption>
                  <thead>
                    <tr>
                      <th scope="col">Application (WM_CLASS or process; * for any)</th>
                      <th scope="col">Window title pattern (optional)</th>
                      <th scope="col">Level</th>
                      <th scope="col">Screenshots</th>
                      <th scope="col">Order</th>
                    </tr>
                  </thead>
                  <tbody>
                    {apps.map((a, i) => (
                      <tr key={i}>
                        <td>
                          <input
                            aria-label={`Application of rule ${i + 1}`}
                            required
                            maxLength={128}
                            value={a.app}
                            onInput={(e) => setApp(i, { app: e.currentTarget.value })}
                          />
                        </td>
                        <td>
                          <input
                            aria-label={`Window title pattern of rule ${i + 1}`}
                            maxLength={256}
                            value={a.title ?? ''}
                            onInput={(e) => setApp(i, { title: e.currentTarget.value })}
                          />
                        </td>
                        <td>
                          <LevelSelect
                            id={`app-level-${i}`}
                            label={`Level of rule ${i + 1}`}
                            value={a.level}
                            onChange={(level) => setApp(i, { level })}
                          />
                        </td>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`Screenshots for rule ${i + 1}`}
                            checked={a.frames === true}
                            onChange={(e) => setApp(i, { frames: e.currentTarget.checked })}
                          />
                        </td>
                        <td class="nowrap">
                          <button
                            type="button"
                            class="icon"
                            aria-label={`Move rule ${i + 1} up`}
                            onClick={() => setApps(move(apps, i, -1))}
                          >
                            ↑
                          </button>
                          <button
                            type="button"
                            class="icon"
                            aria-label={`Move rule ${i + 1} down`}
                            onClick={() => setApps(move(apps, i, 1))}
                          >
                            ↓
                          </button>
                          <button
                            type="button"
                            class="icon"
                            aria-label={`Remove rule ${i + 1}`}
                            onClick={() => setApps(apps.filter((_, j) => j !== i))}
                          >
                            ✕
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <button
                type="button"
                class="secondary"
                onClick={() => setApps([...apps, { app: '', level: 'actions' }])}
              >
                Add application
              </button>
            </Section>
            <Section title="Sites (browser)">
              <div class="table-wrap">
                <table class="editor">
                  <caption class="visually-hidden">Site rules, in order</caption>
                  <thead>
                    <tr>
                      <th scope="col">Origin pattern (e.g. https://*.example.com)</th>
                      <th scope="col">Level</th>
                      <th scope="col">Keep query string</th>
                      <th scope="col">Order</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sites.map((s, i) => (
                      <tr key={i}>
                        <td>
                          <input
                            aria-label={`Origin of site rule ${i + 1}`}
                            required
                            maxLength={256}
                            value={s.origin}
                            onInput={(e) => setSite(i, { origin: e.currentTarget.value })}
                          />
                        </td>
                        <td>
                          <LevelSelect
                            id={`site-level-${i}`}
                            label={`Level of site rule ${i + 1}`}
                            value={s.level}
                            onChange={(level) => setSite(i, { level })}
                          />
                        </td>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`Keep query string for site rule ${i + 1}`}
                            checked={s.keepQuery === true}
                            onChange={(e) => setSite(i, { keepQuery: e.currentTarget.checked })}
                          />
                        </td>
                        <td class="nowrap">
                          <button
                            type="button"
                            class="icon"
                            aria-label={`Move site rule ${i + 1} up`}
                            onClick={() => setSites(move(sites, i, -1))}
                          >
                            ↑
                          </button>
                          <button
                            type="button"
                            class="icon"
                            aria-label={`Move site rule ${i + 1} down`}
                            onClick={() => setSites(move(sites, i, 1))}
                          >
                            ↓
                          </button>
                          <button
                            type="button"
                            class="icon"
                            aria-label={`Remove site rule ${i + 1}`}
                            onClick={() => setSites(sites.filter((_, j) => j !== i))}
                          >
                            ✕
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <button
                type="button"
                class="secondary"
                onClick={() => setSites([...sites, { origin: 'https://', level: 'actions' }])}
              >
                Add site
              </button>
            </Section>
            <Section title="Preview: what each level captures">
              <fieldset class="segmented">
                <legend>Level to preview</legend>
                {LEVELS.map((l) => (
                  <label key={l}>
                    <input
                      type="radio"
                      name="preview-level"
                      value={l}
                      checked={preview === l}
                      onChange={() => setPreview(l)}
                    />
                    {LEVEL_LABELS[l]}
                  </label>
                ))}
              </fieldset>
              <p>{LEVEL_EXPLANATIONS[preview]}</p>
              <ul class="preview" aria-label={`Sample of what ${LEVEL_LABELS[preview]} records`}>
                {LEVEL_PREVIEW[preview].map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </Section>
            <ErrorMessage error={error} />
            {done ? <StatusMessage>{done}</StatusMessage> : null}
            {/* Not sticky: a bar pinned to the bottom of the window would cover the rules and the preview. */}
            <div class="actions">
              <button type="submit" class="primary" disabled={busy}>
                {busy ? 'Saving…' : 'Save as a new version'}
              </button>
            </div>
          </form>
        )}
      </Show>
    </Page>
  );
}
