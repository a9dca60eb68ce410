/**
 * A before-frame for the documentation screenshots (issue 17), made the way a device makes one:
 * the pixels of a real page rendered by Chromium (a compose window of the screenshot fixture's
 * morning, with an e-mail address in it) go through the real frame pipeline of @steno/frames —
 * everything outside the in-scope window blacked out, Debian's tesseract reading the text and the
 * privacy filter deciding what is blacked out — and only then are encoded as WebP. The page is a
 * fixture (the morning's events are too); the redaction is not.
 */
import type { FrameEvent } from '@steno/protocol';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { FrameGate, FramePipeline, type StackWindow, TesseractCliOcr } from '../packages/frames/src/index.ts';

const W = 900;
const H = 520;

const PAGE = `<!doctype html><html><body style="margin:0;font:18px/1.5 sans-serif;background:#f3f3f3">
<div style="background:#2b5797;color:#fff;padding:10px 16px;font-size:20px">Write: Quarterly report</div>
<div style="padding:12px 16px">
<p style="margin:4px 0">To: Finance team</p>
<p style="margin:4px 0">Subject: Quarterly report</p>
<button style="font-size:18px;padding:4px 14px">Attach</button>
<p style="margin:18px 0 4px">Draft attached, questions to dana.kim@example.com please.</p>
<p style="margin:4px 0">Revenue grew in all three regions.</p>
</div></body></html>`;

/** A frame event for the action `actionId` at time `t`, or why none was made. */
export async function fixtureFrame(browser: Browser, actionId: string, t: number): Promise<FrameEvent> {
  const context = await browser.newContext({ viewport: { width: W, height: H } });
  try {
    const page = await context.newPage();
    await page.setContent(PAGE);
    const png = await page.screenshot({ type: 'png' });
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const window: StackWindow = {
      id: 1,
      client: 1001,
      app: 'thunderbird',
      title: 'Write: Quarterly report',
      pid: 4242,
      outer: { x: 0, y: 0, width: W, height: H },
      content: { x: 0, y: 0, width: W, height: H },
      overrideRedirect: false,
    };
    const stack = { screen: { x: 0, y: 0, width: W, height: H }, windows: [window], active: window.client };
    const lease = {
      v: 1,
      leaseId: 'lease-screenshots',
      deviceId: 'dev_screenshots',
      subject: 'dana',
      issuedAt: 0,
      expiresAt: Number.MAX_SAFE_INTEGER,
      policyVersion: 1,
      state: 'active',
      scope: { apps: [{ app: 'thunderbird', level: 'full', frames: true }], sites: [] },
    } as const;
    const ocr = new TesseractCliOcr();
    const pipeline = new FramePipeline({
      source: {
        snapshot: async () => ({
          stack,
          image: { width: info.width, height: info.height, data: new Uint8Array(data) },
          stable: true,
          timings: { stackMs: 0, pixelsMs: 0 },
        }),
        close: async () => {},
      },
      ocr,
      gate: new FrameGate({
        lease: () => ({ kind: 'active', lease: lease as never }),
        contributorPaused: () => false,
      }),
      minIntervalMs: 0,
      encode: { scale: 0.5, quality: 80 },
    });
    const out = await pipeline.take({ actionId });
    await pipeline.close();
    if (!out.ok) throw new Error(`the frame pipeline dropped the fixture frame: ${out.reason}`);
    const m = out.frame.meta;
    return {
      type: 'frame',
      t,
      actionId,
      webp: Buffer.from(out.frame.webp).toString('base64'),
      meta: {
        kind: 'before',
        app: m.app,
        width: m.width,
        height: m.height,
        scale: m.scale,
        origin: m.origin,
        window: m.window,
        windowInFrame: m.windowInFrame,
      },
    };
  } finally {
    await context.close();
  }
}
