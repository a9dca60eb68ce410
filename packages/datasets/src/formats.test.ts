/**
 * Each format is read back by a reader other than the writer: the Parquet written by
 * hyparquet-writer through DuckDB and hyparquet, the JSON lines through DuckDB's read_json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset, type DatasetBuild } from './build-dataset.ts';
import { episodesToJsonl } from './episodes-jsonl.ts';
import { STEP_COLUMNS, stepsToParquet } from './steps-parquet.ts';
import { population, SECRET_A, spec } from './test-support/population.ts';

let dir: string;
let instance: DuckDBInstance;
let db: DuckDBConnection;
let build: DatasetBuild;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'steno-datasets-'));
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  build = await buildDataset(spec(`titles: { allow: ['Payroll of .*'] }`), population(), {
    secret: SECRET_A,
  });
});

afterAll(() => {
  db?.closeSync();
  instance?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const r = await db.runAndReadAll(sql);
  return r.getRowObjectsJS() as Record<string, unknown>[];
}

describe('steps.parquet', () => {
  it.each(['SNAPPY', 'UNCOMPRESSED'] as const)(
    'reads back in DuckDB with every row and column (%s)',
    async (codec) => {
      const path = file(`steps-${codec}.parquet`, stepsToParquet(build.steps, { codec }));
      const read = await rows(`SELECT * FROM read_parquet('${path}') ORDER BY contributor, episode_id, step`);
      expect(read).toHaveLength(build.steps.length);
      expect(Object.keys(read[0] ?? {})).toEqual(STEP_COLUMNS.map(([name]) => name));
      const byKey = new Map(build.steps.map((s) => [`${s.episodeId}/${s.step}`, s]));
      for (const r of read) {
        const s = byKey.get(`${r.episode_id}/${r.step}`);
        expect(s).toBeDefined();
        if (!s) continue;
        expect(r).toMatchObject({
          contributor: s.contributor,
          t_ms: BigInt(s.tMs),
          app: s.app,
          title: s.title,
          action: s.action,
          x: s.x,
          y: s.y,
          x_norm: s.xNorm,
          y_norm: s.yNorm,
          dx: s.dx,
          dy: s.dy,
          text: s.text,
          keys: s.keys === null ? null : JSON.stringify(s.keys),
          path: s.path === null ? null : JSON.stringify(s.path),
          pyautogui: s.pyautogui,
        });
      }
      const types = await rows(
        `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${path}')) WHERE column_name IN ('t_ms', 'x', 'x_norm', 'text')`,
      );
      expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toEqual({
        t_ms: 'BIGINT',
        x: 'INTEGER',
        x_norm: 'DOUBLE',
        text: 'VARCHAR',
      });
    },
  );

  it('answers queries a training pipeline would run', async () => {
    const path = file('steps-q.parquet', stepsToParquet(build.steps));
    const byAction = await rows(
      `SELECT action, count(*)::INTEGER AS n FROM read_parquet('${path}') GROUP BY action ORDER BY action`,
    );
    expect(Object.fromEntries(byAction.map((r) => [r.action, r.n]))).toEqual(
      Object.fromEntries(Object.entries(build.stats.actionsByType).filter(([, n]) => n > 0)),
    );
    const emails = await rows(
      `SELECT count(*)::INTEGER AS n FROM read_parquet('${path}') WHERE text LIKE '%[EMAIL]%'`,
    );
    expect(emails[0]?.n).toBe(build.stats.redactionsByEntity.EMAIL);
  });

  it('reads back with hyparquet', async () => {
    const bytes = stepsToParquet(build.steps);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const read = await parquetReadObjects({ file });
    expect(read).toHaveLength(build.steps.length);
    read.forEach((r, i) => {
      const s = build.steps[i];
      expect(r.episode_id).toBe(s?.episodeId);
      expect(r.step).toBe(s?.step);
      expect(r.t_ms).toBe(BigInt(s?.tMs ?? -1));
      expect(r.pyautogui).toBe(s?.pyautogui);
      expect(r.to_x).toBe(s?.toX);
      expect(r.presses).toBe(s?.presses);
    });
  });

  it('writes an empty dataset as a valid file', async () => {
    const path = file('empty.parquet', stepsToParquet([]));
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM read_parquet('${path}')`)).toEqual([{ n: 0 }]);
  });
});

describe('episodes.jsonl', () => {
  it('reads back in DuckDB read_json with nested steps', async () => {
    const path = file('episodes.jsonl', episodesToJsonl(build.episodes));
    const read = await rows(
      `SELECT episode_id, contributor, app, title, start_ms, end_reason, len(steps)::INTEGER AS n, steps[1].pyautogui AS first
       FROM read_json('${path}', format = 'newline_delimited') ORDER BY episode_id`,
    );
    expect(read).toHaveLength(build.episodes.length);
    const byId = new Map(build.episodes.map((e) => [e.episodeId, e]));
    for (const r of read) {
      const e = byId.get(String(r.episode_id));
      expect(e).toBeDefined();
      expect(r).toMatchObject({
        contributor: e?.contributor,
        app: e?.app,
        title: e?.title,
        end_reason: e?.endReason,
        n: e?.steps.length,
        first: e?.steps[0]?.pyautogui,
      });
      expect(Number(r.start_ms)).toBe(e?.startMs);
    }
    const steps = await rows(
      `SELECT count(*)::INTEGER AS n FROM (SELECT unnest(steps) FROM read_json('${path}', format = 'newline_delimited'))`,
    );
    expect(steps[0]?.n).toBe(build.steps.length);
  });
});
