/**
 * Test support: runs the agent in a child process (so a test can SIGKILL it at any instant).
 * Arguments: server URL, data dir, replay file, speed, and an optional enrolment token.
 * Prints "started" once running, and "drained" (exit 0) when the recording is fully uploaded.
 */
import { runAgent } from '../agent.ts';

const [server, dataDir, replayFile, speed, enrolToken] = process.argv.slice(2);
if (!server || !dataDir || !replayFile || !speed)
  throw new Error('usage: agent-child SERVER DIR FILE SPEED [TOKEN]');
const agent = await runAgent({
  server,
  dataDir,
  replayFile,
  speed: Number(speed),
  enrolToken,
  batch: { maxEvents: 20, maxDelayMs: 100 },
  backoff: { baseMs: 5, capMs: 50 },
  log: () => {},
});
process.stdout.write('started\n');
await agent.drained();
await agent.stop();
process.stdout.write('drained\n');
