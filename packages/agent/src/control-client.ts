/**
 * What `steno agent status | pause | resume | forget` call: find the running agent's control port
 * and secret in its data directory and ask it over 127.0.0.1. Faults are `AgentError`s:
 * AGENT_NOT_RUNNING (no control file, or nothing answers), CONTROL_REFUSED (the agent said no).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ForgetOutcome } from './agent.ts';
import { AgentError } from './agent-error.ts';
import { CONTROL_FILE, CONTROL_SECRET_FILE, type ControlStatus } from './control-server.ts';

const ControlFile = z
  .object({ v: z.literal(1), port: z.number().int().min(1).max(65_535), pid: z.number().int() })
  .strict();

export interface ForgetReply extends ForgetOutcome {
  v: 1;
  /** Epoch ms from which everything was forgotten. */
  since: number;
}

async function call(dataDir: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  let port: number;
  let secret: string;
  try {
    port = ControlFile.parse(JSON.parse(await readFile(join(dataDir, CONTROL_FILE), 'utf8'))).port;
    secret = (await readFile(join(dataDir, CONTROL_SECRET_FILE), 'utf8')).trim();
  } catch (cause) {
    throw new AgentError('AGENT_NOT_RUNNING', `no running agent found in ${dataDir}`, { cause });
  }
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(5_000),
    });
  } catch (cause) {
    throw new AgentError('AGENT_NOT_RUNNING', `the agent for ${dataDir} does not answer`, { cause });
  }
  const json = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) {
    const code =
      (json as { error?: { code?: string } } | undefined)?.error?.code ?? `HTTP_${response.status}`;
    throw new AgentError('CONTROL_REFUSED', `the agent refused the request: ${code}`, { serverCode: code });
  }
  return json;
}

/** The running agent's state, counts, scope and preview. */
export async function agentStatus(dataDir: string): Promise<ControlStatus> {
  return (await call(dataDir, 'GET', '/status')) as ControlStatus;
}

/** Pauses capture, for `forMs` or until resumed. */
export async function pauseAgent(dataDir: string, forMs?: number): Promise<ControlStatus> {
  return (await call(dataDir, 'POST', '/pause', forMs === undefined ? {} : { forMs })) as ControlStatus;
}

export async function resumeAgent(dataDir: string): Promise<ControlStatus> {
  return (await call(dataDir, 'POST', '/resume', {})) as ControlStatus;
}

/** Forgets everything captured in the last `lastMs` that has not been uploaded. */
export async function forgetAgent(dataDir: string, lastMs: number): Promise<ForgetReply> {
  return (await call(dataDir, 'POST', '/forget', { lastMs })) as ForgetReply;
}

/** The open task after a task marker (issue 17), or null when none is open. */
export interface TaskReply {
  v: 1;
  task: { taskId: string; label?: string; startedAt: number } | null;
}

/**
 * Starts, names, ends or abandons a task. Refusals are CONTROL_REFUSED with `serverCode`
 * TASK_NOT_CAPTURING (paused, no lease) or TASK_NOT_OPEN (nothing to name, end or abandon).
 */
export async function markAgentTask(
  dataDir: string,
  phase: 'start' | 'name' | 'end' | 'abandon',
  label?: string,
): Promise<TaskReply> {
  return (await call(
    dataDir,
    'POST',
    '/task',
    label === undefined ? { phase } : { phase, label },
  )) as TaskReply;
}

/** The status page's address, with the secret, to open in a browser. */
export async function statusPageUrl(dataDir: string): Promise<string> {
  const port = ControlFile.parse(JSON.parse(await readFile(join(dataDir, CONTROL_FILE), 'utf8'))).port;
  const secret = (await readFile(join(dataDir, CONTROL_SECRET_FILE), 'utf8')).trim();
  return `http://127.0.0.1:${port}/?k=${secret}`;
}
