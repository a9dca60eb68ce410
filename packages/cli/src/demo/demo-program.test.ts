/** Issue 15: the demo tells the truth. Before any demo device runs, the demo sets the program up itself. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/support/test-server.ts';
import {
  DEMO_ACTOR,
  DEMO_REGION,
  demoNotice,
  framesNotAllowed,
  prepareDemoProgram,
  uncoveredApps,
} from './demo-program.ts';

const spec = {
  subjects: ['demo', 'demo-2', 'demo-3', 'demo-4', 'demo-5'],
  apps: ['XTerm', 'firefox', 'org.gnome.Nautilus', 'org.gnome.TextEditor'],
  frameApps: ['XTerm'],
};

describe('the demo program set-up', () => {
  let ts: TestServer;
  const lines: string[] = [];
  const log = (m: string) => lines.push(m);
  beforeEach(async () => {
    ts = await startTestServer('pglite');
    lines.length = 0;
    const now = Date.now();
    for (const s of spec.subjects)
      await ts.server.db.query('INSERT INTO subjects (id, created_at, region) VALUES ($1, $2, $3)', [
        s,
        now,
        DEMO_REGION,
      ]);
  });
  afterEach(async () => ts.close());

  const q = (sql: string, params: Parameters<TestServer['server']['db']['query']>[1] = []) =>
    ts.server.db.query(sql, params);

  it('publishes the notice, sets the scope, records the legal basis and consent, as "demo", audited', async () => {
    const out = await prepareDemoProgram(ts.server, spec, log);
    expect(out.consenting).toEqual(spec.subjects);

    const notices = await q('SELECT version, markdown, published_by FROM consent_notices');
    expect(notices).toEqual([{ version: 1, markdown: demoNotice(spec), published_by: DEMO_ACTOR }]);
    const scopes = await q('SELECT version, scope, created_by FROM capture_scopes');
    expect(scopes).toHaveLength(1);
    expect(scopes[0]?.created_by).toBe(DEMO_ACTOR);
    const scope = JSON.parse(String(scopes[0]?.scope));
    expect(uncoveredApps(scope, spec.apps)).toEqual([]);
    expect(scope.apps.map((a: { level: string }) => a.level)).toEqual(['full', 'full', 'full', 'full']);
    // issue 17: frames of the frame recording's application only
    expect(framesNotAllowed(scope, spec.apps)).toEqual([
      'firefox',
      'org.gnome.Nautilus',
      'org.gnome.TextEditor',
    ]);
    const regions = await q('SELECT region, recorded_by FROM program_regions');
    expect(regions).toEqual([{ region: DEMO_REGION, recorded_by: DEMO_ACTOR }]);
    const consent = await q(
      'SELECT subject_id, version, decision, channel FROM consent_records ORDER BY subject_id',
    );
    expect(consent).toEqual(
      spec.subjects.map((s) => ({ subject_id: s, version: 1, decision: 'given', channel: 'demo' })),
    );

    // Every step is in the audit log, with the demo as the actor.
    const entries = (await q('SELECT entry FROM audit_entries ORDER BY idx')).map((r) =>
      JSON.parse(String(r.entry)),
    );
    const byDemo = entries.filter((e) => e.actor.id === DEMO_ACTOR);
    const actions = byDemo.map((e) => `${e.action}:${e.decision}`);
    for (const a of ['consent.notice.publish:allow', 'scope.changed:allow', 'regions.basis_recorded:allow'])
      expect(actions).toContain(a);
    const consentEntries = byDemo.filter((e) => e.action === 'me.consent');
    expect(consentEntries.map((e) => e.resource.subject).sort()).toEqual(spec.subjects);
    // The set-up token is revoked when done.
    const tokens = await q('SELECT revoked_at FROM api_tokens WHERE principal = $1', [DEMO_ACTOR]);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.revoked_at).not.toBeNull();
    expect(lines.join('\n')).toMatch(/published version 1/);
  });

  it('is idempotent: a second start publishes no second notice or scope and records no second consent', async () => {
    await prepareDemoProgram(ts.server, spec, log);
    const count = async (table: string) => Number((await q(`SELECT count(*) AS n FROM ${table}`))[0]?.n);
    const before = {
      notices: await count('consent_notices'),
      scopes: await count('capture_scopes'),
      consent: await count('consent_records'),
    };
    lines.length = 0;
    const out = await prepareDemoProgram(ts.server, spec, log);
    expect(out.consenting).toEqual(spec.subjects);
    expect({
      notices: await count('consent_notices'),
      scopes: await count('capture_scopes'),
      consent: await count('consent_records'),
    }).toEqual(before);
    expect(lines.join('\n')).toMatch(/is in force/);
  });

  it("never overrules a withdrawal, nor another person's notice or scope", async () => {
    await prepareDemoProgram(ts.server, spec, log);
    await q(
      "INSERT INTO consent_records (subject_id, version, decision, channel, at) VALUES ('demo-3', 1, 'withdrawn', 'portal', $1)",
      [Date.now()],
    );
    let out = await prepareDemoProgram(ts.server, spec, log);
    expect(out.consenting).not.toContain('demo-3');
    expect(lines.join('\n')).toMatch(/demo-3 withdrew consent/);

    await q(
      "INSERT INTO consent_notices (version, markdown, published_by, published_at) VALUES (2, '# Our notice, written by a privacy officer', 'person:po', $1)",
      [Date.now()],
    );
    await q(
      `INSERT INTO capture_scopes (version, scope, created_by, created_at) VALUES (2, '{"apps":[{"app":"firefox","level":"actions"}],"sites":[]}', 'person:po', $1)`,
      [Date.now()],
    );
    lines.length = 0;
    out = await prepareDemoProgram(ts.server, spec, log);
    expect(out.consenting).toEqual([]);
    expect(Number((await q('SELECT max(version) AS v FROM consent_notices'))[0]?.v)).toBe(2);
    expect(Number((await q('SELECT max(version) AS v FROM capture_scopes'))[0]?.v)).toBe(2);
    const said = lines.join('\n');
    expect(said).toMatch(/published by someone else/);
    expect(said).toMatch(
      /does not capture XTerm, firefox, org.gnome.Nautilus, org.gnome.TextEditor at level full/,
    );
  });

  it('the notice says truthfully what the screenshots are: of a recorded test desktop, redacted, one app', () => {
    const notice = demoNotice(spec);
    expect(notice).toMatch(/in `XTerm` only: a screenshot just before an action, redacted/);
    expect(notice).toMatch(/screenshots are of a recorded test desktop[^)]*\), not of your screen/);
    expect(notice).not.toMatch(/No screenshots/);
    // without a frame recording it says there are none
    expect(demoNotice({ ...spec, frameApps: [] })).toMatch(/No screenshots are taken/);
  });

  it("replaces the demo's own earlier scope and notice (an older demo's, without frames), not another's", async () => {
    const older = {
      subjects: spec.subjects,
      apps: ['firefox', 'org.gnome.Nautilus', 'org.gnome.TextEditor'],
    };
    await prepareDemoProgram(ts.server, older, log);
    lines.length = 0;
    const out = await prepareDemoProgram(ts.server, spec, log);
    expect(out.consenting).toEqual(spec.subjects);
    const scopes = await q('SELECT version, scope, created_by FROM capture_scopes ORDER BY version');
    expect(scopes.map((r) => r.created_by)).toEqual([DEMO_ACTOR, DEMO_ACTOR]);
    expect(framesNotAllowed(JSON.parse(String(scopes[1]?.scope)), ['XTerm'])).toEqual([]);
    expect(lines.join('\n')).toMatch(/replaced the demo's earlier version 1 with version 2/);
    const notices = await q('SELECT version, markdown FROM consent_notices ORDER BY version');
    expect(notices.at(-1)?.markdown).toBe(demoNotice(spec));
    // consent to the new notice is recorded for the demo contributors (who had not withdrawn)
    const consent = await q('SELECT DISTINCT subject_id FROM consent_records WHERE version = 2');
    expect(consent).toHaveLength(spec.subjects.length);
  });
});
