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
      .option(
        '--region <name>',
        "the contributor's region, e.g. de (default: default); capture needs its legal basis (steno program region set)",
      )
      .option('--ttl <minutes>', 'minutes until the token expires', (v) => Number.parseInt(v, 10), 24 * 60)
      .option('--json', 'print JSON'),
  ).action(
    async (opts: ConnectionOptions & { subject: string; region?: string; ttl: number; json?: boolean }) => {
      const out = await callApi<{ subject: string; token: string; expiresAt: number }>(
        resolveTarget(opts),
        'POST',
        '/v1/admin/enrol-tokens',
        {
          subject: opts.subject,
          ...(opts.region ? { region: opts.region } : {}),
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
    },
  );

  const device = program.command('device').description('list and revoke enrolled devices');
  connectionOptions(
    device
      .command('list')
      .description(
        'list enrolled devices: id, name, enrolled, revoked (no activity, no subject unless --subject)',
      )
      .option('--subject <id>', "only this person's devices (the listing then names the subject)")
      .option('--json', 'print JSON'),
  ).action(async (opts: ConnectionOptions & { subject?: string; json?: boolean }) => {
    const path = opts.subject
      ? `/v1/admin/devices?subject=${encodeURIComponent(opts.subject)}`
      : '/v1/admin/devices';
    const out = await callApi<{
      devices: { id: string; name: string; createdAt: number; revokedAt: number | null; subject?: string }[];
    }>(resolveTarget(opts), 'GET', path);
    if (opts.json) return console.log(JSON.stringify(out));
    if (out.devices.length === 0) return console.error('no devices');
    for (const d of out.devices)
      console.log(
        [
          d.id,
          ...(d.subject ? [d.subject] : []),
          d.name,
          `enrolled ${new Date(d.createdAt).toISOString()}`,
          d.revokedAt ? `revoked ${new Date(d.revokedAt).toISOString()}` : 'active',
        ].join('\t'),
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
