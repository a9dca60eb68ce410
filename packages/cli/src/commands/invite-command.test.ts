/**
 * Issue 15 over a real server: `steno invite` for the privacy-officer role waits for a second
 * officer (`steno invite requests`, `steno invite approve ID`); `steno device list` shows device
 * health only (a subject only with --subject); `steno enrol-token` for an erased subject says why.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueApiToken } from '@steno/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/support/test-server.ts';
import { buildProgram } from '../main.ts';

describe('steno invite, device list and enrol-token (issue 15)', () => {
  let ts: TestServer;
  let url: string;
  const files: Record<'first' | 'second' | 'operator', string> = { first: '', second: '', operator: '' };

  beforeAll(async () => {
    ts = await startTestServer('pglite');
    url = await ts.server.listen();
    const issue = async (
      name: keyof typeof files,
      principal: string,
      role: 'privacy_officer' | 'operator',
    ) => {
      const scopes = role === 'operator' ? ['devices:admin'] : ['program:admin'];
      const t = await issueApiToken(ts.server.db, { principal, role, scopes, ttlMs: 600_000 }, Date.now());
      files[name] = join(ts.dataDir, `${name}.token`);
      writeFileSync(files[name], `${t.token}\n`, { mode: 0o600 });
    };
    await issue('first', 'person:po-first', 'privacy_officer');
    await issue('second', 'person:po-second', 'privacy_officer');
    await issue('operator', 'person:op', 'operator');
    const now = Date.now();
    await ts.server.db.query('INSERT INTO subjects (id, created_at) VALUES ($1, $2), ($3, $2)', [
      'dev-ann',
      now,
      'gone-bob',
    ]);
    await ts.server.db.query(
      `INSERT INTO devices (id, subject_id, public_key, name, created_at, revoked_at, last_seq)
       VALUES ('dv_one', 'dev-ann', 'pk-one', 'ann laptop', $1, NULL, 41), ('dv_two', 'dev-ann', 'pk-two', 'ann old', $1, $1, 7)`,
      [now],
    );
    await ts.server.db.query('UPDATE subjects SET erased_at = $2 WHERE id = $1', ['gone-bob', now]);
  });
  afterAll(async () => ts.close());

  /** Runs `steno ARGS` in-process as one of the token holders; returns stdout and stderr. */
  async function steno(as: keyof typeof files, ...args: string[]): Promise<{ out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const error = vi
      .spyOn(console, 'error')
      .mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    try {
      await buildProgram()
        .exitOverride()
        .parseAsync(['node', 'steno', ...args, '--server', url, '--token-file', files[as]]);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    return { out: out.join('\n'), err: err.join('\n') };
  }

  it('an officer invitation waits for a second officer, who alone may approve it and gets the link', async () => {
    const asked = await steno('first', 'invite', 'pat@example.test', '--role', 'privacy_officer');
    const id = /request (rg_\S+) waits for a second privacy officer/.exec(asked.out)?.[1];
    expect(id).toBeDefined();
    expect(asked.err).toContain(`steno invite approve ${id}`);
    expect(asked.out).not.toContain('#');

    const listed = await steno('second', 'invite', 'requests');
    expect(listed.out).toMatch(
      new RegExp(`${id}\\tpat@example.test\\tprivacy_officer\\trequested by person:po-first`),
    );

    await expect(steno('first', 'invite', 'approve', id ?? '')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const approved = await steno('second', 'invite', 'approve', id ?? '');
    expect(approved.out).toMatch(/^https?:\/\/\S+#\/invite\/\S+$/);
    expect(approved.err).toContain('pat@example.test (privacy_officer)');
    expect((await steno('second', 'invite', 'requests', '--json')).out).toBe('{"requests":[]}');
  });

  it('other roles are invited at once', async () => {
    const r = await steno('first', 'invite', 'mo@example.test', '--role', 'ml_engineer');
    expect(r.out).toMatch(/#\/invite\//);
  });

  it('device list shows id, name, enrolled and revoked, and a subject only when asked for one', async () => {
    const all = await steno('operator', 'device', 'list');
    expect(all.out).toMatch(/^dv_one\tann laptop\tenrolled \S+\tactive$/m);
    expect(all.out).toMatch(/^dv_two\tann old\tenrolled \S+\trevoked \S+$/m);
    expect(all.out).not.toContain('dev-ann');
    expect(all.out).not.toMatch(/seq|\t41\b/);
    const one = await steno('operator', 'device', 'list', '--subject', 'dev-ann');
    expect(one.out).toMatch(/^dv_one\tdev-ann\tann laptop\t/m);
  });

  it('enrol-token for an erased subject fails with the server’s message', async () => {
    await expect(steno('operator', 'enrol-token', '--subject', 'gone-bob')).rejects.toMatchObject({
      code: 'SUBJECT_ERASED',
      message: expect.stringContaining('re-invite'),
    });
  });

  it('invite without --role is refused before anything is sent', async () => {
    await expect(steno('first', 'invite', 'x@example.test')).rejects.toMatchObject({
      code: 'ROLE_REQUIRED',
    });
  });

  it('has --help on invite, its subcommands and device list', () => {
    const invite = buildProgram().commands.find((c) => c.name() === 'invite');
    expect(invite?.commands.map((c) => c.name()).sort()).toEqual(['approve', 'requests']);
    expect(invite?.helpInformation()).toMatch(/second privacy officer/);
    for (const c of invite?.commands ?? []) expect(c.helpInformation()).toMatch(/--server <url>/);
    const list = buildProgram()
      .commands.find((c) => c.name() === 'device')
      ?.commands.find((c) => c.name() === 'list');
    expect(list?.helpInformation()).toMatch(/--subject <id>/);
  });
});
