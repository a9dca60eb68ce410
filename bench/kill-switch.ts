/**
 * bench/kill-switch: time from a pause request to the last of N connected agents holding a paused
 * lease (N = 1,000 simulated agents on real SSE connections to a real server process), against the
 * anchor of the same push without the kill switch (a scope change delivered on the same
 * connections), in the same run. Target: p99 under 1 s.
 *
 *   npm run bench -- kill-switch [--agents 1000] [--runs 5]
 */

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type ClientRequest, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEd25519, importPrivateKey, type SignedLease, signCanonical } from '@steno/protocol';
import { percentile, printTable, stats, writeResults } from './lib/report.ts';

const arg = (args: string[], name: string, d: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};

interface SimAgent {
  latest?: SignedLease['lease'];
  receivedAt: number;
  req?: ClientRequest;
}

async function json(url: string, method: string, token: string | undefined, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

export async function main(args: string[]): Promise<void> {
  const n = arg(args, 'agents', 1_000);
  const runs = arg(args, 'runs', 5);
  const dir = mkdtempSync(join(tmpdir(), 'steno-killswitch-'));
  const port = 0;
  const child = spawn(
    process.execPath,
    [
      ...(process.env.STENO_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--conditions=development',
      '--import',
      'tsx',
      join(import.meta.dirname, 'lib/officer-server.ts'),
      dir,
      String(port),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const m = d.toString().match(/listening on (\S+)/);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  const token = (name: string) => readFileSync(join(dir, `${name}.token`), 'utf8');
  const progress = (m: string) => process.stderr.write(`kill-switch: ${m}\n`);
  try {
    await json(`${url}/v1/program/scope`, 'PUT', token('po1'), {
      apps: [{ app: 'bench-app', level: 'actions' }],
      sites: [],
    });
    // Capture needs consent to the current notice: publish one; each simulated contributor accepts it.
    const { version: noticeVersion } = (await json(`${url}/v1/program/notices`, 'POST', token('po1'), {
      markdown: '# Benchmark notice\n\nSimulated contributors only.',
    })) as { version: number };
    // Capture also needs the region's legal basis (the simulated contributors are in `default`).
    await json(`${url}/v1/program/regions/default`, 'PUT', token('po1'), {
      basis: 'other',
      reference: 'benchmark with simulated contributors',
    });
    progress(`enrolling ${n} simulated agents`);
    const agents: SimAgent[] = [];
    const enrolOne = async (i: number) => {
      const { token: enrolToken } = (await json(`${url}/v1/admin/enrol-tokens`, 'POST', token('op'), {
        subject: `sim${i}`,
      })) as { token: string };
      const keys = generateEd25519();
      const key = importPrivateKey(keys.privateKey);
      const name = `sim${i}`;
      const proof = signCanonical(
        'steno-enrol-v1',
        { token: enrolToken, publicKey: keys.publicKey, name },
        key,
      );
      const { deviceId } = (await json(`${url}/v1/enrol`, 'POST', undefined, {
        v: 1,
        token: enrolToken,
        publicKey: keys.publicKey,
        name,
        proof,
      })) as { deviceId: string };
      const tokenClaims = {
        deviceId,
        issuedAt: Date.now(),
        nonce: randomBytes(16).toString('base64url'),
        purpose: 'personal-token',
      };
      const { token: personal } = (await json(`${url}/v1/device/tokens`, 'POST', undefined, {
        v: 1,
        ...tokenClaims,
        proof: signCanonical('steno-device-request-v1', tokenClaims, key),
      })) as { token: string };
      await json(`${url}/v1/me/consent`, 'POST', personal, {
        version: noticeVersion,
        decision: 'give',
        channel: 'cli',
      });
      const claims = {
        deviceId,
        issuedAt: Date.now(),
        nonce: randomBytes(16).toString('base64url'),
        purpose: 'stream',
      };
      const q = new URLSearchParams({
        deviceId,
        issuedAt: String(claims.issuedAt),
        nonce: claims.nonce,
        proof: signCanonical('steno-device-request-v1', claims, key),
      });
      const agent: SimAgent = { receivedAt: 0 };
      agents.push(agent);
      await new Promise<void>((resolve, reject) => {
        agent.req = get(`${url}/v1/device/stream?${q}`, (res) => {
          if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`));
          let buf = '';
          res.on('data', (d: Buffer) => {
            buf += d.toString();
            for (let i2 = buf.indexOf('\n\n'); i2 >= 0; i2 = buf.indexOf('\n\n')) {
              const block = buf.slice(0, i2);
              buf = buf.slice(i2 + 2);
              const data = block.split('\n').find((l) => l.startsWith('data: '));
              if (!data) continue;
              agent.latest = (JSON.parse(data.slice(6)) as SignedLease).lease;
              agent.receivedAt = performance.now();
              resolve();
            }
          });
        });
        agent.req.on('error', reject);
      });
    };
    for (let i = 0; i < n; i += 25) {
      await Promise.all(Array.from({ length: Math.min(25, n - i) }, (_, k) => enrolOne(i + k)));
      if ((i + 25) % 1000 === 0 && i + 25 < n) progress(`${i + 25} of ${n} agents enrolled and connected`);
    }
    progress(`${agents.length} agents connected`);

    const waitAll = async (cond: (a: SimAgent) => boolean, timeoutMs = 30_000) => {
      const until = Date.now() + timeoutMs;
      while (!agents.every(cond)) {
        if (Date.now() > until) throw new Error('timed out waiting for all agents');
        await new Promise((r) => setTimeout(r, 2));
      }
    };

    const anchorLast: number[] = [];
    const anchorP99: number[] = [];
    const pauseLast: number[] = [];
    const pauseP99: number[] = [];
    for (let run = 0; run <= runs; run++) {
      // Anchor: the same push on the same connections, without the kill switch (a scope change).
      let t0 = performance.now();
      const { version } = (await json(`${url}/v1/program/scope`, 'PUT', token('po1'), {
        apps: [{ app: `bench-app-${run}`, level: 'actions' }],
        sites: [],
      })) as { version: number };
      await waitAll((a) => a.latest?.policyVersion === version);
      const anchorLat = agents.map((a) => a.receivedAt - t0);
      // The kill switch.
      t0 = performance.now();
      await json(`${url}/v1/program/pause`, 'POST', token('po1'), {
        scope: { kind: 'global' },
        reason: 'bench',
      });
      await waitAll((a) => a.latest?.state === 'paused');
      const pauseLat = agents.map((a) => a.receivedAt - t0);
      await json(`${url}/v1/program/resume`, 'POST', token('po1'), { scope: { kind: 'global' } });
      await json(`${url}/v1/program/resume`, 'POST', token('po2'), { scope: { kind: 'global' } });
      await waitAll((a) => a.latest?.state === 'active');
      if (run === 0) continue;
      anchorLast.push(Math.max(...anchorLat));
      anchorP99.push(percentile(anchorLat, 99));
      pauseLast.push(Math.max(...pauseLat));
      pauseP99.push(percentile(pauseLat, 99));
      progress(
        `run ${run}: pause reached all in ${Math.max(...pauseLat).toFixed(0)} ms (anchor ${Math.max(...anchorLat).toFixed(0)} ms)`,
      );
    }
    for (const a of agents) a.req?.destroy();
    const figures = {
      agents: n,
      runs,
      pause: { p99Ms: stats(pauseP99), lastMs: stats(pauseLast) },
      anchorScopePush: { p99Ms: stats(anchorP99), lastMs: stats(anchorLast) },
      ratioLast: stats(pauseLast).median / stats(anchorLast).median,
      target: 'p99 under 1 s',
    };
    printTable(`kill-switch: ${n} connected agents, ${runs} runs (ms from request to delivery)`, [
      {
        name: 'pause: p99 over agents',
        median: figures.pause.p99Ms.median,
        spread: figures.pause.p99Ms.spread,
      },
      { name: 'pause: last agent', median: figures.pause.lastMs.median, spread: figures.pause.lastMs.spread },
      {
        name: 'anchor (scope push): p99',
        median: figures.anchorScopePush.p99Ms.median,
        spread: figures.anchorScopePush.p99Ms.spread,
      },
      {
        name: 'anchor (scope push): last',
        median: figures.anchorScopePush.lastMs.median,
        spread: figures.anchorScopePush.lastMs.spread,
      },
      { name: 'ratio pause/anchor (last)', median: figures.ratioLast, spread: 0 },
    ]);
    console.log(`\nwritten ${writeResults('kill-switch', figures)}`);
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
