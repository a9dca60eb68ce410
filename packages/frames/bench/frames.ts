/**
 * Frames benchmark (issue 11): time per frame by stage (stack, pixels, black-out, recognition,
 * redaction, encoding) on a real Xvfb desktop, the bare capture for comparison, storage per
 * frame, and the frames per minute one core sustains. Run: `node --import tsx
 * packages/frames/bench/frames.ts [frames]` (or through the root dispatcher once
 * bench/frames.ts re-exports `main`). Needs Xvfb, openbox, xdotool and xterm.
 */
import { FrameGate } from '../src/frame-gate.ts';
import { FramePipeline, type FrameTimings } from '../src/frame-pipeline.ts';
import { TesseractOcr } from '../src/ocr-engine.ts';
import { activeView, lease } from '../src/test-support/synthetic.ts';
import { X11Desktop } from '../src/test-support/x11-desktop.ts';
import { X11Screen } from '../src/x11-screen.ts';

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

export async function main(args: string[]): Promise<void> {
  const n = Number(args[0] ?? 12);
  const desktop = await X11Desktop.start();
  try {
    const lines = Array.from({ length: 20 }, (_, i) =>
      i % 5 === 1
        ? `user${i} mail jane.doe${i}@example.org`
        : `line ${i}: the quick brown fox jumps over the lazy dog`,
    );
    const w = await desktop.openText({
      wmClass: 'StenoWork',
      title: 'bench',
      lines,
      geometry: '90x24+20+30',
    });
    await desktop.openText({
      wmClass: 'StenoWork',
      title: 'bench 2',
      lines: lines.slice(0, 10),
      geometry: '60x12+620+420',
      font: 'DejaVu Sans Mono',
      fontSize: 12,
    });
    await desktop.focus(w);
    const gate = new FrameGate({
      lease: () => activeView(lease({}, [{ app: 'StenoWork', level: 'full', frames: true }])),
      contributorPaused: () => false,
    });

    for (const shm of [true, false]) {
      const bare = await X11Screen.connect({ display: desktop.display, shm });
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        await bare.snapshot();
        times.push(performance.now() - t0);
      }
      await bare.close();
      console.log(
        `bare capture (stack ×2 + pixels, ${shm ? 'MIT-SHM' : 'GetImage'}): median ${median(times).toFixed(1)} ms`,
      );
    }

    const variants = (process.env.FRAMES_BENCH_VARIANTS ?? '2:11:0.5,2:11:1').split(',');
    for (const variant of variants) {
      const [ocrScale, psm, scale] = variant.split(':').map(Number) as [number, number, number];
      const ocr = new TesseractOcr({ scale: ocrScale, pageSegMode: String(psm) });
      const t0 = performance.now();
      await ocr.start();
      console.log(`recogniser start: ${(performance.now() - t0).toFixed(0)} ms`);
      const pipeline = new FramePipeline({
        source: await X11Screen.connect({ display: desktop.display }),
        ocr,
        gate,
        minIntervalMs: 0,
        encode: { scale, quality: 80 },
      });
      const stages: FrameTimings[] = [];
      const sizes: number[] = [];
      for (let i = 0; i < n + 1; i++) {
        const out = await pipeline.take({ actionId: `b${i}` });
        if (!out.ok) throw new Error(`frame dropped: ${out.reason}`);
        if (i > 0) {
          stages.push(out.timings);
          sizes.push(out.frame.webp.length);
        }
      }
      const row = (k: Exclude<keyof FrameTimings, 'diff'>) => median(stages.map((s) => s[k])).toFixed(1);
      const total = median(stages.map((s) => s.total));
      console.log(
        `ocr scale ${ocrScale}, psm ${psm}, output scale ${scale}: stack ${row('stack')} | pixels ${row('pixels')} | black-out ${row('blackout')} | ocr ${row('ocr')} | redact ${row('redact')} | encode ${row('encode')} | total ${total.toFixed(0)} ms | ${(median(sizes) / 1024).toFixed(1)} KiB/frame | ~${Math.floor(60_000 / total)} frames/min on one core`,
      );
      await pipeline.close();
    }
  } finally {
    await desktop.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
