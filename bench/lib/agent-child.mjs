// The agent process bench/agent measures: the live agent as it runs in production, from the
// built JavaScript (packages/agent/dist, run by plain Node: no tsx, no TypeScript), with its
// control server, holdback 0 and no notifications; prints "ready" once the hook child runs.
// Usage: node bench/lib/agent-child.mjs SERVER DATA_DIR ENROL_TOKEN
import { runLiveAgent } from '@steno/agent';

const [server, dataDir, token] = process.argv.slice(2);
if (!server || !dataDir || !token) {
  process.stderr.write('usage: node bench/lib/agent-child.mjs SERVER DATA_DIR ENROL_TOKEN\n');
  process.exit(2);
}
const running = await runLiveAgent({
  server,
  dataDir,
  enrolToken: token,
  holdbackMs: 0,
  notify: false,
  log: () => {},
});
for (let i = 0; i < 300 && running.live.status().hook.state !== 'running'; i++)
  await new Promise((r) => setTimeout(r, 50));
process.stdout.write('ready\n');
process.once('SIGTERM', async () => {
  await running.stop();
  process.exit(0);
});
