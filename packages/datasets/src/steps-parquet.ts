/**
 * Steps as Parquet, one row per action, written in memory with hyparquet-writer so the caller can
 * encrypt the bytes before anything touches a disk. List-valued fields (`keys`, `path`,
 * `target_states`) are JSON text columns, readable by any Parquet reader without nested-type support.
 */
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import type { Step } from './steps.ts';

export const STEPS_FILE = 'steps.parquet';
export const STEPS_FORMAT = 'steno-steps/1';

export interface ParquetOptions {
  /** Page compression (default SNAPPY). */
  codec?: 'SNAPPY' | 'UNCOMPRESSED';
}

/** The columns, in order, with their Parquet types (the README lists them). */
export const STEP_COLUMNS = [
  ['contributor', 'STRING'],
  ['episode_id', 'STRING'],
  ['step', 'INT32'],
  ['t_ms', 'INT64'],
  ['app', 'STRING'],
  ['title', 'STRING'],
  ['screen_w', 'INT32'],
  ['screen_h', 'INT32'],
  ['action', 'STRING'],
  ['x', 'INT32'],
  ['y', 'INT32'],
  ['x_norm', 'DOUBLE'],
  ['y_norm', 'DOUBLE'],
  ['to_x', 'INT32'],
  ['to_y', 'INT32'],
  ['to_x_norm', 'DOUBLE'],
  ['to_y_norm', 'DOUBLE'],
  ['button', 'STRING'],
  ['dx', 'INT32'],
  ['dy', 'INT32'],
  ['keys', 'STRING'],
  ['presses', 'INT32'],
  ['text', 'STRING'],
  ['path', 'STRING'],
  ['pyautogui', 'STRING'],
  ['before_frame', 'STRING'],
  ['after_frame', 'STRING'],
  ['x_in_window', 'INT32'],
  ['y_in_window', 'INT32'],
  ['x_in_frame', 'INT32'],
  ['y_in_frame', 'INT32'],
  ['target_source', 'STRING'],
  ['target_role', 'STRING'],
  ['target_name', 'STRING'],
  ['target_tag', 'STRING'],
  ['target_selector', 'STRING'],
  ['target_x', 'INT32'],
  ['target_y', 'INT32'],
  ['target_w', 'INT32'],
  ['target_h', 'INT32'],
  ['target_states', 'STRING'],
] as const;

type ColumnName = (typeof STEP_COLUMNS)[number][0];

function cell(s: Step, name: ColumnName): unknown {
  switch (name) {
    case 'contributor':
      return s.contributor;
    case 'episode_id':
      return s.episodeId;
    case 'step':
      return s.step;
    case 't_ms':
      return BigInt(s.tMs);
    case 'app':
      return s.app;
    case 'title':
      return s.title;
    case 'screen_w':
      return s.screenW;
    case 'screen_h':
      return s.screenH;
    case 'action':
      return s.action;
    case 'x':
      return s.x;
    case 'y':
      return s.y;
    case 'x_norm':
      return s.xNorm;
    case 'y_norm':
      return s.yNorm;
    case 'to_x':
      return s.toX;
    case 'to_y':
      return s.toY;
    case 'to_x_norm':
      return s.toXNorm;
    case 'to_y_norm':
      return s.toYNorm;
    case 'button':
      return s.button;
    case 'dx':
      return s.dx;
    case 'dy':
      return s.dy;
    case 'keys':
      return s.keys === null ? null : JSON.stringify(s.keys);
    case 'presses':
      return s.presses;
    case 'text':
      return s.text;
    case 'path':
      return s.path === null ? null : JSON.stringify(s.path);
    case 'pyautogui':
      return s.pyautogui;
    case 'before_frame':
      return s.beforeFrame;
    case 'after_frame':
      return s.afterFrame;
    case 'x_in_window':
      return s.xInWindow;
    case 'y_in_window':
      return s.yInWindow;
    case 'x_in_frame':
      return s.xInFrame;
    case 'y_in_frame':
      return s.yInFrame;
    case 'target_source':
      return s.target?.source ?? null;
    case 'target_role':
      return s.target?.role ?? null;
    case 'target_name':
      return s.target?.name ?? null;
    case 'target_tag':
      return s.target?.tag ?? null;
    case 'target_selector':
      return s.target?.selector ?? null;
    case 'target_x':
      return s.target?.box.x ?? null;
    case 'target_y':
      return s.target?.box.y ?? null;
    case 'target_w':
      return s.target?.box.w ?? null;
    case 'target_h':
      return s.target?.box.h ?? null;
    case 'target_states':
      return s.target?.states === undefined ? null : JSON.stringify(s.target.states);
  }
}

export function stepsToParquet(steps: readonly Step[], options: ParquetOptions = {}): Uint8Array {
  const columnData: ColumnSource[] = STEP_COLUMNS.map(([name, type]) => ({
    name,
    type,
    data: steps.map((s) => cell(s, name)),
  }));
  const buffer = parquetWriteBuffer({
    columnData,
    codec: options.codec ?? 'SNAPPY',
    createdBy: 'steno-datasets',
    kvMetadata: [{ key: 'steno.format', value: STEPS_FORMAT }],
  });
  return new Uint8Array(buffer);
}
