/** Wire-protocol versioning: every message on the wire names the schema version it was written in. */
export const PROTOCOL_VERSION = 1 as const;
export const SUPPORTED_VERSIONS: readonly number[] = [PROTOCOL_VERSION];

export function isSupportedVersion(v: unknown): v is typeof PROTOCOL_VERSION {
  return typeof v === 'number' && SUPPORTED_VERSIONS.includes(v);
}
