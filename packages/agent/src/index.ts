/** @steno/agent: the device agent — capture source → batcher → encrypted spool → uploader. */

export {
  type AgentFrameOptions,
  type AgentHandle,
  type AgentOptions,
  type AgentState,
  type AgentStatus,
  type ForgetOutcome,
  runAgent,
} from './agent.ts';
export { AGENT_ERROR_CODES, AgentError, type AgentErrorCode } from './agent-error.ts';
export { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
export { Batcher, type BatcherOptions, type SealedBatch } from './batcher.ts';
export {
  type BrowserGate,
  BrowserSource,
  type BrowserSourceOptions,
  type ReceiveOutcome,
} from './browser/browser-source.ts';
export {
  BROWSER_EVENT_TYPES,
  type BrowserCapture,
  BrowserItem,
  BrowserPost,
  type BrowserReceipt,
  type BrowserState,
} from './browser/browser-wire.ts';
export { MergedSource } from './browser/merged-source.ts';
export {
  type HostMessage,
  NATIVE_HOST_NAME,
  type NativeHostOptions,
  runNativeHost,
} from './browser/native-host.ts';
export { installNativeHost, type NativeHostInstall } from './browser/native-host-install.ts';
export { type HookState, HookSupervisor, type HookSupervisorOptions } from './capture/hook-supervisor.ts';
export {
  defineLayout,
  type KeyboardLayout,
  type KeyDef,
  resolveKey,
  US_LAYOUT,
} from './capture/keyboard-layout.ts';
export {
  Normaliser,
  type NormaliserOptions,
  type NormaliserStats,
  simplifyPath,
} from './capture/normaliser.ts';
export type { RawInput } from './capture/raw-input.ts';
export {
  CommandInputError,
  parseDuration,
  registerControlCommands,
  registerTaskCommands,
  withDataOption,
} from './cli/control-commands.ts';
export {
  agentStatus,
  type ForgetReply,
  forgetAgent,
  markAgentTask,
  pauseAgent,
  resumeAgent,
  statusPageUrl,
  type TaskReply,
} from './control-client.ts';
export { type ControlServer, type ControlStatus, startControlServer } from './control-server.ts';
export {
  type DeviceIdentity,
  defaultDataDir,
  type IdentityOptions,
  loadOrCreateSpoolKey,
  loadOrEnrolIdentity,
} from './device-identity.ts';
export type { EventSource, SourceContext, SourceItem } from './event-source.ts';
export { ActionTrigger, type ActionTriggerOptions } from './frames/action-trigger.ts';
export { FramePreview, type FrameSummary } from './frames/frame-preview.ts';
export {
  type FrameCounts,
  FrameStage,
  type FrameStageOptions,
  type FrameTaker,
  toFrameEvent,
} from './frames/frame-stage.ts';
export { type FramesConfig, type FramesStart, startFrames } from './frames/start-frames.ts';
export { deviceProof, leaseRequester, runLeaseStream } from './lease-client.ts';
export { type AcceptOutcome, LeaseHolder, type LeaseHolderOptions, type LeaseView } from './lease-holder.ts';
export { type LiveAgent, type LiveAgentOptions, runLiveAgent } from './live-agent.ts';
export {
  type CaptureState,
  type CaptureStatus,
  hookFeed,
  LiveSource,
  type LiveSourceOptions,
  type RawFeed,
} from './live-source.ts';
export { type LogFields, type LogFn, type LogLevel, silentLog, stderrLog } from './log.ts';
export { PreviewBuffer } from './preview-buffer.ts';
export { parseRecording, type ReplayOptions, ReplaySource } from './replay-source.ts';
export {
  applyLevel,
  CompiledScope,
  decideLevel,
  type GateDecision,
  type GateReason,
  isBuiltinExcluded,
  type WindowInfo,
} from './scope-gate.ts';
export { type ForgetResult, Spool, type SpoolEntryMeta, type SpoolOptions } from './spool.ts';
export { decryptEntry, encryptEntry, SPOOL_FORMAT_VERSION } from './spool-crypto.ts';
export { type DeviceStopCode, Uploader, type UploaderEvent, type UploaderOptions } from './uploader.ts';
