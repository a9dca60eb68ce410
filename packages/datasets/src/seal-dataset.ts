/**
 * Turns a build into what the server stores: the episodes as JSON lines and the steps as Parquet,
 * each encrypted under a fresh dataset key; the manifest (with both hashes of every file) and the
 * dataset card. The key is returned for the caller to wrap in its key store; plaintext bytes are
 * not returned, so nothing unencrypted reaches a disk by way of this function.
 */
import type { DatasetBuild } from './build-dataset.ts';
import { renderDatasetCard } from './dataset-card.ts';
import { EPISODES_FILE, episodesToJsonl } from './episodes-jsonl.ts';
import { encryptDatasetFile, generateDatasetKey, sha256Hex } from './file-crypto.ts';
import { FRAMES_FILE, framesToParquet } from './frames-parquet.ts';
import { HUB_CARD_FILE, renderHubCard } from './hub-card.ts';
import { HUB_FILE, hubToParquet } from './hub-parquet.ts';
import {
  buildManifest,
  type DatasetManifest,
  FILE_ENCRYPTION,
  type ManifestContext,
  type ManifestFile,
  manifestToJson,
} from './manifest.ts';
import { type ParquetOptions, STEPS_FILE, stepsToParquet } from './steps-parquet.ts';
import { TRAJECTORIES_FILE, trajectoriesToJsonl } from './trajectories-jsonl.ts';

export interface SealedFile extends ManifestFile {
  /** The stored form: STDF header, ciphertext, tag. */
  ciphertext: Uint8Array;
}

export interface SealedDataset {
  /** The dataset's 256-bit file key: wrap it in the key store; destroying it shreds the files. */
  key: Uint8Array;
  files: SealedFile[];
  manifest: DatasetManifest;
  /** `manifest` as UTF-8 JSON. */
  manifestJson: Uint8Array;
  /** The dataset card, Markdown. */
  card: string;
}

export interface SealOptions extends ParquetOptions {
  /** Use this key instead of a fresh one (tests; re-sealing). */
  key?: Uint8Array;
}

export function sealDataset(
  build: DatasetBuild,
  context: ManifestContext,
  options: SealOptions = {},
): SealedDataset {
  const key = options.key ?? generateDatasetKey();
  const plain: [string, string, Uint8Array][] = [
    [EPISODES_FILE, 'application/jsonl', episodesToJsonl(build.episodes)],
    [STEPS_FILE, 'application/vnd.apache.parquet', stepsToParquet(build.steps, options)],
  ];
  // frames only when there are any: a dataset without screenshots has no frames file
  if (build.frames.length > 0)
    plain.push([FRAMES_FILE, 'application/vnd.apache.parquet', framesToParquet(build.frames, options)]);
  // the standard exports (issue 17): trajectories as public computer-use datasets ship them, and
  // the hub's layout with the screenshots embedded
  plain.push([TRAJECTORIES_FILE, 'application/jsonl', trajectoriesToJsonl(build.episodes)]);
  plain.push([
    HUB_FILE,
    'application/vnd.apache.parquet',
    hubToParquet(build.episodes, build.frames, options),
  ]);
  const seal = ([name, mediaType, bytes]: [string, string, Uint8Array]): SealedFile => {
    const ciphertext = encryptDatasetFile(key, name, bytes);
    return {
      name,
      mediaType,
      bytes: bytes.byteLength,
      sha256: sha256Hex(bytes),
      encryptedBytes: ciphertext.byteLength,
      encryptedSha256: sha256Hex(ciphertext),
      encryption: FILE_ENCRYPTION,
      ciphertext,
    };
  };
  const files = plain.map(seal);
  const listed = (fs: SealedFile[]) => fs.map(({ ciphertext: _c, ...f }) => f);
  // the card lists the data files' hashes; the hub's copy of it (README.md) is then a file too
  const dataManifest = buildManifest(context, build.spec, build.stats, build.contributors, listed(files));
  const card = renderDatasetCard(dataManifest);
  files.push(seal([HUB_CARD_FILE, 'text/markdown', new TextEncoder().encode(renderHubCard(dataManifest))]));
  const manifest = buildManifest(context, build.spec, build.stats, build.contributors, listed(files));
  return { key, files, manifest, manifestJson: manifestToJson(manifest), card };
}
