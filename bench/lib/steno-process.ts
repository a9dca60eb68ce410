/** Starts a real `steno server` in a child process for benchmarks, and stops it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../packages/cli/bin/steno.js', import.meta.url));

export interface ServerProcess {
  url: string;
  operatorToken: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServerProcess(
  dataDir: string,
  port: number,
  extraArgs: string[] = [],
): Promise<ServerProcess> {
  // The embedded mode must not pick up STENO_PG_URL or STENO_NATS_URL from the environment; the
  // production mode passes --pg and --nats explicitly.
  const { STENO_PG_URL: _pg, STENO_NATS_URL: _nats, ...env } = process.env;
  const child = spawn(
    process.execPath,
    [
      // e.g. STENO_BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server.
      ...(process.env.STENO_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      BIN,
      'server',
      '--data',
      dataDir,
      '--port',
      String(port),
      '--log-level',
      'silent',
      ...extraArgs,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env,
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('server did not start in 60 s')), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = buf.match(/listening on (http:\/\/\S+)/);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  // The operator token file is written right after "listening"; wait for it.
  let operatorToken = '';
  for (let i = 0; i < 100 && !operatorToken; i++) {
    try {
      operatorToken = readFileSync(join(dataDir, 'operator.token'), 'utf8').trim();
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    operatorToken,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
