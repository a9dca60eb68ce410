/** Operator commands: enrolment tokens and devices. Operators never see captured data. */
import type { Command } from 'commander';
import { type ConnectionOptions, callApi, resolveTarget } from '../api-client.ts';

function connectionOptions(cmd: Command): Command {
  return cmd
    .option('--server <url>', 'Steno server URL (default $STENO_SERVER or http://127.0.0.1:8470)')
    .option(
      '--token-file <file>',
      'file holding an API token (default $STENO_TOKEN or <data>/operator.token)',
    )
    .option(
      '--data <dir>',
      "the server's data folder, to find operator.token (default $STENO_DATA_DIR or ./.steno)",
    );
}

export function registerAdminCommands(program: Command): void {
  connectionOptions(
    program
      .command('enrol-token')
      .description('create a single-use, expiring enrolment token that binds one device to a subject')
      .requiredOption('--subject <id>', 'the contributor the device will belong to')
      .option('--ttl <minutes>', 'minutes until the token expires', (v) => Number.parseInt(v, 10), 24 * 60)
      .option('--json', 'print JSON'),
  ).action(async (opts: ConnectionOptions & { subject: string; ttl: number; json?: boolean }) => {
    const out = await callApi<{ subject: string; token: string; expiresAt: number }>(
      resolveTarget(opts),
      'POST',
      '/v1/admin/enrol-tokens',
      {
        subject: opts.subject,
        ttlMinutes: opts.ttl,
      },
    );
    if (opts.json) console.log(JSON.stringify(out));
    else {
      console.log(out.token);
      console.error(
        `single-use enrolment token for ${out.subject}, expires ${new Date(out.expiresAt).toISOString()}`,
      );
      console.error('on the device: steno agent --server URL --enrol TOKEN ...');
    }
  });

  const device = program.command('device').description('list and revoke enrolled devices');
  connectionOptions(
    device.command('list').description('list enrolled devices').option('--json', 'print JSON'),
  ).action(async (opts: ConnectionOptions & { json?: boolean }) => {
    const out = await callApi<{
      devices: { id: string; subject: string; name: string; revokedAt: number | null; lastSeq: number }[];
    }>(resolveTarget(opts), 'GET', '/v1/admin/devices');
    if (opts.json) return console.log(JSON.stringify(out));
    for (const d of out.devices)
      console.log(
        `${d.id}\t${d.subject}\t${d.name}\t${d.revokedAt ? 'revoked' : 'active'}\tseq ${d.lastSeq}`,
      );
  });
  connectionOptions(
    device
      .command('revoke')
      .description('revoke a device; its uploads are refused from now on')
      .argument('<id>', 'device id'),
  ).action(async (id: string, opts: ConnectionOptions) => {
    await callApi(resolveTarget(opts), 'POST', `/v1/admin/devices/${encodeURIComponent(id)}/revoke`, {});
    console.log(`revoked ${id}`);
  });
}
