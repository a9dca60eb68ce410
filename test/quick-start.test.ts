/**
 * Issue 15: the README's quick start, as a new user runs it. `steno server --demo` (what
 * `npm start` runs) on a fresh data folder sets the program up truthfully (notice, scope, legal
 * basis, consent), its five demo devices replay their recordings under capture leases and nothing
 * they send is refused; then the commands it prints build the example dataset and download its
 * Parquet files, which DuckDB-independent `hyparquet` reads. What the demo contributor's portal
 * shows (consent current, events captured) matches what is stored.
 *
 * Issue 17: frames by default where the scope allows them, in the demo too. The demo contributor's
 * stored events hold the recorded, redacted screenshots and the portal's timeline shows one beside
 * its action; the dataset's frames.parquet holds them, and Debian's `tesseract` reads none of the
 * recording's secrets in any of its images.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { readAgain } from '../packages/frames/src/test-support/second-reader.ts';
import { timelineRows, type WireEvent } from '../packages/portal/src/event-timeline.ts';
import { leaksIn } from '../scripts/record-demo.ts';
import { removeDir, tempDir } from './support/test-stores.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'packages/cli/bin/steno.js');
const run = promisify(execFile);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('quick start: npm start to a downloaded Parquet file (issue 15)', () => {
  const dir = tempDir('steno-quick-start-');
  let server: ChildProcess | undefined;
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server?.once('exit', r));
    }
    removeDir(dir);
  });

  it('the demo sets up consent truthfully, stores every batch, and its printed commands give a dataset', async () => {
    // The user's working directory: the repository's examples, and room for the downloaded file.
    const cwd = join(dir, 'work');
    mkdirSync(cwd);
    symlinkSync(join(ROOT, 'examples'), join(cwd, 'examples'));
    const data = join(dir, 'data');
    const port = await freePort();
    server = spawn(process.execPath, [BIN, 'server', '--demo', '--data', data, '--port', String(port)], {
      cwd,
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('STENO_'))),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    server.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    server.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const deadline = Date.now() + 240_000;
    while (
      !/npx steno dataset download latest frames\.parquet.*\n/.test(out) &&
      Date.now() < deadline &&
      server.exitCode === null
    )
      await new Promise((r) => setTimeout(r, 250));
    expect(out, out).toMatch(
      /Demo devices: 5 of 5 recordings replayed.*: (\d+) batches stored, 0 refused, 0 events not permitted by the server/,
    );
    // The set-up was printed before any device ran, as the demo's doing.
    expect(out.indexOf('consent')).toBeLessThan(out.indexOf('Demo devices: 5 replaying'));

    // What the demo contributor's portal shows matches what is stored.
    const url = `http://127.0.0.1:${port}`;
    const me = readFileSync(join(data, 'demo.token'), 'utf8').trim();
    const get = async (path: string) =>
      (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${me}` } })).json() as Promise<
        Record<string, unknown>
      >;
    expect(await get('/v1/me/consent')).toMatchObject({ current: true });
    const stored = (await get('/v1/me/events?limit=1000')).events as { event: WireEvent }[];
    expect(stored.length).toBeGreaterThan(100);
    const events = stored.map((s) => s.event);
    // issue 17: the demo contributor's frames are stored (the scope allows frames of XTerm) ...
    const frames = events.filter((e) => e.type === 'frame');
    expect(frames.length).toBeGreaterThan(0);
    expect(new Set(frames.map((f) => (f.meta as { app: string }).app))).toEqual(new Set(['XTerm']));
    // ... and the portal's timeline shows one beside the action it was taken before
    const shown = timelineRows(events).filter((r) => r.frame !== undefined);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown[0]?.frame?.src).toMatch(/^data:image\/webp;base64,UklGR/);
    expect(shown[0]?.app).toBe('XTerm');

    // The printed commands, run as printed (npx steno is this repository's bin).
    const commands = out
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('npx steno dataset'));
    expect(commands).toHaveLength(4);
    const outputs: string[] = [];
    for (const line of commands) {
      const args = line.split(/\s+/).slice(2);
      const r = await run(process.execPath, [BIN, ...args], { cwd, timeout: 120_000 });
      outputs.push(r.stdout);
    }
    // The dataset card's contents table: five contributors (k = 5 met), episodes, steps and frames.
    expect(outputs[1]).toMatch(
      /\| contributors \| episodes \| steps \| frames \|\n\| --- \| --- \| --- \| --- \|\n\| 5 \| [1-9]\d* \| [1-9]\d* \| [1-9]/,
    );
    const rows = await parquetReadObjects({
      file: new Uint8Array(readFileSync(join(cwd, 'steps.parquet'))).buffer as ArrayBuffer,
    });
    expect(rows.length).toBeGreaterThan(50);
    // frames.parquet: the redacted screenshots, every one read again by tesseract: no secret
    const frameRows = (await parquetReadObjects({
      file: new Uint8Array(readFileSync(join(cwd, 'frames.parquet'))).buffer as ArrayBuffer,
      utf8: false,
    })) as { webp: Uint8Array }[];
    expect(frameRows.length).toBeGreaterThan(0);
    let readable = '';
    for (const row of frameRows) {
      const again = await readAgain(row.webp);
      expect(leaksIn(again.text), again.reader).toEqual([]);
      readable += again.text;
    }
    expect(readable).toMatch(/Team notes/);
  }, 420_000);
});
