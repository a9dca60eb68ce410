import type { StenoEvent } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import { type BuildProgress, buildDataset, type SubjectStream } from './build-dataset.ts';
import { renderDatasetCard } from './dataset-card.ts';
import { DatasetError } from './datasets-error.ts';
import { episodesToJsonl } from './episodes-jsonl.ts';
import { buildManifest, manifestToJson } from './manifest.ts';
import { stepsToParquet } from './steps-parquet.ts';
import { EventScript } from './test-support/event-script.ts';
import {
  browserTitle,
  deviceOf,
  editorTitle,
  population,
  RARE_APP,
  rareTitle,
  SECRET_A,
  SECRET_B,
  START,
  SUBJECTS,
  spec,
} from './test-support/population.ts';

const opts = { secret: SECRET_A };
const context = {
  datasetId: 'ds_1',
  version: 1,
  createdAt: '2026-02-02T00:00:00.000Z',
  policyVersion: 'p7',
  consentNoticeVersions: ['n3'],
};

describe('buildDataset: k-anonymity', () => {
  it('drops an application with fewer than k contributors, with all its episodes', async () => {
    const b = await buildDataset(spec(), population(), opts);
    expect(b.stats.applicationsKept.map((a) => [a.app, a.contributors])).toEqual([
      ['firefox', 6],
      ['org.gnome.TextEditor', 6],
    ]);
    expect(b.stats.applicationsDropped).toEqual({ count: 1, episodes: 3, named: [] });
    expect(b.episodes.some((e) => e.app === RARE_APP)).toBe(false);
    expect(b.steps.some((s) => s.app === RARE_APP)).toBe(false);
  });

  it('keeps it when k allows, and names a dropped application only if the allow list named it', async () => {
    const low = await buildDataset(spec('k: 2'), population(), opts);
    expect(low.stats.applicationsKept.map((a) => a.app)).toContain(RARE_APP);
    const named = await buildDataset(
      spec(`applications: { allow: [firefox, ${RARE_APP}] }`),
      population(),
      opts,
    );
    expect(named.stats.applicationsDropped.named).toEqual([RARE_APP]);
    expect(named.stats.episodesOutsideApplicationFilter).toBeGreaterThan(0);
    expect(named.episodes.every((e) => e.app === 'firefox')).toBe(true);
  });

  it('counts contributors, not streams: one person on two devices is one contributor', async () => {
    const streams = population().filter((s) => s.subjectId !== SUBJECTS[5]);
    // five people, six streams: with k = 6 nothing is left
    const b = await buildDataset(spec('k: 6'), streams, opts);
    expect(b.stats.streamsRead).toBe(6);
    expect(b.stats.contributorsRead).toBe(5);
    expect(b.episodes).toEqual([]);
    expect(b.stats.applicationsKept).toEqual([]);
  });
});

describe('buildDataset: pseudonyms', () => {
  it('are stable within a dataset and differ across datasets', async () => {
    const a1 = await buildDataset(spec(), population(), opts);
    const a2 = await buildDataset(spec(), population(), opts);
    const b = await buildDataset(spec(), population(), { secret: SECRET_B });
    expect(a1.contributors).toHaveLength(6);
    for (const p of a1.contributors) expect(p).toMatch(/^c_[0-9a-f]{32}$/);
    expect(a2.contributors).toEqual(a1.contributors);
    expect(b.contributors).toHaveLength(6);
    expect(b.contributors.filter((p) => a1.contributors.includes(p))).toEqual([]);
    // one person's two devices share a pseudonym; every step's pseudonym is its episode's
    const perContributor = new Map<string, number>();
    for (const e of a1.episodes)
      perContributor.set(e.contributor, (perContributor.get(e.contributor) ?? 0) + 1);
    expect([...perContributor.values()].sort()).toEqual([2, 2, 2, 2, 2, 4]);
    for (const e of a1.episodes) for (const s of e.steps) expect(s.contributor).toBe(e.contributor);
  });

  it('gives the same bytes for the same input and secret, whatever order streams come in', async () => {
    const a = await buildDataset(spec(), population(), opts);
    const b = await buildDataset(spec(), population().reverse(), opts);
    expect(Buffer.from(episodesToJsonl(b.episodes)).equals(Buffer.from(episodesToJsonl(a.episodes)))).toBe(
      true,
    );
  });

  it('refuses a secret shorter than 32 bytes', async () => {
    await expect(buildDataset(spec(), [], { secret: new Uint8Array(16) })).rejects.toMatchObject({
      code: 'DATASET_SECRET_INVALID',
    });
  });
});

