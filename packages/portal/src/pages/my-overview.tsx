/**
 * The contributor's first page: is anything captured right now, what, at which level, my consent,
 * and pausing my own capture.
 */
import { api, type ConsentView, type ProgramStatus, type ScopeView } from '../api.ts';
import { LEVEL_EXPLANATIONS, LEVEL_LABELS } from '../capture-levels.ts';
import { MyPauseControl } from '../components/my-pause.tsx';
import { Page, Section, Show, useLoad } from '../ui.tsx';

export function MyOverviewPage() {
  const [status] = useLoad(() => api.get<ProgramStatus>('/v1/program/status'));
  const [scope] = useLoad(() => api.get<ScopeView>('/v1/program/scope'));
  const [consent] = useLoad(() => api.get<ConsentView>('/v1/me/consent'));
  return (
    <Page
      title="What Steno captures"
      intro="Steno records how work applications are used, only where the capture scope says so, only with your consent, and filters secrets and personal data on your device first."
    >
      <div class="grid two">
        <Section title="Right now">
          <Show data={status} what="program status">
            {(s) =>
              s.paused ? (
                <p class="state paused">
                  <strong>Paused.</strong> The program is paused: no device captures anything.
                </p>
              ) : (
                <p class="state active">
                  <strong>Active</strong> where the scope below applies and you have consented.
                </p>
              )
            }
          </Show>
          <Show data={consent} what="your consent">
            {(c) =>
              c.current ? (
                <p>
                  You consented to notice version {c.notice?.version}.{' '}
                  <a href="#/me/consent">Read it or withdraw</a>.
                </p>
              ) : (
                <p class="state paused">
                  Nothing is captured from you: you have not consented to the current notice.{' '}
                  <a href="#/me/consent">Read the notice</a>.
                </p>
              )
            }
          </Show>
        </Section>
        <Section title="Pause my capture">
          <p class="muted">
            Stops capture on all your devices at once, for as long as you choose; only you can end it early.
          </p>
          <MyPauseControl />
        </Section>
      </div>
      <div class="grid two">
        <Section title="The levels">
          <dl class="levels">
            {(['none', 'actions', 'full'] as const).map((l) => (
              <div key={l}>
                <dt>{LEVEL_LABELS[l]}</dt>
                <dd>{LEVEL_EXPLANATIONS[l]}</dd>
              </div>
            ))}
          </dl>
        </Section>
      </div>
      <Section title="Capture scope">
        <Show data={scope} what="the capture scope">
          {(s) => (
            <>
              <p class="muted">
                Version {s.version}. Anything not listed here is never captured. The first matching rule
                applies.
              </p>
              {s.scope.apps.length === 0 && s.scope.sites.length === 0 ? (
                <p>No application or site is in scope: nothing is captured.</p>
              ) : (
                <div class="table-wrap">
                  <table>
                    <caption class="visually-hidden">Applications and sites in scope</caption>
                    <thead>
                      <tr>
                        <th scope="col">Application or site</th>
                        <th scope="col">Window title</th>
                        <th scope="col">Level</th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.scope.apps.map((a, i) => (
                        <tr key={`a${i}`}>
                          <td>{a.app === '*' ? 'Any application' : a.app}</td>
                          <td>{a.title ? <code>{a.title}</code> : 'any'}</td>
                          <td>
                            <span class={`level level-${a.level}`}>{LEVEL_LABELS[a.level]}</span>
                          </td>
                        </tr>
                      ))}
                      {s.scope.sites.map((w, i) => (
                        <tr key={`s${i}`}>
                          <td>{w.origin}</td>
                          <td>—</td>
                          <td>
                            <span class={`level level-${w.level}`}>{LEVEL_LABELS[w.level]}</span>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </Show>
      </Section>
    </Page>
  );
}
