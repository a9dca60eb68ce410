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
import {
  buildManifest,
  type DatasetManifest,
  FILE_ENCRYPTION,
  type ManifestContext,
  type ManifestFile,
  manifestToJson,
} from './manifest.ts';
import { type ParquetOptions, STEPS_FILE, stepsToParquet } from './steps-parquet.ts';

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
  const files: SealedFile[] = plain.map(([name, mediaType, bytes]) => {
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
  });
  const manifest = buildManifest(
    context,
    build.spec,
    build.stats,
    build.contributors,
    files.map(({ ciphertext: _c, ...f }) => f),
  );
  return { key, files, manifest, manifestJson: manifestToJson(manifest), card: renderDatasetCard(manifest) };
}
