/**
 * The demo for `npm start`. First the program is set up as the demo's own, visible doing (notice,
 * scope, legal basis, the demo contributors' consent: see demo/demo-program.ts); only then do five
 * demo devices, one per demo contributor, each with its own recording, replay them in real time
 * through the real path (enrol → lease → sign → spool → upload → ingest → encrypted store). Each
 * recording is the input-only one (or a variant of it) followed by one task of the frame recording,
 * with the redacted screenshots the live agent took of a test desktop (demo/frame-takes.ts). The
 * contributor `demo` gets a personal read token and the ML engineer of the quick start a dataset
 * token, each in a 0600 file in the data folder.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AgentHandle, parseRecording, runAgent } from '@steno/agent';
import type { StenoEvent } from '@steno/protocol';
import { checkApiToken, createEnrolToken, issueApiToken, type StenoServer } from '@steno/server';
import { DEMO_ACTOR, DEMO_REGION, prepareDemoProgram } from '../demo/demo-program.ts';
import { appendTake, frameApps, splitTakes } from '../demo/frame-takes.ts';
import { recordingVariant, toJsonl } from '../demo/recording-variants.ts';

export const DEMO_SUBJECT = 'demo';
/** Five, the example dataset spec's k: each application is used by enough contributors. */
export const DEMO_SUBJECTS = [DEMO_SUBJECT, 'demo-2', 'demo-3', 'demo-4', 'demo-5'] as const;
export const DEMO_RECORDING = fileURLToPath(
  new URL('../../../../examples/demo-recording.jsonl', import.meta.url),
);
/** Recorded live with frames on, by scripts/record-demo.ts (issue 17). */
export const DEMO_FRAMES_RECORDING = fileURLToPath(
  new URL('../../../../examples/demo-recording-frames.jsonl', import.meta.url),
);

export interface DemoDevice {
  subject: string;
  recording: string;
  events: number;
  /** The recording's length: at real time, about how long the replay takes. */
  durationMs: number;
  agent: AgentHandle;
}

export interface Demo {
  /** The contributor `demo`'s personal read token (me:read). */
  tokenFile: string;
  /** An ML engineer's token for the quick start's dataset commands (datasets:build, datasets:read). */
  mlEngineerTokenFile: string;
  devices: DemoDevice[];
  /** Subjects whose consent is in force: only their devices may capture. */
  consenting: string[];
  stop(): Promise<void>;
}

type Log = (msg: string, fields?: Record<string, unknown>) => void;

const DEVICE_MILESTONES = new Set(['device_enrolled', 'capture_started', 'capture_finished']);

/** A token in a 0600 file in the data folder, reissued when missing, invalid or short of a scope. */
async function ensureTokenFile(
  server: StenoServer,
  name: string,
  spec: Parameters<typeof issueApiToken>[1],
): Promise<string> {
  const file = join(server.config.dataDir, name);
  if (existsSync(file)) {
    const check = await checkApiToken(server.db, readFileSync(file, 'utf8').trim(), Date.now());
    if (check.ok && spec.scopes.every((sc) => check.principal.scopes.includes(sc))) return file;
  }
  const issued = await issueApiToken(server.db, spec, Date.now());
  writeFileSync(file, `${issued.token}\n`, { mode: 0o600 });
  return file;
}

const ensureDemoToken = (server: StenoServer) =>
  ensureTokenFile(server, 'demo.token', {
    principal: `person:${DEMO_SUBJECT}`,
    role: 'contributor',
    subject: DEMO_SUBJECT,
    scopes: ['me:read'],
    ttlMs: 30 * 24 * 3_600_000,
    name: 'npm start: the demo contributor',
  });

/** The quick start's ML engineer: datasets only, never events (the guard builds datasets). */
export const ensureMlEngineerToken = (server: StenoServer) =>
  ensureTokenFile(server, 'ml-engineer.token', {
    principal: `ml_engineer:${DEMO_ACTOR}`,
    role: 'ml_engineer',
    scopes: ['datasets:build', 'datasets:read'],
    ttlMs: 30 * 24 * 3_600_000,
    name: 'npm start: the demo ML engineer',
  });