describe('buildDataset: nothing identifying in the output bytes', () => {
  const identifying = (streams: SubjectStream[]) => [
    ...SUBJECTS,
    ...streams.map((s) => s.deviceId as string),
    ...SUBJECTS.flatMap((s) => [browserTitle(s), editorTitle(s), rareTitle(s)]),
    'Payroll of',
    'Appraisal notes',
    '@example.com',
  ];

  async function outputs(extra = '') {
    const streams = population();
    const b = await buildDataset(spec(extra), streams, opts);
    const manifest = buildManifest(context, b.spec, b.stats, b.contributors, []);
    const files: [string, Uint8Array][] = [
      ['episodes.jsonl', episodesToJsonl(b.episodes)],
      ['steps.parquet', stepsToParquet(b.steps, { codec: 'UNCOMPRESSED' })],
      ['manifest.json', manifestToJson(manifest)],
      ['card.md', new TextEncoder().encode(renderDatasetCard(manifest))],
    ];
    return { b, streams, files };
  }

  function found(files: [string, Uint8Array][], needles: string[]): string[] {
    const hits: string[] = [];
    for (const [name, bytes] of files) {
      const text = Buffer.from(bytes).toString('latin1');
      for (const n of needles) if (text.includes(n)) hits.push(`${name}: ${n}`);
    }
    return hits;
  }

  it('holds no subject id, device id, window title or task label', async () => {
    const { streams, files } = await outputs('taskLabels: drop');
    expect(found(files, identifying(streams))).toEqual([]);
    // the scan can fail: the raw input does hold them
    const raw = new TextEncoder().encode(JSON.stringify(streams));
    expect(found([['raw', raw]], identifying(streams)).length).toBeGreaterThan(10);
  });

  it('holds allow-listed titles, and only those', async () => {
    const { b, files } = await outputs(`titles: { allow: ['Payroll of .* - Mozilla Firefox'] }`);
    const title = browserTitle(SUBJECTS[1]);
    expect(found(files, [title])).toEqual([`episodes.jsonl: ${title}`, `steps.parquet: ${title}`]);
    expect(found(files, SUBJECTS.map(editorTitle))).toEqual([]);
    expect(b.stats.titlesKept).toBeGreaterThan(0);
    expect(b.stats.titlesDropped).toBeGreaterThan(0);
  });

  it('keeps task labels only after redaction when the spec asks', async () => {
    const kept = await buildDataset(spec('taskLabels: redact'), population(), opts);
    const labels = kept.episodes.filter((e) => e.taskMarked).map((e) => e.task);
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) {
      expect(l).toContain('[EMAIL]');
      expect(l).not.toContain('@example.com');
    }
    const dropped = await buildDataset(spec(), population(), opts);
    expect(dropped.episodes.every((e) => e.task === null)).toBe(true);
    expect(dropped.episodes.some((e) => e.taskMarked)).toBe(true);
  });
});

