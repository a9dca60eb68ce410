/**
 * Regions and their legal basis: capture stays off for everyone in a region until a privacy
 * officer records the basis it rests on (a DPIA, a works-council or collective agreement) with a
 * reference. Counts of people per region only, never who they are.
 */
import { useRef, useState } from 'preact/hooks';
import { api, type RegionView } from '../api.ts';
import { ErrorMessage, formatTime, Section, Show, StatusMessage, useLoad } from '../ui.tsx';

export const BASES: Readonly<Record<string, string>> = {
  dpia: 'Data protection impact assessment',
  works_council_agreement: 'Works-council agreement',
  collective_agreement: 'Collective agreement',
  other: 'Other',
};

export function RegionsSection(props: { canEdit: boolean }) {
  const [regions, reload] = useLoad(() => api.get<{ regions: RegionView[] }>('/v1/program/regions'));
  const [region, setRegion] = useState('');
  const [basis, setBasis] = useState('dpia');
  const [reference, setReference] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const [done, setDone] = useState<string>();
  const regionInput = useRef<HTMLInputElement>(null);

  const record = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    const name = region.trim();
    const res = await api.put<{ region: string; devicesNotified: number }>(
      `/v1/program/regions/${encodeURIComponent(name)}`,
      { basis, reference: reference.trim() },
    );
    setBusy(false);
    if (!res.ok) return setError(res);
    setDone(`Recorded the legal basis for ${res.value.region}; capture may start there.`);
    setRegion('');
    setReference('');
    reload();
  };

  return (
    <Section title="Regions and legal basis">
      <p class="muted">Capture stays off in a region until its legal basis is recorded here.</p>
      <Show data={regions} what="regions">
        {(v) =>
          v.regions.length === 0 ? (
            <p>No region yet: contributors are placed in a region when they are enrolled.</p>
          ) : (
            <div class="table-wrap">
              <table class="regions">
                <caption class="visually-hidden">Regions, their people and legal basis</caption>
                <thead>
                  <tr>
                    <th scope="col">Region</th>
                    <th scope="col">Contributors</th>
                    <th scope="col">Legal basis</th>
                    {props.canEdit ? <th scope="col">Change</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {v.regions.map((r) => (
                    <tr key={r.region} data-region={r.region}>
                      <td>{r.region}</td>
                      <td>{r.subjects}</td>
                      <td>
                        {r.basis ? (
                          <>
                            {BASES[r.basis] ?? r.basis}: {r.reference}
                            {r.recordedAt ? (
                              <div class="muted small">recorded {formatTime(r.recordedAt)}</div>
                            ) : null}
                          </>
                        ) : (
                          <span class="state paused">None — capture is off here</span>
                        )}
                      </td>
                      {props.canEdit ? (
                        <td>
                          <button
                            type="button"
                            class="secondary small"
                            onClick={() => {
                              setRegion(r.region);
                              regionInput.current?.focus();
                            }}
                          >
                            {r.basis ? 'Replace' : 'Record'} basis for {r.region}
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
      {props.canEdit ? (
        <form onSubmit={record} class="region-form">
          <h3>Record a legal basis</h3>
          <div class="grid three tight">
            <div>
              <label for="region-name">Region</label>
              <input
                id="region-name"
                ref={regionInput}
                required
                pattern="[a-z0-9][a-z0-9._\-]{0,63}"
                value={region}
                onInput={(e) => setRegion(e.currentTarget.value)}
              />
            </div>
            <div>
              <label for="region-basis">Basis</label>
              <select id="region-basis" value={basis} onChange={(e) => setBasis(e.currentTarget.value)}>
                {Object.entries(BASES).map(([k, l]) => (
                  <option key={k} value={k}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="region-reference">Reference (document, date)</label>
              <input
                id="region-reference"
                required
                minLength={3}
                maxLength={200}
                value={reference}
                onInput={(e) => setReference(e.currentTarget.value)}
              />
            </div>
          </div>
          <ErrorMessage error={error} />
          {done ? <StatusMessage>{done}</StatusMessage> : null}
          <button type="submit" class="primary" disabled={busy}>
            Record the legal basis
          </button>
        </form>
      ) : null}
    </Section>
  );
}
