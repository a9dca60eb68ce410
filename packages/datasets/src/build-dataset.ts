/**
 * Builds a dataset from event streams the server has already read through its guard: actions and
 * episodes per stream, then de-identification (pseudonyms, application filter, k-anonymity per
 * application, titles only when allow-listed, task labels dropped or redacted, timestamps
 * quantised). Pure: no database, no files. Episodes are held in memory until every stream is read,
 * because k can only be decided once all contributors of an application are known.
 */

import { redactText } from '@steno/privacy';
import type { EntityType, FrameEvent, StenoEvent } from '@steno/protocol';
import { z } from 'zod';
import { ActionBuilder, type BuilderDropCounts, type BuiltEpisode, type Screen } from './action-builder.ts';
import { ACTION_TYPES, type ActionType } from './actions.ts';
import { type DatasetSpec, titleMatcher } from './dataset-spec.ts';
import { DatasetError } from './datasets-error.ts';
import { countContributor, decideK, newCensus } from './k-anonymity.ts';
import { createPseudonymiser } from './pseudonym.ts';
import { quantise } from './quantise.ts';
import { type Episode, type Step, type StepFrame, toStep } from './steps.ts';

/** A frame in the dataset: its id (`<episode id>-f<n>`), geometry and the WebP bytes as the device redacted them. */
export interface DatasetFrame {
  frameId: string;
  episodeId: string;
  width: number;
  height: number;
  /** Frame pixels per screen pixel. */
  scale: number;
  /** The acted-on window's content rectangle in frame pixels. */
  windowInFrame: { x: number; y: number; width: number; height: number };
  webp: Uint8Array;
}

/**
 * The contributor's review of a task they marked (issue 17), as the portal records it: keep it, drop
 * it (it never enters a dataset), and optionally a description in their words replacing the label.
 */
