/** Issue 18: `steno agent token --server URL` takes the server like the other client commands. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrEnrolIdentity } from '@steno/agent';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/support/test-server.ts';
import { removeDir, tempDir } from '../../../../test/support/test-stores.ts';
import { createEnrolToken } from '../../../server/src/ingest/device-enrolment.ts';
import { registerAgentCommand } from './agent-command.ts';

describe('steno agent token --server', () => {
  let ts: TestServer;
  let url: string;
  let dir: string;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
    url = await ts.server.app.listen({ host: '127.0.0.1', port: 0 });
    dir = tempDir('steno-agent-token-');
    const { token } = await createEnrolToken(ts.server.enrolment, 'token-owner', 'test');
    await loadOrEnrolIdentity({ dataDir: dir, server: url, enrolToken: token, log: () => {} });
    // The device file names a server that is gone (moved behind a new name, say).
    const file = join(dir, 'device.json');
    const device = JSON.parse(readFileSync(file, 'utf8')) as { server: string };
    writeFileSync(file, JSON.stringify({ ...device, server: 'http://127.0.0.1:9' }));
  });
  afterAll(async () => {
    await ts?.close();
    if (dir) removeDir(dir);
  });

  const steno = async (...args: string[]): Promise<string> => {
    const program = new Command('steno').exitOverride().enablePositionalOptions();
    registerAgentCommand(program);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await program.parseAsync(['node', 'steno', 'agent', 'token', '--data', dir, ...args]);
      return log.mock.calls.map((c) => String(c[0])).join('\n');
    } finally {
      log.mockRestore();
    }
  };

  it('uses --server when given: the token it prints reads the contributor’s own data', async () => {
    const token = (await steno('--server', url)).trim();
    expect(token.length).toBeGreaterThan(20);
    const res = await fetch(`${url}/v1/me/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });

  it('without it, the enrolled server is used, and an unreachable one is a clear error', async () => {
    await expect(steno()).rejects.toMatchObject({ code: 'SERVER_UNREACHABLE' });
    await expect(steno()).rejects.toThrow(/127\.0\.0\.1:9: check the URL/);
  });
});
