/**
 * The contributor's controls of a running agent as commands, shared by `steno agent …` (the CLI)
 * and `steno-agent …` (the installed agent): status, pause, resume, forget, and the task markers
 * (issue 17). They talk to the agent's local control server (control-client.ts).
 */
import type { Command } from 'commander';
import { agentStatus, forgetAgent, markAgentTask, pauseAgent, resumeAgent } from '../control-client.ts';

/** A refusal of a command's input, with a stable code (the CLIs print `CODE: message`). */
export class CommandInputError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CommandInputError';
    this.code = code;
  }
}

/** "30m", "10s", "2h", "500ms" or plain milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new CommandInputError('USAGE', `not a duration: ${text} (use e.g. 30s, 10m, 2h)`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[(m[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

/** The `--data DIR` option every control command takes. */
export function withDataOption(command: Command): Command {
  return command.option('--data <dir>', 'agent data folder (default $STENO_AGENT_DIR or ~/.steno-agent)');
}

/** Registers status, pause, resume and forget under `parent`. */
export function registerControlCommands(parent: Command, defaultDir: () => string): void {
  withDataOption(
    parent
      .command('status')
      .description('what the running agent is doing: capturing, paused, out of scope, no lease'),
  ).action(async (opts: { data?: string }) => {
    console.log(JSON.stringify(await agentStatus(opts.data ?? defaultDir()), null, 2));
  });
  withDataOption(parent.command('pause').description('stop capturing now (for a while with --for)'))
    .option('--for <duration>', 'resume by itself after this long, e.g. 30m')
    .action(async (opts: { data?: string; for?: string }) => {
      await pauseAgent(opts.data ?? defaultDir(), opts.for ? parseDuration(opts.for) : undefined);
      console.log(opts.for ? `paused for ${opts.for}` : 'paused until you resume');
    });
  withDataOption(
    parent.command('resume').description('capture again (within the scope of the lease)'),
  ).action(async (opts: { data?: string }) => {
    await resumeAgent(opts.data ?? defaultDir());
    console.log('resumed');
  });
  withDataOption(
    parent.command('forget').description('delete what was captured recently, before it leaves this machine'),
  )
    .requiredOption('--last <duration>', 'how far back, e.g. 10m (at most the holdback window)')
    .action(async (opts: { data?: string; last: string }) => {
      const out = await forgetAgent(opts.data ?? defaultDir(), parseDuration(opts.last));
      console.log(`forgot ${out.eventsDropped} events in ${out.entriesForgotten} spooled batches`);
    });
}

const MAX_TASK_LABEL = 200;

/**
 * `task start "File the Q3 expense report" | name "…" | end | abandon` under `parent`: the
 * contributor marks what they are doing, so a dataset episode is that task (across applications)
 * with their own words as its instruction. The label is filtered on the device like typed text
 * before anything is stored. `example` is how the person types the command (for error messages).
 */
export function registerTaskCommands(parent: Command, defaultDir: () => string, example: string): void {
  const label = (words: string[]): string => {
    const text = words.join(' ').trim();
    if (text === '')
      throw new CommandInputError('USAGE', `say what the task is, e.g. ${example} start "File the report"`);
    if (text.length > MAX_TASK_LABEL)
      throw new CommandInputError('USAGE', `a task description has at most ${MAX_TASK_LABEL} characters`);
    return text;
  };
  const task = parent
    .command('task')
    .description('mark a task: start it, name it, end it or abandon it (datasets group actions by task)');
  const print = (reply: Awaited<ReturnType<typeof markAgentTask>>, done: string) =>
    console.log(reply.task ? `task open: ${reply.task.label ?? '(no description yet)'}` : done);
  withDataOption(
    task.command('start').description('start a task, described in your words').argument('[description...]'),
  ).action(async (words: string[], opts: { data?: string }) => {
    print(await markAgentTask(opts.data ?? defaultDir(), 'start', label(words)), 'task started');
  });
  withDataOption(
    task.command('name').description('describe (or re-describe) the open task').argument('<description...>'),
  ).action(async (words: string[], opts: { data?: string }) => {
    print(await markAgentTask(opts.data ?? defaultDir(), 'name', label(words)), 'task named');
  });
  withDataOption(task.command('end').description('the open task is done')).action(
    async (opts: { data?: string }) => {
      print(await markAgentTask(opts.data ?? defaultDir(), 'end'), 'task ended');
    },
  );
  withDataOption(
    task.command('abandon').description('give up the open task (its episode is left out of datasets)'),
  ).action(async (opts: { data?: string }) => {
    print(await markAgentTask(opts.data ?? defaultDir(), 'abandon'), 'task abandoned');
  });
}
