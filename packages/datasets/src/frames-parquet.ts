/**
 * Frames as Parquet, one row per frame, written in memory so the caller encrypts the bytes before
 * anything touches a disk. The image column holds the WebP bytes exactly as the device redacted and
 * encoded them; steps refer to frames by `frame_id` (`before_frame`, `after_frame`). No time, no
 * title, no device or subject id.
 */
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import type { DatasetFrame } from './build-dataset.ts';
import type { ParquetOptions } from './steps-parquet.ts';

export const FRAMES_FILE = 'frames.parquet';
export const FRAMES_FORMAT = 'steno-frames/1';

/** The columns, in order, with their Parquet types (the README lists them). */
export const FRAME_COLUMNS = [
  ['frame_id', 'STRING'],
  ['episode_id', 'STRING'],
  ['width', 'INT32'],
  ['height', 'INT32'],
  ['scale', 'DOUBLE'],
  ['window_x', 'INT32'],
  ['window_y', 'INT32'],
  ['window_w', 'INT32'],
  ['window_h', 'INT32'],
  ['media_type', 'STRING'],
  ['webp', 'BYTE_ARRAY'],
] as const;

type ColumnName = (typeof FRAME_COLUMNS)[number][0];

function cell(f: DatasetFrame, name: ColumnName): unknown {
  switch (name) {
    case 'frame_id':
      return f.frameId;
    case 'episode_id':
      return f.episodeId;
    case 'width':
      return f.width;
    case 'height':
      return f.height;
    case 'scale':
      return f.scale;
    case 'window_x':
      return f.windowInFrame.x;
    case 'window_y':
      return f.windowInFrame.y;
    case 'window_w':
      return f.windowInFrame.width;
    case 'window_h':
      return f.windowInFrame.height;
    case 'media_type':
      return 'image/webp';
    case 'webp':
      return f.webp;
  }
}

export function framesToParquet(frames: readonly DatasetFrame[], options: ParquetOptions = {}): Uint8Array {
  const columnData: ColumnSource[] = FRAME_COLUMNS.map(([name, type]) => ({
    name,
    type,
    data: frames.map((f) => cell(f, name)),
    // WebP is compressed already; keep the image column's pages as they are
    ...(name === 'webp' ? { codec: 'UNCOMPRESSED' as const, statistics: false } : {}),
  }));
  const buffer = parquetWriteBuffer({
    columnData,
    codec: options.codec ?? 'SNAPPY',
    createdBy: 'steno-datasets',
    // one row group per 64 frames keeps pages of a few MiB
    rowGroupSize: 64,
    kvMetadata: [{ key: 'steno.format', value: FRAMES_FORMAT }],
  });
  return new Uint8Array(buffer);
}
