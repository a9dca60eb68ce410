/** Hard limits every batch must respect; the server enforces them, the agent stays under them. */
export const LIMITS = Object.freeze({
  /** Largest request body the server reads, in bytes. */
  maxBatchBytes: 1_048_576,
  /** Most events in one batch. */
  maxEventsPerBatch: 5_000,
  /** How far in the future (server clock) an event or batch may claim to be. */
  maxClockSkewMs: 5 * 60_000,
  /** Oldest event the server accepts, relative to its clock. */
  maxEventAgeMs: 30 * 24 * 3_600_000,
  /** Most capture leases one batch may name (a batch spans seconds; leases last minutes). */
  maxLeasesPerBatch: 32,
  /**
   * Longest `webp` of a frame event, in base64 characters (256 KiB: about 192 KiB of WebP). A batch
   * (maxBatchBytes, 1 MiB) therefore holds three frames of the largest size with room for their
   * events; a typical frame (downscaled 0.5, q80) is 6-60 KiB, so many more fit.
   */
  maxFrameBase64Chars: 262_144,
});
