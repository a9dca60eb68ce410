/** @steno/agent: the device agent — capture source → batcher → encrypted spool → uploader. */

export {
  type AgentHandle,
  type AgentOptions,
  type AgentState,
  type AgentStatus,
  runAgent,
} from './agent.ts';
export { AGENT_ERROR_CODES, AgentError, type AgentErrorCode } from './agent-error.ts';
export { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
export { Batcher, type BatcherOptions, type SealedBatch } from './batcher.ts';
export {
  type DeviceIdentity,
  defaultDataDir,
  type IdentityOptions,
  loadOrCreateSpoolKey,
  loadOrEnrolIdentity,
} from './device-identity.ts';
export type { EventSource, SourceItem } from './event-source.ts';
export { type LogFields, type LogFn, type LogLevel, silentLog, stderrLog } from './log.ts';
export { parseRecording, type ReplayOptions, ReplaySource } from './replay-source.ts';
export { type ForgetResult, Spool, type SpoolEntryMeta, type SpoolOptions } from './spool.ts';
export { decryptEntry, encryptEntry, SPOOL_FORMAT_VERSION } from './spool-crypto.ts';
export { type DeviceStopCode, Uploader, type UploaderEvent, type UploaderOptions } from './uploader.ts';
