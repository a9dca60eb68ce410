/** Issue 17: `steno agent task start|name|end|abandon` against a running agent (scripted input, real control server). */
import { join } from 'node:path';
import { agentStatus, type RawFeed, runLiveAgent } from '@steno/agent';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeStenoServer } from '../../../agent/src/test-support/fake-steno-server.ts';
import { tempDir } from '../../../agent/src/test-support/test-fixtures.ts';
import { registerAgentCommand } from './agent-command.ts';
import { registerAgentTaskCommand } from './agent-task-command.ts';

describe('steno agent task', () => {
  let dataDir: string;
  const cleanups: (() => Promise<void>)[] = [];
  const steno = async (...args: string[]) => {
    const program = new Command('steno').exitOverride().enablePositionalOptions();
    registerAgentCommand(program);
    registerAgentTaskCommand(program);
    await program.parseAsync(['node', 'steno', ...args, '--data', dataDir]);
  };

  beforeAll(async () => {
    const server = await new FakeStenoServer().start();
    server.scope = { apps: [{ app: 'editor', level: 'full' }], sites: [] };
    cleanups.push(() => server.close());
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    dataDir = join(dir, 'agent');
    let emit: Parameters<RawFeed['start']>[0] = () => {};
    const feed: RawFeed = {
      start(onInput, onState) {
        emit = onInput;
        onState('running', undefined);
      },
      stop: async () => {},
    };
    const running = await runLiveAgent({
      server: server.url,
      enrolToken: server.addToken(),
      dataDir,
      log: () => {},
      batch: { maxDelayMs: 50 },
      holdbackMs: 60_000,
      notify: false,
      live: { feed, guardMs: 10 },
      frames: { enabled: false },
    });
    cleanups.push(() => running.stop());
    const until = Date.now() + 5_000;
    while (running.live.status().lease.state !== 'active' && Date.now() < until)
      await new Promise((r) => setTimeout(r, 20));
    emit(['f', Date.now(), 'editor', 'notes.txt', 42]);
  });
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('starts, names and ends a task in the running agent; the words become one label', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await steno('agent', 'task', 'start', 'File', 'the', 'Q3', 'report');
      expect((await agentStatus(dataDir)).task?.label).toBe('File the Q3 report');
      await steno('agent', 'task', 'name', 'File the Q3 expense report');
      expect((await agentStatus(dataDir)).task?.label).toBe('File the Q3 expense report');
      await steno('agent', 'task', 'end');
      expect((await agentStatus(dataDir)).task).toBeUndefined();
      expect(log.mock.calls.map((c) => c[0])).toEqual([
        'task open: File the Q3 report',
        'task open: File the Q3 expense report',
        'task ended',
      ]);
    } finally {
      log.mockRestore();
    }
  });

  it('refuses with stable codes: nothing open to abandon, an empty description', async () => {
    await expect(steno('agent', 'task', 'abandon')).rejects.toMatchObject({
      code: 'CONTROL_REFUSED',
      serverCode: 'TASK_NOT_OPEN',
    });
    await expect(steno('agent', 'task', 'start', '  ')).rejects.toMatchObject({ code: 'USAGE' });
  });
});
