/**
 * Faults of the frame pipeline: one class, stable codes. Expected outcomes (a frame not allowed,
 * dropped, covered) are values (`FrameOutcome`), not errors. Messages never carry pixels, text
 * that was recognised, window titles or secrets.
 */

export const FRAMES_ERROR_CODES = [
  /** The X display could not be reached, or the connection was lost. */
  'FRAMES_X11_UNAVAILABLE',
  /** An X request got no answer in time. */
  'FRAMES_X11_TIMEOUT',
  /** An X request failed (a window vanished mid-read is not one: those windows are skipped). */
  'FRAMES_X11_REQUEST_FAILED',
  /** The screen's pixel format is not 24/32-bit TrueColor. */
  'FRAMES_X11_UNSUPPORTED_FORMAT',
  /** The recogniser could not be started (in time). */
  'FRAMES_OCR_UNAVAILABLE',
  /** A recognition did not finish in time. */
  'FRAMES_OCR_TIMEOUT',
  /** A recognition failed. */
  'FRAMES_OCR_FAILED',
  /** The WebP encoder failed. */
  'FRAMES_ENCODE_FAILED',
  /** Invalid options given to the library. */
  'FRAMES_INVALID_OPTIONS',
] as const;
export type FramesErrorCode = (typeof FRAMES_ERROR_CODES)[number];

export class FramesError extends Error {
  override readonly name = 'FramesError';
  readonly code: FramesErrorCode;

  constructor(code: FramesErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
