/**
 * Test support: synthetic screens. Windows painted as flat colours into an RGBA buffer, a stack
 * describing them, a fake screen source and a scripted recogniser, so the pipeline's geometry and
 * fail-closed rules are tested without X11 or tesseract.
 */
import type { CaptureLease } from '@steno/protocol';
import type { FrameLeaseView } from '../frame-gate.ts';
import type { Rect } from '../geometry.ts';
import type { OcrEngine, OcrLine } from '../ocr-engine.ts';
import { createImage, type GreyImage, type RawImage } from '../raw-image.ts';
import type { StackWindow, WindowStack } from '../window-stack.ts';
import type { ScreenSnapshot, ScreenSource } from '../x11-screen.ts';

export const SCREEN: Rect = { x: 0, y: 0, width: 320, height: 200 };

let nextId = 100;

/** A managed window; content is inset by a 2px border and a 10px title bar. */
export function win(app: string, outer: Rect, extra: Partial<StackWindow> = {}): StackWindow {
  const id = nextId++;
  return {
    id,
    client: id + 1000,
    app,
    title: `${app} window`,
    pid: id,
    outer,
    content: { x: outer.x + 2, y: outer.y + 12, width: outer.width - 4, height: outer.height - 14 },
    overrideRedirect: false,
    ...extra,
  };
}

export function stackOf(windows: StackWindow[], active?: StackWindow): WindowStack {
  return { screen: SCREEN, windows, active: active?.client ?? windows.at(-1)?.client ?? 0 };
}

/** Paints every window's outer rect grey and its content with a colour unique to it (never black). */
export function paint(stack: WindowStack, colours: Map<number, [number, number, number]>): RawImage {
  const img = createImage(stack.screen.width, stack.screen.height);
  const fill = (r: Rect, c: [number, number, number]) => {
    for (let y = Math.max(0, r.y); y < Math.min(img.height, r.y + r.height); y++)
      for (let x = Math.max(0, r.x); x < Math.min(img.width, r.x + r.width); x++) {
        const i = (y * img.width + x) * 4;
        img.data[i] = c[0];
        img.data[i + 1] = c[1];
        img.data[i + 2] = c[2];
      }
  };
  fill(stack.screen, [40, 80, 120]); // the desktop background
  for (const w of stack.windows) {
    fill(w.outer, [128, 128, 128]);
    fill(w.content, colours.get(w.id) ?? [200, 200, 200]);
  }
  return img;
}

export class FakeSource implements ScreenSource {
  snapshots = 0;
  closed = false;
  constructor(
    public stack: WindowStack,
    public image: () => RawImage,
    public stable = true,
  ) {}
  async snapshot(): Promise<ScreenSnapshot> {
    this.snapshots++;
    const src = this.image();
    // A copy: the pipeline wipes what it is given.
    return {
      stack: this.stack,
      image: { width: src.width, height: src.height, data: src.data.slice() },
      stable: this.stable,
      timings: { stackMs: 0, pixelsMs: 0 },
    };
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A recogniser that returns scripted lines (in the coordinates of the image it is given). */
export class ScriptedOcr implements OcrEngine {
  calls: GreyImage[] = [];
  constructor(public script: (image: GreyImage) => Promise<OcrLine[]> | OcrLine[]) {}
  async recognize(image: GreyImage): Promise<OcrLine[]> {
    this.calls.push({ width: image.width, height: image.height, data: image.data.slice() });
    return this.script(image);
  }
  async close(): Promise<void> {}
}

export function lease(
  overrides: Partial<CaptureLease> = {},
  apps: CaptureLease['scope']['apps'] = [],
): CaptureLease {
  return {
    v: 1,
    leaseId: 'lease-test-1',
    deviceId: 'dev_test',
    subject: 'subj',
    issuedAt: 0,
    expiresAt: Number.MAX_SAFE_INTEGER,
    policyVersion: 1,
    state: 'active',
    scope: { apps, sites: [] },
    ...overrides,
  } as CaptureLease;
}

export function activeView(l: CaptureLease): FrameLeaseView {
  return { kind: l.state === 'paused' ? 'paused' : 'active', lease: l };
}

/** One recognised line of words laid out left to right from (x, y), `cw` pixels a character. */
export function ocrLine(x: number, y: number, words: [string, number][], cw = 6, h = 10): OcrLine {
  let cx = x;
  const out = words.map(([text, confidence]) => {
    const w = { text, confidence, bbox: { x: cx, y, width: text.length * cw, height: h } };
    cx += (text.length + 1) * cw;
    return w;
  });
  return {
    text: words.map((w) => w[0]).join(' '),
    confidence: Math.min(...words.map((w) => w[1])),
    bbox: { x, y, width: cx - cw - x, height: h },
    words: out,
  };
}
