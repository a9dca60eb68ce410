/**
 * Issue 17: a desktop element target (read from the accessibility tree: role, name, states, box,
 * ancestor path) reaches every export with its AT-SPI states — episodes.jsonl's and
 * trajectories.jsonl's `target.states`, steps.parquet's and the hub Parquet's `target_states`
 * (JSON text) — read back by readers other than the writer (DuckDB, hyparquet). A browser target has
 * no states: null, never an empty list that would claim the states were read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { StenoEvent } from '@steno/protocol';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset, type DatasetBuild } from './build-dataset.ts';
import { episodesToJsonl } from './episodes-jsonl.ts';
import { hubToParquet } from './hub-parquet.ts';
import { stepsToParquet } from './steps-parquet.ts';
import { EventScript } from './test-support/event-script.ts';
import { SECRET_A, spec } from './test-support/population.ts';
import { trajectoriesToJsonl } from './trajectories-jsonl.ts';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0, 0);
const FIELD = { x: 600, y: 370, w: 170, h: 34 };
const CLICK_STATES = ['enabled', 'focusable', 'sensitive', 'showing', 'visible'];
const TYPE_STATES = ['editable', 'enabled', 'focusable', 'focused', 'sensitive', 'single_line'];
const PATH = 'dialog "Expense claim" > filler > text "Amount"';

function desktopElement(t: number, extra: Record<string, unknown>): StenoEvent {
  return StenoEvent.parse({
    type: 'element',
    t,
    source: 'desktop',
    action: 'click',
    role: 'text',
    name: 'Amount',
    selector: PATH,
    screen: FIELD,
    mods: [],
    ...extra,
  });
}

/** A click into a GTK dialog's text field and typing there (desktop targets), then a browser click. */
function session(offset: number): StenoEvent[] {
  const s = new EventScript(T0 + offset).focus('zenity', 'Expense claim', { w: 1280, h: 800 });
  // one task across the dialog and the browser: one episode
  s.events.push({ type: 'task', t: s.t, phase: 'start', taskId: `tk-${offset}`, label: 'File a claim' });
  s.wait(50).click(650, 380);
  const clickT = s.t - 100;
  s.events.push(desktopElement(clickT, { states: CLICK_STATES, x: 650, y: 380 }));
  s.wait(400);
  const typeT = s.t;
  s.type('42');
  s.events.push(desktopElement(typeT, { action: 'type', states: TYPE_STATES }));
  s.wait(1_500).focus('firefox', 'Expenses', { w: 1280, h: 800 }).click(300, 250);
  s.events.push(
    StenoEvent.parse({
      type: 'element',
      t: s.t - 80,
      action: 'click',
      role: 'button',
      name: 'Submit',
      tag: 'button',
      selector: '#submit',
      page: { x: 10, y: 20, w: 120, h: 32 },
      screen: { x: 260, y: 236, w: 120, h: 32 },
      x: 300,
      y: 250,
      mods: [],
    }),
  );
  s.wait(500).events.push({ type: 'task', t: s.t, phase: 'end', taskId: `tk-${offset}` });
  return s.events.sort((a, b) => a.t - b.t);
}

let dir: string;
let instance: DuckDBInstance;
let build: DatasetBuild;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'steno-desktop-exports-'));
  instance = await DuckDBInstance.create(':memory:');
  build = await buildDataset(
    spec('k: 2'),
    [
      { subjectId: 'ann.example', events: session(0) },
      { subjectId: 'bob.example', events: session(60_000) },
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

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The (action, target source, states) the exports must show for every step of the first episode. */
const EXPECTED = [
  ['click', 'desktop', CLICK_STATES],
  ['type', 'desktop', TYPE_STATES],
  ['click', 'browser', null],
];

describe('desktop targets in the exports (issue 17)', () => {
  it('the build joins both desktop elements and the browser one', () => {
    const steps = build.episodes[0]?.steps ?? [];
    expect(steps.map((s) => [s.action, s.target?.source ?? null, s.target?.states ?? null])).toEqual(
      EXPECTED,
    );
  });

  it('trajectories.jsonl carries the states beside role, name, path and box (DuckDB read_json)', async () => {
    const path = write('trajectories.jsonl', trajectoriesToJsonl(build.episodes));
    const read = await rows(
      `SELECT s.action AS action, s.target.source AS source, s.target.states AS states, s.target.role AS role,
              s.target.name AS name, s.target.selector AS selector, s.target.bbox AS bbox
       FROM (SELECT task_id, unnest(steps) AS s FROM read_json('${path}', format = 'newline_delimited'))
       ORDER BY task_id, s.index`,
    );
    expect(read.slice(0, 3).map((r) => [r.action, r.source, r.states])).toEqual(EXPECTED);
    expect(read[1]).toMatchObject({
      role: 'text',
      name: 'Amount',
      selector: PATH,
      bbox: [600n, 370n, 170n, 34n],
    });
  });

  it('episodes.jsonl carries them in the step target', () => {
    const text = new TextDecoder().decode(episodesToJsonl(build.episodes));
    const first = JSON.parse(text.split('\n')[0] as string) as {
      steps: { action: string; target: { source: string; states: string[] | null } | null }[];
    };
    expect(first.steps.map((s) => [s.action, s.target?.source ?? null, s.target?.states ?? null])).toEqual(
      EXPECTED,
    );
  });

  it('steps.parquet has target_states as JSON text (hyparquet and DuckDB)', async () => {
    const bytes = stepsToParquet(build.steps);
    const objects = (await parquetReadObjects({ file: bytes.buffer as ArrayBuffer })) as {
      episode_id: string;
      step: number;
      target_source: string | null;
      target_states: string | null;
    }[];
    const first = objects.filter((o) => o.episode_id === build.episodes[0]?.episodeId);
    expect(
      first.map((o) => [
        o.target_source,
        o.target_states === null ? null : (JSON.parse(o.target_states) as string[]),
      ]),
    ).toEqual(EXPECTED.map(([, source, states]) => [source, states]));
    const path = write('steps.parquet', bytes);
    const read = await rows(
      `SELECT CAST(json_extract_string(target_states, '$[3]') AS VARCHAR) AS fourth
       FROM read_parquet('${path}') WHERE action = 'type' ORDER BY episode_id`,
    );
    expect(read.map((r) => r.fourth)).toEqual(['focused', 'focused']);
  });

  it('the hub Parquet has a target_states column declared to the hub loader (DuckDB)', async () => {
    const path = write('train-00000-of-00001.parquet', hubToParquet(build.episodes, build.frames));
    const read = await rows(
      `SELECT action, target_role, target_states FROM read_parquet('${path}') ORDER BY episode_id, step`,
    );
    expect(
      read
        .slice(0, 3)
        .map((r) => [
          r.action,
          r.target_role,
          r.target_states === null ? null : JSON.parse(String(r.target_states)),
        ]),
    ).toEqual([
      ['click', 'text', CLICK_STATES],
      ['type', 'text', TYPE_STATES],
      ['click', 'button', null],
    ]);
    const kv = await rows(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${path}')`);
    const hf = JSON.parse(String(kv.find((r) => r.k === 'huggingface')?.v));
    expect(hf.info.features.target_states).toEqual({ dtype: 'string', _type: 'Value' });
  });
});
