/**
 * `steno agent task start "File the Q3 expense report" | name "..." | end | abandon` (issue 17):
 * the contributor marks what they are doing, so a dataset episode is that task (across
 * applications) with their own words as its instruction. The commands are the agent's own
 * (`registerTaskCommands` in @steno/agent, shared with `steno-agent task`).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { registerTaskCommands } from '@steno/agent';
import type { Command } from 'commander';

const defaultAgentDir = () => process.env.STENO_AGENT_DIR ?? join(homedir(), '.steno-agent');

/** Adds `task` under the `agent` command (register the agent command first). */
export function registerAgentTaskCommand(program: Command): void {
  const agent = program.commands.find((c) => c.name() === 'agent');
  if (!agent) throw new Error('register the agent command before its task command');
  registerTaskCommands(agent, defaultAgentDir, 'steno agent task');
}
