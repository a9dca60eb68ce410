/** The `steno` command: one entry for the server, the agent and the operator's tools. */
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.ts';
import { registerAdminCommands } from './commands/admin-commands.ts';
import { registerAgentCommand } from './commands/agent-command.ts';
import { registerAgentTaskCommand } from './commands/agent-task-command.ts';
import { registerAuditCommand } from './commands/audit-command.ts';
import { registerConsentCommand } from './commands/consent-command.ts';
import { registerDatasetCommand } from './commands/dataset-command.ts';
import { registerIncidentCommand } from './commands/incident-command.ts';
import { registerInviteCommand } from './commands/invite-command.ts';
import { registerKekCommand } from './commands/kek-command.ts';
import { registerMeCommand } from './commands/me-events-command.ts';
import { registerProgramCommand } from './commands/program-command.ts';
import { registerRedactCommand } from './commands/redact-command.ts';
import { registerScopeCommand } from './commands/scope-command.ts';
import { registerServerCommand } from './commands/server-command.ts';
import { registerTokenCommand } from './commands/token-command.ts';
import { registerWitnessCommand } from './commands/witness-command.ts';

export function buildProgram(): Command {
  const program = new Command('steno')
    .description('Steno: consented, privacy-first capture of computer use for training computer-use models')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    // Options after a subcommand belong to it (`steno agent status --data DIR`).
    .enablePositionalOptions();
  registerServerCommand(program);
  registerAgentCommand(program);
  registerAgentTaskCommand(program);
  registerAdminCommands(program);
  registerRedactCommand(program);
  registerAuditCommand(program);
  registerScopeCommand(program);
  registerProgramCommand(program);
  registerConsentCommand(program);
  registerInviteCommand(program);
  registerIncidentCommand(program);
  registerDatasetCommand(program);
  registerKekCommand(program);
  registerTokenCommand(program);
  registerWitnessCommand(program);
  registerMeCommand(program);
  return program;
}

/** `steno dataset build`: the words that name a command, for pointing at its --help. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** An error message that names what to do next: the command's --help unless it names a step already. */
export function withNextStep(message: string, path: string | undefined): string {
  if (!path || /\bsteno |--[a-z]|\n/.test(message)) return message;
  return `${message} (see ${path} --help)`;
}

export async function main(argv: string[]): Promise<void> {
  let running: string | undefined;
  const program = buildProgram()
    .exitOverride()
    .hook('preAction', (_program, action) => {
      running = commandPath(action);
    });
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    const code = (err as { code?: unknown }).code;
    const message = withNextStep(err instanceof Error ? err.message : String(err), running);
    console.error(`steno: ${typeof code === 'string' ? `${code}: ` : ''}${message}`);
    // Expected refusals carry a stable code (exit 2); anything else is an unexpected fault (exit 1).
    process.exit(err instanceof CliError || typeof code === 'string' ? 2 : 1);
  }
}
