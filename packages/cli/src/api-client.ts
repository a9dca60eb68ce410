/**
 * A small HTTP client for the CLI's administrative commands. The credential comes from
 * --token-file, STENO_TOKEN, or the operator token file in the server's data folder; it is
 * never printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from './cli-error.ts';

export interface ApiTarget {
  server: string;
  token: string;
}

export interface ConnectionOptions {
  server?: string;
  tokenFile?: string;
  data?: string;
}

export function resolveTarget(opts: ConnectionOptions): ApiTarget {
  const server = (
    opts.server ??
    process.env.STENO_SERVER ??
    `http://127.0.0.1:${process.env.STENO_PORT ?? 8470}`
  ).replace(/\/$/, '');
  let token = process.env.STENO_TOKEN;
  const file =
    opts.tokenFile ??
    (token
      ? undefined
      : join(resolve(opts.data ?? process.env.STENO_DATA_DIR ?? '.steno'), 'operator.token'));
  if (file) {
    if (!existsSync(file))
      throw new CliError('NO_CREDENTIAL', `no token file at ${file}: pass --token-file or set STENO_TOKEN`);
    token = readFileSync(file, 'utf8').trim();
  }
  if (!token) throw new CliError('NO_CREDENTIAL', 'no API token: pass --token-file or set STENO_TOKEN');
  return { server, token };
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
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new CliError(
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? `the server answered ${res.status}`,
    );
  }
  return json as T;
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
  return {
    ...opts,
    tokenFile:
      opts.tokenFile ??
      (process.env.STENO_TOKEN
        ? undefined
        : join(resolve(opts.data ?? process.env.STENO_DATA_DIR ?? '.steno'), file)),
  };
}
