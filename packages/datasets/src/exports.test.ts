/**
 * Issue 17: the standard exports. trajectories.jsonl (a task's instruction, per step a screenshot
 * reference, the pyautogui call, the element target and an empty reasoning field) and the hub
 * Parquet (screenshots embedded as the Image feature's struct<bytes, path>, features declared in the
 * `huggingface` metadata) with its card's front matter. Read back by readers other than the writer
 * (DuckDB, hyparquet); every pyautogui line parsed by Python's `ast` and replayed against a recording
 * stand-in of pyautogui, scrolls in clicks.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { FrameEvent, StenoEvent } from '@steno/protocol';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildDataset, type DatasetBuild } from './build-dataset.ts';
import { decryptDatasetFile } from './file-crypto.ts';
import { HUB_CARD_FILE, hubCardMetadata } from './hub-card.ts';
import { HUB_COLUMNS, HUB_FILE, hubToParquet } from './hub-parquet.ts';
import { sealDataset } from './seal-dataset.ts';
import { SECRET_A, spec } from './test-support/population.ts';
import { TRAJECTORIES_FILE, trajectoriesToJsonl } from './trajectories-jsonl.ts';

// Two real 8×6 WebPs (black), differing in their last bytes.
const WEBP = [
  'UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoIAAYAAsBMJaQAA3AA/vgfgAA=',
  'UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoIAAYAAsBMJaQAA3AA/vgfgAB=',
];
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0, 0);
const SCREEN = { w: 1280, h: 800 };

function frame(t: number, actionId: string, app: string, n: number): FrameEvent {
  const window = { x: 0, y: 0, width: 1280, height: 800 };
  return {
    type: 'frame',
    t,
    actionId,
    webp: WEBP[n % 2] as string,
    meta: {
      kind: 'before',
      app,
      width: 640,
      height: 400,
      scale: 0.5,
      origin: { x: 0, y: 0 },
      window,
      windowInFrame: { x: 0, y: 0, width: 640, height: 400 },
    },
  };
}

/** A task across a browser and an editor: a click on a page button (with its element event), typing, a scroll, a shortcut. */
function session(device: string): StenoEvent[] {
  const id = (n: number) => `${device}-${n}`;
  const t = (ms: number) => T0 + ms;
  return [
    { type: 'focus', t: t(0), app: 'chromium', title: 'Expenses', screen: SCREEN },
    {
      type: 'task',
      t: t(10),
      phase: 'start',
      taskId: `tk-${device}`,
      label: 'File the Q3 expense report for ops@example.com',
    },
    frame(t(1_000), id(1), 'chromium', 0),
    { type: 'button', t: t(1_000), dir: 'down', button: 'left', x: 300, y: 250, mods: [], actionId: id(1) },
    { type: 'button', t: t(1_060), dir: 'up', button: 'left', x: 300, y: 250, mods: [] },
    { type: 'focus', t: t(1_070), app: 'https://expenses.example.com' },
    {
      type: 'element',
      t: t(1_020),
      action: 'click',
      role: 'button',
      name: 'New report',
      tag: 'button',
      selector: '#new',
      page: { x: 10, y: 20, w: 120, h: 32 },
      screen: { x: 260, y: 236, w: 120, h: 32 },
      x: 300,
      y: 250,
      mods: [],
    },
    { type: 'focus', t: t(1_080), app: 'chromium', title: 'Expenses', screen: SCREEN },
    frame(t(2_000), id(2), 'chromium', 1),
    { type: 'wheel', t: t(2_000), x: 640, y: 400, dx: 0, dy: 120, mods: [], actionId: id(2) },
    { type: 'wheel', t: t(2_100), x: 640, y: 400, dx: 0, dy: 120, mods: [] },
    { type: 'wheel', t: t(2_200), x: 640, y: 400, dx: 0, dy: 120, mods: [] },
    { type: 'focus', t: t(3_000), app: 'org.gnome.TextEditor', title: 'notes', screen: SCREEN },
    { type: 'key', t: t(3_100), dir: 'down', key: 'i', char: "'", mods: [] },
    { type: 'key', t: t(3_150), dir: 'down', key: 'o', char: 'k', mods: [] },
    { type: 'key', t: t(3_200), dir: 'down', key: 'Control', mods: ['ctrl'] },
    { type: 'key', t: t(3_250), dir: 'down', key: 's', mods: ['ctrl'] },
    { type: 'key', t: t(5_000), dir: 'down', key: 'ArrowDown', mods: [] },
    { type: 'task', t: t(6_000), phase: 'end', taskId: `tk-${device}` },
  ];
}

