/** `steno dataset`: build a dataset version from a spec, follow its progress, read its card, download files. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  type ApiTarget,
  type ConnectionOptions,
  callApi,
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
      throw new CliError('SPEC_UNREADABLE', `cannot read ${specFile}`, { cause });
    }
    const target = resolveTarget(opts);
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
      if (d.status === 'failed') throw new CliError('BUILD_FAILED', d.error ?? 'the build failed');
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
      .description('download a file of a ready dataset (the download is audited)')
      .argument('<id>', 'dataset id, or latest for the newest ready version')
      .argument('<file>', 'episodes.jsonl or steps.parquet')
      .requiredOption('-o, --out <path>', 'where to write it'),
  ).action(async (id: string, file: string, opts: ConnectionOptions & { out: string }) => {
    const target = resolveTarget(opts);
    const res = await fetch(
      `${target.server}/v1/datasets/${encodeURIComponent(await datasetId(target, id))}/files/${encodeURIComponent(file)}`,
      {
        headers: { authorization: `Bearer ${target.token}` },
      },
    ).catch((cause: unknown) => {
      throw new CliError('SERVER_UNREACHABLE', `cannot reach ${target.server}`, { cause });
    });
    if (!res.ok) {
      const err = ((await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } })
        .error;
      throw new CliError(
        err?.code ?? `HTTP_${res.status}`,
        err?.message ?? `the server answered ${res.status}`,
      );
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    writeFileSync(opts.out, bytes, { mode: 0o600 });
    console.log(`${bytes.length} bytes written to ${opts.out}`);
  });
}
