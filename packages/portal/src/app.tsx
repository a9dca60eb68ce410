/**
 * The portal shell: who is signed in (from `GET /v1/auth/session`, with the CSRF token kept in
 * memory), the pages each role may open, the landmarks (banner, navigation, main), and a way back
 * to sign-in when the session ends. What a role may do is decided by the server; the menu only
 * leaves out what would be refused.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, onSessionEnd, type SessionView, setCsrfToken } from './api.ts';
import { ApiTokensPage } from './pages/api-tokens.tsx';
import { AuditExplorerPage } from './pages/audit-explorer.tsx';
import { BreakglassQueuePage } from './pages/breakglass-queue.tsx';
import { DatasetDetailPage } from './pages/dataset-detail.tsx';
import { DatasetsPage } from './pages/datasets.tsx';
import { IncidentDetailPage } from './pages/incident-detail.tsx';
import { IncidentsPage } from './pages/incidents.tsx';
import { InvestigationsPage } from './pages/investigations.tsx';
import { MyAccessPage } from './pages/my-access.tsx';
import { MyActivityPage } from './pages/my-activity.tsx';
import { MyConsentPage } from './pages/my-consent.tsx';
import { MyDataPage } from './pages/my-data.tsx';
import { MyOverviewPage } from './pages/my-overview.tsx';
import { MyTasksPage } from './pages/my-tasks.tsx';
import { NoticesPage } from './pages/notices.tsx';
import { PeoplePage } from './pages/people.tsx';
import { ProgramStatusPage } from './pages/program-status.tsx';
import { ScopeEditorPage } from './pages/scope-editor.tsx';
import { InvitePage, SignInPage } from './pages/sign-in.tsx';
import { VolumeChartPage } from './pages/volume-chart.tsx';
import { navigate, useHashPath } from './router.tsx';
import { Page, ROLE_LABELS, setPeopleDirectory } from './ui.tsx';

type Session = Omit<SessionView, 'csrfToken'>;

interface RouteDef {
  path: string;
  label: string;
  roles: readonly string[];
  render: (s: Session, signOut: () => void) => ComponentChildren;
  /** Pages below this one (`/program/incidents/<id>`), rendered with the rest of the path. */
  child?: (rest: string, s: Session) => ComponentChildren;
}

const OFFICER = ['privacy_officer'];
const AUDITORS = ['privacy_officer', 'investigator', 'operator'];
const EVERY_PERSON = ['contributor', 'privacy_officer', 'investigator', 'ml_engineer', 'operator'];

const ROUTES: RouteDef[] = [
  { path: '/me', label: 'Overview', roles: ['contributor'], render: () => <MyOverviewPage /> },
  { path: '/me/activity', label: 'My activity', roles: ['contributor'], render: () => <MyActivityPage /> },
  { path: '/me/tasks', label: 'My tasks', roles: ['contributor'], render: () => <MyTasksPage /> },
  {
    path: '/me/access',
    label: 'Who accessed my data',
    roles: ['contributor'],
    render: (s) => <MyAccessPage subject={s.subject} />,
  },
  { path: '/me/consent', label: 'Consent', roles: ['contributor'], render: () => <MyConsentPage /> },
  {
    path: '/me/data',
    label: 'My data',
    roles: ['contributor'],
    render: (_s, signOut) => <MyDataPage onErased={() => setTimeout(signOut, 4_000)} />,
  },
  {
    path: '/program',
    label: 'Program',
    roles: ['privacy_officer', 'operator'],
    render: (s) => <ProgramStatusPage canControl={s.role === 'privacy_officer'} />,
  },
  { path: '/program/scope', label: 'Capture scope', roles: OFFICER, render: () => <ScopeEditorPage /> },
  { path: '/program/notices', label: 'Notices', roles: OFFICER, render: () => <NoticesPage /> },
  {
    path: '/program/breakglass',
    // The page's title says "approvals"; the menu keeps to one row at 1,280 px.
    label: 'Break-glass',
    roles: ['privacy_officer', 'investigator'],
    render: () => <BreakglassQueuePage />,
  },
  {
    path: '/program/incidents',
    label: 'Incidents',
    roles: ['privacy_officer', 'investigator'],
    render: () => <IncidentsPage />,
    child: (id) => <IncidentDetailPage id={id} />,
  },
  {
    path: '/program/charts',
    label: 'Charts',
    roles: ['privacy_officer', 'operator'],
    render: () => <VolumeChartPage />,
  },
  { path: '/program/audit', label: 'Audit log', roles: AUDITORS, render: () => <AuditExplorerPage /> },
  {
    path: '/program/people',
    label: 'People',
    roles: OFFICER,
    render: (s) => <PeoplePage subject={s.subject} />,
  },
  {
    path: '/investigations',
    label: 'Investigations',
    roles: ['investigator'],
    render: () => <InvestigationsPage />,
  },
  {
    path: '/datasets',
    label: 'Datasets',
    roles: ['ml_engineer', 'privacy_officer'],
    render: (s) => <DatasetsPage canBuild={s.role === 'ml_engineer'} />,
    child: (id, s) => <DatasetDetailPage id={id} canDownload={s.role === 'ml_engineer'} />,
  },
  {
    path: '/tokens',
    label: 'API tokens',
    roles: EVERY_PERSON,
    render: (s) => <ApiTokensPage scopes={s.scopes} />,
  },
];