describe('buildDataset: time, coordinates, statistics', () => {
  it('quantises every timestamp and keeps step order', async () => {
    for (const q of [100, 1000]) {
      const b = await buildDataset(spec(`quantiseMs: ${q}`), population(), opts);
      for (const e of b.episodes) {
        expect(e.startMs % q).toBe(0);
        expect(e.endMs % q).toBe(0);
        for (let i = 0; i < e.steps.length; i++) {
          const s = e.steps[i];
          expect(s?.tMs !== undefined && s.tMs % q).toBe(0);
          expect(s?.step).toBe(i);
          if (i > 0) expect(s?.tMs).toBeGreaterThanOrEqual(e.steps[i - 1]?.tMs ?? 0);
        }
      }
    }
    // the first click of the first session is at START + 1234 + 50 (focus) + 32 (path): floored
    const b = await buildDataset(spec(), population(), opts);
    const clickTimes = b.steps.filter((s) => s.action === 'click').map((s) => s.tMs);
    expect(clickTimes).toContain(Date.UTC(2026, 0, 5, 9, 0, 1, 300));
  });

  it('normalises coordinates to the screen, from focus events or the stream', async () => {
    const b = await buildDataset(spec(), population(), opts);
    const clicks = b.steps.filter((s) => s.action === 'click' && s.x === 960);
    expect(clicks.map((s) => [s.xNorm, s.yNorm, s.screenW])).toContainEqual([0.5, 0.5, 1920]);
    expect(clicks.map((s) => [s.xNorm, s.yNorm, s.screenW])).toContainEqual([0.75, 0.675, 1280]);
    // no screen in focus events nor the stream: absolute coordinates only
    const bare = population()[6]?.events as StenoEvent[];
    const noScreen = await buildDataset(
      spec('k: 2'),
      [
        { subjectId: 'x', events: bare },
        { subjectId: 'y', events: bare },
      ],
      opts,
    );
    expect(noScreen.steps.length).toBeGreaterThan(0);
    for (const s of noScreen.steps)
      expect([s.xNorm, s.yNorm, s.screenW, s.screenH]).toEqual([null, null, null, null]);
    expect(noScreen.steps.some((s) => s.x !== null)).toBe(true);
  });

  it('counts redactions by entity type, pastes and actions', async () => {
    const b = await buildDataset(spec(), population(), opts);
    expect(b.stats.redactionsByEntity).toEqual({ EMAIL: 7 });
    expect(b.stats.pastes).toBe(7);
    expect(b.stats.actionsByType).toMatchObject({
      click: 14,
      type: 14,
      hotkey: 14,
      key: 7,
      scroll: 7,
      drag: 0,
    });
    expect(b.stats.steps).toBe(b.steps.length);
  });

  it('keeps only events inside the time range', async () => {
    // sessions start an hour apart: those of the first three subjects fall inside 09:00-12:00
    const b = await buildDataset(
      specFrom('2026-01-05T09:00:00Z', '2026-01-05T12:00:00Z'),
      population(),
      opts,
    );
    expect(b.stats.contributorsKept).toBe(0); // three contributors < k = 5
    const k3 = await buildDataset(
      specFrom('2026-01-05T09:00:00Z', '2026-01-05T12:00:00Z', 'k: 3'),
      population(),
      opts,
    );
    expect(k3.stats.contributorsKept).toBe(3);
    expect(
      k3.episodes.every((e) => e.startMs >= Date.UTC(2026, 0, 5, 9) && e.endMs < Date.UTC(2026, 0, 5, 12)),
    ).toBe(true);
  });

  it('reports progress only every k streams, then the phases', async () => {
    const seen: BuildProgress[] = [];
    await buildDataset(spec('k: 3'), population(), { ...opts, onProgress: (p) => seen.push({ ...p }) });
    expect(seen.map((p) => [p.phase, p.streamsRead])).toEqual([
      ['reading', 0],
      ['reading', 3],
      ['reading', 6],
      ['deidentifying', 7],
      ['done', 7],
    ]);
    const fine: BuildProgress[] = [];
    await buildDataset(spec('k: 3'), population(), {
      ...opts,
      progressEvery: 1,
      onProgress: (p) => fine.push(p),
    });
    expect(fine.filter((p) => p.phase === 'reading')).toHaveLength(3); // never finer than k
  });

  it('takes events in chunks from async iterables, and can be cancelled', async () => {
    async function* streams(): AsyncIterable<SubjectStream> {
      for (const s of population()) {
        const events = s.events as StenoEvent[];
        yield {
          subjectId: s.subjectId,
          events: (async function* () {
            yield events.slice(0, 5);
            yield* events.slice(5);
          })(),
        };
      }
    }
    const b = await buildDataset(spec(), streams(), opts);
    const ref = await buildDataset(spec(), population(), opts);
    expect(b.stats.steps).toBe(ref.stats.steps);
    const ac = new AbortController();
    ac.abort();
    const err = await buildDataset(spec(), streams(), { ...opts, signal: ac.signal }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as DatasetError).code).toBe('DATASET_BUILD_ABORTED');
  });

  it('never uses the device id', async () => {
    const a = await buildDataset(spec(), population(), opts);
    const renamed = population().map((s) => ({ ...s, deviceId: deviceOf('other', 9) }));
    const b = await buildDataset(spec(), renamed, opts);
    expect(episodesToJsonl(b.episodes)).toEqual(episodesToJsonl(a.episodes));
  });
});

function specFrom(from: string, to: string, extra = '') {
  const base = spec(extra);
  return { ...base, timeRange: { from: new Date(from).toISOString(), to: new Date(to).toISOString() } };
}