export const EpisodeReviewSchema = z
  .object({
    taskId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    decision: z.enum(['keep', 'drop']),
    description: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type EpisodeReview = z.infer<typeof EpisodeReviewSchema>;

/** One subject's events from one device, ordered by time, as read through the guard. */
export interface SubjectStream {
  subjectId: string;
  /** Accepted for the caller's bookkeeping; never used or written. */
  deviceId?: string;
  /** Screen size for this device when its focus events carry none. */
  screen?: Screen;
  /** The contributor's reviews of their tasks (by the device's task id); validated, else DATASET_REVIEW_INVALID. */
  reviews?: readonly EpisodeReview[];
  /** Events, one at a time or in chunks (decrypted batches). */
  events: Iterable<StenoEvent | readonly StenoEvent[]> | AsyncIterable<StenoEvent | readonly StenoEvent[]>;
}

export interface BuildProgress {
  phase: 'reading' | 'deidentifying' | 'done';
  streamsRead: number;
  eventsRead: number;
  /** Episodes built so far (before the application filter and k). */
  episodesBuilt: number;
}

export interface BuildOptions {
  /** The dataset's pseudonym secret (≥ 32 bytes; `generatePseudonymSecret()`). */
  secret: Uint8Array;
  /**
   * Progress, reported after every `progressEvery` streams (never fewer than the spec's k) and at
   * each phase change. Counts between two reports cover at least k streams, so a progress bar
   * cannot be read as one person's activity (invariant 6).
   */
  onProgress?: (progress: BuildProgress) => void;
  progressEvery?: number;
  signal?: AbortSignal;
}

export interface DatasetStats {
  streamsRead: number;
  contributorsRead: number;
  contributorsKept: number;
  eventsRead: number;
  episodes: number;
  steps: number;
  actionsByType: Record<ActionType, number>;
  /** Redaction markers in the output text, by entity type. */
  redactionsByEntity: Partial<Record<EntityType, number>>;
  pastes: number;
  /** Applications kept, with their number of contributors (always ≥ k) and episodes. */
  applicationsKept: { app: string; contributors: number; episodes: number }[];
  /**
   * Applications dropped for having fewer than k contributors: how many, their episodes, and the
   * names of those the spec's allow list named (other names are withheld: a rare application's
   * name could point at its one user).
   */
  applicationsDropped: { count: number; episodes: number; named: string[] };
  episodesWithoutApplication: number;
  episodesOutsideApplicationFilter: number;
  /** Episodes of tasks the contributor abandoned, left out (spec `abandonedTasks: drop`, the default). */
  episodesAbandonedDropped: number;
  /** Episodes that are started tasks (completed, unfinished, or abandoned and kept). */
  tasks: number;
  /** Task episodes their contributor dropped in review, and (spec `reviewedOnly`) episodes left out unreviewed. */
  episodesDroppedInReview: number;
  episodesUnreviewed: number;
  /** Steps joined to the element they were aimed at. */
  stepsWithTarget: number;
  /** Steps whose window title was kept (allow-listed) or dropped. */
  titlesKept: number;
  titlesDropped: number;
  inputDropped: BuilderDropCounts;
  /** Frames kept (attached to a kept step) and their total WebP bytes. */
  frames: number;
  frameBytes: number;
}

export interface DatasetBuild {
  spec: DatasetSpec;
  episodes: Episode[];
  steps: Step[];
  /** Frames the steps refer to, in step order (empty when the spec says `frames: none`). */
  frames: DatasetFrame[];
  /** Pseudonyms of the contributors with at least one episode in the dataset, sorted. */
  contributors: string[];
  stats: DatasetStats;
}

interface Held {
  contributor: string;
  seq: number;
  episode: BuiltEpisode & { app: string; reviewed?: boolean };
}

/** The applications of an episode's steps (one, unless a task spans several); null if any step had none. */
function episodeApps(ep: BuiltEpisode): string[] | null {
  if (ep.app === null || ep.steps.some((s) => s.window.app === null)) return null;
  return ep.apps.length > 0 ? ep.apps : [ep.app];
}

export async function buildDataset(
  spec: DatasetSpec,
  streams: Iterable<SubjectStream> | AsyncIterable<SubjectStream>,
  options: BuildOptions,
): Promise<DatasetBuild> {
  const pseudonym = createPseudonymiser(options.secret);
  const from = Date.parse(spec.timeRange.from);
  const to = Date.parse(spec.timeRange.to);
  const allow = spec.applications ? new Set(spec.applications.allow) : null;
  const every = Math.max(spec.k, Math.floor(options.progressEvery ?? spec.k));
  const census = newCensus();
  const held: Held[] = [];
  const readers = new Set<string>();
  const inputDropped: BuilderDropCounts = {
    keysWithoutChar: 0,
    keysUnmapped: 0,
    buttonsUnused: 0,
    eventsIgnored: 0,
  };
  let streamsRead = 0;
  let eventsRead = 0;
  let episodesBuilt = 0;
  let withoutApp = 0;
  let outsideFilter = 0;
  let abandoned = 0;
  let droppedInReview = 0;
  let unreviewed = 0;
  const report = (phase: BuildProgress['phase']) =>
    options.onProgress?.({ phase, streamsRead, eventsRead, episodesBuilt });
  const checkAbort = () => {
    if (options.signal?.aborted) throw new DatasetError('DATASET_BUILD_ABORTED');
  };

  const take = (contributor: string, ep: BuiltEpisode, reviews: ReadonlyMap<string, EpisodeReview>) => {
    episodesBuilt++;
    const apps = episodeApps(ep);
    if (apps === null || ep.app === null) {
      withoutApp++;
      return;
    }
    // an episode that strays into an application outside the filter is left out whole: its steps
    // there are not the dataset's to hold, and a trajectory with holes would mislead
    if (allow !== null && apps.some((a) => !allow.has(a))) {
      outsideFilter++;
      return;
    }
    if (ep.taskStatus === 'abandoned' && (spec.abandonedTasks ?? 'drop') === 'drop') {
      abandoned++;
      return;
    }
    // the contributor's word: a dropped task never enters a dataset; a description replaces the label
    const review = ep.taskId === undefined ? undefined : reviews.get(ep.taskId);
    if (review?.decision === 'drop') {
      droppedInReview++;
      return;
    }
    if (spec.reviewedOnly === true && review === undefined) {
      unreviewed++;
      return;
    }
    const app = ep.app;
    for (const a of apps) countContributor(census, a, contributor);
    held.push({
      contributor,
      seq: held.length,
      episode: {
        ...ep,
        app,
        apps,
        reviewed: review !== undefined,
        ...(review?.description !== undefined ? { task: review.description } : {}),
      },
    });
  };

  report('reading');
  for await (const stream of streams) {
    checkAbort();
    const contributor = pseudonym(stream.subjectId);
    readers.add(contributor);
    const builder = new ActionBuilder({ thresholds: spec.actions, screen: stream.screen, from, to });
    const reviews = new Map<string, EpisodeReview>();
    for (const r of stream.reviews ?? []) {
      const parsed = EpisodeReviewSchema.safeParse(r);
      if (!parsed.success) throw new DatasetError('DATASET_REVIEW_INVALID');
      reviews.set(parsed.data.taskId, parsed.data);
    }
    for await (const item of stream.events) {
      const chunk: readonly StenoEvent[] = Array.isArray(item) ? item : [item as StenoEvent];
      for (const e of chunk) {
        eventsRead++;
        for (const ep of builder.push(e)) take(contributor, ep, reviews);
      }
    }
    for (const ep of builder.finish()) take(contributor, ep, reviews);
    inputDropped.keysWithoutChar += builder.drops.keysWithoutChar;
    inputDropped.keysUnmapped += builder.drops.keysUnmapped;
    inputDropped.buttonsUnused += builder.drops.buttonsUnused;
    inputDropped.eventsIgnored += builder.drops.eventsIgnored;
    streamsRead++;
    if (streamsRead % every === 0) report('reading');
  }
  checkAbort();
  report('deidentifying');

  const { kept, dropped } = decideK(census, spec.k);
  const titleAllowed = titleMatcher(spec);
  const actionsByType = Object.fromEntries(ACTION_TYPES.map((t) => [t, 0])) as Record<ActionType, number>;
  const redactionsByEntity: Partial<Record<EntityType, number>> = {};
  const episodesPerApp = new Map<string, number>();
  let pastes = 0;
  let titlesKept = 0;
  let titlesDropped = 0;
  let droppedEpisodes = 0;
  const titleOf = (title: string | undefined): string | null => {
    if (title === undefined || title === '') return null;
    if (titleAllowed(title)) {
      titlesKept++;
      return title;
    }
    titlesDropped++;
    return null;
  };

  // order by pseudonym, then time: the output does not reveal the order the server read subjects in
  const ordered = held
    .filter((h) => {
      // k holds for every application a (task) episode touched
      if (h.episode.apps.every((a) => kept.has(a))) return true;
      droppedEpisodes++;
      return false;
    })
    .sort((a, b) =>
      a.contributor < b.contributor
        ? -1
        : a.contributor > b.contributor
          ? 1
          : a.episode.startT - b.episode.startT || a.seq - b.seq,
    );

  const episodes: Episode[] = [];
  const steps: Step[] = [];
  const frames: DatasetFrame[] = [];
  let frameBytes = 0;
  let targets = 0;
  const frameMode = spec.frames ?? 'before_after';
  const counters = new Map<string, number>();
  for (const { contributor, episode: ep } of ordered) {
    const n = (counters.get(contributor) ?? 0) + 1;
    counters.set(contributor, n);
    const episodeId = `${contributor}-e${n}`;
    for (const app of ep.apps) episodesPerApp.set(app, (episodesPerApp.get(app) ?? 0) + 1);
    const first = ep.steps[0];
    const out: Episode = {
      episodeId,
      contributor,
      app: ep.app,
      title:
        first?.window.title !== undefined && titleAllowed(first.window.title) ? first.window.title : null,
      screen: first?.window.screen ?? null,
      startMs: quantise(ep.startT, spec.quantiseMs),
      endMs: quantise(ep.endT, spec.quantiseMs),
      endReason: ep.endReason,
      taskMarked: ep.taskMarked,
      task: spec.taskLabels === 'redact' && ep.task ? redactText(ep.task).text : null,
      taskStatus: ep.taskStatus ?? null,
      reviewed: ep.reviewed === true,
      apps: [...ep.apps],
      steps: [],
    };
    // Frame ids are new per dataset (the device's action ids are not carried over): one per frame,
    // shared when a frame is both one step's after and the next step's before.
    const ids = new Map<FrameEvent, StepFrame>();
    const frameOf = (f: FrameEvent | undefined): StepFrame | undefined => {
      if (f === undefined || frameMode === 'none') return undefined;
      let ref = ids.get(f);
      if (ref === undefined) {
        ref = { id: `${episodeId}-f${ids.size + 1}`, meta: f.meta };
        ids.set(f, ref);
        const webp = new Uint8Array(Buffer.from(f.webp, 'base64'));
        frameBytes += webp.byteLength;
        frames.push({
          frameId: ref.id,
          episodeId,
          width: f.meta.width,
          height: f.meta.height,
          scale: f.meta.scale,
          windowInFrame: { ...f.meta.windowInFrame },
          webp,
        });
      }
      return ref;
    };
    ep.steps.forEach(({ action, window, before, after, target }, i) => {
      if (target) targets++;
      const step = toStep(action, {
        target,
        before: frameOf(before),
        after: frameMode === 'before_after' ? frameOf(after) : undefined,
        contributor,
        episodeId,
        step: i,
        app: window.app ?? ep.app,
        title: titleOf(window.title),
        screen: window.screen,
        quantiseMs: spec.quantiseMs,
      });
      actionsByType[action.type]++;
      if (action.type === 'type') {
        pastes += action.pastes;
        for (const entity of action.entities)
          redactionsByEntity[entity] = (redactionsByEntity[entity] ?? 0) + 1;
      }
      out.steps.push(step);
      steps.push(step);
    });
    episodes.push(out);
  }

  const named = allow === null ? [] : [...dropped].filter((a) => allow.has(a)).sort();
  const stats: DatasetStats = {
    streamsRead,
    contributorsRead: readers.size,
    contributorsKept: counters.size,
    eventsRead,
    episodes: episodes.length,
    steps: steps.length,
    actionsByType,
    redactionsByEntity,
    pastes,
    applicationsKept: [...kept]
      .map(([app, contributors]) => ({ app, contributors, episodes: episodesPerApp.get(app) ?? 0 }))
      .sort((a, b) => (a.app < b.app ? -1 : a.app > b.app ? 1 : 0)),
    applicationsDropped: { count: dropped.size, episodes: droppedEpisodes, named },
    episodesWithoutApplication: withoutApp,
    episodesOutsideApplicationFilter: outsideFilter,
    episodesAbandonedDropped: abandoned,
    episodesDroppedInReview: droppedInReview,
    episodesUnreviewed: unreviewed,
    tasks: episodes.filter((e) => e.taskStatus !== null).length,
    stepsWithTarget: targets,
    titlesKept,
    titlesDropped,
    inputDropped,
    frames: frames.length,
    frameBytes,
  };
  report('done');
  return { spec, episodes, steps, frames, contributors: [...counters.keys()].sort(), stats };
}
