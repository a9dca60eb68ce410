/**
 * The thresholds the action builder uses to read intent from raw input. Each one is a judgement
 * about human input, so each is configurable per dataset (spec `actions`) and listed with its
 * default in the README.
 */

export interface ActionThresholds {
  /** Two left clicks whose presses are at most this far apart in time form a double click. */
  doubleClickMs: number;
  /** ... and at most this far apart on screen (pixels, Euclidean). */
  doubleClickPx: number;
  /** A press whose pointer moves farther than this (pixels) before release is a drag, not a click. */
  dragPx: number;
  /** A pause in typing longer than this closes the current `type` action; the next keystroke opens a new one. */
  typingIdleMs: number;
  /** Wheel events at most this far apart (same modifiers, same place) merge into one `scroll`. */
  scrollMergeMs: number;
  /** A gap between two events longer than this ends the episode. */
  episodeIdleMs: number;
  /** Inside a started task, only a gap longer than this ends it (left unfinished). */
  taskIdleMs: number;
  /** A browser element event joins a click at most this far apart in time... */
  elementJoinMs: number;
  /** ... whose point is inside the element's screen box grown by this many pixels. */
  elementJoinPx: number;
  /** Attach the pointer path (points only, no timing) that led to each pointer action. */
  includePaths: boolean;
  /** At most this many path points per action (evenly thinned, the last one kept). */
  maxPathPoints: number;
}

export const DEFAULT_THRESHOLDS: Readonly<ActionThresholds> = Object.freeze({
  doubleClickMs: 500,
  doubleClickPx: 5,
  dragPx: 10,
  typingIdleMs: 1_000,
  scrollMergeMs: 500,
  episodeIdleMs: 120_000,
  taskIdleMs: 1_800_000,
  // the extension sends its events in batches of up to 2 s, and the agent's merged stream moves a
  // late event up to the last time it emitted: an element event may carry a time ~2 s after its click
  elementJoinMs: 3_000,
  elementJoinPx: 8,
  includePaths: true,
  maxPathPoints: 32,
});
