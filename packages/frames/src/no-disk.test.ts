/**
 * No unredacted pixel touches the disk (issue 11): the pipeline runs in a child process whose
 * TMPDIR, HOME and working folder are empty folders watched for any file event; after the run
 * they are still empty, and /dev/shm keeps no new named file (MIT-SHM segments are unlinked
 * before the server writes a pixel into them). Structurally, no module of the package imports a
 * file-writing API.
 */
import { execFile } from 'node:child_process';
import { type FSWatcher, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X11_SKIP_MESSAGE, X11Desktop, x11Available } from './test-support/x11-desktop.ts';

const run = promisify(execFile);
const here = import.meta.dirname;
const runX11 = x11Available() || Boolean(process.env.CI);

async function runWatched(
  mode: 'synthetic' | 'x11',
  env: NodeJS.ProcessEnv = {},
): Promise<{ outcomes: string[]; shm: boolean }> {
  const base = mkdtempSync(join(tmpdir(), 'steno-frames-nodisk-'));
  const dirs = ['tmp', 'home', 'cwd'].map((d) => join(base, d));
  const events: string[] = [];
  const watchers: FSWatcher[] = [];
  try {
    for (const d of dirs) {
      await import('node:fs/promises').then((fs) => fs.mkdir(d));
      watchers.push(watch(d, { recursive: true }, (type, name) => events.push(`${type}:${String(name)}`)));
    }
    const shmBefore = new Set(readdirSync('/dev/shm'));
    const [tmp, home, cwd] = dirs as [string, string, string];
    const { stdout } = await run(
      process.execPath,
      [
        '--conditions=development',
        '--import',
        import.meta.resolve('tsx'),
        join(here, 'test-support/no-disk-child.ts'),
        mode,
      ],
      {
        cwd, // tsx's own transform cache would land in TMPDIR: it holds source, not pixels; switched off so the folder stays empty.
        env: { ...process.env, ...env, TSX_DISABLE_CACHE: '1', TMPDIR: tmp, TMP: tmp, TEMP: tmp, HOME: home },
        timeout: 60_000,
      },
    );
    await new Promise((r) => setTimeout(r, 100));
    for (const d of dirs) expect(readdirSync(d), d).toEqual([]);
    expect(events).toEqual([]);
    const newShm = readdirSync('/dev/shm').filter((f) => !shmBefore.has(f) && f.startsWith('node-x11-shm'));
    expect(newShm).toEqual([]);
    return JSON.parse(stdout.trim().split('\n').at(-1) as string) as { outcomes: string[]; shm: boolean };
  } finally {
    for (const w of watchers) w.close();
    rmSync(base, { recursive: true, force: true });
  }
}

describe('no unredacted pixel on disk', () => {
  it('no module of the package imports a file-writing API', () => {
    const offenders: string[] = [];
    for (const f of readdirSync(here)) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
      const text = readFileSync(join(here, f), 'utf8');
      if (
        /from 'node:fs(\/promises)?'|require\('(node:)?fs'\)|\.toFile\(|writeFile|createWriteStream/.test(
          text,
        )
      )
        offenders.push(f);
    }
    expect(offenders).toEqual([]);
  });

  it('a synthetic capture with recognition writes nothing to TMPDIR, HOME or the working folder', async () => {
    const out = await runWatched('synthetic');
    expect(out.outcomes).toEqual([expect.stringMatching(/^ok:/)]);
  });

  describe.skipIf(!runX11)('on a real X11 display', () => {
    let desktop: X11Desktop;
    beforeAll(async () => {
      desktop = await X11Desktop.start();
    });
    afterAll(async () => {
      await desktop?.close();
    });

    it('an X11 capture (MIT-SHM) with recognition writes nothing either', async () => {
      const w = await desktop.openText({
        wmClass: 'StenoWork',
        title: 'work',
        lines: ['mail jane.doe@example.org now'],
        geometry: '60x6+40+40',
      });
      await desktop.focus(w);
      const out = await runWatched('x11', { DISPLAY: desktop.display });
      expect(out.outcomes[0]).toMatch(/^ok:/);
      expect(out.shm).toBe(true);
    });
  });
});
if (!runX11) console.warn(X11_SKIP_MESSAGE);
