/**
 * What `steno server --demo` (`npm start`) prints: the demo's set-up as it happens, the demo
 * devices' progress, and the commands that lead from there to a downloaded dataset file.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { ensureFirstInvitation, type StenoServer } from '@steno/server';
import { DEMO_SUBJECT, DEMO_SUBJECTS, type Demo, startDemo } from './demo.ts';

const PROGRESS_EVERY_MS = 5_000;

/** A path as short as it can be said from here. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** The CLI options needed to reach this server and its data folder, when not the CLI's defaults. */
export function connectionFlags(server: StenoServer, url: string): string {
  const defaultServer = process.env.STENO_SERVER ?? `http://127.0.0.1:${process.env.STENO_PORT ?? 8470}`;
  const defaultData = resolve(process.env.STENO_DATA_DIR ?? '.steno');
  return [
    url.replace(/\/$/, '') === defaultServer.replace(/\/$/, '') ? '' : ` --server ${url}`,
    resolve(server.config.dataDir) === defaultData ? '' : ` --data ${shown(server.config.dataDir)}`,
  ].join('');
}

/** Starts the demo and prints what it does; returns how to stop it. */
export async function runDemo(
  server: StenoServer,
  url: string,
  started: number,
): Promise<() => Promise<void>> {
  console.log('');
  console.log(
    `Demo: setting up the capture program for the demo contributors (${DEMO_SUBJECTS.join(', ')}) as "demo"; each step is in the audit log:`,
  );
  const demo = await startDemo(server, url, (msg, fields) =>
    console.log(`  ${msg}${fields ? ` ${JSON.stringify(fields)}` : ''}`),
  );
  const tokenFile = shown(demo.tokenFile);
  console.log('');
  console.log(
    `Demo contributor "${DEMO_SUBJECT}": read your own captured events (through the guard, audited) with`,
  );
  console.log(`  curl -s -H "Authorization: Bearer $(cat ${tokenFile})" ${url}/v1/me/events`);
  console.log('and see every access to your data with');
  console.log(`  curl -s -H "Authorization: Bearer $(cat ${tokenFile})" ${url}/v1/me/access`);
  const demoInvite = await ensureFirstInvitation(server, {
    email: 'demo@steno.local',
    role: 'contributor',
    subject: DEMO_SUBJECT,
  });
  if (demoInvite)
    console.log(`or in the browser: open ${demoInvite.link} to set the demo contributor's password.`);
  console.log('');
  followDevices(server, url, demo, started);
  console.log('Stop with Ctrl+C.');
  return demo.stop;
}

function followDevices(server: StenoServer, url: string, demo: Demo, started: number): void {
  const { devices } = demo;
  const skipped = DEMO_SUBJECTS.filter((s) => !demo.consenting.includes(s));
  if (skipped.length > 0)
    console.log(`Demo devices: none for ${skipped.join(', ')}, who do not consent to the notice in force.`);
  if (devices.length === 0) return;
  const longest = Math.max(...devices.map((d) => d.durationMs));
  console.log(
    `Demo devices: ${devices.length} replaying their recordings in real time (about ${Math.ceil(longest / 1000)} s; progress every ${PROGRESS_EVERY_MS / 1000} s).`,
  );
  let done = 0;
  const progress = setInterval(() => {
    const s = devices.map((d) => d.agent.status());
    const sum = (k: 'eventsCaptured' | 'batchesUploaded' | 'batchesRejected' | 'eventsNotStored') =>
      s.reduce((n, x) => n + x[k], 0);
    console.log(
      `  demo devices: ${sum('eventsCaptured')} of ${devices.reduce((n, d) => n + d.events, 0)} events captured, ${sum('batchesUploaded')} batches uploaded, ${sum('batchesRejected')} refused, ${sum('eventsNotStored')} events not permitted by the server; ${done} of ${devices.length} done`,
    );
  }, PROGRESS_EVERY_MS);
  progress.unref();
  void Promise.allSettled(
    devices.map((d) =>
      d.agent.drained().then(
        () => {
          done += 1;
        },
        (err: unknown) => {
          const code = (err as { code?: unknown }).code;
          console.error(
            `Demo device ${d.subject} stopped: ${typeof code === 'string' ? `${code}: ` : ''}${(err as Error).message}`,
          );
        },
      ),
    ),
  ).then(() => {
    clearInterval(progress);
    if (done === 0) return;
    const s = devices.map((d) => d.agent.status());
    const stored = s.reduce((n, x) => n + x.batchesUploaded, 0);
    const refused = s.reduce((n, x) => n + x.batchesRejected, 0);
    const notStored = s.reduce((n, x) => n + x.eventsNotStored, 0);
    console.log(
      `Demo devices: ${done} of ${devices.length} recordings replayed, ${((Date.now() - started) / 1000).toFixed(1)} s after start: ${stored} batches stored, ${refused} refused${refused > 0 ? ' (each refusal is logged above with its reason)' : ''}, ${notStored} events not permitted by the server.`,
    );
    if (stored > 0) printDatasetSteps(server, url, demo);
  });
}

function printDatasetSteps(server: StenoServer, url: string, demo: Demo): void {
  const flags = connectionFlags(server, url);
  console.log('');
  console.log(
    `Next, as an ML engineer (token in ${shown(demo.mlEngineerTokenFile)}: datasets only, never events): build the example dataset from the consenting contributors and download its Parquet files (the steps, and the redacted screenshots taken before them):`,
  );
  console.log(`  npx steno dataset build examples/dataset-spec.yaml${flags}`);
  console.log(`  npx steno dataset show latest${flags}`);
  console.log(`  npx steno dataset download latest steps.parquet${flags}`);
  console.log(`  npx steno dataset download latest frames.parquet${flags}`);
  if (demo.consenting.length < DEMO_SUBJECTS.length)
    console.log(
      `  (only ${demo.consenting.length} demo contributors consent: with the spec's k = 5 the dataset has no application left)`,
    );
}
