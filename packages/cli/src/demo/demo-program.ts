/**
 * What the demo does before any demo device uploads, visibly and as the demo's own doing: it
 * publishes a consent notice saying what the demo captures, sets a capture scope covering the
 * recordings' applications at level `full` (with frames for the application the frame recording
 * shows, issue 17), records a legal basis for the demo region, and records each demo contributor's
 * consent (channel `demo`).
 *
 * The program steps go through the server's own routes, in-process (`app.inject`), with a token
 * whose principal is `demo` and which is revoked when done: the routes' checks, audit entries and
 * pushes to connected devices are the ones a privacy officer's requests get, and the notice, the
 * scope and the legal basis are recorded as published, created and recorded by `demo`.
 *
 * Idempotent: what is in force and the demo's is left alone; a notice or a scope the demo published
 * earlier (an older demo's) is replaced by today's; a notice or a scope someone else published
 * since is never overridden (the demo says what that means for its devices instead).
 */
import { CaptureScope } from '@steno/protocol';
import { consentState, issueApiToken, recordConsent, type StenoServer } from '@steno/server';
import { CliError } from '../cli-error.ts';

/** Demo contributors live in a region of their own: its legal basis covers nobody else. */
export const DEMO_REGION = 'demo';
export const DEMO_ACTOR = 'demo';
const NOTICE_HEADING = '# Steno demo: what is captured';

export interface DemoProgramSpec {
  subjects: readonly string[];
  /** The applications the demo recordings focus, sorted. */
  apps: readonly string[];
  /** Of those, the applications the recordings hold frames (redacted screenshots) of, sorted. */
  frameApps?: readonly string[];
}

export type DemoLog = (msg: string) => void;

export function demoNotice(spec: DemoProgramSpec): string {
  const list = (apps: readonly string[]) => apps.map((a) => `\`${a}\``).join(', ');
  const frameApps = spec.frameApps ?? [];
  const screenshots =
    frameApps.length === 0
      ? `\nNo screenshots are taken, and nothing outside these applications is captured.`
      : `- in ${list(frameApps)} only: a screenshot just before an action, redacted in pixels on the
  device that recorded it, before it was encoded (everything outside that application's window and
  any text read as a secret or personal data blacked out).

These screenshots are of a recorded test desktop (a virtual display on which the demo recording was
made with \`scripts/record-demo.ts\`), not of your screen. Nothing outside these applications is
captured.`;
  return `${NOTICE_HEADING}

This notice was published by the Steno demo (\`npm start\`), not by a privacy officer. The demo
contributors (${list(spec.subjects)}) are not people: each is a demo device on this machine that
replays bundled recordings. Nothing is captured from your own keyboard, mouse or screen.

In the applications ${list(spec.apps)} (capture level \`full\`), the demo devices capture:

- keys and the text typed, after the on-device privacy filter (secrets and personal data become
  markers naming only their type);
- mouse clicks, scrolls and pointer paths;
- the application and the window title in focus, and the tasks the recordings mark;
${screenshots}

The data is encrypted per contributor and month, read only through the guard, and every read is in
the tamper-evident audit log. A demo contributor can read their own data, see who accessed it,
withdraw consent and erase it in the portal.
`;
}

export function demoScope(spec: DemoProgramSpec): CaptureScope {
  const frames = new Set(spec.frameApps ?? []);
  return CaptureScope.parse({
    apps: spec.apps.map((app) =>
      frames.has(app) ? { app, level: 'full', frames: true } : { app, level: 'full' },
    ),
    sites: [],
  });
}

/** The demo's applications the scope does not capture at level full (first matching rule wins). */
export function uncoveredApps(scope: CaptureScope, apps: readonly string[]): string[] {
  return apps.filter((app) => {
    const rule = scope.apps.find((r) => r.app === '*' || r.app.toLowerCase() === app.toLowerCase());
    return !rule || rule.title !== undefined || rule.level !== 'full';
  });
}

/** Of `apps`, those the scope's first matching rule gives no frames (`frames: true`). */
export function framesNotAllowed(scope: CaptureScope, apps: readonly string[]): string[] {
  return apps.filter((app) => {
    const rule = scope.apps.find((r) => r.app === '*' || r.app.toLowerCase() === app.toLowerCase());
    return !rule || rule.title !== undefined || rule.level === 'none' || rule.frames !== true;
  });
}

interface Api {
  call<T>(method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, body?: unknown): Promise<T>;
}