describe('buildDataset: tasks across applications (issue 17)', () => {
  /** Each subject: a started task over firefox and the editor, ended; then one abandoned. */
  function taskStreams(rareFor: readonly string[] = []): SubjectStream[] {
    return SUBJECTS.map((subjectId, i) => {
      const s = new EventScript(START + i * 3_600_000);
      s.focus('firefox');
      s.events.push({
        type: 'task',
        t: s.t,
        phase: 'start',
        taskId: 'tk1',
        label: `File the Q3 report for ${subjectId}@example.com`,
      });
      s.wait(10).click(10, 10).focus('org.gnome.TextEditor').type('total 42');
      if (rareFor.includes(subjectId)) s.focus(RARE_APP).click(1, 1);
      s.events.push({ type: 'task', t: s.t, phase: 'end', taskId: 'tk1' });
      s.events.push({ type: 'task', t: s.t + 10, phase: 'start', taskId: 'tk2', label: 'given up' });
      s.wait(20).click(20, 20);
      s.events.push({ type: 'task', t: s.t, phase: 'abandon', taskId: 'tk2' });
      return { subjectId, events: s.events };
    });
  }

  it('one episode per task with both applications, the label redacted, abandoned tasks left out', async () => {
    const b = await buildDataset(spec('taskLabels: redact'), taskStreams(), opts);
    expect(b.episodes).toHaveLength(SUBJECTS.length);
    const e = b.episodes[0];
    expect(e).toMatchObject({
      apps: ['firefox', 'org.gnome.TextEditor'],
      taskStatus: 'completed',
      endReason: 'task_end',
      task: 'File the Q3 report for [EMAIL]',
    });
    expect(e?.steps.map((s) => s.app)).toEqual(['firefox', 'org.gnome.TextEditor']);
    expect(b.stats.tasks).toBe(SUBJECTS.length);
    expect(b.stats.episodesAbandonedDropped).toBe(SUBJECTS.length);
    const kept = await buildDataset(spec('abandonedTasks: keep'), taskStreams(), opts);
    expect(kept.episodes.filter((x) => x.taskStatus === 'abandoned')).toHaveLength(SUBJECTS.length);
    expect(kept.episodes.every((x) => x.task === null)).toBe(true);
  });

  it('k holds for every application a task touched: a task through a rare tool is left out whole', async () => {
    const b = await buildDataset(spec(), taskStreams([SUBJECTS[0], SUBJECTS[1]]), opts);
    expect(b.episodes).toHaveLength(SUBJECTS.length - 2);
    expect(b.steps.some((s) => s.app === RARE_APP)).toBe(false);
    expect(b.stats.applicationsDropped).toMatchObject({ count: 1, episodes: 2 });
  });
});

describe('buildDataset: contributor review of task episodes (issue 17)', () => {
  function reviewStreams(reviews: (subject: string) => SubjectStream['reviews']): SubjectStream[] {
    return SUBJECTS.map((subjectId, i) => {
      const s = new EventScript(START + i * 3_600_000).focus('firefox');
      for (const [n, label] of [
        [1, 'first task'],
        [2, 'second task'],
      ] as const) {
        s.events.push({ type: 'task', t: s.t, phase: 'start', taskId: `tk${n}`, label });
        s.wait(10).click(n, n);
        s.events.push({ type: 'task', t: s.t, phase: 'end', taskId: `tk${n}` });
        s.wait(10);
      }
      s.click(9, 9); // no task: not reviewable
      return { subjectId, events: s.events, reviews: reviews(subjectId) };
    });
  }

  it('a dropped task never enters the dataset; a description replaces the label (redacted); kept is marked reviewed', async () => {
    const b = await buildDataset(
      spec('taskLabels: redact'),
      reviewStreams(() => [
        { taskId: 'tk1', decision: 'drop' },
        { taskId: 'tk2', decision: 'keep', description: 'Book the offsite for team@example.com' },
      ]),
      opts,
    );
    expect(b.stats.episodesDroppedInReview).toBe(SUBJECTS.length);
    const tasks = b.episodes.filter((e) => e.taskMarked);
    expect(tasks.map((e) => [e.task, e.reviewed])).toEqual(
      SUBJECTS.map(() => ['Book the offsite for [EMAIL]', true]),
    );
    expect(b.episodes.some((e) => e.task === 'first task')).toBe(false);
    expect(b.episodes.filter((e) => !e.taskMarked && !e.reviewed)).toHaveLength(SUBJECTS.length);
  });

  it('reviewedOnly keeps only the tasks their contributor kept; a malformed review is refused with a code', async () => {
    const b = await buildDataset(
      spec('reviewedOnly: true'),
      reviewStreams(() => [{ taskId: 'tk2', decision: 'keep' }]),
      opts,
    );
    expect(b.episodes).toHaveLength(SUBJECTS.length);
    expect(b.episodes.every((e) => e.reviewed && e.steps[0]?.x === 2)).toBe(true);
    expect(b.stats.episodesUnreviewed).toBe(2 * SUBJECTS.length);
    await expect(
      buildDataset(
        spec(),
        reviewStreams(() => [{ taskId: 'tk 1', decision: 'keep' }]),
        opts,
      ),
    ).rejects.toMatchObject({ code: 'DATASET_REVIEW_INVALID' });
  });
});
