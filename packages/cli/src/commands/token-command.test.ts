/** Issue 15: `steno token list|revoke` over a real server: my tokens only, never a value. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueApiToken } from '@steno/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/support/test-server.ts';
import { CliError } from '../cli-error.ts';
import { buildProgram } from '../main.ts';

describe('steno token', () => {
  let ts: TestServer;
  let url: string;
  let mine: { id: string; token: string };
  let second: { id: string; token: string };
  let theirs: { id: string; token: string };
  let file: string;

  beforeAll(async () => {
    ts = await startTestServer('pglite');
    url = await ts.server.listen();
    const issue = (principal: string, name: string) =>
      issueApiToken(
        ts.server.db,
        {
          principal,
          role: 'ml_engineer',
          scopes: ['datasets:read'],
          ttlMs: 86_400_000,
          name,
        },
        Date.now(),
      );
    mine = await issue('person:mia', 'laptop cli');
    second = await issue('person:mia', 'training script');
    theirs = await issue('person:other', 'not mine');
    file = join(ts.dataDir, 'mia.token');
    writeFileSync(file, `${mine.token}\n`, { mode: 0o600 });
  });
  afterAll(async () => ts.close());

  /** Runs `steno ARGS` in-process; returns what it printed. */
  async function steno(...args: string[]): Promise<string> {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
      lines.push(a.join(' '));
    });
    try {
      await buildProgram()
        .exitOverride()
        .parseAsync(['node', 'steno', ...args, '--server', url, '--token-file', file]);
    } finally {
      spy.mockRestore();
    }
    return lines.join('\n');
  }

  it('lists my tokens with name, scopes and state, and never a value or anyone else’s', async () => {
    const out = await steno('token', 'list');
    expect(out).toContain(mine.id);
    expect(out).toContain(second.id);
    expect(out).toMatch(/laptop cli\tdatasets:read\t.*\tactive/);
    expect(out).not.toContain(theirs.id);
    expect(out).not.toContain('stk_');
    const json = JSON.parse(await steno('token', 'list', '--json')) as { tokens: { id: string }[] };
    expect(json.tokens.map((t) => t.id).sort()).toEqual([mine.id, second.id].sort());
  });

  it('revokes one of mine; the revoked token stops working; another person’s is not found', async () => {
    expect(await steno('token', 'revoke', second.id)).toBe(`token ${second.id} revoked`);
    expect(await steno('token', 'list')).toMatch(new RegExp(`${second.id}\\t.*\\trevoked`));
    const res = await fetch(`${url}/v1/tokens`, { headers: { authorization: `Bearer ${second.token}` } });
    expect(res.status).toBe(401);
    await expect(steno('token', 'revoke', theirs.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(steno('token', 'revoke', theirs.id)).rejects.toBeInstanceOf(CliError);
  });

  it('has --help on each subcommand', () => {
    const token = buildProgram().commands.find((c) => c.name() === 'token');
    expect(token?.commands.map((c) => c.name()).sort()).toEqual(['list', 'revoke']);
    for (const c of token?.commands ?? []) expect(c.helpInformation()).toMatch(/--server <url>/);
  });
});
