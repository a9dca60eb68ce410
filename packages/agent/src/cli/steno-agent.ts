/**
 * `steno-agent`: the agent as installed on a work machine (the Debian package's command, its
 * systemd user service and its XDG autostart entry run `steno-agent run`). It holds only the
 * agent: no server code ships with it.
 *
 *   steno-agent enrol TOKEN [--server URL]   bind this machine to its contributor (single-use token)
 *   steno-agent run                           capture this desktop, with the indicator always shown
 *   steno-agent status | pause | resume | forget --last 10m | open | task start "…" | end
 *
 * Fleet configuration: an MDM drops a policy file (default /etc/steno/agent.json, or
 * $STENO_AGENT_POLICY) naming the server and, where a machine has one contributor, an enrolment
 * token; command-line options win over it. `run` refuses to capture unless the indicator (a
 * resident desktop notification, indicator.ts) is shown, and stops when it can no longer be shown.
 */
import { spawn } from 'node:child_process';
import { open, readFile, rm } from 'node:fs/promises';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { AgentError } from '../agent-error.ts';
import { ensurePrivateDir } from '../atomic-file.ts';
import { forgetAgent, pauseAgent, resumeAgent, statusPageUrl } from '../control-client.ts';
import { loadOrEnrolIdentity } from '../device-identity.ts';
import { type Indicator, type IndicatorAction, startIndicator } from '../indicator.ts';
import { runLiveAgent } from '../live-agent.ts';
import { type LogFn, stderrLog } from '../log.ts';
import {
  CommandInputError,
  parseDuration,
  registerControlCommands,
  registerTaskCommands,
  withDataOption,
} from './control-commands.ts';

export const DEFAULT_POLICY_FILE = '/etc/steno/agent.json';
const FORGET_MS = 10 * 60_000;

/** The policy file an MDM drops: what the organisation configures for every machine. */
export const AgentPolicy = z
  .object({
    server: z.url(),
    enrolToken: z.string().min(1).optional(),
    holdback: z.string().optional(),
    frames: z.boolean().optional(),
    deviceName: z.string().min(1).max(200).optional(),
  })
  .strict();
export type AgentPolicy = z.infer<typeof AgentPolicy>;

/** Reads the policy file; an absent default file is no policy, an unreadable or invalid one is an error. */
export async function readPolicy(file: string | undefined): Promise<AgentPolicy | undefined> {
  const path = file ?? process.env.STENO_AGENT_POLICY ?? DEFAULT_POLICY_FILE;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && file === undefined) return undefined;
    throw new CommandInputError('POLICY_UNREADABLE', `cannot read the policy file ${path}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CommandInputError('POLICY_INVALID', `${path} is not JSON`);
  }
  const parsed = AgentPolicy.safeParse(json);
  if (!parsed.success)
    throw new CommandInputError(
      'POLICY_INVALID',
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')} (fields: server, enrolToken, holdback, frames, deviceName)`,
    );
  return parsed.data;
}

const defaultDataDir = (): string => process.env.STENO_AGENT_DIR ?? join(homedir(), '.steno-agent');

/**
 * One agent per data directory: `agent.pid`, created exclusively; a file left by a process that
 * is gone is taken over. The autostart entry and the user service may both start the agent.
 */
