// The agent process bench/agent measures: the live agent as it runs in production, from the
// built JavaScript (packages/agent/dist, run by plain Node: no tsx, no TypeScript), with its
// control server, holdback 0 and no notifications; prints "ready" once the hook child runs.
// Usage: node bench/lib/agent-child.mjs SERVER DATA_DIR ENROL_TOKEN
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
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
// With STENO_BENCH_PROFILE_DIR: SIGUSR2 starts a CPU profile of this process, the next one
// writes it there (bench/agent --profile brackets exactly the measured window this way).
const profileDir = process.env.STENO_BENCH_PROFILE_DIR;
if (profileDir) {
  const session = new Session();
  session.connect();
  let on = false;
  process.on('SIGUSR2', async () => {
    if (!on) {
      on = true;
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
      process.stdout.write('profiling\n');
      return;
    }
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(profileDir, `agent-window-${process.pid}.cpuprofile`), JSON.stringify(profile));
    process.stdout.write('profiled\n');
  });
}
process.stdout.write('ready\n');
process.once('SIGTERM', async () => {
  await running.stop();
  process.exit(0);
});
