import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LiveAgent, runLiveAgent } from '@steno/agent';
import type { CaptureScope } from '@steno/protocol';
import type { BrowserContext, Worker } from 'playwright-core';
import { FakeStenoServer } from '../../../agent/src/test-support/fake-steno-server.ts';
import { tempDir } from '../../../agent/src/test-support/test-fixtures.ts';
import { CHROMIUM, launchChromiumWithExtension, QUIET_FLAGS } from './chromium-with-extension.ts';

export { CHROMIUM, QUIET_FLAGS };

export const CHROMIUM_SKIP_MESSAGE =
  'browser capture e2e skipped: /usr/bin/chromium is not installed (apt-get install -y chromium); in CI it fails instead';

/** Run when Chromium is there, and always in CI (where its absence must fail the suite). */
export function chromiumRunnable(): boolean {
  return existsSync(CHROMIUM) || Boolean(process.env.CI);
}

const PAGES = fileURLToPath(new URL('../test-pages/', import.meta.url));

export async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

export async function waitFor(cond: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

export interface Harness {
  readonly server: FakeStenoServer;
  readonly agent: LiveAgent;
  readonly context: BrowserContext;
  readonly worker: Worker;
  readonly extensionId: string;
  /** In scope: http://127.0.0.1:PORT; out of scope: http://localhost:PORT. */
  readonly inScope: string;
  readonly outOfScope: string;
  /** Every body the extension's host posted to the agent, as received (before the agent's own gate). */
  readonly wire: unknown[];
  /** The extension's view of the agent (from its service worker). */
  extensionState(): Promise<{ capture: string; pausedLocally: boolean; sites: number }>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { leaseTtlMs?: number; scope?: CaptureScope } = {},
): Promise<Harness> {
  const cleanups: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
  };
  try {
    const pages = await servePages();
    cleanups.push(() => new Promise<void>((r) => pages.close(() => r())));
    const port = (pages.address() as AddressInfo).port;
    const inScope = `http://127.0.0.1:${port}`;
    const outOfScope = `http://localhost:${port}`;

    const server = await new FakeStenoServer().start();
    cleanups.push(() => server.close());
    const scope: CaptureScope = options.scope ?? {
      apps: [],
      sites: [{ origin: 'http://127.0.0.1:*', level: 'full' }],
    };
    server.scope = scope;
    server.leaseTtlMs = options.leaseTtlMs ?? 60_000;

    const { dir, cleanup } = await tempDir('steno-ext-');
    cleanups.push(cleanup);
    const dataDir = join(dir, 'agent');
    const wire: unknown[] = [];
    const agent = await runLiveAgent({
      server: server.url,
      enrolToken: server.addToken('alice'),
      dataDir,
      live: { feed: { start: () => {}, stop: async () => {} }, holdbackMs: 0 },
      holdbackMs: 0,
      batch: { maxDelayMs: 100 },
      backoff: { baseMs: 20, capMs: 200 },
      notify: false,
      log: () => {},
      browser: { onWire: (body) => wire.push(structuredClone(body)), stateWaitMs: 5_000 },
    });
    cleanups.push(() => agent.stop());
    await waitFor(() => agent.live.leaseHolder?.view().kind === 'active', 10_000, 'a capture lease');

    const { context, extensionId } = await launchChromiumWithExtension({ dir, dataDir, headless: true });
    cleanups.push(() => context.close());
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionState = async () =>
      (await worker.evaluate(() =>
        (globalThis as unknown as { stenoState: () => unknown }).stenoState(),
      )) as { capture: string; pausedLocally: boolean; sites: number };
    const until = Date.now() + 15_000;
    while ((await extensionState()).capture !== 'capturing') {
      if (Date.now() > until) throw new Error('the extension never reached the agent');
      await sleep(50);
    }
    return { server, agent, context, worker, extensionId, inScope, outOfScope, wire, extensionState, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function servePages(): Promise<Server> {
  const server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    if (!/^[a-z-]+\.html$/.test(name)) {
      res.writeHead(404).end();
      return;
    }
    readFile(join(PAGES, name)).then(
      (body) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}
