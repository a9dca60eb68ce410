/** `steno agent`: the device agent (replay source for now), and the contributor's personal token. */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseDuration, registerControlCommands, runAgent, runLiveAgent, statusPageUrl } from '@steno/agent';
import { importPrivateKey, signCanonical } from '@steno/protocol';
import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';

interface AgentOpts {
  server: string;
  enrol?: string;
  replay?: string;
  data?: string;
  speed: number;
  name?: string;
  exitWhenDone?: boolean;
  batchEvents?: number;
  live?: boolean;
  holdback?: string;
  /** commander's --no-frames */
  frames: boolean;
  frameIntervalMs?: number;
}

const defaultAgentDir = () => process.env.STENO_AGENT_DIR ?? join(homedir(), '.steno-agent');

export function registerAgentCommand(program: Command): void {
  const agent = program
    .command('agent')
    .description('run the device agent: capture → privacy filter → encrypted spool → signed upload')
    .option('--server <url>', 'Steno server URL', process.env.STENO_SERVER ?? 'http://127.0.0.1:8470')
    .option('--enrol <token>', 'single-use enrolment token (first run only)')
    .option(
      '--live',
      'capture this X11 desktop (keyboard, mouse, focused app) within the scope of a signed lease',
    )
    .option('--replay <file>', 'replay a JSON-lines recording of events instead of live capture')
    .option(
      '--holdback <duration>',
      'how long events wait on this machine before upload, e.g. 5m (live default 5m)',
    )
    .option('--data <dir>', 'agent data folder (default $STENO_AGENT_DIR or ~/.steno-agent)')
    .option(
      '--speed <n>',
      'replay speed: 1 = real time, 0 = as fast as possible',
      (v) => Number.parseFloat(v),
      1,
    )
    .option('--name <name>', 'device name shown to the contributor and operators')
    .option('--exit-when-done', 'exit once the recording is replayed and uploaded')
    .option('--batch-events <n>', 'most events in one batch (default 500)', (v) => Number.parseInt(v, 10))
    .option('--no-frames', 'never take screenshots, whatever the scope allows (live capture)')
    .option('--frame-interval-ms <ms>', 'at most one frame per this many milliseconds (default 1000)', (v) =>
      Number.parseInt(v, 10),
    )
    .action(async (opts: AgentOpts) => {
      if (Boolean(opts.live) === Boolean(opts.replay))
        throw new CliError('NO_SOURCE', 'give exactly one of --live and --replay FILE');
      const holdbackMs = opts.holdback === undefined ? undefined : parseDuration(opts.holdback);
      if (opts.live) {
        const dir = opts.data ?? defaultAgentDir();
        const live = await runLiveAgent({
          server: opts.server,
          enrolToken: opts.enrol,
          dataDir: dir,
          deviceName: opts.name,
          holdbackMs,
          frames: {
            enabled: opts.frames,
            ...(opts.frameIntervalMs ? { minIntervalMs: opts.frameIntervalMs } : {}),
          },
        });
        console.error(
          `steno agent: capturing as device ${live.agent.status().deviceId}, only within the signed scope.`,
        );
        console.error(`steno agent: status page ${await statusPageUrl(dir)} ; pause with: steno agent pause`);
        const stopLive = async () => {
          await live.stop();
          process.exit(0);
        };
        process.once('SIGINT', () => void stopLive());
        process.once('SIGTERM', () => void stopLive());
        return;
      }
      const handle = await runAgent({
        server: opts.server,
        enrolToken: opts.enrol,
        replayFile: opts.replay,
        speed: opts.speed === 0 ? Number.POSITIVE_INFINITY : opts.speed,
        dataDir: opts.data ?? defaultAgentDir(),
        deviceName: opts.name,
        holdbackMs,
        batch: opts.batchEvents ? { maxEvents: opts.batchEvents } : undefined,
      });
      console.error(
        `steno agent: running as device ${handle.status().deviceId} (visible: this process, its status, its logs)`,
      );
      const stop = async () => {
        await handle.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      if (opts.exitWhenDone) {
        await handle.drained();
        const s = handle.status();
        console.error(
          `steno agent: done: ${s.eventsCaptured} events, ${s.batchesUploaded} batches uploaded, ${s.batchesRejected} rejected`,
        );
        await handle.stop();
      }
    });

  registerControlCommands(agent, defaultAgentDir);
  agent
    .command('token')
    .description("get a personal read token for this device's contributor, proven with the device key")
    .option('--data <dir>', 'agent data folder (default $STENO_AGENT_DIR or ~/.steno-agent)')
    .option('--server <url>', 'Steno server URL (default: the server this device enrolled with)')
    .option('--out <file>', 'write the token to this file (mode 0600) instead of standard output')
    .action(async (opts: { data?: string; out?: string; server?: string }) => {
      const dir = opts.data ?? defaultAgentDir();
      const file = join(dir, 'device.json');
      if (!existsSync(file))
        throw new CliError(
          'NOT_ENROLLED',
          `no enrolled device in ${dir}: run steno agent --enrol TOKEN first`,
        );
      const device = JSON.parse(readFileSync(file, 'utf8')) as {
        deviceId: string;
        server: string;
        privateKey: string;
      };
      const claims = {
        deviceId: device.deviceId,
        issuedAt: Date.now(),
        nonce: randomBytes(16).toString('base64url'),
        purpose: 'personal-token' as const,
      };
      const proof = signCanonical('steno-device-request-v1', claims, importPrivateKey(device.privateKey));
      const server = opts.server ?? device.server;
      const res = await fetch(`${server.replace(/\/$/, '')}/v1/device/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ v: 1, ...claims, proof }),
      }).catch((cause: unknown) => {
        throw new CliError('SERVER_UNREACHABLE', `cannot reach ${server}: check the URL and that it runs`, {
          cause,
        });
      });
      const body = (await res.json()) as {
        token?: string;
        expiresAt?: number;
        error?: { code: string; message: string };
      };
      if (!res.ok || !body.token)
        throw new CliError(body.error?.code ?? `HTTP_${res.status}`, body.error?.message ?? 'refused');
      if (opts.out) {
        writeFileSync(opts.out, `${body.token}\n`, { mode: 0o600 });
        console.error(
          `personal token written to ${opts.out}, expires ${new Date(body.expiresAt ?? 0).toISOString()}`,
        );
      } else console.log(body.token);
    });
}
