/**
 * The native messaging host: Chromium's framing both ways, callers not in its allow-list refused,
 * events relayed in order with the per-install secret, the state long-polled and pushed, a pause
 * relayed, and "no_agent" while the agent is not running.
 */
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/test-fixtures.ts';
import { type HostMessage, runNativeHost } from './native-host.ts';

const EXT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/';
const SECRET = 'A'.repeat(43);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length);
  return Buffer.concat([head, body]);
}

function reader(stream: PassThrough): HostMessage[] {
  const out: HostMessage[] = [];
  let buf = Buffer.alloc(0);
  stream.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= 4 && buf.length >= 4 + buf.readUInt32LE(0)) {
      const n = buf.readUInt32LE(0);
      out.push(JSON.parse(buf.subarray(4, 4 + n).toString()) as HostMessage);
      buf = buf.subarray(4 + n);
    }
  });
  return out;
}

async function until(cond: () => boolean): Promise<void> {
  const end = Date.now() + 5_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A stand-in for the agent's control server: records requests, answers like it. */
async function fakeAgent(dataDir: string) {
  const requests: { method: string; path: string; auth: string; body: string }[] = [];
  let state = {
    v: 1,
    key: 'capturing|',
    capture: 'capturing',
    sites: [{ origin: 'https://crm.example.com', level: 'full' }],
  };
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      auth: req.headers.authorization ?? '',
      body,
    });
    if (req.headers.authorization !== `Bearer ${SECRET}`) return res.writeHead(401).end('{}');
    if (req.url?.startsWith('/browser/state')) {
      const known = new URL(req.url, 'http://x').searchParams.get('known');
      if (known === state.key) await new Promise((r) => setTimeout(r, 200));
      return res.end(JSON.stringify(state));
    }
    if (req.url === '/browser/events') {
      const n = (JSON.parse(body) as { items: unknown[] }).items.length;
      return res.end(JSON.stringify({ v: 1, accepted: n, dropped: 0 }));
    }
    if (req.url === '/pause') state = { ...state, key: 'paused|', capture: 'paused' };
    return res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await writeFile(join(dataDir, 'control.json'), JSON.stringify({ v: 1, port, pid: 1 }));
  await writeFile(join(dataDir, 'control.secret'), `${SECRET}\n`);
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { requests };
}

async function startHost(dataDir: string, caller = EXT) {
  const input = new PassThrough();
  const output = new PassThrough();
  const messages = reader(output);
  const done = runNativeHost({
    dataDir,
    input,
    output,
    callerOrigin: caller,
    allowedOrigins: [EXT],
    log: () => {},
    retryMs: 50,
  });
  cleanups.push(async () => {
    input.end();
    await done;
  });
  return { input, messages, done };
}

describe('native messaging host', () => {
  it('refuses a caller that is not the Steno extension', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const { messages, done } = await startHost(dir, 'chrome-extension://pppppppppppppppppppppppppppppppp/');
    await done;
    expect(messages).toEqual([{ type: 'error', code: 'CALLER_NOT_ALLOWED' }]);
  });

  it('relays state, events in order and a pause, with the per-install secret', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const agent = await fakeAgent(dir);
    const { input, messages } = await startHost(dir);
    await until(() => messages.some((m) => m.type === 'state'));
    expect(messages[0]).toMatchObject({ type: 'state', state: { capture: 'capturing' } });
    const item = (t: number) => ({ origin: 'https://crm.example.com', event: { type: 'paste', t } });
    input.write(frame({ type: 'events', post: { v: 1, items: [item(1), item(2)] } }));
    input.write(frame({ type: 'events', post: { v: 1, items: [item(3)] } }));
    input.write(frame({ type: 'events', post: { v: 1, items: 'not a list' } }));
    await until(() => messages.filter((m) => m.type === 'receipt').length === 2);
    expect(messages.filter((m) => m.type === 'receipt')).toEqual([
      { type: 'receipt', accepted: 2, dropped: 0 },
      { type: 'receipt', accepted: 1, dropped: 0 },
    ]);
    expect(messages).toContainEqual({ type: 'error', code: 'SCHEMA_INVALID' });
    const posted = agent.requests
      .filter((r) => r.path === '/browser/events')
      .map((r) => JSON.parse(r.body).items.length);
    expect(posted).toEqual([2, 1]);
    input.write(frame({ type: 'pause' }));
    await until(() => messages.some((m) => m.type === 'state' && m.state.capture === 'paused'));
    expect(agent.requests.every((r) => r.auth === `Bearer ${SECRET}`)).toBe(true);
  });

  it('says no_agent while the agent is not running', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const { messages } = await startHost(dir);
    await until(() => messages.length > 0);
    expect(messages[0]).toEqual({
      type: 'state',
      state: { v: 1, key: 'no_agent', capture: 'no_agent', sites: [] },
    });
  });
});