async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  await ensurePrivateDir(dir);
  const file = join(dir, 'agent.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid))
        throw new AgentError('ALREADY_RUNNING', `an agent already runs with ${dir} (pid ${pid})`);
      await rm(file, { force: true });
    }
  }
  throw new AgentError('ALREADY_RUNNING', `could not take ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The server: the option, $STENO_SERVER, or the policy file's; else NO_SERVER. */
function serverOf(option: string | undefined, policy: AgentPolicy | undefined): string {
  const server = option ?? process.env.STENO_SERVER ?? policy?.server;
  if (!server)
    throw new CommandInputError(
      'NO_SERVER',
      `no Steno server configured: pass --server URL, or have ${DEFAULT_POLICY_FILE} name one ("server")`,
    );
  return server;
}

interface RunOpts {
  server?: string;
  data?: string;
  name?: string;
  holdback?: string;
  frames: boolean;
  policy?: string;
}

async function run(opts: RunOpts, log: LogFn): Promise<void> {
  const policy = await readPolicy(opts.policy);
  const server = serverOf(opts.server, policy);
  const dir = opts.data ?? defaultDataDir();
  const holdback = opts.holdback ?? policy?.holdback;
  const unlock = await lockDataDir(dir);
  let indicator: Indicator | undefined;
  let stopping: Promise<void> | undefined;
  try {
    // The indicator first: nothing is captured unless the person can see that the agent runs.
    let act: (action: IndicatorAction) => void = () => {};
    // Lost before the agent is up (while it enrols or starts): remembered, and it stops at once.
    let lostEarly = false;
    let lose: (reason: string) => void = () => {
      lostEarly = true;
    };
    indicator = await startIndicator({
      log,
      onAction: (a) => act(a),
      onLost: (r) => lose(r),
    });
    await indicator.show({
      state: 'no_lease',
      app: undefined,
      level: 'none',
      contributorPausedUntil: undefined,
    });
    const shown = indicator;
    const live = await runLiveAgent({
      server,
      enrolToken: policy?.enrolToken,
      dataDir: dir,
      deviceName: opts.name ?? policy?.deviceName ?? hostname(),
      holdbackMs: holdback === undefined ? undefined : parseDuration(holdback),
      frames: { enabled: opts.frames && policy?.frames !== false },
      log,
      onCaptureState: (status) => {
        shown.show(status).catch(() => {});
      },
    });
    const stop = (code: number): Promise<void> =>
      (stopping ??= (async () => {
        await live.stop().catch(() => {});
        await shown.close();
        await unlock();
        process.exit(code);
      })());
    act = (action) => {
      const done = (p: Promise<unknown>): void => {
        void p.catch((err: unknown) =>
          log('warn', 'indicator_action_failed', { action, error: String(err) }),
        );
      };
      if (action === 'pause') done(pauseAgent(dir));
      else if (action === 'resume') done(resumeAgent(dir));
      else if (action === 'forget') done(forgetAgent(dir, FORGET_MS));
      else done(statusPageUrl(dir).then((url) => openInBrowser(url, log)));
    };
    // Fail closed: an agent that can no longer be seen stops capturing (the service restarts it).
    lose = () => void stop(3);
    if (lostEarly) void stop(3);
    log('info', 'agent_running', { deviceId: live.agent.status().deviceId, statusPort: live.control.port });
    process.once('SIGINT', () => void stop(0));
    process.once('SIGTERM', () => void stop(0));
  } catch (err) {
    await indicator?.close();
    await unlock();
    throw err;
  }
}

function openInBrowser(url: string, log: LogFn): void {
  const child = spawn('xdg-open', [url], { stdio: 'ignore', detached: true });
  child.on('error', () => log('warn', 'status_page_not_opened', { hint: 'run steno-agent open' }));
  child.unref();
}

export function buildAgentProgram(log: LogFn = stderrLog): Command {
  const program = new Command('steno-agent')
    .description(
      'the Steno agent on this machine: records this desktop for the capture program, always visibly, within the signed scope',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions();
  const dataOpt = withDataOption;

  dataOpt(
    program
      .command('enrol')
      .argument('<token>', 'the single-use enrolment token your privacy officer gave you')
      .description('bind this machine to its contributor (once; the token is single-use)')
      .option('--server <url>', `Steno server URL (default $STENO_SERVER or the policy file's "server")`)
      .option('--name <name>', 'device name shown to you and operators (default the host name)')
      .option('--policy <file>', `policy file (default $STENO_AGENT_POLICY or ${DEFAULT_POLICY_FILE})`),
  ).action(
    async (token: string, opts: { server?: string; data?: string; name?: string; policy?: string }) => {
      const policy = await readPolicy(opts.policy);
      const server = serverOf(opts.server, policy);
      const dir = opts.data ?? defaultDataDir();
      const identity = await loadOrEnrolIdentity({
        dataDir: dir,
        server,
        enrolToken: token,
        deviceName: opts.name ?? hostname(),
        log,
      });
      console.log(`enrolled as device ${identity.deviceId}; start capturing with: steno-agent run`);
    },
  );

  dataOpt(
    program
      .command('run')
      .description('capture this desktop within the signed scope; the indicator is shown all the time')
      .option('--server <url>', `Steno server URL (default $STENO_SERVER or the policy file's "server")`)
      .option('--name <name>', 'device name shown to you and operators (default the host name)')
      .option('--holdback <duration>', 'how long events wait on this machine before upload (default 5m)')
      .option('--no-frames', 'never take screenshots, whatever the scope allows')
      .option('--policy <file>', `policy file (default $STENO_AGENT_POLICY or ${DEFAULT_POLICY_FILE})`),
  ).action((opts: RunOpts) => run(opts, log));

  registerControlCommands(program, defaultDataDir);
  registerTaskCommands(program, defaultDataDir, 'steno-agent task');
  dataOpt(
    program
      .command('open')
      .description('print the address of the status page (what is captured, and what would leave)')
      .option('--browser', 'open it in the desktop browser (xdg-open) instead of printing it'),
  ).action(async (opts: { data?: string; browser?: boolean }) => {
    const url = await statusPageUrl(opts.data ?? defaultDataDir());
    if (opts.browser) openInBrowser(url, log);
    else console.log(url);
  });
  return program;
}

/** Runs the command; errors print as `steno-agent: CODE: message` and exit 1 (2 for usage). */
export async function main(argv: readonly string[]): Promise<void> {
  const program = buildAgentProgram().exitOverride();
  try {
    await program.parseAsync([...argv]);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    const code = err instanceof AgentError || err instanceof CommandInputError ? err.code : 'FAILED';
    const next = code === 'IDENTITY_MISSING' ? ' (enrol first: steno-agent enrol TOKEN)' : '';
    process.stderr.write(`steno-agent: ${code}: ${(err as Error).message}${next}\n`);
    process.exitCode = 1;
  }
}