/** Sets up notice, scope, legal basis and consent for the demo contributors; see the header. */
export async function prepareDemoProgram(
  server: StenoServer,
  spec: DemoProgramSpec,
  log: DemoLog,
): Promise<{ consenting: string[] }> {
  const issued = await issueApiToken(
    server.db,
    {
      principal: DEMO_ACTOR,
      role: 'privacy_officer',
      scopes: ['program:admin', 'program:read'],
      ttlMs: 10 * 60_000,
      name: 'npm start: demo set-up',
    },
    Date.now(),
  );
  const api: Api = {
    async call<T>(method: string, url: string, body?: unknown): Promise<T> {
      const res = await server.app.inject({
        method: method as 'GET',
        url,
        headers: {
          authorization: `Bearer ${issued.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      const json = res.body ? (JSON.parse(res.body) as unknown) : undefined;
      if (res.statusCode >= 400) {
        const err = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
        throw new CliError(
          err?.code ?? `HTTP_${res.statusCode}`,
          `demo set-up: ${method} ${url}: ${err?.message ?? res.statusCode}`,
        );
      }
      return json as T;
    },
  };
  try {
    const noticeVersion = await ensureNotice(api, spec, log);
    await ensureScope(server, api, spec, log);
    await ensureLegalBasis(api, log);
    const consenting =
      noticeVersion === undefined
        ? await alreadyConsenting(server, spec.subjects)
        : await ensureConsent(server, spec, noticeVersion, log);
    return { consenting };
  } finally {
    await api.call('DELETE', `/v1/tokens/${issued.id}`).catch(() => undefined);
  }
}

/** The demo's notice version in force, or undefined when someone else's notice is. */
async function ensureNotice(api: Api, spec: DemoProgramSpec, log: DemoLog): Promise<number | undefined> {
  const markdown = demoNotice(spec);
  const { notice } = await api.call<{ notice: { version: number; markdown: string } | null }>(
    'GET',
    '/v1/program/notices/current',
  );
  if (notice?.markdown === markdown) {
    log(`consent notice: the demo's notice (version ${notice.version}) is in force`);
    return notice.version;
  }
  if (notice && !notice.markdown.startsWith(NOTICE_HEADING)) {
    log(
      `consent notice: version ${notice.version} was published by someone else; the demo does not accept it for its contributors (sign in as one to do so)`,
    );
    return undefined;
  }
  const out = await api.call<{ version: number }>('POST', '/v1/program/notices', { markdown });
  log(`consent notice: published version ${out.version}, saying what the demo captures (as "demo")`);
  return out.version;
}

async function ensureScope(
  server: StenoServer,
  api: Api,
  spec: DemoProgramSpec,
  log: DemoLog,
): Promise<void> {
  const wanted = demoScope(spec);
  const cur = await api.call<{ version: number; scope: CaptureScope }>('GET', '/v1/program/scope');
  const frames = spec.frameApps ?? [];
  const what = `${spec.apps.join(', ')} at level full${frames.length > 0 ? `, frames of ${frames.join(', ')}` : ''}`;
  if (JSON.stringify(cur.scope) === JSON.stringify(wanted)) {
    log(`capture scope: the demo's scope (version ${cur.version}: ${what}) is in force`);
    return;
  }
  if (cur.version > 0 && !(await setByDemo(server, cur.version))) {
    const missing = uncoveredApps(cur.scope, spec.apps);
    const noFrames = framesNotAllowed(cur.scope, frames);
    log(
      missing.length === 0
        ? `capture scope: version ${cur.version}, set by someone else, covers the demo's applications${noFrames.length > 0 ? ` but allows no frames of ${noFrames.join(', ')}: their screenshots are not replayed` : ''}`
        : `capture scope: version ${cur.version}, set by someone else, does not capture ${missing.join(', ')} at level full; the demo leaves it, so its devices capture only what it allows`,
    );
    return;
  }
  const out = await api.call<{ version: number }>('PUT', '/v1/program/scope', wanted);
  log(
    `capture scope: ${cur.version > 0 ? `replaced the demo's earlier version ${cur.version} with version` : 'set version'} ${out.version}: ${what} (as "demo")`,
  );
}

/** Whether a scope version was set by the demo itself (the scope route does not say who set it). */
async function setByDemo(server: StenoServer, version: number): Promise<boolean> {
  const rows = await server.db.query('SELECT created_by FROM capture_scopes WHERE version = $1', [version]);
  return rows[0]?.created_by === DEMO_ACTOR;
}

async function ensureLegalBasis(api: Api, log: DemoLog): Promise<void> {
  const { regions } = await api.call<{ regions: { region: string; basis: string | null }[] }>(
    'GET',
    '/v1/program/regions',
  );
  if (regions.some((r) => r.region === DEMO_REGION && r.basis !== null)) {
    log(`legal basis: region "${DEMO_REGION}" has one recorded`);
    return;
  }
  await api.call('PUT', `/v1/program/regions/${DEMO_REGION}`, {
    basis: 'other',
    reference: 'Steno demo: demo devices replay bundled recordings; no person is captured',
  });
  log(`legal basis: recorded for region "${DEMO_REGION}", the demo contributors' only (as "demo")`);
}

async function ensureConsent(
  server: StenoServer,
  spec: DemoProgramSpec,
  version: number,
  log: DemoLog,
): Promise<string[]> {
  const given: string[] = [];
  const consenting: string[] = [];
  for (const subject of spec.subjects) {
    const st = await consentState(server.db, subject);
    if (st.current) {
      consenting.push(subject);
      continue;
    }
    // A demo contributor who withdrew (in the portal, say) decided: the demo does not overrule it.
    if (st.history.some((h) => h.version === version)) {
      log(`consent: ${subject} withdrew consent to notice version ${version}; its device captures nothing`);
      continue;
    }
    const now = Date.now();
    await recordConsent(server.db, subject, version, 'given', 'demo', now);
    // The entry the contributor's own access page shows: the demo, not the person, gave it.
    await server.audit.append({
      at: now,
      actor: { id: DEMO_ACTOR, role: 'system' },
      action: 'me.consent',
      resource: { type: 'subject', subject },
      decision: 'allow',
      reason: 'demo_contributor',
      details: { version, decision: 'given', channel: 'demo' },
    });
    await server.streams.broadcast((d) => d.subjectId === subject);
    given.push(subject);
    consenting.push(subject);
  }
  if (given.length > 0)
    log(
      `consent: recorded for ${given.join(', ')} to notice version ${version} (channel "demo", by the demo on their behalf)`,
    );
  else if (consenting.length > 0)
    log(`consent: ${consenting.join(', ')} consent to notice version ${version}`);
  return consenting;
}

/** Under someone else's notice: the demo contributors who accepted it themselves (in the portal). */
async function alreadyConsenting(server: StenoServer, subjects: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const subject of subjects) if ((await consentState(server.db, subject)).current) out.push(subject);
  return out;
}
