/** `steno program`: the kill switch and retention, for privacy officers. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  type ConnectionOptions,
  callApi,
  resolveTarget,
  withBootstrapToken,
  withConnectionOptions,
} from '../api-client.ts';
import { CliError } from '../cli-error.ts';

interface ScopeOpts extends ConnectionOptions {
  device?: string;
  orgUnit?: string;
}

function pauseScope(opts: ScopeOpts) {
  if (opts.device && opts.orgUnit) throw new CliError('USAGE', 'give at most one of --device and --org-unit');
  if (opts.device) return { kind: 'device' as const, id: opts.device };
  if (opts.orgUnit) return { kind: 'org_unit' as const, id: opts.orgUnit };
  return { kind: 'global' as const };
}

export function registerProgramCommand(program: Command): void {
  const cmd = program
    .command('program')
    .description('the capture program: status, the kill switch, retention');
  const conn = (c: Command) => withConnectionOptions(c, '<data>/privacy-officer.token');
  const scoped = (c: Command) =>
    conn(c).option('--device <id>', 'only this device').option('--org-unit <id>', 'only this org unit');

  conn(cmd.command('status').description('every pause in force and pending resume requests')).action(
    async (opts: ConnectionOptions) => {
      console.log(
        JSON.stringify(
          await callApi(
            resolveTarget(withBootstrapToken(opts, 'privacy-officer.token')),
            'GET',
            '/v1/program/status',
          ),
          null,
          2,
        ),
      );
    },
  );
  scoped(
    cmd
      .command('pause')
      .description(
        'stop capture now (global unless --device/--org-unit); connected agents stop within a second',
      ),
  )
    .requiredOption('--reason <text>', 'why (recorded in the audit log)')
    .action(async (opts: ScopeOpts & { reason: string }) => {
      const out = await callApi<{ devicesNotified: number }>(
        resolveTarget(withBootstrapToken(opts, 'privacy-officer.token')),
        'POST',
        '/v1/program/pause',
        {
          scope: pauseScope(opts),
          reason: opts.reason,
        },
      );
      console.log(
        `paused; ${out.devicesNotified} connected device(s) told at once, the others when their lease ends`,
      );
    });
  scoped(
    cmd.command('resume').description('ask to resume capture; a second privacy officer must confirm'),
  ).action(async (opts: ScopeOpts) => {
    const out = await callApi<{ state: string }>(
      resolveTarget(withBootstrapToken(opts, 'privacy-officer.token')),
      'POST',
      '/v1/program/resume',
      {
        scope: pauseScope(opts),
      },
    );
    console.log(
      out.state === 'active'
        ? 'resumed'
        : 'resume requested: a second privacy officer must confirm with the same command',
    );
  });
  conn(
    cmd
      .command('notice')
      .description(
        'publish a new consent notice (Markdown file); capture pauses until each contributor accepts it',
      )
      .argument('<file>', 'the notice, in Markdown'),
  ).action(async (file: string, opts: ConnectionOptions) => {
    const out = await callApi<{ version: number }>(
      resolveTarget(withBootstrapToken(opts, 'privacy-officer.token')),
      'POST',
      '/v1/program/notices',
      {
        markdown: readFileSync(file, 'utf8'),
      },
    );
    console.log(`consent notice version ${out.version} published`);
  });
  conn(
    cmd
      .command('retention')
      .description('apply retention now: delete expired ciphertext, destroy expired month keys'),
  ).action(async (opts: ConnectionOptions) => {
    const out = await callApi<{ keysDestroyed: number; chunksDeleted: number }>(
      resolveTarget(withBootstrapToken(opts, 'privacy-officer.token')),
      'POST',
      '/v1/program/retention/run',
      {},
    );
    console.log(
      `retention applied: ${out.keysDestroyed} month keys destroyed, ${out.chunksDeleted} chunks deleted`,
    );
  });
}
