/**
 * Datasets over HTTP: ML engineers and the training service build versions from a spec (through
 * the guard, one audit entry naming every subject read), follow the build's progress, read the
 * manifest and the dataset card, and download the files (decrypted here, the download audited).
 */
import { parseDatasetSpec } from '@steno/datasets';
import { z } from 'zod';
import type { DatasetBuilds, DatasetRecord } from '../program/dataset-builds.ts';
import { type RouteDef, route } from './route-table.ts';

const DatasetParams = z.object({ id: z.string().regex(/^ds_[A-Za-z0-9_-]{12}$/) }).strict();
const FileParams = z
  .object({
    id: z.string().regex(/^ds_[A-Za-z0-9_-]{12}$/),
    name: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  })
  .strict();
const DatasetView = z
  .object({
    id: z.string(),
    name: z.string(),
    version: z.number().int(),
    status: z.enum(['building', 'ready', 'failed', 'revoked']),
    progress: z.record(z.string(), z.unknown()),
    error: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.number().int(),
    finishedAt: z.number().int().nullable(),
    files: z.array(z.object({ name: z.string(), mediaType: z.string(), sha256: z.string() }).strict()),
  })
  .strict();

const view = (d: DatasetRecord) => ({
  id: d.id,
  name: d.name,
  version: d.version,
  status: d.status,
  progress: d.progress as Record<string, unknown>,
  error: d.error,
  createdBy: d.createdBy,
  createdAt: d.createdAt,
  finishedAt: d.finishedAt,
  files: d.files,
});

export function datasetRoutes(s: { builds: DatasetBuilds }): RouteDef[] {
  return [
    route({
      method: 'POST',
      url: '/v1/datasets',
      summary:
        'Build a dataset version from a spec (YAML or JSON text; purpose must be model_training). Reads only consenting contributors, through the guard; answers 202 and builds in the background.',
      auth: 'token',
      // The guard authorises and audits the read itself (datasets.build, naming every subject).
      guarded: 'datasets.build',
      // What the guard decides about: the new dataset (its id is made when the build starts).
      resource: () => ({ type: 'dataset', id: 'new' }),
      body: z.object({ spec: z.string().min(1).max(65_536) }).strict(),
      response: z
        .object({ id: z.string(), name: z.string(), version: z.number().int(), subjects: z.number().int() })
        .strict(),
      successStatus: 202,
      handler: async (ctx) => {
        const p = ctx.principal;
        if (!p) return { ok: false, code: 'UNAUTHENTICATED', message: 'sign in first' };
        const spec = parseDatasetSpec(ctx.body.spec);
        if (!spec.ok)
          return {
            ok: false,
            code: spec.error.code,
            message: `${spec.error.message}${spec.error.path ? ` (at ${spec.error.path})` : ''}`,
          };
        const started = await s.builds.start(p, spec.value, ctx.body.spec);
        if (!started.ok) return { ok: false, code: 'FORBIDDEN', message: `denied: ${started.reason}` };
        return {
          ok: true,
          value: {
            id: started.id,
            name: spec.value.name,
            version: started.version,
            subjects: started.subjects,
          },
        };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/datasets',
      summary: 'Dataset versions, newest first, with build progress (counts only, never per person).',
      auth: 'token',
      action: 'datasets.read',
      resource: () => ({ type: 'program' }),
      response: z.object({ datasets: z.array(DatasetView) }).strict(),
      handler: async () => ({ ok: true, value: { datasets: (await s.builds.list()).map(view) } }),
    }),
    route({
      method: 'GET',
      url: '/v1/datasets/:id',
      summary: 'One dataset version: status, progress, manifest and dataset card.',
      auth: 'token',
      action: 'datasets.read',
      params: DatasetParams,
      resource: (ctx) => ({ type: 'dataset', id: ctx.params.id }),
      response: DatasetView.extend({ manifest: z.unknown(), card: z.string().nullable() }).strict(),
      handler: async (ctx) => {
        const d = await s.builds.get(ctx.params.id);
        if (!d) return { ok: false, code: 'NOT_FOUND', message: 'no such dataset' };
        return { ok: true, value: { ...view(d), manifest: d.manifest, card: d.card } };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/datasets/:id/files/:name',
      summary: 'Download a dataset file (decrypted with the dataset key; the download is audited).',
      auth: 'token',
      action: 'datasets.download',
      params: FileParams,
      resource: (ctx) => ({ type: 'dataset', id: ctx.params.id }),
      response: z.instanceof(Buffer),
      contentType: 'application/octet-stream',
      handler: async (ctx) => {
        const d = await s.builds.get(ctx.params.id);
        if (!d) return { ok: false, code: 'NOT_FOUND', message: 'no such dataset' };
        if (d.status === 'revoked')
          return { ok: false, code: 'DATASET_REVOKED', message: d.error ?? 'the dataset was revoked' };
        if (d.status !== 'ready')
          return { ok: false, code: 'DATASET_NOT_READY', message: `the dataset is ${d.status}` };
        const file = await s.builds.download(ctx.params.id, ctx.params.name);
        if (!file) return { ok: false, code: 'NOT_FOUND', message: 'no such file in this dataset' };
        return {
          ok: true,
          value: Buffer.from(file.bytes),
          headers: {
            'content-type': file.mediaType,
            'content-disposition': `attachment; filename="${d.name}-v${d.version}-${ctx.params.name}"`,
          },
        };
      },
    }),
  ];
}
