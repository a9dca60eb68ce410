/**
 * `steno agent task start "File the Q3 expense report" | name "..." | end | abandon` (issue 17):
 * the contributor marks what they are doing, so a dataset episode is that task (across
 * applications) with their own words as its instruction. It talks to the running agent's local
 * control server; the label is filtered on the device like typed text before anything is stored.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { markAgentTask } from '@steno/agent';
import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';

const defaultAgentDir = () => process.env.STENO_AGENT_DIR ?? join(homedir(), '.steno-agent');
const MAX_LABEL = 200;

function label(words: string[]): string {
  const text = words.join(' ').trim();
  if (text === '')
    throw new CliError('USAGE', 'say what the task is, e.g. steno agent task start "File the report"');
  if (text.length > MAX_LABEL)
    throw new CliError('USAGE', `a task description has at most ${MAX_LABEL} characters`);
  return text;
}

/** Adds `task` under the `agent` command (register the agent command first). */
export function registerAgentTaskCommand(program: Command): void {
  const agent = program.commands.find((c) => c.name() === 'agent');
  if (!agent) throw new Error('register the agent command before its task command');
  const task = agent
    .command('task')
    .description('mark a task: start it, name it, end it or abandon it (datasets group actions by task)');
  const withData = (c: Command) =>
    c.option('--data <dir>', 'agent data folder (default $STENO_AGENT_DIR or ~/.steno-agent)');
  const print = (reply: Awaited<ReturnType<typeof markAgentTask>>, done: string) =>
    console.log(reply.task ? `task open: ${reply.task.label ?? '(no description yet)'}` : done);

  withData(
    task.command('start').description('start a task, described in your words').argument('[description...]'),
  ).action(async (words: string[], opts: { data?: string }) => {
    print(await markAgentTask(opts.data ?? defaultAgentDir(), 'start', label(words)), 'task started');
  });
  withData(
    task.command('name').description('describe (or re-describe) the open task').argument('<description...>'),
  ).action(async (words: string[], opts: { data?: string }) => {
    print(await markAgentTask(opts.data ?? defaultAgentDir(), 'name', label(words)), 'task named');
  });
  withData(task.command('end').description('the open task is done')).action(
    async (opts: { data?: string }) => {
      print(await markAgentTask(opts.data ?? defaultAgentDir(), 'end'), 'task ended');
    },
  );
  withData(
    task.command('abandon').description('give up the open task (its episode is left out of datasets)'),
  ).action(async (opts: { data?: string }) => {
    print(await markAgentTask(opts.data ?? defaultAgentDir(), 'abandon'), 'task abandoned');
  });
}
