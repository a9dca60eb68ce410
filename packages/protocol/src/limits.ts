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
});
