/** `steno scope`: the capture scope (privacy officers set it; everyone may read it). */
import { readFileSync } from 'node:fs';
import { CaptureScope } from '@steno/protocol';
import type { Command } from 'commander';
import {
  type ConnectionOptions,
  callApi,
  resolveTarget,
  withBootstrapToken,
  withConnectionOptions,
} from '../api-client.ts';
import { CliError } from '../cli-error.ts';

export function registerScopeCommand(program: Command): void {
  const scope = program
    .command('scope')
    .description('show or set the capture scope (applications, titles, sites, levels)');
  const conn = (c: Command) => withConnectionOptions(c, '<data>/privacy-officer.token');
  conn(scope.command('show').description('print the capture scope in force, with its version')).action(
    async (opts: ConnectionOptions) => {
      const out = await callApi<unknown>(
        resolveTarget(withBootstrapToken(opts, 'privacy-officer.token')),
        'GET',
        '/v1/program/scope',
      );
      console.log(JSON.stringify(out, null, 2));
    },
  );
  conn(
    scope
      .command('set')
      .description(
        'set a new version of the capture scope from a JSON file; agents get it with their next lease or push',
      )
      .argument(
        '<file>',
        'JSON: {"apps":[{"app","title?","level"}],"sites":[{"origin","level"}],"rules?":{...}}',
      ),
  ).action(async (file: string, opts: ConnectionOptions) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (cause) {
      throw new CliError(
        'SCOPE_INVALID',
        `cannot read JSON from ${file}: give a scope file like examples/scope.json`,
        { cause },
      );
    }
    const check = CaptureScope.safeParse(parsed);
    if (!check.success) {
      throw new CliError(
        'SCOPE_INVALID',
        `${check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')} (examples/scope.json is a valid scope to start from)`,
      );
    }
    const out = await callApi<{ version: number; devicesNotified: number }>(
      resolveTarget(withBootstrapToken(opts, 'privacy-officer.token')),
      'PUT',
      '/v1/program/scope',
      check.data,
    );
    console.log(
      `capture scope version ${out.version} in force; pushed to ${out.devicesNotified} connected device(s)`,
    );
  });
}