const HOME: Readonly<Record<string, string>> = {
  contributor: '/me',
  privacy_officer: '/program',
  operator: '/program',
  investigator: '/investigations',
  ml_engineer: '/datasets',
};

function Shell(props: {
  session: Session;
  path: string;
  onSignOut: () => void;
  children: ComponentChildren;
}) {
  const nav = ROUTES.filter((r) => r.roles.includes(props.session.role));
  return (
    <>
      <button
        type="button"
        class="skip-link"
        onClick={() => document.getElementById('main-content')?.focus()}
      >
        Skip to content
      </button>
      <header class="top">
        <span class="brand">Steno</span>
        <nav aria-label="Main">
          <ul>
            {nav.map((r) => (
              <li key={r.path}>
                <a
                  href={`#${r.path}`}
                  aria-current={
                    props.path === r.path
                      ? 'page'
                      : props.path.startsWith(`${r.path}/`) && r.child
                        ? 'true'
                        : undefined
                  }
                >
                  {r.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span class="identity">
            <span class="visually-hidden">Signed in as </span>
            <strong
              data-testid="who"
              data-subject={props.session.subject}
              title={props.session.email ?? props.session.subject}
            >
              {props.session.email ?? props.session.subject}
            </strong>{' '}
            <span class="muted">{ROLE_LABELS[props.session.role] ?? props.session.role}</span>
          </span>
          <button type="button" class="secondary small" onClick={props.onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main-content" tabIndex={-1}>
        {props.children}
      </main>
      <footer class="foot">
        <p>
          Steno shows no per-person productivity figures to anyone, by design. Program figures are aggregates
          only.
        </p>
      </footer>
    </>
  );
}

export function App() {
  const path = useHashPath();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [notice, setNotice] = useState<string>();

  const adopt = (v: SessionView) => {
    const { csrfToken, ...rest } = v;
    setCsrfToken(csrfToken);
    // Privacy officers see who did what by e-mail; load the directory before the pages render.
    const ready =
      rest.role === 'privacy_officer'
        ? api
            .get<{ people: { principal: string; email: string }[] }>('/v1/people')
            .then((r) => (r.ok ? setPeopleDirectory(r.value.people) : undefined))
        : Promise.resolve();
    void ready.finally(() => {
      setSession(rest);
      setNotice(undefined);
    });
  };

  useEffect(() => {
    onSessionEnd((code) => {
      setCsrfToken(undefined);
      setSession(null);
      setNotice(
        code === 'SESSION_EXPIRED'
          ? 'Your session has ended. Please sign in again.'
          : 'Please sign in again.',
      );
      navigate('/sign-in');
    });
    // `{signedIn: false}` when no one is signed in: an answer (the sign-in page), not an error.
    void api
      .get<SessionView | { signedIn: false }>('/v1/auth/session')
      .then((r) => (r.ok && 'role' in r.value ? adopt(r.value) : setSession(null)));
    return () => onSessionEnd(undefined);
  }, []);

  const signedIn = (v: SessionView) => {
    adopt(v);
    // Leaves the invitation token out of the address bar and the history.
    navigate(HOME[v.role] ?? '/', { replace: true });
  };

  const signOut = async () => {
    await api.post('/v1/auth/logout');
    setCsrfToken(undefined);
    setSession(null);
    navigate('/sign-in');
  };

  const home = session ? (HOME[session.role] ?? '/') : '/';
  useEffect(() => {
    if (session && (path === '/' || path === '/sign-in')) navigate(home, { replace: true });
  }, [session, path, home]);

  if (path.startsWith('/invite/')) {
    return (
      <main id="main-content" tabIndex={-1} class="solo">
        <InvitePage token={path.slice('/invite/'.length)} onSignedIn={signedIn} />
      </main>
    );
  }
  if (session === undefined)
    return (
      <main id="main-content" class="solo">
        <p role="status">Loading Steno…</p>
      </main>
    );
  if (session === null)
    return (
      <main id="main-content" tabIndex={-1} class="solo">
        <SignInPage onSignedIn={signedIn} notice={notice} />
      </main>
    );

  const route = ROUTES.find((r) => r.path === path || (r.child && path.startsWith(`${r.path}/`)));
  let body: ComponentChildren;
  if (!route) {
    if (path === '/' || path === '/sign-in') body = null;
    else
      body = (
        <Page title="Page not found">
          <p>
            There is no such page. <a href={`#${home}`}>Go to your start page</a>.
          </p>
        </Page>
      );
  } else if (!route.roles.includes(session.role)) {
    body = (
      <Page title="Not available to your role">
        <p>
          As {ROLE_LABELS[session.role] ?? session.role} you cannot open this page; the server would refuse it
          too. <a href={`#${home}`}>Go to your start page</a>.
        </p>
      </Page>
    );
  } else if (route.path !== path && route.child) {
    body = route.child(decodeURIComponent(path.slice(route.path.length + 1)), session);
  } else body = route.render(session, () => void signOut());

  return (
    <Shell session={session} path={path} onSignOut={() => void signOut()}>
      {body}
    </Shell>
  );
}
