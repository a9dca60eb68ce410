/**
 * Issue 7 through the server: an ML engineer builds a dataset from consenting contributors only,
 * through the guard (one audit entry naming every subject read, which each contributor sees),
 * gets a manifest and card, downloads files that are encrypted at rest and carry no identifier;
 * a withdrawal revokes every version holding the contributor, and the rebuild is without them; other purposes and other roles are refused.
 */
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../packages/server/src/auth/api-tokens.ts';
import type { Role } from '../packages/server/src/auth/principal.ts';
import {
  consentFor,
  enrolTestDevice,
  post,
  sampleEvents,
  type TestDevice,
  withdrawConsent,
} from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const CONSENTING = ['ann', 'ben', 'cai', 'dee', 'eli', 'fay'];

describe('datasets', () => {
  let ts: TestServer;
  const devices: Record<string, TestDevice> = {};
  const personal: Record<string, string> = {};
  let t0: number;
  const token = async (name: string, role: Role, scopes: string[]) =>
    (
      await issueApiToken(
        ts.server.db,
        { principal: `person:${name}`, role, scopes, ttlMs: 3_600_000 },
        Date.now(),
      )
    ).token;
  const call = (method: 'GET' | 'POST', url: string, t: string, payload?: object) =>
    ts.server.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${t}` },
      ...(payload ? { payload } : {}),
    });
  const spec = (name: string, purpose = 'model_training') =>
    [
      `name: ${name}`,
      `purpose: ${purpose}`,
      `timeRange: { from: "${new Date(t0 - 60_000).toISOString()}", to: "${new Date(Date.now() + 60_000).toISOString()}" }`,
      'k: 5',
    ].join('\n');

  beforeAll(async () => {
    ts = await startTestServer('pglite');
    t0 = Date.now() - 120_000;
    for (const [i, s] of [...CONSENTING, 'gus'].entries()) {
      devices[s] = await enrolTestDevice(ts.server, s);
      const res = await post(
        ts.server.app,
        '/v1/batches',
        devices[s].batch(sampleEvents(t0 + i * 1_000, `hello ${s} here`)),
      );
      expect(res.statusCode, res.body).toBe(200);
      // Everyone captured had consented (the server stores nothing else, issue 15); gus withdrew since.
      if (s !== 'gus') await consentFor(ts.server, s);
      else await withdrawConsent(ts.server, s);
      personal[s] = await devices[s].personalToken();
    }
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('builds from consenting contributors only, audited once with every subject named; files are encrypted and carry no identifier', async () => {
    const ml = await token('mia', 'ml_engineer', ['datasets:build', 'datasets:read']);
    const auditBefore = await ts.server.audit.size();
    const started = await call('POST', '/v1/datasets', ml, { spec: spec('notes-v') });
    expect(started.statusCode, started.body).toBe(202);
    const { id, subjects, version } = started.json() as { id: string; subjects: number; version: number };
    expect(subjects).toBe(6);
    expect(version).toBe(1);
    await ts.server.datasets.idle();

    const detail = await call('GET', `/v1/datasets/${id}`, ml);
    expect(detail.statusCode, detail.body).toBe(200);
    const d = detail.json();
    expect(d.status, d.error).toBe('ready');
    expect(d.manifest.contributors).toHaveLength(6);
    expect(d.manifest.purpose).toBe('model_training');
    expect(d.card).toMatch(/model_training/);
    expect(d.files.map((f: { name: string }) => f.name).sort()).toEqual([
      'README.md',
      'episodes.jsonl',
      'steps.parquet',
      'train-00000-of-00001.parquet',
      'trajectories.jsonl',
    ]);

    // One audit entry for the build, naming exactly the consenting subjects; each sees it.
    const entries = (await ts.server.audit.list(auditBefore, 100)).filter(
      (e) => e.action === 'datasets.build',
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]?.decision).toBe('allow');
    expect([...((entries[0]?.details?.subjects as string[] | undefined) ?? [])].sort()).toEqual(
      [...CONSENTING].sort(),
    );
    const access = await call('GET', '/v1/me/access', personal.ann as string);
    expect(access.json().entries.some((e: { action: string }) => e.action === 'datasets.build')).toBe(true);
    const gusAccess = await call('GET', '/v1/me/access', personal.gus as string);
    expect(gusAccess.json().entries.some((e: { action: string }) => e.action === 'datasets.build')).toBe(
      false,
    );

    // Downloads: readable by another reader, with no subject or device id; at rest only ciphertext.
    const jsonl = await call('GET', `/v1/datasets/${id}/files/episodes.jsonl`, ml);
    expect(jsonl.statusCode, jsonl.body).toBe(200);
    const parquet = await call('GET', `/v1/datasets/${id}/files/steps.parquet`, ml);
    expect(parquet.statusCode).toBe(200);
    // issue 17: the standard exports download too, the hub card under the name the hub needs
    for (const name of ['trajectories.jsonl', 'train-00000-of-00001.parquet', 'README.md'])
      expect((await call('GET', `/v1/datasets/${id}/files/${name}`, ml)).statusCode, name).toBe(200);
    const buf = parquet.rawPayload;
    const rows = await parquetReadObjects({
      file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer,
    });
    expect(rows.length).toBeGreaterThan(0);
    const lines = jsonl.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const s of [...CONSENTING, 'gus']) {
      expect(jsonl.body).not.toContain(`"${s}"`);
      expect(jsonl.body).not.toContain(devices[s]?.deviceId as string);
      expect(buf.includes(Buffer.from(devices[s]?.deviceId as string))).toBe(false);
    }
    expect(jsonl.body).toContain('hello ann here'); // what was typed is the training content
    expect(jsonl.body).not.toContain('hello gus'); // not consenting: not read at all
    expect(jsonl.body).not.toContain('notes.txt'); // titles dropped
    const stored = await ts.server.db.query('SELECT ciphertext FROM dataset_files WHERE dataset_id = $1', [
      id,
    ]);
    for (const r of stored)
      expect(Buffer.from(r.ciphertext as Uint8Array).includes(Buffer.from('hello ann'))).toBe(false);
  });

  it('withdrawal revokes every version holding the contributor (key destroyed, files gone), and the rebuild is without them; other purposes and roles are refused, changing nothing', async () => {
    const ml = await token('mia2', 'ml_engineer', ['datasets:build', 'datasets:read']);
    const v1 = (await call('GET', '/v1/datasets', ml))
      .json()
      .datasets.find((d: { version: number }) => d.version === 1);
    const consent = await call('GET', '/v1/me/consent', personal.fay as string);
    const version = consent.json().notice.version as number;
    const withdraw = await call('POST', '/v1/me/consent', personal.fay as string, {
      version,
      decision: 'withdraw',
    });
    expect(withdraw.statusCode, withdraw.body).toBe(200);
    const revoked = (await call('GET', `/v1/datasets/${v1.id}`, ml)).json();
    expect(revoked).toMatchObject({ status: 'revoked', files: [] });
    expect(revoked.error).toMatch(/consent_withdrawn/);
    const gone = await call('GET', `/v1/datasets/${v1.id}/files/episodes.jsonl`, ml);
    expect(gone.json().error.code).toBe('DATASET_REVOKED');
    const keys = await ts.server.db.query('SELECT wrapped_keys FROM datasets WHERE id = $1', [v1.id]);
    expect(keys[0]?.wrapped_keys).toBeNull();
    expect(
      (await ts.server.db.query('SELECT 1 FROM dataset_files WHERE dataset_id = $1', [v1.id])).length,
    ).toBe(0);

    const started = await call('POST', '/v1/datasets', ml, { spec: spec('notes-v') });
    expect(started.json()).toMatchObject({ version: 2, subjects: 5 });
    await ts.server.datasets.idle();
    const d = (await call('GET', `/v1/datasets/${started.json().id}`, ml)).json();
    expect(d.status, d.error).toBe('ready');
    expect(d.manifest.contributors).toHaveLength(5);
    const jsonl = await call('GET', `/v1/datasets/${d.id}/files/episodes.jsonl`, ml);
    expect(jsonl.body).toContain('hello eli');
    expect(jsonl.body).not.toContain('hello fay');

    const count = async () => Number((await ts.server.db.query('SELECT count(*) AS n FROM datasets'))[0]?.n);
    const before = await count();
    const refused = await call('POST', '/v1/datasets', ml, { spec: spec('perf', 'performance_review') });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('DATASET_PURPOSE_REFUSED');
    // A refused purpose is a security entry in the tamper-evident log (issue 15).
    const entries = await ts.server.audit.list(0, 100_000);
    expect(
      entries.some((e) => e.action.startsWith('security.') && e.reason === 'DATASET_PURPOSE_REFUSED'),
    ).toBe(true);
    const broken = await call('POST', '/v1/datasets', ml, { spec: `${spec('x')}\nk: 1` });
    expect(broken.json().error.code).toMatch(/^DATASET_SPEC_/);
    const po = await token('po', 'privacy_officer', ['program:admin', 'datasets:read']);
    expect((await call('POST', '/v1/datasets', po, { spec: spec('po-try') })).statusCode).toBe(403);
    expect(
      (await call('POST', '/v1/datasets', personal.ann as string, { spec: spec('me-try') })).statusCode,
    ).toBe(403);
    // Nor does a privacy officer, who may read the card but never download; nor a contributor.
    expect((await call('GET', `/v1/datasets/${d.id}`, po)).statusCode).toBe(200);
    expect((await call('GET', `/v1/datasets/${d.id}/files/episodes.jsonl`, po)).statusCode).toBe(403);
    expect(
      (await call('GET', `/v1/datasets/${d.id}/files/episodes.jsonl`, personal.ann as string)).statusCode,
    ).toBe(403);
    expect(await count()).toBe(before);
  });
});
