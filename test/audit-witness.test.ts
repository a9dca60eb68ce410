/**
 * Issue 20: checkpoints are published only with a quorum of witness cosignatures, and every kind
 * of tampering — an edited, deleted, swapped or forged row, a tree rebuilt and re-signed with the
 * server's own key — is caught by `audit verify` and by the portal's in-browser verifier against
 * the witnessed checkpoint, and by the witness itself, which refuses to cosign the rewritten log.
 * Witnesses run embedded (own folder, own key) and as separate `steno witness` processes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createPrivateKey, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leafHash, MerkleLog, rawPublicKey, verifierKeyString } from '@steno/tlog';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../packages/cli/src/audit-verify.ts';
import { verifyLogInBrowser } from '../packages/portal/src/tlog-verify.ts';
import { SqlNodeStore } from '../packages/server/src/audit/sql-node-store.ts';
import { createStenoServer } from '../packages/server/src/steno-server.ts';
import { enrolTestDevice, post, sampleEvents } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const BIN = join(import.meta.dirname, '../packages/cli/bin/steno.js');
const utf8 = new TextEncoder();
type Entry = { idx: number; text: string };

const rows = async (ts: TestServer): Promise<Entry[]> =>
  (await ts.server.db.query('SELECT idx, entry FROM audit_entries ORDER BY idx')).map((r) => ({
    idx: Number(r.idx),
    text: String(r.entry),
  }));

async function readSome(ts: TestServer, n: number) {
  const dev = await enrolTestDevice(ts.server, `w${randomBytes(3).toString('hex')}`);
  await post(ts.server.app, '/v1/batches', dev.batch(sampleEvents(Date.now() - 1_000)));
  const token = await dev.personalToken();
  for (let i = 0; i < n; i++)
    await ts.server.app.inject({
      method: 'GET',
      url: '/v1/me/events',
      headers: { authorization: `Bearer ${token}` },
    });
}

const policyOf = (ts: TestServer) => {
  const p = ts.server.checkpoints.policy;
  return { keys: p.witnesses.map((w) => w.verifierKey), quorum: p.quorum };
};

async function bothVerifiers(ts: TestServer, checkpoint: string, entries: Entry[]) {
  const p = policyOf(ts);
  const cli = verifyAuditLog({
    checkpoint,
    verifierKey: ts.server.auditVerifierKey,
    witnesses: p.keys,
    quorum: p.quorum,
    entries,
  });
  const browser = await verifyLogInBrowser(checkpoint, ts.server.auditVerifierKey, p, entries);
  return { cli: cli.ok, browser: browser.ok };
}

describe('witnessed checkpoints, embedded witness', () => {
  let ts: TestServer;
  let witnessed: string;
  let pristine: Entry[];
  beforeAll(async () => {
    ts = await startTestServer('pglite', {
      config: { auditCheckTailMs: 3_600_000, checkpointIntervalMs: 3_600_000 },
    });
    await readSome(ts, 6);
    const res = await ts.server.app.inject({ method: 'GET', url: '/v1/audit/checkpoint' });
    expect(res.statusCode).toBe(200);
    witnessed = res.body;
    pristine = (await rows(ts)).slice(0, Number(witnessed.split('\n')[1]));
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('the checkpoint carries the log signature and the witness cosignature; the witness has its own folder and key', async () => {
    const key = (await ts.server.app.inject({ method: 'GET', url: '/v1/audit/key' })).json();
    expect(key).toMatchObject({ quorum: 1, witnesses: [{ name: 'steno.local/witness' }] });
    expect(witnessed.split('\n').filter((l) => l.startsWith('\u2014 '))).toHaveLength(2);
    expect(await bothVerifiers(ts, witnessed, pristine)).toEqual({ cli: true, browser: true });
    const dir = join(ts.dataDir, 'witness');
    expect(statSync(join(dir, 'witness.key')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, 'state.json'))).toBe(true);
    // A checkpoint the log signed alone (as an attacker with the key could) is refused by both.
    const alone = `${witnessed.split('\n\u2014 steno.local/witness')[0]}\n`;
    expect(await bothVerifiers(ts, alone, pristine)).toEqual({ cli: false, browser: false });
  });

  it('edit, delete, swap and insertion are each caught by audit verify and the in-browser verifier', async () => {
    const edit = pristine.map((e, i) => (i === 3 ? { ...e, text: e.text.replace('allow', 'deny') } : e));
    const del = pristine.filter((e) => e.idx !== 2).map((e, i) => ({ ...e, idx: i }));
    const swap = pristine.map((e, i) =>
      i === 1
        ? { ...e, text: (pristine[4] as Entry).text }
        : i === 4
          ? { ...e, text: (pristine[1] as Entry).text }
          : e,
    );
    const insert = [...pristine.slice(0, 2), { idx: 2, text: '{"forged":true}' }, ...pristine.slice(2)].map(
      (e, i) => ({
        ...e,
        idx: i,
      }),
    );
    for (const [what, list] of [
      ['edit', edit],
      ['delete', del],
      ['swap', swap],
      ['insert', insert],
    ] as const)
      expect(await bothVerifiers(ts, witnessed, list), what).toEqual({ cli: false, browser: false });
  });
});

describe('a rebuilt and re-signed tree against the witness', () => {
  let ts: TestServer | undefined;
  afterEach(async () => {
    await ts?.close();
    ts = undefined;
  });

  it('the witness refuses it (fork 409 or rewrite 422) even after a restart without the last published checkpoint; the server says AUDIT_TAMPERED; both verifiers refuse it', async () => {
    ts = await startTestServer('pglite', {
      config: { auditCheckTailMs: 3_600_000, checkpointIntervalMs: 3_600_000 },
    });
    await readSome(ts, 5);
    const witnessed = (await ts.server.checkpoints.publish())?.note as string;
    expect(witnessed).toBeTruthy();
    // The attacker holds the data folder: rewrites entry 2, its leaf hash and every node…
    const e = (await rows(ts))[2] as Entry;
    const forged = e.text.replace('allow', 'deny');
    await ts.server.db.query('UPDATE audit_entries SET entry = $1, leaf_hash = $2 WHERE idx = 2', [
      forged,
      leafHash(utf8.encode(forged)),
    ]);
    await ts.server.db.exec('DELETE FROM audit_nodes');
    await MerkleLog.create(new SqlNodeStore(ts.server.db)).append(
      (await rows(ts)).map((r) => leafHash(utf8.encode(r.text))),
    );
    // …re-signs with the server's key, and removes the server's copy of the witnessed checkpoint.
    const resigned = await ts.server.audit.checkpoint();
    const tampered = await rows(ts);
    expect(await bothVerifiers(ts, resigned, tampered)).toEqual({ cli: false, browser: false });
    expect(await bothVerifiers(ts, witnessed, tampered)).toEqual({ cli: false, browser: false });
    rmSync(join(ts.dataDir, 'audit-checkpoint.txt'));
    // A restarted server: its own full check has no anchor left and passes; the witness does not.
    await ts.server.app.close();
    const again = await createStenoServer(ts.server.config, { db: ts.server.db });
    try {
      expect(again.auditCheck.finding?.reason).toMatch(/refused the log as not extending|holds another tree/);
      const cp = await again.app.inject({ method: 'GET', url: '/v1/audit/checkpoint' });
      expect(cp.json().error.code).toBe('AUDIT_TAMPERED');
      expect(again.checkpoints.latest).toBeUndefined();
    } finally {
      await again.app.close();
    }
  });

  it('a forged appended row: the live server refuses to publish, and `steno audit verify` exits with AUDIT_TAMPERED', async () => {
    ts = await startTestServer('pglite', {
      config: { auditCheckTailMs: 3_600_000, checkpointIntervalMs: 3_600_000 },
    });
    await readSome(ts, 3);
    await ts.server.checkpoints.publish();
    const n = (await rows(ts)).length;
    const text = '{"action":"forged"}';
    await ts.server.db.query('INSERT INTO audit_entries (idx, at, entry, leaf_hash) VALUES ($1, 0, $2, $3)', [
      n,
      text,
      leafHash(utf8.encode(text)),
    ]);
    const url = await ts.server.app.listen({ host: '127.0.0.1', port: 0 });
    // Reading proofs is itself an audited read: the verifier signs in (a privacy officer's token).
    const { issueApiToken } = await import('../packages/server/src/auth/api-tokens.ts');
    const po = await issueApiToken(
      ts.server.db,
      { principal: 'person:po', role: 'privacy_officer', scopes: ['audit:read'], ttlMs: 60_000 },
      Date.now(),
    );
    const tokenDir = mkdtempSync(join(tmpdir(), 'steno-witness-token-'));
    writeFileSync(join(tokenDir, 'token'), po.token, { mode: 0o600 });
    const out = await runCli([
      'audit',
      'verify',
      '--server',
      url,
      '--token-file',
      join(tokenDir, 'token'),
      '--key',
      ts.server.auditVerifierKey,
    ]);
    rmSync(tokenDir, { recursive: true, force: true });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('AUDIT_TAMPERED');
    expect(out.stderr).toContain(`entry ${n}`);
  });
});

function runCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args]);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    p.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Starts `steno witness` as a process of its own; resolves with its URL and verifier key. */
function startWitnessProcess(
  dir: string,
  name: string,
  logKey: string,
): Promise<{ proc: ChildProcess; url: string; verifierKey: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [
      BIN,
      'witness',
      '--dir',
      dir,
      '--name',
      name,
      '--log',
      logKey,
      '--port',
      '0',
    ]);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`witness did not start: ${out}`)), 30_000);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /listening on (\S+)/.exec(out)?.[1];
      const key = /verifier key: (\S+)/.exec(out)?.[1];
      if (url && key) {
        clearTimeout(timer);
        resolve({ proc, url, verifierKey: key });
      }
    });
    proc.on('exit', (code) => reject(new Error(`witness exited ${code}: ${out}`)));
  });
}

