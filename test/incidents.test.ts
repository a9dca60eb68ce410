/**
 * Issue 6: incidents and regions. Opening a SEV1 incident pauses the program at once; while paused
 * nobody reads event data except an investigation tied to the open incident; the investigation
 * report lists exactly the accesses to the subjects in the window and verifies offline against the
 * signed checkpoint. A region stays off until its legal basis is recorded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignedLease } from '@steno/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import type { Role } from '../packages/server/src/auth/principal.ts';
import { verifyIncidentReport } from '../packages/server/src/program/incidents.ts';
import { consentFor, enrolTestDevice, post, sampleEvents, type TestDevice } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('incidents and regions', () => {
  let ts: TestServer;
  let alice: TestDevice;
  let aliceToken: string;
  let bobToken: string;
  const tokens: Record<string, string> = {};
  const token = async (name: string, role: Role, scopes: string[]) => {
    tokens[name] ??= (
      await issueApiToken(
        ts.server.db,
        { principal: `person:${name}`, role, scopes, ttlMs: 3_600_000 },
        Date.now(),
      )
    ).token;
    return tokens[name] as string;
  };
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, t: string, payload?: object) =>
    ts.server.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${t}` },
      ...(payload ? { payload } : {}),
    });
  const lease = async (dev: TestDevice) =>
    SignedLease.parse(
      (
        await ts.server.app.inject({
          method: 'POST',
          url: '/v1/device/lease',
          payload: dev.deviceRequest('lease'),
        })
      ).json(),
    ).lease;
  /** An approved break-glass grant for ivy on alice (two officers approve). */
  const grant = async (incidentId?: string) => {
    const ivy = await token('ivy', 'investigator', ['breakglass', 'incidents', 'audit:read']);
    const req = await call('POST', '/v1/breakglass/requests', ivy, {
      reasonCode: 'privacy_incident',
      reason: 'Investigating who read the captured data',
      subjects: ['alice'],
      windowFrom: Date.now() - 3_600_000,
      windowTo: Date.now(),
      ...(incidentId ? { incidentId } : {}),
    });
    expect(req.statusCode, req.body).toBe(201);
    const id = (req.json() as { id: string }).id;
    for (const po of ['po1', 'po2'])
      await call(
        'POST',
        `/v1/breakglass/requests/${id}/approve`,
        await token(po, 'privacy_officer', ['breakglass']),
        {},
      );
    return id;
  };

  beforeAll(async () => {
    ts = await startTestServer('pglite');
    alice = await enrolTestDevice(ts.server, 'alice');
    await post(ts.server.app, '/v1/batches', alice.batch(sampleEvents(Date.now() - 60_000, 'alicetext')));
    aliceToken = await alice.personalToken();
    const bob = await enrolTestDevice(ts.server, 'bob');
    await post(ts.server.app, '/v1/batches', bob.batch(sampleEvents(Date.now() - 60_000, 'bobtext')));
    bobToken = await bob.personalToken();
    await consentFor(ts.server, 'alice');
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('a region stays off until a privacy officer records its legal basis', async () => {
    const operator = await token('op', 'operator', ['devices:admin']);
    const enrol = await call('POST', '/v1/admin/enrol-tokens', operator, {
      subject: 'dora',
      region: 'eu-de',
    });
    expect(enrol.statusCode, enrol.body).toBe(201);
    const dora = await enrolTestDevice(ts.server, 'dora');
    await consentFor(ts.server, 'dora'); // records a basis only for regions that have none: not the test's point
    await ts.server.db.query("DELETE FROM program_regions WHERE region = 'eu-de'");
    expect(await lease(dora)).toMatchObject({ state: 'paused', reason: 'region_no_legal_basis' });
    const po = await token('po1', 'privacy_officer', ['program:admin', 'incidents', 'breakglass']);
    const regions = await call('GET', '/v1/program/regions', po);
    expect(regions.json().regions).toContainEqual(expect.objectContaining({ region: 'eu-de', basis: null }));
    const bad = await call('PUT', '/v1/program/regions/eu-de', po, { basis: 'because', reference: 'x' });
    expect(bad.json().error.code).toBe('SCHEMA_INVALID');
    expect(await lease(dora)).toMatchObject({ state: 'paused', reason: 'region_no_legal_basis' });
    const ok = await call('PUT', '/v1/program/regions/eu-de', po, {
      basis: 'works_council_agreement',
      reference: 'BV-2026/07 Betriebsrat Berlin',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await lease(dora)).toMatchObject({ state: 'active' });
    // Only a privacy officer records it.
    expect(
      (await call('PUT', '/v1/program/regions/eu-fr', operator, { basis: 'dpia', reference: 'DPIA-1' }))
        .statusCode,
    ).toBe(403);
  });

  it('SEV3 is recorded without pausing; SEV1 pauses at once and starts the 72-hour clock', async () => {
    const po = await token('po1', 'privacy_officer', ['program:admin', 'incidents', 'breakglass']);
    const minor = await call('POST', '/v1/incidents', po, {
      title: 'Filter missed a ticket number format',
      category: 'filter_miss',
      severity: 3,
      personalDataBreach: false,
    });
    expect(minor.statusCode, minor.body).toBe(201);
    expect(minor.json().incident).toMatchObject({ severityName: 'SEV3', autoPaused: false });
    expect(minor.json().incident.notificationClock).toMatchObject({ running: false });
    expect((await call('GET', '/v1/program/status', po)).json().paused).toBe(false);
    expect(await lease(alice)).toMatchObject({ state: 'active' });
  });

  it('open SEV1 → paused → only the incident investigation reads → a report of exactly those accesses that verifies', async () => {
    const t0 = Date.now() - 1;
    const po = await token('po1', 'privacy_officer', ['program:admin', 'incidents', 'breakglass']);
    const ivy = await token('ivy', 'investigator', ['breakglass', 'incidents', 'audit:read']);
    // Before the incident: alice reads her own data, bob his, ivy reads alice under a grant.
    expect((await call('GET', '/v1/me/events', aliceToken)).statusCode).toBe(200);
    expect((await call('GET', '/v1/me/events', bobToken)).statusCode).toBe(200);
    const plainGrant = await grant();
    expect(
      (await call('GET', `/v1/breakglass/grants/${plainGrant}/events?subject=alice`, ivy)).statusCode,
    ).toBe(200);

    // Not saying the severity: SEV1, assume the worse.
    const opened = await call('POST', '/v1/incidents', ivy, {
      title: 'Captured data visible on a shared dashboard',
      category: 'exposure_beyond_purpose',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const incident = opened.json().incident as {
      id: string;
      severityName: string;
      autoPaused: boolean;
      notificationClock: { running: boolean; msLeft: number };
    };
    expect(incident).toMatchObject({ severityName: 'SEV1', autoPaused: true });
    expect(incident.notificationClock.running).toBe(true);
    expect(incident.notificationClock.msLeft).toBeGreaterThan(71.9 * 3_600_000);
    expect((await call('GET', '/v1/program/status', po)).json().paused).toBe(true);
    expect(await lease(alice)).toMatchObject({ state: 'paused', reason: 'paused_global' });

    // Paused: reads are frozen, except the investigation tied to the open incident.
    expect((await call('GET', '/v1/me/events', aliceToken)).statusCode).toBe(403);
    expect(
      (await call('GET', `/v1/breakglass/grants/${plainGrant}/events?subject=alice`, ivy)).statusCode,
    ).toBe(403);
    const investigation = await grant(incident.id);
    const read = await call('GET', `/v1/breakglass/grants/${investigation}/events?subject=alice`, ivy);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.body).toContain('alicetext'.slice(0, 1));

    const report = await call('POST', `/v1/incidents/${incident.id}/report`, ivy, {
      subjects: ['alice'],
      from: t0,
      to: Date.now(),
    });
    expect(report.statusCode, report.body).toBe(200);
    const r = report.json();
    expect(
      r.accesses.map(
        (a: { actor: { id: string }; action: string; decision: string; grant: string | null }) => [
          a.actor.id,
          a.action,
          a.decision,
          a.grant,
        ],
      ),
    ).toEqual([
      ['person:alice', 'events.read', 'allow', null],
      ['person:ivy', 'breakglass.read_events', 'allow', plainGrant],
      ['person:alice', 'events.read', 'deny', null],
      ['person:ivy', 'breakglass.read_events', 'deny', plainGrant],
      ['person:ivy', 'breakglass.read_events', 'allow', investigation],
    ]);
    expect(JSON.stringify(r)).not.toContain('bob');
    expect(verifyIncidentReport(r, ts.server.auditVerifierKey)).toEqual({
      ok: true,
      accesses: 5,
      size: r.entriesVerified,
    });
    // Issue 20: the report stands on a witnessed checkpoint; without its cosignature it does not.
    const policy = ts.server.checkpoints.policy;
    const witnesses = { keys: policy.witnesses.map((w) => w.verifierKey), quorum: policy.quorum };
    expect(verifyIncidentReport(r, ts.server.auditVerifierKey, witnesses)).toMatchObject({ ok: true });
    const unwitnessed = structuredClone(r);
    unwitnessed.checkpoint = unwitnessed.checkpoint.replace(/\u2014 steno\.local\/witness .*\n/, '');
    expect(verifyIncidentReport(unwitnessed, ts.server.auditVerifierKey, witnesses)).toEqual({
      ok: false,
      reason: 'checkpoint: NO_QUORUM',
    });

    // Offline, with the CLI: the report verifies; a forged copy does not.
    const dir = mkdtempSync(join(tmpdir(), 'steno-report-'));
    writeFileSync(join(dir, 'report.json'), JSON.stringify(r));
    const cli = (file: string, witnessArgs = witnesses.keys.flatMap((k) => ['--witness', k])) =>
      spawnSync(
        process.execPath,
        [
          join(import.meta.dirname, '../packages/cli/bin/steno.js'),
          'incident',
          'verify',
          file,
          '--key',
          ts.server.auditVerifierKey,
          ...witnessArgs,
        ],
        { encoding: 'utf8' },
      );
    const good = cli(join(dir, 'report.json'));
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/report verified: 5 accesses/);
    // Offline too, a report needs the witnesses: none named is refused, an unwitnessed one fails.
    const noWitness = cli(join(dir, 'report.json'), []);
    expect(noWitness.status).not.toBe(0);
    expect(noWitness.stderr).toMatch(/--witness/);
    writeFileSync(join(dir, 'unwitnessed.json'), JSON.stringify(unwitnessed));
    const lone = cli(join(dir, 'unwitnessed.json'));
    expect(lone.status).not.toBe(0);
    expect(lone.stderr).toMatch(/REPORT_INVALID.*NO_QUORUM|NO_QUORUM/);

    // A changed, dropped or invented line fails verification.
    const forged = structuredClone(r);
    forged.accesses[0].actor.id = 'person:someone-else';
    expect(verifyIncidentReport(forged, ts.server.auditVerifierKey).ok).toBe(false);
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
    const bad = cli(join(dir, 'forged.json'));
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/REPORT_INVALID/);
    const reText = structuredClone(r);
    reText.accesses[1].text = reText.accesses[1].text.replace('allow', 'deny');
    expect(verifyIncidentReport(reText, ts.server.auditVerifierKey).ok).toBe(false);
    const otherKey = structuredClone(r);
    otherKey.checkpoint = otherKey.checkpoint.replace(/\n\n[\s\S]*$/, '\n\n— steno.local/audit AAAA\n');
    expect(verifyIncidentReport(otherKey, ts.server.auditVerifierKey).ok).toBe(false);

    // The timeline tells the story; resuming still needs two privacy officers.
    const detail = await call('GET', `/v1/incidents/${incident.id}`, po);
    expect(detail.json().timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'opened',
      'program_paused',
      'report',
    ]);
    const resume = await call('POST', '/v1/program/resume', po, { scope: { kind: 'global' } });
    expect(resume.json().state).toBe('resume_pending');
    expect((await call('POST', '/v1/program/resume', po, { scope: { kind: 'global' } })).statusCode).toBe(
      403,
    );
    const notified = await call('POST', `/v1/incidents/${incident.id}/regulator-notified`, po, {
      reference: 'DPA case 2026-1187',
    });
    expect(notified.json().notificationClock).toMatchObject({ running: false, reason: 'regulator_notified' });
  });

  it('a tampered audit log refuses to produce a report', async () => {
    const ivy = await token('ivy', 'investigator', ['breakglass', 'incidents', 'audit:read']);
    const list = await call('GET', '/v1/incidents', ivy);
    const id = list.json().incidents[0].id as string;
    await ts.server.db.query(
      'UPDATE audit_entries SET entry = replace(entry, \'"decision":"allow"\', \'"decision":"deny"\') WHERE idx = 1',
    );
    const report = await call('POST', `/v1/incidents/${id}/report`, ivy, {
      subjects: ['alice'],
      from: 0,
      to: Date.now(),
    });
    expect(report.statusCode).toBe(503);
    expect(report.json().error.message).toMatch(/tampered/);
  });
});
