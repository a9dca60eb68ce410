/**
 * Test support: runs the whole pipeline in a child process whose TMPDIR, HOME and working folder
 * are empty folders the parent watches (no-disk.test.ts). `x11` mode captures the real display in
 * $DISPLAY; `synthetic` mode renders text. Prints one JSON line: the outcome, never pixels.
 */
import { FrameGate } from '../frame-gate.ts';
import { FramePipeline } from '../frame-pipeline.ts';
import { TesseractOcr } from '../ocr-engine.ts';
import { X11Screen } from '../x11-screen.ts';
import { renderText } from './rendered-text.ts';
import { activeView, FakeSource, lease } from './synthetic.ts';

const mode = process.argv[2] ?? 'synthetic';
const gate = new FrameGate({
  lease: () => activeView(lease({}, [{ app: 'StenoWork', level: 'full', frames: true }])),
  contributorPaused: () => false,
});
const ocr = new TesseractOcr();
let source: X11Screen | FakeSource;
if (mode === 'x11') {
  source = await X11Screen.connect();
} else {
  const r = await renderText(600, 120, [{ text: 'mail jane.doe@example.org now', size: 14 }]);
  const w = { x: 0, y: 0, width: 600, height: 120 };
  source = new FakeSource(
    {
      screen: w,
      windows: [
        {
          id: 1,
          client: 2,
          app: 'StenoWork',
          title: '',
          pid: 3,
          outer: w,
          content: w,
          overrideRedirect: false,
        },
      ],
      active: 2,
    },
    () => r.image,
  );
}
const pipeline = new FramePipeline({ source, ocr, gate, minIntervalMs: 0 });
const outcomes: string[] = [];
for (let i = 0; i < (mode === 'x11' ? 2 : 1); i++) {
  const out = await pipeline.take({ actionId: `a${i}` });
  outcomes.push(out.ok ? `ok:${out.frame.webp.length}` : out.reason);
}
const shm = source instanceof X11Screen ? source.usingShm : false;
await pipeline.close();
process.stdout.write(`${JSON.stringify({ outcomes, shm })}\n`);
