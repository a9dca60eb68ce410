/**
 * The one call the agent needs: an X11 screen, a tesseract recogniser and the pipeline, wired.
 * Connecting fails (FRAMES_X11_UNAVAILABLE) when there is no display; the recogniser starts in
 * the background and a frame taken before it is ready waits for it (or is dropped on timeout).
 */
import type { FrameGate } from './frame-gate.ts';
import { FramePipeline, type FramePipelineOptions } from './frame-pipeline.ts';
import { TesseractOcr, type TesseractOcrOptions } from './ocr-engine.ts';
import { X11Screen, type X11ScreenOptions } from './x11-screen.ts';

export interface X11FramePipelineOptions extends Omit<FramePipelineOptions, 'source' | 'ocr' | 'gate'> {
  readonly gate: FrameGate;
  readonly x11?: X11ScreenOptions | undefined;
  readonly tesseract?: TesseractOcrOptions | undefined;
}

export async function createX11FramePipeline(options: X11FramePipelineOptions): Promise<FramePipeline> {
  const source = await X11Screen.connect(options.x11);
  const ocr = new TesseractOcr(options.tesseract);
  // Warm the model now; a failure here surfaces (as a dropped frame) on first use instead.
  ocr.start().catch(() => {});
  return new FramePipeline({ ...options, source, ocr });
}
