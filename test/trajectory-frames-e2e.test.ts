/**
 * Issue 17 under Xvfb, with frames: a contributor marks a task, types and clicks in an in-scope
 * window whose scope allows screenshots, beside an out-of-scope window, and ends the task. The live
 * agent (real hook, X11 capture, on-device recognition and redaction) uploads frames with the
 * actions; the dataset build and seal turn them into the standard exports. Every screenshot
 * embedded in the hub Parquet is read again by an independent recogniser (Debian's tesseract):
 * nothing of the secrets shown or typed, nothing of the out-of-scope window. The trajectory's steps
 * refer to those screenshots and carry the task's (redacted) instruction and pyautogui lines.
 */
import { join } from 'node:path';
import {
  buildDataset,
  decryptDatasetFile,
  generatePseudonymSecret,
  HUB_FILE,
  parseDatasetSpec,
  sealDataset,
  TRAJECTORIES_FILE,
} from '@steno/datasets';
import type { StenoEvent } from '@steno/protocol';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markAgentTask } from '../packages/agent/src/control-client.ts';
import { type LiveAgent, runLiveAgent } from '../packages/agent/src/live-agent.ts';
import { FakeStenoServer } from '../packages/agent/src/test-support/fake-steno-server.ts';
import { leakedRuns, readAgain } from '../packages/frames/src/test-support/second-reader.ts';
import {
  type TextWindow,
  X11_SKIP_MESSAGE,
  X11Desktop,
  x11Available,
} from '../packages/frames/src/test-support/x11-desktop.ts';
import { removeDir, tempDir } from './support/test-stores.ts';

const runX11 = x11Available() || Boolean(process.env.CI);
if (!runX11) console.warn(X11_SKIP_MESSAGE);

const WORK = 'StenoTaskWork';
const PRIVATE = 'StenoTaskPrivate';
const SHOWN = ['jane.doe@example.org', 'AKIAIOSFODNN7EXAMPLE'];
const TYPED = 'bob.smith@corp.example.com';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(40);
  }
}