/**
 * The recording of each demo contributor, in the data folder: the bundled input-only recording (or
 * a generated variant of it), then one task (take) of the frame recording.
 */
function demoRecordings(dataDir: string): { subject: string; file: string; events: StenoEvent[] }[] {
  const bundled = parseRecording(readFileSync(DEMO_RECORDING, 'utf8')).map((r) => r.event);
  const takes = splitTakes(parseRecording(readFileSync(DEMO_FRAMES_RECORDING, 'utf8')).map((r) => r.event));
  const dir = join(dataDir, 'demo-recordings');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return DEMO_SUBJECTS.map((subject, i) => {
    const base = i === 0 ? bundled : recordingVariant(bundled, i + 1);
    const take = takes[i % Math.max(1, takes.length)] ?? [];
    const events = appendTake(base, take);
    const file = join(dir, `${subject}.jsonl`);
    // Deterministic: rewriting it on every start gives the same lines, so a resumed replay's cursor holds.
    writeFileSync(file, toJsonl(events), { mode: 0o600 });
    return { subject, file, events };
  });
}

export async function startDemo(server: StenoServer, baseUrl: string, log: Log): Promise<Demo> {
  const recordings = demoRecordings(server.config.dataDir);
  const apps = [
    ...new Set(recordings.flatMap((r) => r.events.flatMap((e) => (e.type === 'focus' ? [e.app] : [])))),
  ].sort();
  const withFrames = frameApps(recordings.flatMap((r) => r.events));
  // Subjects first (in the demo region), so that consent can be recorded before any device runs.
  const enrolTokens = new Map<string, string>();
  for (const { subject } of recordings) {
    if (existsSync(join(agentDir(server, subject), 'device.json'))) continue;
    const { token } = await createEnrolToken(server.enrolment, subject, DEMO_ACTOR, undefined, DEMO_REGION);
    enrolTokens.set(subject, token);
  }
  const { consenting } = await prepareDemoProgram(
    server,
    { subjects: recordings.map((r) => r.subject), apps, frameApps: withFrames },
    (msg) => log(`demo set-up: ${msg}`),
  );
  const tokenFile = await ensureDemoToken(server);
  const mlEngineerTokenFile = await ensureMlEngineerToken(server);
  const devices: DemoDevice[] = [];
  for (const r of recordings) {
    // A demo contributor who withdrew consent gets no running device (and so no lease or upload).
    if (!consenting.includes(r.subject)) continue;
    const agent = await runAgent({
      server: baseUrl,
      enrolToken: enrolTokens.get(r.subject),
      replayFile: r.file,
      // Real time: every event is stamped after the capture lease it is captured under.
      speed: 1,
      dataDir: agentDir(server, r.subject),
      deviceName: `${r.subject}-device`,
      // The demo shows data within seconds: short batches, no review holdback.
      batch: { maxDelayMs: 250 },
      holdbackMs: 0,
      // Problems always; otherwise the milestones (the progress line sums up the uploads).
      log: (level, msg, fields) => {
        if (level === 'warn' || level === 'error' || DEVICE_MILESTONES.has(msg))
          log(`demo device ${r.subject}: ${msg}`, fields);
      },
    });
    devices.push({
      subject: r.subject,
      recording: r.file,
      events: r.events.length,
      durationMs: (r.events.at(-1)?.t ?? 0) - (r.events[0]?.t ?? 0),
      agent,
    });
  }
  return {
    tokenFile,
    mlEngineerTokenFile,
    devices,
    consenting,
    stop: async () => {
      await Promise.all(devices.map((d) => d.agent.stop().catch(() => undefined)));
    },
  };
}

function agentDir(server: StenoServer, subject: string): string {
  return join(server.config.dataDir, 'demo-agents', subject);
}
