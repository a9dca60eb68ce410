/**
 * The manifest of one dataset version: what it was built from and under which rules (spec, policy
 * version, consent notice versions), what it holds (aggregate counts only), the SHA-256 of every
 * file before and after encryption, and the pseudonymous contributor list (so a withdrawal can be
 * matched to the versions that contain the person, by whoever holds the dataset's secret).
 */
import type { DatasetStats } from './build-dataset.ts';
import type { DatasetSpec } from './dataset-spec.ts';

export const MANIFEST_FORMAT = 'steno-dataset-manifest/1';
export const FILE_ENCRYPTION = 'AES-256-GCM, STDF v1 header, associated data = header + file name';

/** What the caller (the server) knows and this package does not. */
export interface ManifestContext {
  datasetId: string;
  version: number;
  /** ISO 8601 instant of the build. */
  createdAt: string;
  /** Version of the capture policy in force for the data read. */
  policyVersion: string;
  /** Consent notice versions the contributors in the dataset consented under. */
  consentNoticeVersions: string[];
}

export interface ManifestFile {
  name: string;
  mediaType: string;
  /** Plaintext size and hash. */
  bytes: number;
  sha256: string;
  /** Stored (encrypted) size and hash. */
  encryptedBytes: number;
  encryptedSha256: string;
  encryption: string;
}

export interface DatasetManifest extends ManifestContext {
  format: typeof MANIFEST_FORMAT;
  name: string;
  purpose: DatasetSpec['purpose'];
  spec: DatasetSpec;
  counts: DatasetStats;
  files: ManifestFile[];
  contributors: string[];
}

export function buildManifest(
  context: ManifestContext,
  spec: DatasetSpec,
  stats: DatasetStats,
  contributors: readonly string[],
  files: readonly ManifestFile[],
): DatasetManifest {
  return {
    format: MANIFEST_FORMAT,
    datasetId: context.datasetId,
    name: spec.name,
    version: context.version,
    createdAt: context.createdAt,
    purpose: spec.purpose,
    policyVersion: context.policyVersion,
    consentNoticeVersions: [...context.consentNoticeVersions].sort(),
    spec,
    counts: stats,
    files: [...files],
    contributors: [...contributors].sort(),
  };
}

/** The manifest as UTF-8 JSON (two-space indent, trailing newline). */
export function manifestToJson(manifest: DatasetManifest): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
}
