/**
 * A small HTTP client for the CLI's administrative commands. The credential comes from
 * --token-file, STENO_TOKEN, or a bootstrap token file in the server's data folder; the token is
 * never printed, but where it came from is, when the server refuses it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from './cli-error.ts';
import { nextStepFor } from './next-step.ts';

export interface ApiTarget {
  server: string;
  token: string;
  /** Where the token was read (a file or the environment), never the token. */
  credential?: string;
  /** What kind of credential the command needs and how to get one. */
  need?: string;
}

export interface ConnectionOptions {
  server?: string;
  tokenFile?: string;
  data?: string;
  /** Set by the command, not an option: the credential it needs and how to get it. */
  need?: string;
  /** Set by withBootstrapToken: the token file was not given but defaulted. */
  defaulted?: boolean;
}

/** What each bootstrap token file stands for, and how a person gets such a credential. */
const NEEDS: Record<string, string> = {
  'operator.token':
    "an operator's token: the server writes <data>/operator.token at first start (pass --data DIR where it runs)",
  'privacy-officer.token':
    "a privacy officer's token: the server writes <data>/privacy-officer.token at first start; other officers create one on the portal's API tokens page",
  'ml-engineer.token':
    "an ML engineer's token with the datasets:build scope: a privacy officer invites you (steno invite EMAIL --role ml-engineer), you sign in to the portal and create one on its API tokens page (npm start's demo writes <data>/ml-engineer.token)",
};

export function resolveTarget(opts: ConnectionOptions): ApiTarget {
  const server = (
    opts.server ??
    process.env.STENO_SERVER ??
    `http://127.0.0.1:${process.env.STENO_PORT ?? 8470}`
  ).replace(/\/$/, '');
  let token = process.env.STENO_TOKEN;
  const defaulted = opts.defaulted === true || (!opts.tokenFile && !token);
  const file =
    opts.tokenFile ??
    (token
      ? undefined
      : join(resolve(opts.data ?? process.env.STENO_DATA_DIR ?? '.steno'), 'operator.token'));
  const need = opts.need ?? (file && defaulted ? NEEDS[basename(file)] : undefined);
  const howTo = `${need ? `this needs ${need}; ` : ''}pass it with --token-file FILE or set STENO_TOKEN`;
  if (file) {
    if (!existsSync(file))
      throw new CliError(
        'NO_CREDENTIAL',
        `no token file at ${file}${defaulted ? ' (the default)' : ''}: ${howTo}`,
      );
    token = readFileSync(file, 'utf8').trim();
  }
  if (!token) throw new CliError('NO_CREDENTIAL', `no API token: ${howTo}`);
  const credential = file
    ? `the token in ${file}${defaulted ? ' (the default: no --token-file, no STENO_TOKEN)' : ''}`
    : 'the token in $STENO_TOKEN';
  return { server, token, credential, ...(need ? { need } : {}) };
}

export async function callApi<T>(
  target: ApiTarget,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${target.server}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${target.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (cause) {
    throw new CliError(
      'SERVER_UNREACHABLE',
      `cannot reach the Steno server at ${target.server} (is it running? see steno server --help)`,
      { cause },
    );
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) throw refusal(target, res.status, json);
  return json as T;
}

/**
 * The server's refusal as a CLI error that says what to do next: for a refused credential, which
 * one was used (its file or variable, never its value) and what the command needs instead.
 */
export function refusal(target: ApiTarget, status: number, json: unknown): CliError {
  const err = (json as { error?: { code?: string; message?: string; requestId?: string } } | undefined)
    ?.error;
  const code = err?.code ?? `HTTP_${status}`;
  const lines = [err?.message ?? `the server answered ${status}`];
  if (status === 401 || status === 403) {
    if (target.credential) lines.push(`credential used: ${target.credential}`);
    lines.push(
      target.need
        ? `this needs ${target.need}; pass it with --token-file FILE or set STENO_TOKEN`
        : 'use a token allowed to do this: --token-file FILE or STENO_TOKEN',
    );
  } else {
    const next = nextStepFor(code, err?.requestId);
    if (next) lines.push(next);
  }
  return new CliError(code, lines.join('\n  '));
}

/** The options every command that talks to the server takes. */
export function withConnectionOptions(cmd: Command, tokenHelp: string): Command {
  return cmd
    .option('--server <url>', 'Steno server URL (default $STENO_SERVER or http://127.0.0.1:8470)')
    .option('--token-file <file>', `API token (default $STENO_TOKEN or ${tokenHelp})`)
    .option('--data <dir>', "the server's data folder (default $STENO_DATA_DIR or ./.steno)");
}

/** Defaults the credential to a bootstrap token file in the server's data folder (e.g. privacy-officer.token). */
export function withBootstrapToken(opts: ConnectionOptions, file: string): ConnectionOptions {
  const defaulted = !opts.tokenFile && !process.env.STENO_TOKEN;
  return {
    ...opts,
    need: opts.need ?? NEEDS[file],
    defaulted,
    tokenFile: defaulted
      ? join(resolve(opts.data ?? process.env.STENO_DATA_DIR ?? '.steno'), file)
      : opts.tokenFile,
  };
}
