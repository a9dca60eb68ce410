/**
 * The dataset as a dataset hub loads it (issue 17): one row per step with the screenshot taken
 * before it embedded as an image column, `struct<bytes: binary, path: string>` — the storage of
 * the Hugging Face `datasets` Image feature — and the features declared in the Parquet key-value
 * metadata under `huggingface` (`{"info": {"features": ...}}`), which is where that library reads
 * them back from. The file name follows the hub's split convention (`train-00000-of-00001.parquet`)
 * so the card's `configs` entry finds it. Written in memory, encrypted by the caller.
 */
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import type { DatasetFrame } from './build-dataset.ts';
import type { Episode, Step } from './steps.ts';
import type { ParquetOptions } from './steps-parquet.ts';
import { frameImagePath } from './trajectories-jsonl.ts';

export const HUB_FILE = 'train-00000-of-00001.parquet';
export const HUB_FORMAT = 'steno-hub/1';

/** Columns in order: name, Parquet physical type (and UTF8 for strings), hub dtype. */
export const HUB_COLUMNS = [
  ['episode_id', 'STRING', 'string'],
  ['step', 'INT32', 'int32'],
  ['instruction', 'STRING', 'string'],
  ['app', 'STRING', 'string'],
  ['action', 'STRING', 'string'],
  ['pyautogui', 'STRING', 'string'],
  ['x', 'DOUBLE', 'float64'],
  ['y', 'DOUBLE', 'float64'],
  ['screen_w', 'INT32', 'int32'],
  ['screen_h', 'INT32', 'int32'],
  ['target_role', 'STRING', 'string'],
  ['target_name', 'STRING', 'string'],
  ['target_bbox', 'STRING', 'string'],
  ['target_states', 'STRING', 'string'],
  ['reasoning', 'STRING', 'string'],
  ['image', 'IMAGE', 'image'],
] as const;

type HubColumn = (typeof HUB_COLUMNS)[number][0];

function cell(
  s: Step,
  instruction: string | null,
  image: DatasetFrame | undefined,
  name: HubColumn,
): unknown {
  switch (name) {
    case 'episode_id':
      return s.episodeId;
    case 'step':
      return s.step;
    case 'instruction':
      return instruction;
    case 'app':
      return s.app;
    case 'action':
      return s.action;
    case 'pyautogui':
      return s.pyautogui;
    case 'x':
      return s.xNorm;
    case 'y':
      return s.yNorm;
    case 'screen_w':
      return s.screenW;
    case 'screen_h':
      return s.screenH;
    case 'target_role':
      return s.target?.role ?? null;
    case 'target_name':
      return s.target?.name ?? null;
    case 'target_bbox':
      return s.target
        ? JSON.stringify([s.target.box.x, s.target.box.y, s.target.box.w, s.target.box.h])
        : null;
    case 'target_states':
      return s.target?.states === undefined ? null : JSON.stringify(s.target.states);
    case 'reasoning':
      return '';
    case 'image':
      return image ? { bytes: image.webp, path: frameImagePath(image.frameId) } : null;
  }
}

/** The `datasets` library's feature declaration of these columns (as it stores it in Parquet). */
export function hubFeatures(): Record<string, unknown> {
  return Object.fromEntries(
    HUB_COLUMNS.map(([name, , dtype]) => [
      name,
      dtype === 'image' ? { _type: 'Image' } : { dtype, _type: 'Value' },
    ]),
  );
}

/** hyparquet-writer's own schema element type (it pins its own hyparquet). */
type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

/** An explicit schema: the image column is a struct, which hyparquet-writer does not infer. */
function hubSchema(): SchemaElement[] {
  const out: SchemaElement[] = [{ name: 'root', num_children: HUB_COLUMNS.length }];
  for (const [name, type] of HUB_COLUMNS) {
    if (type === 'IMAGE') {
      out.push({ name, repetition_type: 'OPTIONAL', num_children: 2 });
      out.push({ name: 'bytes', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' });
      out.push({ name: 'path', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' });
    } else if (type === 'STRING')
      out.push({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' });
    else out.push({ name, type, repetition_type: 'OPTIONAL' });
  }
  return out;
}

export function hubToParquet(
  episodes: readonly Episode[],
  frames: readonly DatasetFrame[],
  options: ParquetOptions = {},
): Uint8Array {
  const byId = new Map(frames.map((f) => [f.frameId, f]));
  const rows: { s: Step; instruction: string | null; image: DatasetFrame | undefined }[] = [];
  for (const e of episodes)
    for (const s of e.steps)
      rows.push({
        s,
        instruction: e.task,
        image: s.beforeFrame === null ? undefined : byId.get(s.beforeFrame),
      });
  const columnData: ColumnSource[] = HUB_COLUMNS.map(([name]) => ({
    name,
    data: rows.map((r) => cell(r.s, r.instruction, r.image, name)),
    // WebP is compressed already: the image column's pages stay as they are
    ...(name === 'image' ? { codec: 'UNCOMPRESSED' as const, statistics: false } : {}),
  }));
  const buffer = parquetWriteBuffer({
    columnData,
    // an explicit schema: the image column is a struct, which hyparquet-writer does not infer
    schema: hubSchema(),
    codec: options.codec ?? 'SNAPPY',
    createdBy: 'steno-datasets',
    rowGroupSize: 64,
    kvMetadata: [
      { key: 'huggingface', value: JSON.stringify({ info: { features: hubFeatures() } }) },
      { key: 'steno.format', value: HUB_FORMAT },
    ],
  });
  return new Uint8Array(buffer);
}
