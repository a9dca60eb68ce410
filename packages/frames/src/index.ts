/**
 * @steno/frames: screenshots at the moment of each action, redacted in pixels on the device
 * (DESIGN invariant 2). X11 capture into memory, black-out of everything outside the visible
 * content of in-scope windows, on-device OCR with the privacy filter deciding which text is
 * blacked out, and only then downscale and WebP. No unredacted pixel is written anywhere.
 */

export type { BandOptions, ColdReason } from './changed-bands.ts';
export { createX11FramePipeline, type X11FramePipelineOptions } from './create-x11-pipeline.ts';
export { type EncodedImage, type EncodeOptions, encodeWebp } from './frame-encoder.ts';
export {
  FrameGate,
  type FrameGateDecision,
  type FrameGateOptions,
  type FrameGateReason,
  type FrameLeaseView,
} from './frame-gate.ts';
export {
  type Frame,
  type FrameDropReason,
  type FrameMeta,
  type FrameOutcome,
  FramePipeline,
  type FramePipelineOptions,
  type FrameRequest,
  type FrameTimings,
  inScopeFor,
  screenToFrame,
} from './frame-pipeline.ts';
export { defaultExcluded, FrameScope, type ScopedWindow } from './frame-scope.ts';
export { FRAMES_ERROR_CODES, FramesError, type FramesErrorCode } from './frames-error.ts';
export type { Rect, Region } from './geometry.ts';
export {
  bundledLangPath,
  type OcrEngine,
  type OcrHint,
  type OcrLine,
  type OcrWord,
  TesseractOcr,
  type TesseractOcrOptions,
} from './ocr-engine.ts';
export { FrameRateLimiter } from './rate-limiter.ts';
export {
  blackOut,
  createImage,
  fromBgrx,
  type GreyImage,
  isBlack,
  keepOnly,
  type RawImage,
} from './raw-image.ts';
export { TesseractCliOcr, type TesseractCliOcrOptions } from './tesseract-cli-ocr.ts';
export {
  redactRecognisedText,
  riskyShape,
  type TextRedaction,
  type TextRedactionOptions,
} from './text-redaction.ts';
export { findTextRegions, RegionFirstOcr, type TextRegionOptions } from './text-regions.ts';
export type {
  IncrementalOptions,
  RecognitionStats,
  WindowColdReason,
} from './window-recognition.ts';
export {
  type FramePlan,
  type InScope,
  type PlanDropReason,
  type PlannedWindow,
  type PlanOutcome,
  planFrame,
  type StackWindow,
  type WindowStack,
} from './window-stack.ts';
export { type ScreenSnapshot, type ScreenSource, X11Screen, type X11ScreenOptions } from './x11-screen.ts';
