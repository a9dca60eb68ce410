/** `steno program`: the kill switch, retention, consent notices and regions' legal basis, for privacy officers. */
import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
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
  if (opts.device && opts.orgUnit)
    throw new CliError(
      'USAGE',
      'give at most one of --device and --org-unit (neither: the whole program; see steno program pause --help)',
    );
  if (opts.device) return { kind: 'device' as const, id: opts.device };
  if (opts.orgUnit) return { kind: 'org_unit' as const, id: opts.orgUnit };
  return { kind: 'global' as const };
}

/** The kinds of legal basis the server records for a region (PUT /v1/program/regions/:region). */
const BASIS_KINDS = ['dpia', 'works_council_agreement', 'collective_agreement', 'other'] as const;
const BASIS_NAMES = BASIS_KINDS.map((b) => b.replaceAll('_', '-'));

/** A basis named either way (works-council-agreement or works_council_agreement) as the API's name. */
export function parseBasis(value: string): string {
  const basis = value.trim().toLowerCase().replaceAll('-', '_');
  if ((BASIS_KINDS as readonly string[]).includes(basis)) return basis;
  throw new InvalidArgumentError(`not a kind of legal basis: use one of ${BASIS_NAMES.join(', ')}`);
}

/** A region's name as the server accepts it: lower case letters, digits, . _ - (e.g. de, eu-west, demo). */
function parseRegion(value: string): string {
  if (/^[a-z0-9][a-z0-9._-]{0,63}$/.test(value)) return value;
  throw new InvalidArgumentError(
    'a region is 1-64 lower-case letters, digits, ".", "_" or "-" (as enrolment tokens name it, e.g. de or eu-west)',
  );
}

interface RegionView {
  region: string;
  subjects: number;
  basis: string | null;
  reference: string | null;
  recordedAt: number | null;
}

export function registerProgramCommand(program: Command): void {
  const cmd = program
    .command('program')
    .description(
      "the capture program: status, the kill switch, retention, consent notices, regions' legal basis",
    );
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

  registerRegionCommands(cmd, conn);
}

/** `steno program region list|set`: capture runs in a region only once its legal basis is recorded. */
function registerRegionCommands(cmd: Command, conn: (c: Command) => Command): void {
  const region = cmd
    .command('region')
    .description('regions and their legal basis: capture is off in a region until one is recorded');
  conn(
    region
      .command('list')
      .description('every region with contributors or a basis: its basis, reference and when it was recorded')
      .option('--json', 'print JSON'),
  ).action(async (opts: ConnectionOptions & { json?: boolean }) => {
    const out = await callApi<{ regions: RegionView[] }>(
      resolveTarget(withBootstrapToken(opts, 'privacy-officer.token')),
      'GET',
      '/v1/program/regions',
    );
    if (opts.json) return console.log(JSON.stringify(out));
    if (out.regions.length === 0) return console.error('no regions yet: enrolment tokens name them');
    for (const r of out.regions)
      console.log(
        r.basis && r.recordedAt !== null
          ? `${r.region}\t${r.subjects} contributor(s)\t${r.basis.replaceAll('_', '-')}\t${r.reference ?? ''}\trecorded ${new Date(r.recordedAt).toISOString()}`
          : `${r.region}\t${r.subjects} contributor(s)\tno legal basis: capture is off (steno program region set ${r.region} --basis KIND --reference REF)`,
      );
  });
  conn(
    region
      .command('set')
      .description(
        "record a region's legal basis (audited); capture may then start there, and connected agents get a fresh lease",
      )
      .argument('<region>', 'the region, as enrolment tokens name it (e.g. de, eu-west)', parseRegion)
      .addOption(
        new Option('--basis <kind>', `${BASIS_NAMES.join(' | ')} (- or _ alike)`)
          .argParser(parseBasis)
          .makeOptionMandatory(),
      )
      .requiredOption(
        '--reference <text>',
        'where the basis is written down, e.g. "DPIA-2026-04" or a works-council agreement number (3-200 characters)',
      ),
  ).action(async (name: string, opts: ConnectionOptions & { basis: string; reference: string }) => {
    const out = await callApi<{ region: string; devicesNotified: number }>(
      resolveTarget(withBootstrapToken(opts, 'privacy-officer.token')),
      'PUT',
      `/v1/program/regions/${encodeURIComponent(name)}`,
      { basis: opts.basis, reference: opts.reference },
    );
    console.log(
      `legal basis for region ${out.region} recorded; ${out.devicesNotified} connected device(s) told at once`,
    );
  });
}
