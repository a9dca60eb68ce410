/** `steno dataset`: build a dataset version from a spec, follow its progress, read its card, download files. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  type ApiTarget,
  type ConnectionOptions,
  callApi,
  refusal,
  resolveTarget as resolveAny,
  withBootstrapToken,
  withConnectionOptions,
} from '../api-client.ts';
import { CliError } from '../cli-error.ts';

interface DatasetView {
  id: string;
  name: string;
  version: number;
  status: 'building' | 'ready' | 'failed';
  progress: Record<string, unknown>;
  error: string | null;
  files: { name: string; sha256: string }[];
  card?: string | null;
}

/** An ML engineer's or training service's token; by default the one the demo writes. */
const resolveTarget = (opts: ConnectionOptions) => resolveAny(withBootstrapToken(opts, 'ml-engineer.token'));

/** `latest`: the newest ready version (the list is newest first); any other value is an id. */
async function datasetId(target: ApiTarget, id: string): Promise<string> {
  if (id !== 'latest') return id;
  const { datasets } = await callApi<{ datasets: DatasetView[] }>(target, 'GET', '/v1/datasets');
  const ready = datasets.find((d) => d.status === 'ready');
  if (!ready)
    throw new CliError(
      'NOT_FOUND',
      'no dataset version is ready yet: build one with steno dataset build SPEC',
    );
  process.stderr.write(`latest: ${ready.id} (${ready.name} v${ready.version})\n`);
  return ready.id;
}

export function registerDatasetCommand(program: Command): void {
  const cmd = program.command('dataset').description('training datasets: build, list, show, download');
  const conn = (c: Command) =>
    withConnectionOptions(c, '<data>/ml-engineer.token, which npm start writes for its demo');
  conn(
    cmd
      .command('build')
      .description('build a new version from a spec file (YAML or JSON); waits and shows progress')
      .argument('<spec>', 'the dataset spec file')
      .option('--no-wait', 'return once the build has started'),
  ).action(async (specFile: string, opts: ConnectionOptions & { wait: boolean }) => {
    let spec: string;
    try {
      spec = readFileSync(specFile, 'utf8');
    } catch (cause) {
      throw new CliError(
        'SPEC_UNREADABLE',
        `cannot read ${specFile}: give the path of a spec file, e.g. examples/dataset-spec.yaml`,
        { cause },
      );
    }
    const target = resolveTarget(opts);
    // Which credential builds (never the token): the default file or STENO_TOKEN may be another role's.
    process.stderr.write(`as ${target.credential}\n`);
    const started = await callApi<{ id: string; name: string; version: number; subjects: number }>(
      target,
      'POST',
      '/v1/datasets',
      { spec },
    );
    console.log(
      `${started.id}: ${started.name} v${started.version} from ${started.subjects} consenting contributors`,
    );
    if (!opts.wait) return;
    for (;;) {
      const d = await callApi<DatasetView>(target, 'GET', `/v1/datasets/${started.id}`);
      const p = d.progress;
      process.stderr.write(
        d.status === 'ready'
          ? `\rready: ${Number(p.episodes ?? 0)} episodes, ${Number(p.steps ?? 0)} steps from ${Number(p.subjects ?? 0)} contributors          `
          : `\r${d.status}: ${String(p.phase ?? '')} ${Number(p.streamsRead ?? 0)}/${Number(p.subjects ?? 0)} contributors read, ${Number(p.episodesBuilt ?? p.episodes ?? 0)} episodes   `,
      );
      if (d.status === 'ready') {
        process.stderr.write('\n');
        for (const f of d.files) console.log(`${f.name}\tsha256 ${f.sha256}`);
        return;
      }
      if (d.status === 'failed')
        throw new CliError(
          'BUILD_FAILED',
          `${d.error ?? 'the build failed'}\n  steno dataset show ${d.id} prints the version's state; fix the spec or the cause above and build again`,
        );
      await new Promise((r) => setTimeout(r, 500));
    }
  });
  conn(
    cmd.command('list').description('dataset versions, newest first').option('--json', 'print JSON'),
  ).action(async (opts: ConnectionOptions & { json?: boolean }) => {
    const out = await callApi<{ datasets: DatasetView[] }>(resolveTarget(opts), 'GET', '/v1/datasets');
    if (opts.json) return console.log(JSON.stringify(out));
    for (const d of out.datasets) console.log(`${d.id}\t${d.name}\tv${d.version}\t${d.status}`);
  });
  conn(
    cmd
      .command('show')
      .description("print a version's dataset card")
      .argument('<id>', 'dataset id, or latest for the newest ready version'),
  ).action(async (id: string, opts: ConnectionOptions) => {
    const target = resolveTarget(opts);
    const d = await callApi<DatasetView>(
      target,
      'GET',
      `/v1/datasets/${encodeURIComponent(await datasetId(target, id))}`,
    );
    console.log(d.card ?? `${d.name} v${d.version}: ${d.status}${d.error ? ` (${d.error})` : ''}`);
  });
  conn(
    cmd
      .command('download')
      .description(
        'download a file of a ready dataset (the download is audited); by default to the same name in the current folder',
      )
      .argument('<id>', 'dataset id, or latest for the newest ready version')
      .argument('<file>', 'the name of a file in the dataset: episodes.jsonl or steps.parquet')
      .option('-o, --out <path>', 'where to write it (default: ./FILE)'),
  ).action(async (id: string, file: string, opts: ConnectionOptions & { out?: string }) => {
    const target = resolveTarget(opts);
    const datasetIdValue = await datasetId(target, id);
    const out = opts.out ?? basename(file);
    const res = await fetch(
      `${target.server}/v1/datasets/${encodeURIComponent(datasetIdValue)}/files/${encodeURIComponent(file)}`,
      { headers: { authorization: `Bearer ${target.token}` } },
    ).catch((cause: unknown) => {
      throw new CliError(
        'SERVER_UNREACHABLE',
        `cannot reach the Steno server at ${target.server} (is it running? see steno server --help)`,
        { cause },
      );
    });
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      if (res.status === 404) await explainMissingFile(target, datasetIdValue, file);
      throw refusal(target, res.status, body);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    writeFileSync(out, bytes, { mode: 0o600 });
    console.log(`${bytes.length} bytes written to ${out}`);
  });
}

/** A file the dataset does not hold: say which files it does hold (or that the id is unknown). */
async function explainMissingFile(target: ApiTarget, id: string, file: string): Promise<void> {
  const d = await callApi<DatasetView>(target, 'GET', `/v1/datasets/${encodeURIComponent(id)}`).catch(
    () => undefined,
  );
  if (!d)
    throw new CliError('NOT_FOUND', `no dataset ${id}: steno dataset list prints the ids (or use latest)`);
  if (!d.files.some((f) => f.name === file))
    throw new CliError(
      'NOT_FOUND',
      d.files.length
        ? `${d.name} v${d.version} has no file ${file}: its files are ${d.files.map((f) => f.name).join(', ')}`
        : `${d.name} v${d.version} has no files yet (${d.status}): steno dataset show ${id} prints its state`,
    );
}