let dir: string;
let build: DatasetBuild;
let instance: DuckDBInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'steno-exports-'));
  instance = await DuckDBInstance.create(':memory:');
  build = await buildDataset(
    spec('k: 2\ntaskLabels: redact'),
    [
      { subjectId: 'ann.example', events: session('dEv1') },
      { subjectId: 'bob.example', events: session('dEv2') },
    ],
    { secret: SECRET_A },
  );
});
afterAll(() => {
  instance?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const db = await instance.connect();
  try {
    return (await db.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    db.closeSync();
  }
}

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('the build the exports are made from', () => {
  it('is one task episode per contributor across two applications, with a target and frames', () => {
    expect(build.episodes).toHaveLength(2);
    expect(build.episodes[0]).toMatchObject({
      apps: ['chromium', 'org.gnome.TextEditor'],
      task: 'File the Q3 expense report for [EMAIL]',
      taskStatus: 'completed',
    });
    expect(build.steps.map((s) => s.action).slice(0, 5)).toEqual([
      'click',
      'scroll',
      'type',
      'hotkey',
      'key',
    ]);
    expect(build.stats.stepsWithTarget).toBe(2);
    expect(build.frames).toHaveLength(4);
  });
});

describe('trajectories.jsonl', () => {
  it('reads back in DuckDB: instruction, screenshot references, pyautogui, targets, empty reasoning', async () => {
    const path = write(TRAJECTORIES_FILE, trajectoriesToJsonl(build.episodes));
    const read = await rows(
      `SELECT task_id, instruction, task_completed, len(steps)::INTEGER AS n, steps[1].image AS image, steps[1].code AS code,
              steps[1].target.role AS role, steps[1].target.name AS name, steps[1].target.bbox_norm AS bbox,
              steps[2].image AS image2, steps[3].image AS image3, list_distinct(list_transform(steps, s -> s.reasoning)) AS reasoning
       FROM read_json('${path}', format = 'newline_delimited') ORDER BY task_id`,
    );
    expect(read).toHaveLength(2);
    const [first] = read;
    const frameIds = new Set(build.frames.map((f) => `${f.frameId}.webp`));
    expect(first).toMatchObject({
      task_id: build.episodes[0]?.episodeId,
      instruction: 'File the Q3 expense report for [EMAIL]',
      task_completed: true,
      n: 5,
      code: 'pyautogui.click(x=300, y=250)',
      role: 'button',
      name: 'New report',
      image3: null,
      reasoning: [''],
    });
    expect(frameIds.has(String(first?.image))).toBe(true);
    expect(frameIds.has(String(first?.image2))).toBe(true);
    expect(first?.bbox).toEqual([0.20313, 0.295, 0.09375, 0.04]);
  });
});

describe('the hub Parquet (train-00000-of-00001.parquet)', () => {
  const frameBytes = () => new Map(build.frames.map((f) => [`${f.frameId}.webp`, Buffer.from(f.webp)]));

  it('reads back in DuckDB: one row per step, the image a struct<bytes, path> holding the frame bytes', async () => {
    const path = write(HUB_FILE, hubToParquet(build.episodes, build.frames));
    const cols = await rows(`DESCRIBE SELECT * FROM read_parquet('${path}')`);
    expect(cols.map((c) => c.column_name)).toEqual(HUB_COLUMNS.map(([n]) => n));
    expect(cols.find((c) => c.column_name === 'image')?.column_type).toBe('STRUCT(bytes BLOB, path VARCHAR)');
    const read = await rows(
      `SELECT episode_id, step, instruction, pyautogui, reasoning, target_role, image.path AS path, hex(image.bytes) AS hex
       FROM read_parquet('${path}') ORDER BY episode_id, step`,
    );
    expect(read).toHaveLength(build.steps.length);
    const bytes = frameBytes();
    const withImage = read.filter((r) => r.path !== null);
    expect(withImage).toHaveLength(build.frames.length);
    for (const r of withImage) expect(r.hex).toBe(bytes.get(String(r.path))?.toString('hex').toUpperCase());
    expect(
      read.every((r) => r.reasoning === '' && r.instruction === 'File the Q3 expense report for [EMAIL]'),
    ).toBe(true);
    expect(read.filter((r) => r.target_role === 'button')).toHaveLength(2);
    const kv = await rows(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${path}')`);
    const hf = JSON.parse(String(kv.find((r) => r.k === 'huggingface')?.v));
    expect(hf.info.features.image).toEqual({ _type: 'Image' });
    expect(hf.info.features.pyautogui).toEqual({ dtype: 'string', _type: 'Value' });
  });

  it('reads back in hyparquet with the same image bytes and the features in the key-value metadata', async () => {
    const file = hubToParquet(build.episodes, build.frames).buffer as ArrayBuffer;
    const read = (await parquetReadObjects({ file, utf8: false })) as {
      image: { bytes: Uint8Array; path: Uint8Array | string } | null;
      step: number;
    }[];
    expect(read).toHaveLength(build.steps.length);
    const bytes = frameBytes();
    const images = read.flatMap((r) => (r.image ? [r.image] : []));
    expect(images).toHaveLength(build.frames.length);
    for (const img of images) {
      const path = typeof img.path === 'string' ? img.path : Buffer.from(img.path).toString('utf8');
      expect(Buffer.from(img.bytes).equals(bytes.get(path) as Buffer)).toBe(true);
    }
    const meta = parquetMetadata(file);
    const hf = meta.key_value_metadata?.find((kv) => kv.key === 'huggingface');
    expect(JSON.parse(hf?.value ?? '{}').info.features.image._type).toBe('Image');
  });
});

describe('the hub card (README.md)', () => {
  it('has front matter the hub reads: configs finding the split file, features matching the Parquet', () => {
    const sealed = sealDataset(build, {
      datasetId: 'ds_x',
      version: 1,
      createdAt: '2026-02-01T00:00:00.000Z',
      policyVersion: 'p1',
      consentNoticeVersions: ['n1'],
    });
    const file = sealed.files.find((f) => f.name === HUB_CARD_FILE);
    const plain = decryptDatasetFile(sealed.key, HUB_CARD_FILE, file?.ciphertext as Uint8Array);
    if (!plain.ok) throw new Error('README.md did not decrypt');
    const text = new TextDecoder().decode(plain.value);
    const [, front, body] = text.split(/^---\n/m);
    const meta = parseYaml(front as string);
    expect(meta).toEqual(hubCardMetadata(sealed.manifest));
    expect(meta.configs).toEqual([
      { config_name: 'default', data_files: [{ split: 'train', path: HUB_FILE }] },
    ]);
    expect(meta.dataset_info.features.map((f: { name: string }) => f.name)).toEqual(
      HUB_COLUMNS.map(([n]) => n),
    );
    expect(meta.dataset_info.features.at(-1)).toEqual({ name: 'image', dtype: 'image' });
    expect(meta.dataset_info.splits).toEqual([{ name: 'train', num_examples: build.steps.length }]);
    expect(body).toMatch(/^\n# Dataset card: test-set \(version 1\)/);
    expect(body).toContain('Episodes that are tasks contributors marked: 2');
    expect(body).toContain('Steps with an element target: 2.');
    expect(sealed.manifest.files.map((f) => f.name)).toContain(HUB_CARD_FILE);
    expect(sealed.manifest.files.map((f) => f.name)).toContain(HUB_FILE);
  });
});

describe('pyautogui lines', () => {
  const HARNESS = `
import ast, json, sys
API = {'click', 'doubleClick', 'tripleClick', 'rightClick', 'middleClick', 'moveTo', 'dragTo', 'scroll', 'hscroll', 'write', 'press', 'hotkey'}
class Hold:
    def __enter__(self): return self
    def __exit__(self, *a): return False
class Recorder:
    def __init__(self): self.calls = []
    def hold(self, keys): self.calls.append(['hold', [keys], {}]); return Hold()
    def __getattr__(self, name):
        if name not in API: raise AttributeError('not a pyautogui call: ' + name)
        return lambda *a, **k: self.calls.append([name, list(a), k])
out = []
for line in json.load(sys.stdin):
    tree = ast.parse(line, mode='exec')
    assert len(tree.body) >= 1
    rec = Recorder()
    exec(compile(tree, '<step>', 'exec'), {'pyautogui': rec, '__builtins__': {}})
    out.append(rec.calls)
print(json.dumps(out))
`;

  it('every line parses with ast and replays as pyautogui calls; three wheel notches of 120 are scroll(-3)', () => {
    const script = write('replay.py', HARNESS);
    const lines = build.steps.map((s) => s.pyautogui);
    const calls = JSON.parse(
      execFileSync('python3', [script], { input: JSON.stringify(lines), encoding: 'utf8' }),
    ) as [string, unknown[], Record<string, unknown>][][];
    expect(calls).toHaveLength(lines.length);
    build.steps.forEach((s, i) => {
      const made = calls[i] ?? [];
      expect(made.length).toBeGreaterThan(0);
      if (s.action === 'scroll') {
        const scroll = made.find((c) => c[0] === 'scroll');
        // wheel deltas of 120 are notches: three of them scroll three clicks down
        expect(scroll?.[1]).toEqual([-3]);
        expect(scroll?.[2]).toEqual({ x: 640, y: 400 });
      }
      for (const [name, args, kw] of made) {
        if (name === 'click') expect(kw).toEqual({ x: s.x, y: s.y });
        if (name === 'write') expect(args).toEqual([s.text]);
        if (name === 'hotkey') expect(args).toEqual(s.keys);
      }
    });
    expect(calls.flat().map((c) => c[0])).toEqual(
      expect.arrayContaining(['click', 'scroll', 'write', 'hotkey', 'press']),
    );
  });
});