describe.skipIf(!runX11)('a task with frames, live, to the standard exports (issue 17)', () => {
  let desktop: X11Desktop;
  let work: TextWindow;
  let server: FakeStenoServer;
  let running: LiveAgent;
  let dir: string;
  let dataDir: string;

  beforeAll(async () => {
    desktop = await X11Desktop.start();
    work = await desktop.openText({
      wmClass: WORK,
      title: 'expense notes',
      lines: ['expenses for Q3', `mail ${SHOWN[0]} ok`, 'hotel 120', `key ${SHOWN[1]}`, 'taxi 30'],
      geometry: '48x8+20+40',
      // large enough for the second reader to read the ordinary text in a half-scale frame
      font: 'Monospace',
      fontSize: 20,
    });
    await desktop.openText({
      wmClass: PRIVATE,
      title: 'private chat',
      lines: ['private words here'],
      geometry: '30x4+820+420',
    });
    server = await new FakeStenoServer().start();
    server.scope = { apps: [{ app: WORK, level: 'full', frames: true }], sites: [] };
    dir = tempDir('steno-task-frames-');
    dataDir = join(dir, 'agent');
    running = await runLiveAgent({
      server: server.url,
      enrolToken: server.addToken('ada'),
      dataDir,
      log: () => {},
      holdbackMs: 0,
      batch: { maxDelayMs: 150 },
      backoff: { baseMs: 20, capMs: 200 },
      notify: false,
      browser: { enabled: false },
      live: { env: desktop.env, restartBackoff: { baseMs: 100, capMs: 400 } },
      frames: { minIntervalMs: 200 },
    });
    await waitFor(() => running.live.status().hook.state === 'running', 15_000, 'the hook');
    await waitFor(() => running.live.status().lease.state === 'active', 5_000, 'a lease');
  }, 60_000);

  afterAll(async () => {
    await running?.stop();
    await server?.close();
    await desktop?.close();
    removeDir(dir);
  });

  it('before-frames in the hub Parquet hold nothing secret or out of scope; steps refer to them', async () => {
    await desktop.focus(work);
    await waitFor(() => running.live.status().state === 'capturing', 5_000, 'capturing');
    await sleep(300);
    await markAgentTask(dataDir, 'start', `File the Q3 expenses for ${SHOWN[0]}`);
    await desktop.xdotool(['type', '--delay', '15', `call ${TYPED} `]);
    await sleep(400);
    await desktop.xdotool(['mousemove', '--window', String(work.id), '120', '30', 'click', '1']);
    await sleep(400);
    await desktop.xdotool(['key', 'Return']);
    await waitFor(() => server.events().filter((e) => e.type === 'frame').length >= 2, 60_000, 'frames');
    await markAgentTask(dataDir, 'end');
    await waitFor(
      () => server.events().some((e) => e.type === 'task' && e.phase === 'end'),
      15_000,
      'the task end',
    );

    const events: StenoEvent[] = server.events();
    const spec = parseDatasetSpec(`
name: task-frames
purpose: model_training
timeRange: { from: '2020-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' }
k: 2
taskLabels: redact
`);
    if (!spec.ok) throw new Error(spec.error.message);
    // k needs two contributors: the same session stands for two (the test is about the frames)
    const build = await buildDataset(
      spec.value,
      [
        { subjectId: 'ada', events },
        { subjectId: 'ada-twin', events },
      ],
      { secret: generatePseudonymSecret() },
    );
    const task = build.episodes.find((e) => e.taskMarked);
    expect(task).toMatchObject({
      task: 'File the Q3 expenses for [EMAIL]',
      taskStatus: 'completed',
      apps: [WORK],
    });
    expect(task?.steps.some((s) => s.beforeFrame !== null)).toBe(true);
    const sealed = sealDataset(build, {
      datasetId: 'ds_taskframes',
      version: 1,
      createdAt: new Date().toISOString(),
      policyVersion: 'p1',
      consentNoticeVersions: ['n1'],
    });
    const open = (name: string): Uint8Array => {
      const f = sealed.files.find((x) => x.name === name);
      const r = decryptDatasetFile(sealed.key, name, f?.ciphertext as Uint8Array);
      if (!r.ok) throw new Error(`${name}: ${r.error.code}`);
      return r.value;
    };

    const hub = open(HUB_FILE);
    const rows = (await parquetReadObjects({
      file: hub.buffer.slice(hub.byteOffset, hub.byteOffset + hub.byteLength) as ArrayBuffer,
      utf8: false,
    })) as { image: { bytes: Uint8Array; path: Uint8Array | string } | null }[];
    const images = rows.flatMap((r) => (r.image ? [r.image] : []));
    expect(images.length).toBeGreaterThan(0);
    let readable = '';
    for (const img of images) {
      const again = await readAgain(img.bytes);
      readable += again.text;
      for (const s of [...SHOWN, TYPED]) expect(leakedRuns(again.text, s), again.reader).toEqual([]);
      expect(again.text).not.toMatch(/private|words here/i);
    }
    // the reader does read the frames: the in-scope window's ordinary text is there
    expect(readable).toMatch(/expenses|hotel|taxi/i);

    const lines = new TextDecoder()
      .decode(open(TRAJECTORIES_FILE))
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            instruction: string | null;
            steps: { image: string | null; code: string; reasoning: string }[];
          },
      );
    const traj = lines.find((l) => l.instruction !== null);
    expect(traj?.instruction).toBe('File the Q3 expenses for [EMAIL]');
    const paths = new Set(
      images.map((i) => (typeof i.path === 'string' ? i.path : new TextDecoder().decode(i.path))),
    );
    const referenced = traj?.steps.flatMap((s) => (s.image ? [s.image] : [])) ?? [];
    expect(referenced.length).toBeGreaterThan(0);
    for (const p of referenced) expect(paths.has(p)).toBe(true);
    expect(traj?.steps.map((s) => s.code)).toEqual(
      expect.arrayContaining([
        "pyautogui.write('call [EMAIL] ')",
        expect.stringMatching(/^pyautogui\.click\(/),
      ]),
    );
    expect(traj?.steps.every((s) => s.reasoning === '')).toBe(true);
    expect(new TextDecoder().decode(open(TRAJECTORIES_FILE))).not.toMatch(
      /bob\.smith|jane\.doe|AKIA|private/,
    );
  }, 180_000);
});