describe('separate witness processes and a quorum', () => {
  const procs: ChildProcess[] = [];
  let ts: TestServer | undefined;
  let dir = '';
  afterAll(async () => {
    await ts?.close();
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('two `steno witness` processes, quorum 2: published only with both; one down, the checkpoint lags', async () => {
    dir = mkdtempSync(join(tmpdir(), 'steno-witnesses-'));
    const seed = randomBytes(32);
    const origin = 'steno.test/audit';
    const key = createPrivateKey({
      key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
      format: 'der',
      type: 'pkcs8',
    });
    const logKey = verifierKeyString(origin, rawPublicKey(key));
    const w1 = await startWitnessProcess(join(dir, 'w1'), 'witness.test/w1', logKey);
    const w2 = await startWitnessProcess(join(dir, 'w2'), 'witness.test/w2', logKey);
    procs.push(w1.proc, w2.proc);
    ts = await startTestServer('pglite', {
      config: {
        auditOrigin: origin,
        auditKey: seed.toString('base64'),
        witnesses: [w1, w2].map((w) => ({ url: w.url, verifierKey: w.verifierKey })),
        witnessQuorum: 2,
        checkpointIntervalMs: 3_600_000,
      },
    });
    expect(ts.server.embeddedWitness).toBeUndefined();
    await readSome(ts, 3);
    const first = await ts.server.checkpoints.publish();
    expect(first?.cosignedBy.sort()).toEqual(['witness.test/w1', 'witness.test/w2']);
    const entries = (await rows(ts)).slice(0, first?.size);
    expect(await bothVerifiers(ts, first?.note as string, entries)).toEqual({ cli: true, browser: true });
    // One witness down: new entries are not published; the served checkpoint stays the last one.
    w2.proc.kill('SIGTERM');
    await new Promise((r) => w2.proc.once('exit', r));
    await readSome(ts, 2);
    expect(await ts.server.checkpoints.publish()).toBeUndefined();
    const served = await ts.server.app.inject({ method: 'GET', url: '/v1/audit/checkpoint' });
    expect(served.body).toBe(first?.note);
  });
});
