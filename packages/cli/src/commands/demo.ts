/**
 * The demo for `npm start`: a device enrolled for the demo contributor replays the bundled
 * recording through the real path (enrol → sign → spool → upload → ingest → encrypted store),
 * and the demo contributor gets a personal token in a 0600 file to read their own data back.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AgentHandle, runAgent } from '@steno/agent';
import { checkApiToken, createEnrolToken, issueApiToken, type StenoServer } from '@steno/server';

export const DEMO_SUBJECT = 'demo';
export const DEMO_RECORDING = fileURLToPath(
  new URL('../../../../examples/demo-recording.jsonl', import.meta.url),
);

export interface Demo {
  tokenFile: string;
  agent: AgentHandle;
}

async function ensureDemoToken(server: StenoServer): Promise<string> {
  const file = join(server.config.dataDir, 'demo.token');
  if (existsSync(file)) {
    const check = await checkApiToken(server.db, readFileSync(file, 'utf8').trim(), Date.now());
    if (check.ok) return file;
  }
  const issued = await issueApiToken(
    server.db,
    {
      principal: `person:${DEMO_SUBJECT}`,
      role: 'contributor',
      subject: DEMO_SUBJECT,
      scopes: ['me:read'],
      ttlMs: 30 * 24 * 3_600_000,
    },
    Date.now(),
  );
  writeFileSync(file, `${issued.token}\n`, { mode: 0o600 });
  return file;
}

export async function startDemo(
  server: StenoServer,
  baseUrl: string,
  log: (msg: string, fields?: Record<string, unknown>) => void,
): Promise<Demo> {
  const dataDir = join(server.config.dataDir, 'demo-agent');
  const enrolled = existsSync(join(dataDir, 'device.json'));
  const enrolToken = enrolled
    ? undefined
    : (await createEnrolToken(server.enrolment, DEMO_SUBJECT, 'demo')).token;
  const tokenFile = await ensureDemoToken(server);
  const agent = await runAgent({
    server: baseUrl,
    enrolToken,
    replayFile: DEMO_RECORDING,
    speed: Number.POSITIVE_INFINITY,
    dataDir,
    deviceName: 'demo-device',
    // The demo shows data within seconds: short batches, no review holdback.
    batch: { maxDelayMs: 250 },
    holdbackMs: 0,
    log: (level, msg, fields) => {
      if (level !== 'debug') log(`demo agent: ${msg}`, fields);
    },
  });
  return { tokenFile, agent };
}
