/**
 * Frames in datasets (issue 11): a step is observation + action. The before frame of each action is
 * joined by the device's action id, the after frame is the next frame of the same window, the
 * action's point is given relative to the window and in frame pixels, and the WebP bytes go into
 * their own encrypted file (frames.parquet) under new ids, with no time, title or device id. Read
 * back with DuckDB and hyparquet, readers other than the writer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { FrameEvent, StenoEvent } from '@steno/protocol';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDataset } from './build-dataset.ts';
import { episodesToJsonl } from './episodes-jsonl.ts';
import { decryptDatasetFile } from './file-crypto.ts';
import { FRAME_COLUMNS, FRAMES_FILE, framesToParquet } from './frames-parquet.ts';
import { sealDataset } from './seal-dataset.ts';
import { stepsToParquet } from './steps-parquet.ts';
import { SECRET_A, spec } from './test-support/population.ts';

// A real 8×6 WebP (black), and a second one differing in its bytes.
const WEBP_A = 'UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoIAAYAAsBMJaQAA3AA/vgfgAA=';
const WEBP_B = 'UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoIAAYAAsBMJaQAA3AA/vgfgAB=';
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0, 0);
const APP = 'org.example.Editor';
const WINDOW = { x: 100, y: 50, width: 800, height: 600 };

function frame(t: number, actionId: string, webp = WEBP_A, window = WINDOW): FrameEvent {
  return {
    type: 'frame',
    t,
    actionId,
    webp,
    meta: {
      kind: 'before',
      app: APP,
      width: 640,
      height: 400,
      scale: 0.5,
      origin: { x: 0, y: 0 },
      window,
      windowInFrame: {
        x: window.x / 2,
        y: window.y / 2,
        width: window.width / 2,
        height: window.height / 2,
      },
    },
  };
}

function session(device: string): StenoEvent[] {
  const id = (n: number) => `${device}-${n}`;
  return [
    { type: 'focus', t: T0, app: APP, title: 'Secret plans of Jane', screen: { w: 1280, h: 800 } },
    frame(T0 + 1_000, id(1)),
    { type: 'button', t: T0 + 1_000, dir: 'down', button: 'left', x: 300, y: 250, mods: [], actionId: id(1) },
    { type: 'button', t: T0 + 1_080, dir: 'up', button: 'left', x: 300, y: 250, mods: [] },
    frame(T0 + 2_000, id(2), WEBP_B),
    { type: 'key', t: T0 + 2_000, dir: 'down', key: 'h', char: 'h', mods: [], actionId: id(2) },
    { type: 'key', t: T0 + 2_050, dir: 'down', key: 'i', char: 'i', mods: [] },
    // a frame of another window: not the click's after frame
    frame(T0 + 4_000, id(3), WEBP_A, { x: 0, y: 0, width: 200, height: 100 }),
    { type: 'wheel', t: T0 + 4_000, x: 50, y: 40, dx: 0, dy: 2, mods: [], actionId: id(3) },
    // an action whose frame was not taken
    { type: 'key', t: T0 + 5_000, dir: 'down', key: 'c', mods: ['ctrl'], actionId: id(4) },
  ];
}

const streams = () => [
  { subjectId: 'ann.example', events: session('dEv1AbCd') },
  { subjectId: 'bob.example', events: session('dEv2EfGh') },
];

const dir = mkdtempSync(join(tmpdir(), 'steno-frames-ds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('frames in datasets', () => {
  it('attaches before and after frames by action id, with the point in window and frame pixels', async () => {
    const build = await buildDataset(spec('k: 2'), streams(), { secret: SECRET_A });
    expect(build.steps.map((s) => s.action)).toEqual([
      'click',
      'type',
      'scroll',
      'hotkey',
      'click',
      'type',
      'scroll',
      'hotkey',
    ]);
    const [click, type, scroll, hotkey] = build.steps;
    expect(click).toMatchObject({
      beforeFrame: `${click?.episodeId}-f1`,
      afterFrame: `${click?.episodeId}-f2`, // the typing's before frame: the same window
      xInWindow: 200,
      yInWindow: 200,
      xInFrame: 150,
      yInFrame: 125,
    });
    expect(type).toMatchObject({ beforeFrame: `${click?.episodeId}-f2`, afterFrame: null, xInFrame: null });
    expect(scroll).toMatchObject({ beforeFrame: `${click?.episodeId}-f3`, afterFrame: null, xInWindow: 50 });
    expect(hotkey).toMatchObject({ beforeFrame: null, afterFrame: null });
    expect(build.frames).toHaveLength(6);
    expect(build.stats).toMatchObject({ frames: 6, inputDropped: { eventsIgnored: 0 } });
    expect(build.frames[1]?.webp).toEqual(new Uint8Array(Buffer.from(WEBP_B, 'base64')));

    // no device action id, title or raw time anywhere in the outputs
    const text = [episodesToJsonl(build.episodes), stepsToParquet(build.steps), framesToParquet(build.frames)]
      .map((b) => Buffer.from(b).toString('latin1'))
      .join('\n');
    expect(text).not.toMatch(/dEv1AbCd|dEv2EfGh|Jane|ann\.example/);
  });

  it('frames: before keeps no after frames; frames: none keeps no frames and no frames file', async () => {
    const before = await buildDataset(spec('k: 2\nframes: before'), streams(), { secret: SECRET_A });
    expect(before.steps.every((s) => s.afterFrame === null)).toBe(true);
    expect(before.frames).toHaveLength(6);
    const none = await buildDataset(spec('k: 2\nframes: none'), streams(), { secret: SECRET_A });
    expect(none.frames).toEqual([]);
    expect(none.steps.every((s) => s.beforeFrame === null && s.xInFrame === null)).toBe(true);
    expect(sealDataset(none, context()).files.map((f) => f.name)).toEqual([
      'episodes.jsonl',
      'steps.parquet',
      'trajectories.jsonl',
      'train-00000-of-00001.parquet',
      'README.md',
    ]);
  });

  it('frames.parquet is sealed with the other files and reads back, bytes intact, in DuckDB and hyparquet', async () => {
    const build = await buildDataset(spec('k: 2'), streams(), { secret: SECRET_A });
    const sealed = sealDataset(build, context());
    const file = sealed.files.find((f) => f.name === FRAMES_FILE);
    if (!file) throw new Error('no frames file');
    expect(sealed.manifest.files.map((f) => f.name)).toContain(FRAMES_FILE);
    const plain = decryptDatasetFile(sealed.key, FRAMES_FILE, file.ciphertext);
    if (!plain.ok) throw new Error(plain.error.code);
    const path = join(dir, FRAMES_FILE);
    writeFileSync(path, plain.value);

    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    try {
      const read = (
        await db.runAndReadAll(`SELECT * FROM read_parquet('${path}') ORDER BY frame_id`)
      ).getRowObjectsJS() as Record<string, unknown>[];
      expect(Object.keys(read[0] ?? {})).toEqual(FRAME_COLUMNS.map(([name]) => name));
      const byId = new Map(build.frames.map((f) => [f.frameId, f]));
      expect(read).toHaveLength(build.frames.length);
      for (const r of read) {
        const f = byId.get(String(r.frame_id));
        expect(f).toBeDefined();
        expect(new Uint8Array(r.webp as Uint8Array)).toEqual(f?.webp);
        expect(r).toMatchObject({ width: 640, height: 400, scale: 0.5, media_type: 'image/webp' });
      }
      // a step joins its before frame in SQL
      const steps = join(dir, 'steps.parquet');
      writeFileSync(steps, stepsToParquet(build.steps));
      const joined = (
        await db.runAndReadAll(
          `SELECT s.action, octet_length(f.webp)::INTEGER AS n FROM read_parquet('${steps}') s
           JOIN read_parquet('${path}') f ON f.frame_id = s.before_frame ORDER BY s.episode_id, s.step`,
        )
      ).getRowObjectsJS();
      expect(joined.map((j) => j.action)).toEqual(['click', 'type', 'scroll', 'click', 'type', 'scroll']);
    } finally {
      db.closeSync();
      instance.closeSync();
    }

    const bytes = plain.value;
    // hyparquet reads an unannotated BYTE_ARRAY as text unless told not to
    const rows = await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      utf8: false,
    });
    expect(rows.map((r) => r.frame_id)).toEqual(build.frames.map((f) => f.frameId));
    rows.forEach((r, i) => {
      expect(new Uint8Array(r.webp as Uint8Array)).toEqual(build.frames[i]?.webp);
    });
  });
});

function context() {
  return {
    datasetId: 'ds_test',
    version: 1,
    createdAt: '2026-02-01T00:00:00.000Z',
    policyVersion: '3',
    consentNoticeVersions: ['v1'],
  };
}
