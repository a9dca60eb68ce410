/**
 * @steno/datasets: raw events → de-identified computer-use trajectories (invariant 6 of DESIGN.md).
 * Action builder, dataset spec, pseudonyms and k-anonymity, JSON lines and Parquet written in
 * memory, per-dataset file encryption, manifest and dataset card. Pure: no database, no files; the
 * server reads events through its guard and hands them in.
 */
export {
  ActionBuilder,
  type ActionBuilderOptions,
  type BuilderDropCounts,
  type BuiltEpisode,
  type BuiltStep,
  buildEpisodes,
  type ElementTarget,
  type EpisodeEndReason,
  type Screen,
  type TaskStatus,
  type WindowContext,
  wheelClicks,
} from './action-builder.ts';
export {
  ACTION_TYPES,
  type Action,
  type ActionType,
  type ClickAction,
  type DragAction,
  type HotkeyAction,
  type KeyAction,
  type ModifierName,
  type Point,
  type ScrollAction,
  type TypeAction,
  type TypedUnit,
} from './actions.ts';
export {
  type BuildOptions,
  type BuildProgress,
  buildDataset,
  type DatasetBuild,
  type DatasetFrame,
  type DatasetStats,
  type EpisodeReview,
  EpisodeReviewSchema,
  type SubjectStream,
} from './build-dataset.ts';
export { KNOWN_LIMITS, renderDatasetCard } from './dataset-card.ts';
export {
  DATASET_PURPOSE,
  type DatasetSpec,
  type DatasetSpecInput,
  DatasetSpecSchema,
  MAX_SPEC_CHARS,
  parseDatasetSpec,
  type SpecError,
  type SpecErrorCode,
  type SpecIssue,
  type SpecResult,
  titleMatcher,
  validateDatasetSpec,
} from './dataset-spec.ts';
export { DATASET_ERROR_CODES, DatasetError, type DatasetErrorCode } from './datasets-error.ts';
export { EPISODES_FILE, episodeRecord, episodesToJsonl } from './episodes-jsonl.ts';
export {
  DATASET_FILE_VERSION,
  type DecryptResult,
  decryptDatasetFile,
  encryptDatasetFile,
  generateDatasetKey,
  sha256Hex,
} from './file-crypto.ts';
export { FRAME_COLUMNS, FRAMES_FILE, FRAMES_FORMAT, framesToParquet } from './frames-parquet.ts';
export { HUB_CARD_FILE, hubCardMetadata, renderHubCard } from './hub-card.ts';
export { HUB_COLUMNS, HUB_FILE, HUB_FORMAT, hubFeatures, hubToParquet } from './hub-parquet.ts';
export {
  buildManifest,
  type DatasetManifest,
  FILE_ENCRYPTION,
  MANIFEST_FORMAT,
  type ManifestContext,
  type ManifestFile,
  manifestToJson,
} from './manifest.ts';
export {
  createPseudonymiser,
  generatePseudonymSecret,
  MIN_SECRET_BYTES,
  type Pseudonymiser,
} from './pseudonym.ts';
export { pyString, toPyautogui } from './pyautogui.ts';
export { quantise } from './quantise.ts';
export { type SealedDataset, type SealedFile, type SealOptions, sealDataset } from './seal-dataset.ts';
export { type Episode, type Step, type StepFrame, toStep } from './steps.ts';
export {
  type ParquetOptions,
  STEP_COLUMNS,
  STEPS_FILE,
  STEPS_FORMAT,
  stepsToParquet,
} from './steps-parquet.ts';
export { type ActionThresholds, DEFAULT_THRESHOLDS } from './thresholds.ts';
export {
  frameImagePath,
  TRAJECTORIES_FILE,
  TRAJECTORIES_FORMAT,
  trajectoriesToJsonl,
  trajectoryRecord,
} from './trajectories-jsonl.ts';
export { PASTE_TOKEN } from './typing-run.ts';
